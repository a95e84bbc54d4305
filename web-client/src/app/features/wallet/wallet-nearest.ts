import { Component, DOCUMENT, DestroyRef, type ElementRef, inject, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import * as L from 'leaflet';
import { graticule } from '../map/district-outline';
import { type NearUnit, type Tambon, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';
import { loadLeafletCss } from '../map/leaflet-css';

/** The units nearest to the browser's location or a chosen tambon, with distance, hours and services. */
@Component({
  selector: 'app-wallet-nearest',
  imports: [RouterLink],
  template: `
    <section class="wcard" aria-labelledby="wn-title">
      <h2 id="wn-title">{{ w.t('nearestTitle') }}</h2>
      <div class="row">
        <button type="button" class="btn btn-primary" (click)="locate()" data-testid="use-location">{{ w.t('useLocation') }}</button>
      </div>
      <div class="field">
        <label class="field-label" for="wn-tambon">{{ w.t('orTambon') }}</label>
        <select id="wn-tambon" (change)="byTambon($any($event.target).value)">
          <option value="">—</option>
          @for (t of tambons(); track t.code) {
            <option [value]="t.code">{{ w.th ? t.nameTh + ' (' + t.districtTh + ')' : t.nameEn }}</option>
          }
        </select>
      </div>
      @if (error()) {
        <p class="alert alert-error" role="alert">{{ error() }}</p>
      }
      <div #map class="wallet-map" data-testid="nearest-map" [hidden]="units().length === 0" role="img" [attr.aria-label]="w.t('nearestTitle')"></div>
      <ul class="plain-list" data-testid="nearest-units" aria-live="polite">
        @for (u of units(); track u.hcode; let i = $index) {
          <li>
            <span class="map-number" aria-hidden="true">{{ i + 1 }}</span> <strong>{{ w.th ? u.nameTh : u.nameEn }}</strong> · {{ w.t('km', { km: u.distanceKm }) }}
            @if (u.openingHours; as h) {
              <div class="muted">{{ w.t('hours', { open: h.open, close: h.close }) }} · {{ h.noteTh }}</div>
            }
            <div class="chips">
              @for (s of u.services; track s.code) {
                <a class="pill" routerLink="/wallet/book" [queryParams]="{ service: s.code, hcode: u.hcode }">{{ s.nameTh }}</a>
              }
            </div>
          </li>
        }
      </ul>
    </section>
  `,
})
export class WalletNearest {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly tambons = signal<Tambon[]>([]);
  protected readonly units = signal<NearUnit[]>([]);
  protected readonly error = signal('');
  readonly #document = inject(DOCUMENT);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('map');
  #map: L.Map | undefined;

  public constructor() {
    inject(DestroyRef).onDestroy(() => this.#map?.remove());
    void this.#api.tambons().then((r) => this.tambons.set(r.tambons)).catch((err: unknown) => this.error.set(this.w.problem(err)));
  }

  protected locate(): void {
    if (!('geolocation' in navigator)) {
      this.error.set(this.w.t('orTambon'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => void this.#load(`lat=${String(pos.coords.latitude)}&lng=${String(pos.coords.longitude)}`),
      () => this.error.set(this.w.t('orTambon')),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  }

  protected byTambon(code: string): void {
    if (code !== '') void this.#load(`tambon=${encodeURIComponent(code)}`);
  }

  async #load(query: string): Promise<void> {
    this.error.set('');
    try {
      const found = await this.#api.nearest(`${query}&limit=5`);
      this.units.set(found.units);
      await this.#draw(found.from, found.units);
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }

  /** The same offline map as the staff unit map (Leaflet, no tile server): a graticule, where I am, the units numbered. */
  async #draw(from: { lat: number; lng: number }, units: readonly NearUnit[]): Promise<void> {
    await loadLeafletCss(this.#document);
    const el = this.host().nativeElement;
    el.hidden = false;
    this.#map ??= L.map(el, { zoomAnimation: false, fadeAnimation: false, attributionControl: true, minZoom: 8, maxZoom: 15 });
    this.#map.attributionControl.setPrefix('Leaflet');
    const map = this.#map;
    map.eachLayer((layer) => map.removeLayer(layer));
    const points: L.LatLngTuple[] = [[from.lat, from.lng], ...units.map((u) => [u.lat, u.lng] as L.LatLngTuple)];
    const lats = points.map((p) => p[0]);
    const lngs = points.map((p) => p[1]);
    map.invalidateSize();
    map.fitBounds(
      [
        [Math.min(...lats), Math.min(...lngs)],
        [Math.max(...lats), Math.max(...lngs)],
      ],
      { padding: [24, 24], animate: false, maxZoom: 13 },
    );
    for (const line of graticule(Math.min(...lats) - 0.2, Math.min(...lngs) - 0.2, Math.max(...lats) + 0.2, Math.max(...lngs) + 0.2, 0.05)) {
      L.polyline(line.map((p) => [p[0], p[1]] as L.LatLngTuple), { color: '#b0bec5', weight: 0.6, interactive: false }).addTo(map);
    }
    L.circleMarker([from.lat, from.lng], { radius: 7, color: '#0d47a1', weight: 2, fillColor: '#42a5f5', fillOpacity: 1 }).bindTooltip(this.w.th ? 'ตำแหน่งของฉัน' : 'Me', { permanent: true, direction: 'top' }).addTo(map);
    units.forEach((u, i) => {
      L.polyline([[from.lat, from.lng], [u.lat, u.lng]], { color: '#90a4ae', weight: 1, dashArray: '3 3', interactive: false }).addTo(map);
      L.circleMarker([u.lat, u.lng], { radius: u.type === 'hospital' ? 9 : 6, color: '#0b3d27', weight: 1.5, fillColor: u.type === 'hospital' ? '#c0392b' : '#1b8a5a', fillOpacity: 0.95 })
        .bindTooltip(`${String(i + 1)}`, { permanent: true, direction: 'right', className: 'map-number-label' })
        .bindPopup(`${this.w.th ? u.nameTh : u.nameEn} · ${this.w.t('km', { km: u.distanceKm })}`)
        .addTo(map);
    });
  }

}
