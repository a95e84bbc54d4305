import type { Unit } from '../../units/unit-registry';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km between two WGS84 points (haversine). */
export function distanceKm(a: Readonly<{ lat: number; lng: number }>, b: Readonly<{ lat: number; lng: number }>): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A tambon the citizen can pick instead of sharing their location (its health centre's coordinates). */
export interface Tambon {
  readonly code: string;
  readonly nameTh: string;
  readonly nameEn: string;
  readonly districtTh: string;
  readonly lat: number;
  readonly lng: number;
}

const RPST_PREFIX = 'โรงพยาบาลส่งเสริมสุขภาพตำบล';

/** Tambons from the health centres of fixtures/units.json (one per tambon; code = the health centre's hcode). */
export function tambonsOf(units: readonly Unit[]): Tambon[] {
  const seen = new Set<string>();
  const out: Tambon[] = [];
  for (const u of units) {
    const sub = (u as Unit & { subdistrict?: unknown }).subdistrict;
    if (u.type !== 'health-centre' || typeof sub !== 'string' || seen.has(sub)) continue;
    seen.add(sub);
    const districtTh = (u as Unit & { districtTh?: unknown }).districtTh;
    out.push({
      code: u.hcode,
      nameTh: u.nameTh.startsWith(RPST_PREFIX) ? u.nameTh.slice(RPST_PREFIX.length) : u.nameTh,
      nameEn: sub,
      districtTh: typeof districtTh === 'string' ? districtTh : u.district,
      lat: u.lat,
      lng: u.lng,
    });
  }
  return out.sort((a, b) => a.nameTh.localeCompare(b.nameTh, 'th'));
}

/** Units (hospitals and health centres) nearest to `from`, closest first, at most `limit`. */
export function nearestUnits(units: readonly Unit[], from: Readonly<{ lat: number; lng: number }>, limit: number, accept: (u: Unit) => boolean = () => true): Array<{ unit: Unit; distanceKm: number }> {
  return units
    .filter((u) => u.type !== 'provincial-office' && accept(u))
    .map((unit) => ({ unit, distanceKm: Math.round(distanceKm(from, unit) * 100) / 100 }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.unit.hcode.localeCompare(b.unit.hcode))
    .slice(0, limit);
}
