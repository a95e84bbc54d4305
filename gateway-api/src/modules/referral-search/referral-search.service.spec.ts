import { ApiError } from '../../http/api-error';
import { InMemoryReadModel } from '../../store/in-memory-read-model';
import { toReferralDocument } from '../../store/read-model';
import { advance, newReferral } from '../../fabric/events/test-support/fake-blocks';
import type { LedgerReferral } from '../../fabric/referral-client';
import { UnitRegistry, type Unit } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import { listReferralsQuerySchema, referralStatsQuerySchema } from './referral-search.schemas';
import { ReferralSearchService } from './referral-search.service';

const unit = (hcode: string, nameEn: string, type: Unit['type'], mspId: string, parentHcode: string | null = null): Unit => ({
  hcode,
  nameTh: nameEn,
  nameEn,
  type,
  district: 'x',
  parentHcode,
  mspId,
  lat: 0,
  lng: 0,
  illustrative: true,
});
const units = new UnitRegistry([
  unit('10697', 'Buddhasothorn Hospital', 'hospital', 'BuddhasothornMSP'),
  unit('11138', 'Bang Khla Hospital', 'hospital', 'BangKhlaMSP'),
  unit('03998', 'Bang Khla Health Centre', 'health-centre', 'BangKhlaMSP', '11138'),
  unit('00024', 'Provincial Health Office', 'provincial-office', 'ProvincialHealthOfficeMSP'),
]);

const nurseBuddhasothorn: Principal = { username: 'nurse.buddhasothorn', role: 'nurse', hcode: '10697', mspId: 'BuddhasothornMSP' };
const clinicianBangKhla: Principal = { username: 'clinician.bangkhla', role: 'clinician', hcode: '11138', mspId: 'BangKhlaMSP' };
const nurse03998: Principal = { username: 'nurse.03998', role: 'nurse', hcode: '03998', mspId: 'BangKhlaMSP' };
const auditor: Principal = { username: 'auditor.pho', role: 'auditor', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' };

let block = 0;
async function seed(model: InMemoryReadModel, referral: LedgerReferral): Promise<void> {
  block++;
  await model.saveReferral(toReferralDocument(referral, { blockNumber: block, txIndex: 0, txId: `tx${block}` }));
}

const list = (query: Record<string, string> = {}) => listReferralsQuerySchema.parse(query);

async function setup(): Promise<{ service: ReferralSearchService; model: InMemoryReadModel }> {
  const model = new InMemoryReadModel();
  // to Buddhasothorn from Bang Khla: routine old, routine new, urgent, fast-track (lower priority than urgent)
  await seed(model, newReferral('R-routine-old', 't1', '2026-11-20T08:00:00.000Z', { priority: 3 }));
  await seed(model, newReferral('R-routine-new', 't2', '2026-11-24T08:00:00.000Z', { priority: 3 }));
  await seed(model, newReferral('R-urgent', 't3', '2026-11-22T08:00:00.000Z', { priority: 1 }));
  await seed(model, newReferral('R-fast', 't4', '2026-11-21T08:00:00.000Z', { priority: 2, fastTrack: '02' }));
  // health centre 03998 → Bang Khla hospital; Bang Khla → health centre 03998 (back-referral)
  await seed(model, newReferral('R-hc-up', 't5', '2026-11-23T08:00:00.000Z', { fromHcode: '03998', toHcode: '11138', toMsp: 'BangKhlaMSP' }));
  await seed(model, newReferral('R-hc-back', 't6', '2026-11-23T09:00:00.000Z', { toHcode: '03998', toMsp: 'BangKhlaMSP', kind: 'back-referral', reasonCode: '4' }));
  // Buddhasothorn → Bang Khla
  await seed(model, newReferral('R-out', 't7', '2026-11-23T10:00:00.000Z', { fromHcode: '10697', fromMsp: 'BuddhasothornMSP', toHcode: '11138', toMsp: 'BangKhlaMSP' }));
  return { service: new ReferralSearchService({ repository: model, units, now: () => new Date('2026-11-25T10:00:00.000Z') }), model };
}

describe('ReferralSearchService.list', () => {
  it('shows a Buddhasothorn nurse her incoming referrals: fast-track first, then priority, then newest', async () => {
    const { service } = await setup();
    const page = await service.list(nurseBuddhasothorn, list({ direction: 'incoming' }));
    expect(page.items.map((r) => r.id)).toEqual(['R-fast', 'R-urgent', 'R-routine-new', 'R-routine-old']);
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 4 });
    expect(page.items[0]?.to).toEqual({ hcode: '10697', nameTh: 'Buddhasothorn Hospital', nameEn: 'Buddhasothorn Hospital', type: 'hospital' });
    expect(page.items[0]).not.toHaveProperty('isFastTrack');
    expect(page.items[0]?.ledger).toMatchObject({ txId: expect.any(String) });
  });

  it('direction all = incoming and outgoing; outgoing = sent by the unit', async () => {
    const { service } = await setup();
    expect((await service.list(nurseBuddhasothorn, list())).total).toBe(5);
    expect((await service.list(nurseBuddhasothorn, list({ direction: 'outgoing' }))).items.map((r) => r.id)).toEqual(['R-out']);
  });

  it('shows a health-centre nurse only her own unit, and not to the hospital above it unless it is a party', async () => {
    const { service, model } = await setup();
    // the health centre refers straight to Buddhasothorn: Bang Khla hospital is no party
    await seed(model, newReferral('R-hc-direct', 't8', '2026-11-23T11:00:00.000Z', { fromHcode: '03998' }));
    expect((await service.list(nurse03998, list())).items.map((r) => r.id).sort()).toEqual(['R-hc-back', 'R-hc-direct', 'R-hc-up']);
    const bangKhla = (await service.list(clinicianBangKhla, list())).items.map((r) => r.id);
    expect(bangKhla).not.toContain('R-hc-direct');
    expect(bangKhla).toContain('R-hc-up'); // Bang Khla receives it
    expect(bangKhla).toContain('R-hc-back'); // Bang Khla sent it
    expect((await service.list(clinicianBangKhla, list({ direction: 'incoming' }))).items.map((r) => r.id).sort()).toEqual(['R-hc-up', 'R-out']);
  });

  it('lets auditors see every referral, or one unit', async () => {
    const { service } = await setup();
    expect((await service.list(auditor, list())).total).toBe(7);
    expect((await service.list(auditor, list({ unit: '03998' }))).items.map((r) => r.id).sort()).toEqual(['R-hc-back', 'R-hc-up']);
    expect((await service.list(auditor, list({ unit: '03998', direction: 'incoming' }))).items.map((r) => r.id)).toEqual(['R-hc-back']);
  });

  it('refuses another unit to non-auditors, accepts their own', async () => {
    const { service } = await setup();
    await expect(service.list(nurse03998, list({ unit: '11138' }))).rejects.toMatchObject({ code: 'FORBIDDEN_UNIT', status: 403 });
    expect((await service.list(nurse03998, list({ unit: '03998' }))).total).toBe(2);
  });

  it('filters by status, priority, fast-track, dates and id prefix, and pages', async () => {
    const { service, model } = await setup();
    const accepted = advance(newReferral('R-routine-old', 't1', '2026-11-20T08:00:00.000Z', { priority: 3 }), 'accept', 'accepted', 't9', '2026-11-20T09:00:00.000Z');
    await seed(model, accepted);
    const ids = async (q: Record<string, string>) => (await service.list(nurseBuddhasothorn, list({ direction: 'incoming', ...q }))).items.map((r) => r.id);
    expect(await ids({ status: 'accepted' })).toEqual(['R-routine-old']);
    expect(await ids({ status: 'requested,accepted' })).toHaveLength(4);
    expect(await ids({ priority: '1' })).toEqual(['R-urgent']);
    expect(await ids({ fastTrack: 'true' })).toEqual(['R-fast']);
    expect(await ids({ fastTrack: 'false' })).toEqual(['R-urgent', 'R-routine-new', 'R-routine-old']);
    // dates are days in Asia/Bangkok; `to` includes its day
    expect(await ids({ from: '2026-11-21', to: '2026-11-22' })).toEqual(['R-fast', 'R-urgent']);
    expect(await ids({ from: '2026-11-22T08:00:00Z' })).toEqual(['R-urgent', 'R-routine-new']);
    expect(await ids({ q: 'R-routine' })).toEqual(['R-routine-new', 'R-routine-old']);
    const page2 = await service.list(nurseBuddhasothorn, list({ direction: 'incoming', page: '2', pageSize: '3' }));
    expect(page2).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(page2.items.map((r) => r.id)).toEqual(['R-routine-old']);
  });
});

describe('ReferralSearchService.stats', () => {
  async function withOutcomes(): Promise<ReferralSearchService> {
    const { service, model } = await setup();
    const base = (id: string) => newReferral(id, `${id}-c`, '2026-11-24T08:00:00.000Z');
    await seed(model, advance(base('R-a10'), 'accept', 'accepted', 'x1', '2026-11-24T08:10:00.000Z'));
    await seed(model, advance(base('R-a30'), 'accept', 'accepted', 'x2', '2026-11-24T08:30:00.000Z'));
    const received = advance(base('R-a60'), 'receive', 'received', 'x3', '2026-11-24T08:20:00.000Z');
    const accepted = advance(received, 'accept', 'accepted', 'x4', '2026-11-24T09:00:00.000Z');
    await seed(model, advance(accepted, 'no-show', 'no-show', 'x5', '2026-11-24T12:00:00.000Z'));
    await seed(model, advance(base('R-r2'), 'reject', 'rejected', 'x6', '2026-11-24T08:05:00.000Z', {}, { rejection: { reasonCode: '2', reasonText: 'no bed' } }));
    await seed(model, advance(base('R-r3'), 'reject', 'rejected', 'x7', '2026-11-24T08:05:00.000Z', {}, { rejection: { reasonCode: '3', reasonText: 'no specialist' } }));
    await seed(model, advance(base('R-c'), 'cancel', 'cancelled', 'x8', '2026-11-24T08:05:00.000Z', { hcode: '11138', mspId: 'BangKhlaMSP' }));
    return service;
  }

  it("reports the caller's unit: counts, time to acceptance, rejection rate by reason, no-shows, cancellations", async () => {
    const service = await withOutcomes();
    const report = await service.stats(nurseBuddhasothorn, referralStatsQuerySchema.parse({ direction: 'incoming' }));
    expect(report.units.map((u) => u.unit.hcode)).toEqual(['10697']);
    const { unit: _unit, ...ownUnit } = report.units[0] ?? { unit: undefined };
    expect(ownUnit).toEqual(report.overall);
    expect(report.overall.total).toBe(10);
    expect(report.overall.byStatus).toMatchObject({ requested: 4, accepted: 2, rejected: 2, 'no-show': 1, cancelled: 1, completed: 0 });
    expect(report.overall.timeToAcceptance).toEqual({ count: 3, medianMinutes: 30, p90Minutes: 60 });
    expect(report.overall.rejections).toEqual({
      count: 2,
      rate: 0.4,
      byReason: [
        { reasonCode: '2', count: 1, share: 0.5 },
        { reasonCode: '3', count: 1, share: 0.5 },
      ],
    });
    expect(report.overall).toMatchObject({ noShows: 1, cancellations: 1 });
  });

  it('limits dates and refuses another unit to non-auditors', async () => {
    const service = await withOutcomes();
    const report = await service.stats(nurseBuddhasothorn, referralStatsQuerySchema.parse({ from: '2026-11-24', to: '2026-11-24' }));
    expect(report.overall.total).toBe(7);
    expect(report.from).toBe('2026-11-23T17:00:00.000Z');
    expect(report.to).toBe('2026-11-24T17:00:00.000Z');
    await expect(service.stats(nurseBuddhasothorn, referralStatsQuerySchema.parse({ unit: '11138' }))).rejects.toBeInstanceOf(ApiError);
  });

  it('gives auditors every unit with referrals, each counted on both sides', async () => {
    const service = await withOutcomes();
    const report = await service.stats(auditor, referralStatsQuerySchema.parse({}));
    expect(report.overall.total).toBe(13);
    expect(report.units.map((u) => [u.unit.hcode, u.total])).toEqual([
      ['03998', 2],
      ['10697', 11],
      ['11138', 13],
    ]);
    const incoming = await service.stats(auditor, referralStatsQuerySchema.parse({ direction: 'incoming' }));
    expect(incoming.units.map((u) => [u.unit.hcode, u.total])).toEqual([
      ['03998', 1],
      ['10697', 10],
      ['11138', 2],
    ]);
  });
});

describe('ReferralSearchService.timeInState', () => {
  it('gives the periods of a visible referral', async () => {
    const { service, model } = await setup();
    const received = advance(newReferral('R-t', 'c', '2026-11-25T08:00:00.000Z'), 'receive', 'received', 'r', '2026-11-25T08:15:00.000Z');
    await seed(model, advance(received, 'accept', 'accepted', 'a', '2026-11-25T09:00:00.000Z'));
    const result = await service.timeInState(nurseBuddhasothorn, 'R-t');
    expect(result.totalMinutes).toEqual({ requested: 15, received: 45, accepted: 60 });
    expect(result).toMatchObject({ status: 'accepted', currentStatusSince: '2026-11-25T09:00:00.000Z', currentStatusAgeMinutes: 60 });
    expect((await service.timeInState(auditor, 'R-t')).periods).toHaveLength(3);
  });

  it('is 404 when not projected, 403 for a unit that is no party', async () => {
    const { service } = await setup();
    await expect(service.timeInState(nurseBuddhasothorn, 'R-missing')).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
    await expect(service.timeInState(nurse03998, 'R-fast')).rejects.toMatchObject({ code: 'FORBIDDEN_UNIT' });
  });
});
