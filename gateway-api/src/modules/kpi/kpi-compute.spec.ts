import { caseRecord, SCHEDULE, visitRecord } from '../coc/test-support/coc-fakes';
import { computeMonth, emsCountsOf, median, PROVINCE, type Cell } from './kpi-compute';
import type { EmsCaseFact } from './kpi-facts';
import { BANG_KHLA, BUDDHASOTHORN, emptyFacts } from './test-support/kpi-fakes';

const HOSPITALS = [BUDDHASOTHORN, BANG_KHLA];
const cell = (cells: Cell[], id: string, scope: string): Cell | undefined => cells.find((c) => c.indicatorId === id && c.scope === scope);
const base = { pseudonym: null, txId: null, provenance: 'live' as const };

describe('KPI month cells', () => {
  it('counts digital OPD per hospital and hospitals of the province', () => {
    const cells = computeMonth(
      emptyFacts('2026-11', {
        bookings: [{ ...base, id: 'b1', hospital: BANG_KHLA, at: '2026-11-02T01:00:00Z', servedAt: '2026-11-02T01:30:00Z' }],
        kioskVisits: [
          { ...base, id: 'k1', hospital: BANG_KHLA, at: '2026-11-02T03:00:00Z', healthId: true },
          { ...base, id: 'k2', hospital: BANG_KHLA, at: '2026-11-02T03:00:00Z', healthId: false },
          { ...base, id: 'k3', hospital: BUDDHASOTHORN, at: '2026-11-02T03:00:00Z', healthId: false },
        ],
      }),
      { hospitals: HOSPITALS, schedule: SCHEDULE, today: '2026-12-15' },
    );
    expect(cell(cells, 'digital-opd-hospitals', PROVINCE)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(cell(cells, 'digital-opd-hospitals', BANG_KHLA)).toMatchObject({ value: 100 });
    expect(cell(cells, 'digital-opd-use', BANG_KHLA)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(cell(cells, 'digital-opd-use', PROVINCE)).toMatchObject({ numerator: 1, denominator: 3, value: 33.33 });
    expect(cell(cells, 'opd-waiting-change', BANG_KHLA)).toMatchObject({ value: 30, denominator: 1 });
    expect(cell(cells, 'opd-waiting-change', BUDDHASOTHORN)?.value).toBeNull();
  });

  it('scores satisfaction (4–5 of 5) and happiness (mean of 0–10 × 10)', () => {
    const s = (id: string, kind: 'satisfaction' | 'happiness', score: number) => ({ ...base, id, hospital: BUDDHASOTHORN, at: '2026-11-03T00:00:00Z', kind, score });
    const cells = computeMonth(emptyFacts('2026-11', { surveys: [s('a', 'satisfaction', 5), s('b', 'satisfaction', 3), s('c', 'happiness', 8), s('d', 'happiness', 9)] }), { hospitals: HOSPITALS, schedule: SCHEDULE, today: '2026-12-15' });
    expect(cell(cells, 'satisfaction', BUDDHASOTHORN)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(cell(cells, 'happiness', PROVINCE)).toMatchObject({ numerator: 170, denominator: 2, value: 85 });
    expect(cell(cells, 'happiness', BANG_KHLA)?.value).toBeNull();
  });

  it('adds live EMS counts (EmsService.indicators) to demo cases counted the same way', () => {
    const e = (id: string, colour: string, minutesToScene: number | null, outcome: 'died' | 'survived' | null): EmsCaseFact => ({ ...base, provenance: 'demo-year', id, hospital: BUDDHASOTHORN, hub: BUDDHASOTHORN, at: '2026-11-01T00:00:00Z', colour, minutesToScene, outcome });
    const demo = [e('1', 'red', 6, 'survived'), e('2', 'red', 11, 'died'), e('3', 'yellow', 20, null)];
    expect(emsCountsOf(demo)).toEqual({ cases: 3, redReached: 2, redWithinTarget: 1, redWithOutcome: 2, redDeaths: 1 });
    const cells = computeMonth(emptyFacts('2026-11', { emsCases: demo, emsLive: { cases: 2, redReached: 2, redWithinTarget: 2, redWithOutcome: 0, redDeaths: 0 } }), { hospitals: HOSPITALS, schedule: SCHEDULE, today: '2026-12-15' });
    expect(cell(cells, 'ems-access', PROVINCE)).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    expect(cell(cells, 'critical-mortality', PROVINCE)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(cell(cells, 'smart-ems-systems', PROVINCE)).toMatchObject({ value: 1 });
    // EMS indicators are provincial only
    expect(cell(cells, 'ems-access', BANG_KHLA)).toBeUndefined();
  });

  it('counts referral hospitals (either side) and completed referrals among those not cancelled', () => {
    const r = (id: string, from: string, to: string, status: string) => ({ ...base, id, hospital: from, toHospital: to, status, at: '2026-11-04T00:00:00Z', txId: `tx-${id}` });
    const cells = computeMonth(emptyFacts('2026-11', { referrals: [r('1', BANG_KHLA, BUDDHASOTHORN, 'completed'), r('2', BANG_KHLA, BUDDHASOTHORN, 'accepted'), r('3', BANG_KHLA, BUDDHASOTHORN, 'cancelled')] }), { hospitals: HOSPITALS, schedule: SCHEDULE, today: '2026-12-15' });
    expect(cell(cells, 'referral-hospitals', PROVINCE)).toMatchObject({ numerator: 2, value: 2 });
    expect(cell(cells, 'referral-quality-care', BANG_KHLA)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(cell(cells, 'referral-quality-care', BUDDHASOTHORN)).toMatchObject({ denominator: 0, value: null });
  });

  it("takes visited per standard and ADL improvement from the COC module's own indicator, by district hospital", () => {
    const visited = caseRecord({ id: 'C-1', openedOn: '2026-10-01' });
    const notVisited = caseRecord({ id: 'C-2', openedOn: '2026-10-01' });
    const visits = [3, 10, 17, 24].map((d) => visitRecord('C-1', `v${String(d)}`, `2026-11-${String(d).padStart(2, '0')}`, 'volunteer'));
    visits.push(visitRecord('C-1', 'o1', '2026-11-05', 'officer'), visitRecord('C-1', 'd1', '2026-10-02', 'familyDoctor'));
    const cells = computeMonth(emptyFacts('2026-11', { cocCases: [visited, notVisited], cocVisits: visits }), { hospitals: HOSPITALS, schedule: SCHEDULE, today: '2026-12-15' });
    expect(cell(cells, 'visited-per-standard', BANG_KHLA)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(cell(cells, 'visited-per-standard', PROVINCE)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(cell(cells, 'visited-per-standard', BUDDHASOTHORN)).toMatchObject({ denominator: 0, value: null });
  });

  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
