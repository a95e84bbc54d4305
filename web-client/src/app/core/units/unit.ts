/** A hospital, health centre (รพ.สต.) or the provincial office, as GET /api/units returns it. */
export interface Unit {
  readonly hcode: string;
  readonly nameTh: string;
  readonly nameEn: string;
  readonly type: 'hospital' | 'health-centre' | 'provincial-office';
  readonly district: string;
  readonly districtTh?: string;
  readonly subdistrict?: string;
  readonly parentHcode: string | null;
  readonly mspId: string;
  readonly lat: number;
  readonly lng: number;
  readonly illustrative: boolean;
}

/** True when the unit matches every word of `query` (name in either language, hcode, district). */
export function unitMatches(unit: Unit, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const hay = [unit.hcode, unit.nameTh, unit.nameEn, unit.district, unit.districtTh ?? '', unit.subdistrict ?? ''].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}
