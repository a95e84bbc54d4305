import { SCHEDULE } from '../coc/test-support/coc-fakes';
import type { Principal } from '../auth/auth-token';
import { KpiService } from './kpi-service';
import { seriesOf } from './kpi-series';
import { BANG_KHLA, BUDDHASOTHORN, DEFINITIONS, emptyFacts, fakeModels, FakeSource, UNITS } from './test-support/kpi-fakes';

const PHO: Principal = { username: 'manager.pho', role: 'manager', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' };
const DIRECTOR_BK: Principal = { username: 'director.bangkhla', role: 'manager', hcode: BANG_KHLA, mspId: 'BangKhlaMSP' };
const NURSE_BK: Principal = { username: 'nurse.bangkhla', role: 'nurse', hcode: BANG_KHLA, mspId: 'BangKhlaMSP' };
const NOW = new Date('2026-12-10T03:00:00Z');
const base = { pseudonym: 'p-1', txId: null, provenance: 'live' as const };

function harness() {
  const facts = new Map([
    ['2026-10', emptyFacts('2026-10', { referrals: [{ ...base, id: 'R-1', hospital: BANG_KHLA, toHospital: BUDDHASOTHORN, status: 'completed', at: '2026-10-02T00:00:00Z', txId: 'tx1' }] })],
    [
      '2026-11',
      emptyFacts('2026-11', {
        referrals: [
          { ...base, id: 'R-2', hospital: BUDDHASOTHORN, toHospital: BANG_KHLA, status: 'accepted', at: '2026-11-02T00:00:00Z', txId: 'tx2' },
          { ...base, id: 'R-3', hospital: BANG_KHLA, toHospital: BUDDHASOTHORN, status: 'completed', at: '2026-11-03T00:00:00Z', txId: 'tx3' },
        ],
      }),
    ],
  ]);
  const source = new FakeSource(facts);
  const models = fakeModels();
  const clock = { now: NOW };
  const service = new KpiService({ source, models, definitions: DEFINITIONS, units: UNITS, schedule: SCHEDULE, now: () => clock.now, liveMaxAgeMs: 60_000 });
  return { service, source, models, clock };
}

const code = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (err: unknown) => (err as { code: string }).code);

describe('KPI service', () => {
  it('lets the provincial office see the province and any hospital; a director only their own (403 KPI_FORBIDDEN_HOSPITAL)', async () => {
    const { service } = harness();
    expect(service.scopeFor(PHO, undefined)).toBe('province');
    expect(service.scopeFor(PHO, BUDDHASOTHORN)).toBe(BUDDHASOTHORN);
    expect(service.scopeFor(DIRECTOR_BK, undefined)).toBe(BANG_KHLA);
    expect(service.scopeFor(DIRECTOR_BK, BANG_KHLA)).toBe(BANG_KHLA);
    expect(await code(service.dashboard(DIRECTOR_BK, { hospital: BUDDHASOTHORN }))).toBe('KPI_FORBIDDEN_HOSPITAL');
    expect(await code(service.dashboard(DIRECTOR_BK, { hospital: 'province' }))).toBe('KPI_FORBIDDEN_HOSPITAL');
    expect(await code(service.records(DIRECTOR_BK, 'referral-quality-care', { month: '2026-11', hospital: BUDDHASOTHORN, limit: 10, offset: 0 }))).toBe('KPI_FORBIDDEN_HOSPITAL');
    expect(await code(service.dashboard(NURSE_BK, {}))).toBe('FORBIDDEN_ROLE');
    expect(await code(service.dashboard(PHO, { hospital: '99999' }))).toBe('UNKNOWN_HCODE');
    expect(await code(service.dashboard(PHO, { from: '2026-12', to: '2026-01' }))).toBe('INVALID_ARGUMENT');
    expect(await code(service.dashboard(PHO, { from: '2020-01', to: '2026-01' }))).toBe('INVALID_ARGUMENT');
  });

  it("gives a director their hospital's series and the province its by-hospital table", async () => {
    const { service } = harness();
    const own = await service.dashboard(DIRECTOR_BK, { from: '2026-10', to: '2026-11' });
    expect(own.scope).toMatchObject({ kind: 'hospital', hcode: BANG_KHLA });
    const quality = own.series.find((s) => s.indicatorId === 'referral-quality-care');
    expect(quality?.points.map((p) => [p.month, p.numerator, p.denominator, p.value])).toEqual([
      ['2026-10', 1, 1, 100],
      ['2026-11', 1, 1, 100],
    ]);
    expect(own.byHospital).toEqual([]);
    // EMS indicators stay provincial in a hospital view
    expect(own.series.find((s) => s.indicatorId === 'ems-access')?.scope).toBe('province');
    expect(own.series).toHaveLength(12);
    const province = await service.dashboard(PHO, { from: '2026-10', to: '2026-11' });
    expect(province.series.find((s) => s.indicatorId === 'referral-quality-care')?.points[1]).toMatchObject({ numerator: 1, denominator: 2, value: 50, target: 50, meetsTarget: true });
    expect(province.byHospital).toHaveLength(11);
    expect(province.byHospital.find((h) => h.hcode === BUDDHASOTHORN)?.values['referral-quality-care']).toBe(0);
  });

  it('keeps finished months and recomputes the running one only when its cells are stale', async () => {
    const { service, source, clock } = harness();
    await service.dashboard(PHO, { from: '2026-10', to: '2026-12' });
    expect(source.reads).toBe(3);
    await service.dashboard(PHO, { from: '2026-10', to: '2026-12' });
    expect(source.reads).toBe(3);
    clock.now = new Date(NOW.getTime() + 120_000);
    await service.dashboard(PHO, { from: '2026-10', to: '2026-12' });
    // only December (still running) is read again
    expect(source.reads).toBe(4);
  });

  it('lists the records behind a figure with their transaction ids, matching the numerator', async () => {
    const { service } = harness();
    const out = await service.records(PHO, 'referral-quality-care', { month: '2026-11', limit: 10, offset: 0 });
    expect(out.numerator).toBe(1);
    expect(out.denominator).toBe(2);
    expect(out.rows.filter((r) => r.inNumerator).map((r) => [r.id, r.txId, r.pseudonym])).toEqual([['R-3', 'tx3', 'p-1']]);
    expect(out.total).toBe(2);
    expect(await code(service.records(PHO, 'no-such-kpi', { month: '2026-11', limit: 10, offset: 0 }))).toBe('KPI_UNKNOWN_INDICATOR');
  });

  it('takes one survey answer per respondent, kind and context, and checks the score', async () => {
    const { service } = harness();
    await expect(service.answerSurvey('cit-1', { kind: 'satisfaction', score: 5, hcode: BANG_KHLA, context: 'B-1' })).resolves.toMatchObject({ month: '2026-12' });
    expect(await code(service.answerSurvey('cit-1', { kind: 'satisfaction', score: 4, hcode: BANG_KHLA, context: 'B-1' }))).toBe('KPI_SURVEY_EXISTS');
    expect(await code(service.answerSurvey('cit-1', { kind: 'satisfaction', score: 6, hcode: BANG_KHLA, context: 'B-2' }))).toBe('INVALID_ARGUMENT');
    expect(await code(service.answerSurvey('cit-1', { kind: 'happiness', score: 10, hcode: '99999', context: '2026-12' }))).toBe('UNKNOWN_HCODE');
    await expect(service.answerSurvey('cit-1', { kind: 'happiness', score: 10, hcode: BANG_KHLA, context: '2026-12' })).resolves.toBeDefined();
  });

  it('records one service start per checked-in booking, by staff of its hospital', async () => {
    const { service, models } = harness();
    models.store.get('wallet_bookings')?.set('BK-1', { _id: 'BK-1', hcode: BANG_KHLA, status: 'checked-in', updatedAt: '2026-12-10T02:20:00.000Z', date: '2026-12-10' });
    models.store.get('wallet_bookings')?.set('BK-2', { _id: 'BK-2', hcode: BANG_KHLA, status: 'booked', updatedAt: '2026-12-10T02:20:00.000Z', date: '2026-12-10' });
    expect(await code(service.markServed(DIRECTOR_BK, 'BK-1'))).toBe('FORBIDDEN_ROLE');
    expect(await code(service.markServed({ ...NURSE_BK, hcode: BUDDHASOTHORN }, 'BK-1'))).toBe('FORBIDDEN_UNIT');
    expect(await code(service.markServed(NURSE_BK, 'BK-2'))).toBe('KPI_NOT_CHECKED_IN');
    expect(await code(service.markServed(NURSE_BK, 'BK-9'))).toBe('BOOKING_NOT_FOUND');
    await expect(service.markServed(NURSE_BK, 'BK-1')).resolves.toMatchObject({ waitMinutes: 40 });
    expect(await code(service.markServed(NURSE_BK, 'BK-1'))).toBe('KPI_ALREADY_SERVED');
  });
});

describe('KPI series', () => {
  it('draws a percent change against the first month with data, and change targets from that baseline', () => {
    const wait = DEFINITIONS.find('opd-waiting-change', '2026-11');
    const mortality = DEFINITIONS.find('critical-mortality', '2026-11');
    if (wait === undefined || mortality === undefined) throw new Error('definitions missing');
    const cells = new Map([
      ['2026-10', [{ indicatorId: 'opd-waiting-change' as const, scope: 'province', numerator: 40, denominator: 10, value: 40 }, { indicatorId: 'critical-mortality' as const, scope: 'province', numerator: 2, denominator: 10, value: 20 }]],
      ['2026-11', [{ indicatorId: 'opd-waiting-change' as const, scope: 'province', numerator: 20, denominator: 10, value: 20 }, { indicatorId: 'critical-mortality' as const, scope: 'province', numerator: 1, denominator: 10, value: 10 }]],
    ]);
    const w = seriesOf(wait, ['2026-09', '2026-10', '2026-11'], cells, 'province');
    expect(w.baseline).toEqual({ month: '2026-10', value: 40 });
    expect(w.points.map((p) => p.value)).toEqual([null, 0, -50]);
    expect(w.points[2]).toMatchObject({ target: -50, meetsTarget: true });
    const m = seriesOf(mortality, ['2026-10', '2026-11'], cells, BANG_KHLA);
    expect(m.scope).toBe('province');
    expect(m.points[1]).toMatchObject({ value: 10, target: 16, meetsTarget: true });
  });
});

describe('KPI drill-down sources', () => {
  it('reads only the sources of the indicator asked about', async () => {
    const { partsOf } = await import('./kpi-service');
    expect(partsOf('visited-per-standard')).toEqual(['coc']);
    expect(partsOf('digital-opd-hospitals')).toEqual(['bookings', 'payments']);
    expect(partsOf('critical-mortality')).toEqual(['ems']);
  });
});
