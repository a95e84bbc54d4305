import { Component, DOCUMENT, DestroyRef, type ElementRef, afterNextRender, computed, effect, inject, signal, viewChild } from '@angular/core';
import * as L from 'leaflet';
import { I18n } from '../../core/i18n/i18n';
import type { Unit } from '../../core/units/unit';
import { unitMatches } from '../../core/units/unit';
import { UnitsApi } from '../../core/units/units-api';
import { ProblemAlert } from '../../shared/problem-alert';
import { StateMessage } from '../../shared/state-message';
import { graticule, type LatLng, outline } from './district-outline';
import { loadLeafletCss } from './leaflet-css';

const STYLE: Record<Unit['type'], { radius: number; fill: string; stroke: string }> = {
  hospital: { radius: 9, fill: '#c0392b', stroke: '#5c0b0e' },
  'health-centre': { radius: 5, fill: '#1b8a5a', stroke: '#0b3d27' },
  'provincial-office': { radius: 8, fill: '#6a1b9a', stroke: '#2e0b44' },
};

const DISTRICT_COLOURS = ['#e3f1f7', '#fdf1dc', '#e8f5e9', '#f3e5f5', '#fff8e1', '#e0f2f1', '#fce4ec', '#ede7f6', '#f1f8e9', '#e1f5fe', '#fbe9e7'];

/**
 * The province's 130 units on a Leaflet map with no tile server: a graticule and approximate
 * district outlines drawn from the units' coordinates; hospitals, รพ.สต. and the provincial
 * office as circle markers. A filterable list beside the map gives the same data by keyboard.
 */
@Component({
  selector: 'app-unit-map',
  imports: [ProblemAlert, StateMessage],
  templateUrl: './unit-map.html',
  styleUrl: './unit-map.css',
})
export class UnitMap {
  protected readonly i18n = inject(I18n);
  protected readonly units = inject(UnitsApi);
  readonly #document = inject(DOCUMENT);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('map');
  #map: L.Map | undefined;
  #layers: L.LayerGroup | undefined;
  readonly #markers = new Map<string, L.CircleMarker>();

  protected readonly query = signal('');
  protected readonly counts = computed(() => {
    const all = this.units.units();
    return { hospital: all.filter((u) => u.type === 'hospital').length, healthCentre: all.filter((u) => u.type === 'health-centre').length, total: all.length };
  });
  protected readonly listed = computed(() => {
    const q = this.query();
    return this.units
      .units()
      .filter((u) => unitMatches(u, q))
      .sort((a, b) => a.district.localeCompare(b.district) || (a.type === b.type ? a.hcode.localeCompare(b.hcode) : a.type === 'hospital' ? -1 : 1));
  });

  public constructor() {
    const css = loadLeafletCss(this.#document);
    void this.units.load();
    afterNextRender(async () => {
      // Leaflet measures its panes and labels: draw only once its stylesheet applies
      await css;
      this.#map = L.map(this.host().nativeElement, { zoomControl: true, attributionControl: true, zoomAnimation: false, fadeAnimation: false, minZoom: 8, maxZoom: 14 });
      this.#map.attributionControl.setPrefix('Leaflet');
      this.#map.setView([13.65, 101.35], 10);
      this.#layers = L.layerGroup().addTo(this.#map);
      this.#draw();
    });
    effect(() => {
      this.units.units();
      this.i18n.lang();
      this.#draw();
    });
    inject(DestroyRef).onDestroy(() => this.#map?.remove());
  }

  protected show(unit: Unit): void {
    const marker = this.#markers.get(unit.hcode);
    if (!this.#map || !marker) return;
    this.#map.setView([unit.lat, unit.lng], Math.max(this.#map.getZoom(), 11), { animate: false });
    marker.openPopup();
    this.host().nativeElement.scrollIntoView({ block: 'nearest' });
  }

  protected typeLabel(u: Unit): string {
    return this.i18n.t(u.type === 'hospital' ? 'map.hospital' : u.type === 'health-centre' ? 'map.healthCentre' : 'map.office');
  }

  #draw(): void {
    const map = this.#map;
    const layers = this.#layers;
    const units = this.units.units();
    if (!map || !layers || units.length === 0) return;
    layers.clearLayers();
    this.#markers.clear();
    const th = this.i18n.lang() === 'th';
    const lats = units.map((u) => u.lat);
    const lngs = units.map((u) => u.lng);
    const [s, n, w, e] = [Math.min(...lats) - 0.1, Math.max(...lats) + 0.1, Math.min(...lngs) - 0.1, Math.max(...lngs) + 0.1];
    // set the view before adding layers, so permanent labels are placed for the final zoom
    map.invalidateSize();
    map.fitBounds([[s + 0.1, w + 0.1], [n - 0.1, e - 0.1]], { padding: [12, 12], animate: false });
    for (const line of graticule(s, w, n, e, 0.1)) {
      L.polyline(line.map((p) => [p[0], p[1]] as L.LatLngTuple), { color: '#b0bec5', weight: 0.6, interactive: false }).addTo(layers);
    }
    const byDistrict = new Map<string, Unit[]>();
    for (const u of units) byDistrict.set(u.district, [...(byDistrict.get(u.district) ?? []), u]);
    [...byDistrict.entries()].forEach(([district, members], i) => {
      const ring = outline(members.map((u) => [u.lat, u.lng] as LatLng), 0.03);
      const name = th ? (members[0]?.districtTh ?? district) : district;
      L.polygon(ring.map((p) => [p[0], p[1]] as L.LatLngTuple), { color: '#5c6b7a', weight: 1.2, dashArray: '4 3', fillColor: DISTRICT_COLOURS[i % DISTRICT_COLOURS.length], fillOpacity: 0.75 })
        .bindTooltip(name, { permanent: true, direction: 'center', className: 'district-label' })
        .addTo(layers);
    });
    const order: Unit['type'][] = ['health-centre', 'provincial-office', 'hospital'];
    for (const type of order) {
      for (const u of units.filter((x) => x.type === type)) {
        const st = STYLE[u.type];
        const marker = L.circleMarker([u.lat, u.lng], { radius: st.radius, color: st.stroke, weight: 1.5, fillColor: st.fill, fillOpacity: 0.95 })
          .bindPopup(this.#popup(u, th))
          .bindTooltip(`${this.i18n.unitName(u)} (${u.hcode})`)
          .addTo(layers);
        this.#markers.set(u.hcode, marker);
      }
    }
  }

  #popup(u: Unit, th: boolean): HTMLElement {
    const el = this.#document.createElement('div');
    const title = this.#document.createElement('strong');
    title.textContent = this.i18n.unitName(u);
    const meta = this.#document.createElement('div');
    meta.textContent = `${u.hcode} · ${this.typeLabel(u)} · ${th ? (u.districtTh ?? u.district) : u.district}${u.illustrative ? ` · ${this.i18n.t('map.illustrative')}` : ''}`;
    el.append(title, meta);
    return el;
  }

}
