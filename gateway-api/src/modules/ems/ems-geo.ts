import { ApiError } from '../../http/api-error';
import type { Unit } from '../../units/unit-registry';

/** A WGS84 position. */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** Rough bounding box of Chachoengsao province (with a margin): a map click outside is an unknown location. */
export const PROVINCE_BOUNDS = { south: 13.2, north: 14.15, west: 100.75, east: 102.0 } as const;

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = (d: number): number => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Estimated road distance and minutes: straight line × detour factor at an average speed. */
export function estimateEta(from: LatLng, to: LatLng, roadFactor: number, speedKmh: number): { distanceKm: number; roadKm: number; etaMinutes: number } {
  const distanceKm = haversineKm(from, to);
  const roadKm = distanceKm * roadFactor;
  return { distanceKm: round(distanceKm, 2), roadKm: round(roadKm, 2), etaMinutes: round((roadKm / speedKmh) * 60, 1) };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Where a call comes from: a map click, or a tambon (sub-district) and a landmark. */
export type CallLocation =
  | { readonly lat: number; readonly lng: number; readonly landmark?: string | undefined }
  | { readonly tambon: string; readonly district?: string | undefined; readonly landmark?: string | undefined };

/** A resolved call location. */
export interface ResolvedLocation extends LatLng {
  readonly source: 'map' | 'tambon';
  readonly tambon?: string;
  readonly district?: string;
  readonly landmark?: string;
}

/**
 * Tambon gazetteer built from fixtures/units.json: each unit's tambon (English name) at its position (tambon centroids
 * for health centres, so a tambon-and-landmark call is placed at the centroid).
 */
export class TambonGazetteer {
  readonly #byName = new Map<string, { tambon: string; district: string; lat: number; lng: number }[]>();

  public constructor(units: readonly (Unit & { subdistrict?: string | null })[]) {
    for (const unit of units) {
      if (unit.subdistrict === undefined || unit.subdistrict === null || unit.type === 'provincial-office') continue;
      const key = unit.subdistrict.trim().toLowerCase();
      const list = this.#byName.get(key) ?? [];
      // one entry per tambon and district (health centres come first in the fixture order they have)
      if (!list.some((e) => e.district === unit.district)) list.push({ tambon: unit.subdistrict, district: unit.district, lat: unit.lat, lng: unit.lng });
      this.#byName.set(key, list);
    }
  }

  public get size(): number {
    return this.#byName.size;
  }

  /** Every tambon point (one per tambon and district). */
  public points(): { tambon: string; district: string; lat: number; lng: number }[] {
    return [...this.#byName.values()].flat();
  }

  /**
   * Places a call.
   *
   * @throws ApiError UNKNOWN_LOCATION for a point outside the province, an unknown tambon, or an ambiguous one without a district
   */
  public resolve(location: CallLocation): ResolvedLocation {
    const landmark = location.landmark?.trim() || undefined;
    if ('lat' in location) {
      const b = PROVINCE_BOUNDS;
      if (location.lat < b.south || location.lat > b.north || location.lng < b.west || location.lng > b.east) {
        throw new ApiError('UNKNOWN_LOCATION', 'the location is outside Chachoengsao province', { lat: location.lat, lng: location.lng });
      }
      return { source: 'map', lat: location.lat, lng: location.lng, ...(landmark === undefined ? {} : { landmark }) };
    }
    const candidates = this.#byName.get(location.tambon.trim().toLowerCase()) ?? [];
    const district = location.district?.trim().toLowerCase();
    const found = district === undefined ? candidates : candidates.filter((c) => c.district.toLowerCase() === district);
    if (found.length === 0) throw new ApiError('UNKNOWN_LOCATION', `unknown tambon ${location.tambon}`, { tambon: location.tambon, district: location.district });
    if (found.length > 1) {
      throw new ApiError('UNKNOWN_LOCATION', `tambon ${location.tambon} exists in several districts; give the district`, {
        tambon: location.tambon,
        districts: found.map((f) => f.district),
      });
    }
    const hit = found[0] as { tambon: string; district: string; lat: number; lng: number };
    return { source: 'tambon', lat: hit.lat, lng: hit.lng, tambon: hit.tambon, district: hit.district, ...(landmark === undefined ? {} : { landmark }) };
  }
}
