import { Component, DOCUMENT, DestroyRef, type ElementRef, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import * as L from 'leaflet';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { COLOUR_STYLE, EmsText } from './ems-text';
import { type Criteria, type EmsCase, EmsApi, type FirstAidCard, type IntakeResult, type LiveEvent, type Question, type UnitView } from './ems-api';
import { loadLeafletCss } from '../map/leaflet-css';

const STATUS_COLOUR: Readonly<Record<string, string>> = {
  available: '#1b7f3b',
  dispatched: '#b26a00',
  'en-route': '#b26a00',
  'on-scene': '#b3261e',
  transporting: '#6a1b9a',
  'at-hospital': '#0e6b8f',
};

/**
 * The 1669 dispatcher console: take a call (map click or tambon and landmark), triage colour from the versioned
 * criteria, Thai first-aid cards (read out or SMS), the nearest available units of the right level, dispatch,
 * and a live map of every unit fed by the server-sent event stream.
 */
@Component({
  selector: 'app-dispatcher-console',
  imports: [FormsModule, ProblemAlert],
  templateUrl: './dispatcher-console.html',
  styleUrl: './ems.css',
})
export class DispatcherConsole {
  protected readonly i18n = inject(I18n);
  protected readonly text = inject(EmsText);
  protected readonly session = inject(Session);
  readonly #api = inject(EmsApi);
  readonly #document = inject(DOCUMENT);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('map');
  #map: L.Map | undefined;
  readonly #unitMarkers = new Map<string, L.CircleMarker>();
  /** Unit updates from the stream not yet on screen: applied together once per animation frame. */
  readonly #pendingUnits = new Map<string, UnitView>();
  #frame: number | undefined;
  #pointMarker: L.Marker | L.CircleMarker | undefined;

  protected readonly colourStyle = COLOUR_STYLE;
  protected readonly criteria = signal<Criteria | null>(null);
  protected readonly units = signal<UnitView[]>([]);
  protected readonly cases = signal<EmsCase[]>([]);
  protected readonly live = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly result = signal<IntakeResult | null>(null);
  protected readonly smsSent = signal<string | null>(null);
  protected readonly canDispatch = computed(() => this.session.user()?.role === 'dispatcher');

  // the call form
  protected callerNumber = '';
  protected readonly mode = signal<'map' | 'tambon'>('map');
  protected readonly point = signal<{ lat: number; lng: number } | null>(null);
  protected tambon = '';
  protected district = '';
  protected landmark = '';
  protected complaintCode = '';
  protected answers: Record<string, string> = {};

  public constructor() {
    void this.#load();
    const close = this.#api.stream((e) => this.#onEvent(e), (ok) => this.live.set(ok));
    const css = loadLeafletCss(this.#document);
    afterNextRender(async () => {
      await css;
      this.#map = L.map(this.host().nativeElement, { zoomAnimation: false, fadeAnimation: false, minZoom: 8, maxZoom: 15 });
      this.#map.attributionControl.setPrefix('Leaflet');
      this.#map.setView([13.66, 101.3], 10);
      this.#map.on('click', (e: L.LeafletMouseEvent) => {
        if (this.mode() !== 'map') return;
        this.point.set({ lat: Number(e.latlng.lat.toFixed(5)), lng: Number(e.latlng.lng.toFixed(5)) });
        this.#drawPoint();
      });
      this.#drawUnits();
    });
    inject(DestroyRef).onDestroy(() => {
      close();
      if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
      this.#map?.remove();
    });
  }

  protected label(item: { th: string; en: string }): string {
    return this.i18n.lang() === 'th' ? item.th : item.en;
  }

  protected questions(): Question[] {
    return this.criteria()?.criteria.questions ?? [];
  }

  protected async submit(): Promise<void> {
    this.problem.set(null);
    this.smsSent.set(null);
    const answers: Record<string, boolean | number> = {};
    for (const q of this.questions()) {
      const raw = this.answers[q.id];
      if (raw === undefined || raw === '') continue;
      answers[q.id] = q.type === 'boolean' ? raw === 'yes' : Number(raw);
    }
    const point = this.point();
    const location =
      this.mode() === 'map'
        ? { ...(point ?? { lat: 0, lng: 0 }), ...(this.landmark ? { landmark: this.landmark } : {}) }
        : { tambon: this.tambon, ...(this.district ? { district: this.district } : {}), ...(this.landmark ? { landmark: this.landmark } : {}) };
    this.busy.set(true);
    try {
      this.result.set(await this.#api.intake({ callerNumber: this.callerNumber.trim(), location, complaintCode: this.complaintCode, answers }));
      await this.#refreshCases();
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async sendSms(card: FirstAidCard): Promise<void> {
    const r = this.result();
    if (!r) return;
    try {
      const sent = await this.#api.sms(r.case.caseId, card.id);
      this.smsSent.set(`${card.id} → ${sent.to} (${sent.messageId})`);
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected async dispatch(caseId: string, unit: UnitView): Promise<void> {
    this.problem.set(null);
    this.busy.set(true);
    try {
      await this.#api.dispatch(caseId, unit.unitId);
      const r = this.result();
      if (r?.case.caseId === caseId) this.result.set({ ...r, recommendation: (await this.#api.recommendation(caseId)).units, case: { ...r.case, status: 'dispatched', unitId: unit.unitId } });
      await this.#load();
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async standDown(unitId: string): Promise<void> {
    try {
      await this.#api.status(unitId, 'available', { reason: 'stood down by the dispatcher' });
      await this.#load();
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected when(iso: string): string {
    return this.i18n.date(iso, 'datetime');
  }

  async #load(): Promise<void> {
    try {
      const [criteria, units] = await Promise.all([this.criteria() ?? this.#api.criteria(), this.#api.units()]);
      this.criteria.set(criteria);
      this.units.set(units.units);
      await this.#refreshCases();
      this.#drawUnits();
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  async #refreshCases(): Promise<void> {
    this.cases.set((await this.#api.cases()).cases);
  }

  #onEvent(event: LiveEvent): void {
    if (event.type === 'unit') {
      // 200 ambulances report every second: the list and the markers change once per frame, for the units that moved
      const unit = event.data as UnitView;
      this.#pendingUnits.set(unit.unitId, { ...this.#pendingUnits.get(unit.unitId), ...unit });
      this.#frame ??= requestAnimationFrame(() => {
        this.#applyUnits();
      });
    } else if (event.type === 'case') {
      const c = event.data as EmsCase;
      this.cases.update((list) => [c, ...list.filter((x) => x.caseId !== c.caseId)].filter((x) => x.status !== 'handed-over' && x.status !== 'closed'));
    }
  }

  #drawPoint(): void {
    const p = this.point();
    if (!this.#map || !p) return;
    this.#pointMarker?.remove();
    this.#pointMarker = L.circleMarker([p.lat, p.lng], { radius: 10, color: '#111', weight: 3, fillColor: '#ffbf47', fillOpacity: 0.9 }).addTo(this.#map).bindTooltip(this.text.t('intake.clicked'));
  }

  #applyUnits(): void {
    this.#frame = undefined;
    const changed = new Map(this.#pendingUnits);
    this.#pendingUnits.clear();
    this.units.update((list) =>
      list.map((u) => {
        const next = changed.get(u.unitId);
        return next === undefined ? u : { ...u, ...next };
      }),
    );
    this.#drawUnits(changed);
  }

  /** Draws every unit's marker, or only those of `only`. */
  #drawUnits(only?: ReadonlyMap<string, unknown>): void {
    if (!this.#map) return;
    for (const unit of this.units()) {
      if (only !== undefined && !only.has(unit.unitId)) continue;
      const pos = unit.position ?? unit.base;
      const colour = STATUS_COLOUR[unit.status] ?? '#555';
      let marker = this.#unitMarkers.get(unit.unitId);
      if (!marker) {
        marker = L.circleMarker([pos.lat, pos.lng], { radius: unit.level === 'ALS' ? 8 : 6, weight: 2 }).addTo(this.#map);
        this.#unitMarkers.set(unit.unitId, marker);
      }
      marker.setLatLng([pos.lat, pos.lng]);
      marker.setStyle({ color: '#111', fillColor: colour, fillOpacity: 0.9 });
      const eta = unit.etaMinutes === undefined ? '' : ` · ETA ${String(unit.etaMinutes)} min`;
      const tip = `${unit.unitId} (${unit.level}) · ${this.text.status(unit.status)}${eta}`;
      if (marker.getTooltip() === undefined) marker.bindTooltip(tip);
      else marker.setTooltipContent(tip);
    }
  }

}
