import { cocIndicators } from '../coc/coc-indicators';
import type { VisitSchedule } from '../coc/visit-schedule';
import type { IndicatorId } from './kpi-definitions';
import type { EmsCounts, EmsCaseFact, MonthFacts } from './kpi-facts';

/** `province` or a hospital hcode. */
export type Scope = string;
export const PROVINCE = 'province';

/** One indicator, one month, one scope. `value` is null when the month has nothing to count. */
export interface Cell {
  readonly indicatorId: IndicatorId;
  readonly scope: Scope;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
}

/** Rounds to 2 decimals. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function percent(n: number, d: number): number | null {
  return d === 0 ? null : round2((n / d) * 100);
}

/** Median of minutes (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Minutes from check-in to service start, for a served booking. */
export function waitMinutes(b: { at: string; servedAt: string | null }): number | null {
  if (b.servedAt === null) return null;
  const m = (Date.parse(b.servedAt) - Date.parse(b.at)) / 60_000;
  return Number.isFinite(m) && m >= 0 ? m : null;
}

/** EMS counts of case facts, by the definitions of EmsService.indicators (red on scene ≤ target minutes; red deaths among red outcomes). */
export function emsCountsOf(cases: readonly EmsCaseFact[], redTargetMinutes = 8): EmsCounts {
  const red = cases.filter((c) => c.colour === 'red');
  const reached = red.filter((c) => c.minutesToScene !== null);
  const withOutcome = red.filter((c) => c.outcome !== null);
  return {
    cases: cases.length,
    redReached: reached.length,
    redWithinTarget: reached.filter((c) => (c.minutesToScene ?? Infinity) <= redTargetMinutes).length,
    redWithOutcome: withOutcome.length,
    redDeaths: withOutcome.filter((c) => c.outcome === 'died').length,
  };
}

function addCounts(a: EmsCounts, b: EmsCounts | null): EmsCounts {
  if (b === null) return a;
  return { cases: a.cases + b.cases, redReached: a.redReached + b.redReached, redWithinTarget: a.redWithinTarget + b.redWithinTarget, redWithOutcome: a.redWithOutcome + b.redWithOutcome, redDeaths: a.redDeaths + b.redDeaths };
}

/** The last day of month YYYY-MM. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The cells of one month: each indicator for each hospital (scope `hospital` indicators) and for the province.
 * Province ratios are sums of numerators over sums of denominators; the province's hospital counts are distinct
 * hospitals. `today` (YYYY-MM-DD) stops the COC indicator from counting visits missed in the future.
 */
export function computeMonth(facts: MonthFacts, options: { hospitals: readonly string[]; schedule: VisitSchedule; today: string }): Cell[] {
  const cells: Cell[] = [];
  const scopes: Scope[] = [...options.hospitals, PROVINCE];
  const of = <T extends { hospital: string }>(rows: readonly T[], scope: Scope): readonly T[] => (scope === PROVINCE ? rows : rows.filter((r) => r.hospital === scope));
  const push = (indicatorId: IndicatorId, scope: Scope, numerator: number, denominator: number | null, value: number | null): void => {
    cells.push({ indicatorId, scope, numerator: round2(numerator), denominator, value });
  };

  // 1. hospitals with digital OPD: a check-in or a paid kiosk payment
  const digital = new Set([...facts.bookings.map((b) => b.hospital), ...facts.payments.map((p) => p.hospital)]);
  for (const scope of scopes) {
    if (scope === PROVINCE) {
      const n = options.hospitals.filter((h) => digital.has(h)).length;
      push('digital-opd-hospitals', scope, n, options.hospitals.length, percent(n, options.hospitals.length));
    } else push('digital-opd-hospitals', scope, digital.has(scope) ? 1 : 0, 1, digital.has(scope) ? 100 : 0);
  }
  // 2. kiosk visits identified with the wallet's Health ID
  for (const scope of scopes) {
    const visits = of(facts.kioskVisits, scope);
    const n = visits.filter((v) => v.healthId).length;
    push('digital-opd-use', scope, n, visits.length, percent(n, visits.length));
  }
  // 3. median wait (check-in → service), minutes; the change against the baseline month is taken per window (kpi-series.ts)
  for (const scope of scopes) {
    const waits = of(facts.bookings, scope).map(waitMinutes).filter((m): m is number => m !== null);
    const med = median(waits);
    push('opd-waiting-change', scope, med === null ? 0 : round2(med), waits.length, med === null ? null : round2(med));
  }
  // 4. satisfaction: share of answers scoring 4–5; 12. happiness: mean score (0–10) × 10
  for (const scope of scopes) {
    const sat = of(facts.surveys, scope).filter((s) => s.kind === 'satisfaction');
    const good = sat.filter((s) => s.score >= 4).length;
    push('satisfaction', scope, good, sat.length, percent(good, sat.length));
    const hap = of(facts.surveys, scope).filter((s) => s.kind === 'happiness');
    const sum = hap.reduce((a, s) => a + s.score * 10, 0);
    push('happiness', scope, sum, hap.length, hap.length === 0 ? null : round2(sum / hap.length));
  }
  // 5–7. EMS: provincial (one hub); live counts from EmsService.indicators plus demo cases counted the same way
  const demoEms = facts.emsCases.filter((c) => c.provenance === 'demo-year');
  const ems = addCounts(emsCountsOf(demoEms), facts.emsLive);
  const hubs = new Set(demoEms.map((c) => c.hub));
  if ((facts.emsLive?.cases ?? 0) > 0) hubs.add('10697');
  push('smart-ems-systems', PROVINCE, hubs.size, null, ems.cases === 0 ? null : hubs.size);
  push('ems-access', PROVINCE, ems.redWithinTarget, ems.redReached, percent(ems.redWithinTarget, ems.redReached));
  push('critical-mortality', PROVINCE, ems.redDeaths, ems.redWithOutcome, percent(ems.redDeaths, ems.redWithOutcome));
  // 8. hospitals on the referral network; 10. quality care after referral
  for (const scope of scopes) {
    const involved = new Set(facts.referrals.flatMap((r) => [r.hospital, r.toHospital]));
    if (scope === PROVINCE) {
      const n = options.hospitals.filter((h) => involved.has(h)).length;
      push('referral-hospitals', scope, n, null, facts.referrals.length === 0 ? null : n);
    } else push('referral-hospitals', scope, involved.has(scope) ? 1 : 0, null, involved.has(scope) ? 1 : 0);
    const sent = of(facts.referrals, scope).filter((r) => r.status !== 'cancelled');
    const done = sent.filter((r) => r.status === 'completed').length;
    push('referral-quality-care', scope, done, sent.length, percent(done, sent.length));
  }
  // 9. visited per standard, 11. ADL improved: the COC module's own indicator (coc-indicators.ts), by district hospital
  const at = `${facts.month}-01`;
  const end = monthEnd(facts.month);
  const coc = cocIndicators(facts.cocCases, facts.cocVisits, options.schedule, { period: 'month', at, by: 'district', ...(options.today < end ? { asOf: options.today } : {}) });
  for (const scope of scopes) {
    const row = scope === PROVINCE ? coc.overall : coc.rows.find((r) => r.hcode === scope);
    const registered = row?.registered ?? 0;
    const visited = row?.visitedPerStandard ?? 0;
    push('visited-per-standard', scope, visited, registered, percent(visited, registered));
    const dependent = row?.baselineDependent ?? 0;
    const improved = row?.improved ?? 0;
    push('adl-improved', scope, improved, dependent, percent(improved, dependent));
  }
  return cells;
}
