import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { KeyValuePipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { UnitsApi } from '../../core/units/units-api';
import { ProblemAlert } from '../../shared/problem-alert';
import { type CaseMessage, type EmsCase, EmsApi, type LiveEvent, type UnitStatus, type UnitView } from './ems-api';
import { COLOUR_STYLE, EmsText } from './ems-text';
import { VideoCall } from './video-call';

/** Next statuses of a unit (the gateway enforces the same table). */
const NEXT: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = {
  available: [],
  dispatched: ['en-route'],
  'en-route': ['on-scene'],
  'on-scene': ['transporting', 'available'],
  transporting: ['at-hospital'],
  'at-hospital': ['available'],
};

/**
 * The ambulance crew's view: the current mission, the next status (with the receiving hospital when leaving the
 * scene), vital signs by hand or from a 1 Hz device simulator (GPS along the way, a slowly deteriorating patient),
 * the teleconsultation chat, and the crew's signature of the hand-over.
 */
@Component({
  selector: 'app-crew-view',
  imports: [FormsModule, KeyValuePipe, ProblemAlert, VideoCall],
  templateUrl: './crew-view.html',
  styleUrl: './ems.css',
})
export class CrewView {
  protected readonly i18n = inject(I18n);
  protected readonly text = inject(EmsText);
  protected readonly hospitals = inject(UnitsApi);
  readonly #session = inject(Session);
  readonly #api = inject(EmsApi);

  protected readonly colourStyle = COLOUR_STYLE;
  protected readonly unitId = computed(() => (this.#session.user()?.username ?? '').replace(/^crew\./, '').toUpperCase());
  protected readonly unit = signal<UnitView | null>(null);
  protected readonly mission = signal<EmsCase | null>(null);
  protected readonly messages = signal<CaseMessage[]>([]);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly simulating = signal(false);
  protected readonly lastFlags = signal<Record<string, string[]>>({});
  protected readonly next = computed(() => NEXT[this.unit()?.status ?? 'available']);
  protected readonly hospitalList = computed(() => this.hospitals.units().filter((u) => u.type === 'hospital'));

  protected destinationHcode = '10697';
  protected vitals = { hr: 88, sbp: 128, dbp: 82, spo2: 97, rr: 18 };
  protected chatText = '';
  #timer: ReturnType<typeof setInterval> | undefined;
  #tick = 0;

  public constructor() {
    void this.hospitals.load();
    void this.load();
    const close = this.#api.stream((e) => this.#onEvent(e));
    inject(DestroyRef).onDestroy(() => {
      close();
      this.stopSimulation();
    });
  }

  protected async load(): Promise<void> {
    try {
      const [units, cases] = await Promise.all([this.#api.units(), this.#api.cases()]);
      this.unit.set(units.units.find((u) => u.unitId === this.unitId()) ?? null);
      const c = cases.cases.find((x) => x.unitId === this.unitId()) ?? null;
      this.mission.set(c);
      this.messages.set(c ? (await this.#api.case(c.caseId)).messages : []);
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected async move(status: UnitStatus): Promise<void> {
    this.problem.set(null);
    this.busy.set(true);
    try {
      const res = await this.#api.status(this.unitId(), status, status === 'transporting' ? { destinationHcode: this.destinationHcode } : {});
      this.unit.set(res.unit);
      this.mission.set(res.unit.status === 'available' ? null : res.case);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async sendVitals(): Promise<void> {
    await this.#send({ at: new Date().toISOString(), vitals: { ...this.vitals } });
  }

  protected startSimulation(): void {
    if (this.#timer !== undefined) return;
    this.simulating.set(true);
    this.#tick = 0;
    this.#timer = setInterval(() => void this.#simulateOnce(), 1000);
  }

  protected stopSimulation(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.simulating.set(false);
  }

  protected async signHandOver(): Promise<void> {
    const c = this.mission();
    if (!c) return;
    try {
      this.mission.set((await this.#api.handOver(c.caseId)).case);
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected async sendChat(): Promise<void> {
    const c = this.mission();
    if (!c || this.chatText.trim() === '') return;
    try {
      await this.#api.chat(c.caseId, this.chatText.trim());
      this.chatText = '';
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  async #simulateOnce(): Promise<void> {
    const unit = this.unit();
    const c = this.mission();
    if (!unit || !c) return;
    this.#tick += 1;
    const from = unit.position ?? unit.base;
    const hospital = c.destinationHcode ? this.hospitals.find(c.destinationHcode) : undefined;
    const target = unit.status === 'transporting' && hospital ? { lat: hospital.lat, lng: hospital.lng } : c.location;
    // move about 15 m per second toward the target (a straight line stands in for the road polyline)
    const step = 0.00015;
    const dLat = target.lat - from.lat;
    const dLng = target.lng - from.lng;
    const dist = Math.hypot(dLat, dLng);
    const k = dist < step ? 1 : step / dist;
    const position = { lat: from.lat + dLat * k, lng: from.lng + dLng * k, speedKmh: dist < step ? 0 : 54 };
    this.unit.set({ ...unit, position: { lat: position.lat, lng: position.lng, at: new Date().toISOString() } });
    // a deteriorating patient: heart rate up, saturation and pressure down, with noise
    const t = this.#tick;
    const noise = (a: number): number => Math.round((Math.random() - 0.5) * a);
    this.vitals = {
      hr: Math.min(170, 92 + Math.floor(t / 5) + noise(4)),
      sbp: Math.max(70, 124 - Math.floor(t / 6) + noise(4)),
      dbp: Math.max(40, 80 - Math.floor(t / 10) + noise(3)),
      spo2: Math.max(80, 97 - Math.floor(t / 20) + noise(1)),
      rr: Math.min(36, 18 + Math.floor(t / 15) + noise(2)),
    };
    await this.#send({ at: new Date().toISOString(), position, vitals: { ...this.vitals } });
  }

  async #send(body: unknown): Promise<void> {
    try {
      this.lastFlags.set((await this.#api.telemetry(this.unitId(), body)).flags);
    } catch (e) {
      this.problem.set(problemOf(e));
      this.stopSimulation();
    }
  }

  #onEvent(event: LiveEvent): void {
    if (event.type === 'message') {
      const m = event.data as CaseMessage & { caseId: string };
      if (m.caseId === this.mission()?.caseId) this.messages.update((list) => [...list, m]);
    } else if (event.type === 'case') {
      const c = event.data as EmsCase;
      if (c.unitId === this.unitId()) this.mission.set(c.status === 'closed' ? null : c);
    } else if (event.type === 'unit') {
      const u = event.data as UnitView;
      if (u.unitId === this.unitId() && !this.simulating()) this.unit.set(u);
    }
  }
}
