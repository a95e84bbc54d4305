import type { Principal } from '../auth/auth-token';
import { ApiError } from '../../http/api-error';
import type { LiveEvent } from './ems-live';
import {
  CLINICIAN,
  CREW_BKL_ALS_1,
  CREW_BSH_ALS_1,
  DIRECTOR,
  DISPATCHER,
  DISPATCHER2,
  ER_BKL,
  ER_BSH,
  RED_CALL,
  expectApiError,
  harness,
} from './test-support/ems-harness';

async function redCase(h: Awaited<ReturnType<typeof harness>>, caseId = 'EMS-T1') {
  return h.service.intake(DISPATCHER, { ...RED_CALL, caseId });
}

describe('intake', () => {
  it('records a red call: colour with the criteria version, Thai first-aid cards, nearest ALS units, ledger call-received', async () => {
    const h = await harness();
    const result = await redCase(h);
    expect(result.created).toBe(true);
    expect(result.case).toEqual(expect.objectContaining({ caseId: 'EMS-T1', status: 'open', colour: 'red', criteriaVersion: 'cco-cbd-2026.1', matchedRules: ['CP1', 'CP2'] }));
    expect(result.case.location).toEqual(expect.objectContaining({ source: 'map', landmark: 'หน้าตลาดบ้านใหม่' }));
    expect((result.firstAid as { id: string }[])[0]?.id).toBe('FA-CHEST');
    expect(result.recommendation.length).toBeGreaterThan(0);
    expect(result.recommendation.every((u) => u.level === 'ALS')).toBe(true);
    expect(result.recommendation[0]?.unitId).toMatch(/^BSH-ALS-/);
    const etas = result.recommendation.map((u) => u.etaMinutes ?? 0);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    const [open] = h.ledger.submits('OpenCase');
    expect(open?.contract).toBe('EmsContract');
    expect(open?.who).toEqual({ username: 'dispatcher.1669', mspId: 'BuddhasothornMSP' });
    const payload = JSON.parse(open?.options?.arguments?.[0] ?? '{}') as Record<string, unknown>;
    expect(payload).toEqual({ caseId: 'EMS-T1', colour: 'red', criteriaVersion: 'cco-cbd-2026.1', complaintCode: 'chest-pain' });
    expect(JSON.stringify(payload)).not.toContain('0812345678');
  });

  it('puts only a keyed pseudonym of the patient on the ledger', async () => {
    const h = await harness();
    await h.service.intake(DISPATCHER, { ...RED_CALL, caseId: 'EMS-P', patient: { cid: '1101700230708' } });
    const arg = h.ledger.submits('OpenCase')[0]?.options?.arguments?.[0] ?? '';
    expect(arg).not.toContain('1101700230708');
    expect(JSON.parse(arg)).toEqual(expect.objectContaining({ patientPseudonym: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown }));
    await expectApiError(h.service.intake(DISPATCHER, { ...RED_CALL, caseId: 'EMS-P2', patient: { cid: '1234567890123' } }), 'INVALID_CID');
  });

  it('is idempotent under a client-chosen id and refuses a different call under the same id', async () => {
    const h = await harness();
    await redCase(h);
    const again = await redCase(h);
    expect(again.created).toBe(false);
    expect(h.ledger.submits('OpenCase')).toHaveLength(1);
    await expectApiError(h.service.intake(DISPATCHER, { ...RED_CALL, caseId: 'EMS-T1', complaintCode: 'stroke' }), 'EMS_CASE_EXISTS');
  });

  it('recovers when the ledger already has the case (retry after an unknown commit)', async () => {
    const h = await harness();
    h.ledger.failNext = new ApiError('EMS_CASE_EXISTS', 'exists');
    const result = await redCase(h);
    expect(result.created).toBe(true);
    expect((await h.store.getCase('EMS-T1'))?.milestones[0]?.milestone).toBe('call-received');
  });

  it.each([
    [{ ...RED_CALL, complaintCode: 'alien' }, 'UNKNOWN_COMPLAINT'],
    [{ ...RED_CALL, answers: { conscious: 'no' } }, 'INVALID_ANSWER'],
    [{ ...RED_CALL, location: { tambon: 'Atlantis' } }, 'UNKNOWN_LOCATION'],
    [{ ...RED_CALL, location: { lat: 18.79, lng: 98.98 } }, 'UNKNOWN_LOCATION'],
  ])('refuses bad input #%# with a specific code and writes nothing', async (body, code) => {
    const h = await harness();
    await expectApiError(h.service.intake(DISPATCHER, { ...body, caseId: 'EMS-BAD' }), code);
    expect(h.ledger.calls).toHaveLength(0);
    expect(await h.store.getCase('EMS-BAD')).toBeUndefined();
  });

  it('writes nothing off-chain when the ledger refuses', async () => {
    const h = await harness();
    h.ledger.failNext = new ApiError('LEDGER_UNAVAILABLE', 'down');
    await expectApiError(redCase(h), 'LEDGER_UNAVAILABLE');
    expect(await h.store.getCase('EMS-T1')).toBeUndefined();
  });

  it('only a dispatcher takes calls', async () => {
    const h = await harness();
    await expectApiError(h.service.intake(CLINICIAN, { ...RED_CALL }), 'FORBIDDEN_ROLE');
    await expectApiError(h.service.intake(CREW_BSH_ALS_1, { ...RED_CALL }), 'FORBIDDEN_ROLE');
  });

  it('sends a first-aid card by SMS through the outbox', async () => {
    const h = await harness();
    await redCase(h);
    const sent = await h.service.sendFirstAidSms(DISPATCHER, 'EMS-T1', 'FA-CHEST');
    expect(sent.to).toBe('0812345678');
    expect(h.sms.sent[0]?.text).toContain('1669');
    await expectApiError(h.service.sendFirstAidSms(DISPATCHER, 'EMS-T1', 'FA-SNAKE'), 'INVALID_ARGUMENT');
    await expectApiError(h.service.sendFirstAidSms(DISPATCHER, 'EMS-NONE', 'FA-CHEST'), 'EMS_CASE_NOT_FOUND');
  });
});

describe('dispatch', () => {
  it('commits the unit, records the milestone endorsed by the hub and the unit org, and removes it from recommendations', async () => {
    const h = await harness();
    await redCase(h);
    const { case: c, unit } = await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BKL-ALS-1' });
    expect(c.status).toBe('dispatched');
    expect(c.unitId).toBe('BKL-ALS-1');
    expect(unit.status).toBe('dispatched');
    const [m] = h.ledger.submits('RecordMilestone');
    expect(m?.options?.arguments?.slice(0, 2)).toEqual(['EMS-T1', 'dispatched']);
    expect(m?.options?.endorsingOrganizations).toEqual(['BuddhasothornMSP', 'BangKhlaMSP']);
    await h.service.intake(DISPATCHER, { ...RED_CALL, caseId: 'EMS-T2' });
    expect((await h.service.recommend('EMS-T2')).map((u) => u.unitId)).not.toContain('BKL-ALS-1');
  });

  it('refuses a committed unit with 409 UNIT_COMMITTED', async () => {
    const h = await harness();
    await redCase(h, 'EMS-A');
    await redCase(h, 'EMS-B');
    await h.service.dispatch(DISPATCHER, 'EMS-A', { unitId: 'BSH-ALS-1' });
    const err = await expectApiError(h.service.dispatch(DISPATCHER, 'EMS-B', { unitId: 'BSH-ALS-1' }), 'UNIT_COMMITTED');
    expect(err.status).toBe(409);
    expect((await h.store.getCase('EMS-B'))?.status).toBe('open');
  });

  it('of concurrent dispatches of one unit exactly one wins', async () => {
    const h = await harness();
    const ids = ['EMS-C1', 'EMS-C2', 'EMS-C3', 'EMS-C4', 'EMS-C5'];
    for (const id of ids) await redCase(h, id);
    const outcomes = await Promise.allSettled(ids.map((id, i) => h.service.dispatch(i % 2 === 0 ? DISPATCHER : DISPATCHER2, id, { unitId: 'BSH-ALS-2' })));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as ApiError).code).toBe('UNIT_COMMITTED');
    expect(h.ledger.submits('RecordMilestone')).toHaveLength(1);
    const unit = await h.store.getUnit('BSH-ALS-2');
    const dispatchedCases = (await Promise.all(ids.map(async (id) => h.store.getCase(id)))).filter((c) => c?.status === 'dispatched');
    expect(dispatchedCases).toHaveLength(1);
    expect(unit?.caseId).toBe(dispatchedCases[0]?.caseId);
  });

  it('two units sent to one case at once: one wins, the other unit is released', async () => {
    const h = await harness();
    await redCase(h);
    const outcomes = await Promise.allSettled([
      h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' }),
      h.service.dispatch(DISPATCHER2, 'EMS-T1', { unitId: 'BSH-ALS-2' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const states = await Promise.all(['BSH-ALS-1', 'BSH-ALS-2'].map(async (u) => h.store.getUnit(u)));
    expect(states.filter((s) => s?.status === 'available')).toHaveLength(1);
  });

  it('needs the right level unless the dispatcher gives a reason', async () => {
    const h = await harness();
    await redCase(h);
    await expectApiError(h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-FR-1' }), 'UNIT_LEVEL_INSUFFICIENT');
    const { case: c } = await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-FR-1', lowerLevelReason: 'FR first, ALS 25 minutes away' });
    expect(c.lowerLevelReason).toContain('FR first');
  });

  it('releases the unit and reopens the case when the ledger fails', async () => {
    const h = await harness();
    await redCase(h);
    h.ledger.failNext = new ApiError('LEDGER_UNAVAILABLE', 'down');
    await expectApiError(h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' }), 'LEDGER_UNAVAILABLE');
    expect((await h.store.getUnit('BSH-ALS-1'))?.status).toBe('available');
    expect((await h.store.getCase('EMS-T1'))?.status).toBe('open');
  });

  it('refuses unknown units and cases, and non-dispatchers', async () => {
    const h = await harness();
    await redCase(h);
    await expectApiError(h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'XX-ALS-9' }), 'UNKNOWN_EMS_UNIT');
    await expectApiError(h.service.dispatch(DISPATCHER, 'EMS-404', { unitId: 'BSH-ALS-1' }), 'EMS_CASE_NOT_FOUND');
    await expectApiError(h.service.dispatch(CREW_BSH_ALS_1, 'EMS-T1', { unitId: 'BSH-ALS-1' }), 'FORBIDDEN_ROLE');
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' });
    await expectApiError(h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-2' }), 'INVALID_TRANSITION');
  });
});

describe('unit status, telemetry and hand-over', () => {
  async function toHospital(h: Awaited<ReturnType<typeof harness>>) {
    await redCase(h);
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'en-route' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'on-scene' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'transporting', destinationHcode: '10697' });
    return h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'at-hospital' });
  }

  it('follows the mission: each step a ledger milestone signed by the crew member', async () => {
    const h = await harness();
    const { case: c, unit } = await toHospital(h);
    expect(unit.status).toBe('at-hospital');
    expect(c.status).toBe('at-hospital');
    expect(c.destinationHcode).toBe('10697');
    expect(c.milestones.map((m) => m.milestone)).toEqual(['call-received', 'dispatched', 'departed', 'on-scene', 'left-scene', 'at-hospital']);
    const crewCalls = h.ledger.submits('RecordMilestone').slice(1);
    expect(crewCalls.every((call) => call.who.username === 'crew.bsh-als-1')).toBe(true);
    expect(JSON.parse(crewCalls[2]?.options?.arguments?.[2] ?? '{}')).toEqual({ destinationHcode: '10697' });
  });

  it('refuses illegal jumps with 409 INVALID_TRANSITION and the allowed next states', async () => {
    const h = await harness();
    await redCase(h);
    await expectApiError(h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'en-route' }), 'INVALID_TRANSITION');
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' });
    const err = await expectApiError(h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'at-hospital' }), 'INVALID_TRANSITION');
    expect(err.details).toEqual(expect.objectContaining({ from: 'dispatched', to: 'at-hospital', allowed: ['en-route', 'available'] }));
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'en-route' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'on-scene' });
    await expectApiError(h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'transporting' }), 'VALIDATION_FAILED');
    await expectApiError(h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'transporting', destinationHcode: '99999' }), 'UNKNOWN_HCODE');
    await expectApiError(h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'transporting', destinationHcode: '03999' }), 'INVALID_ARGUMENT');
    expect((await h.store.getUnit('BSH-ALS-1'))?.status).toBe('on-scene');
  });

  it('only the unit crew moves it; a dispatcher may stand it down', async () => {
    const h = await harness();
    await redCase(h);
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' });
    await expectApiError(h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BSH-ALS-1', { status: 'en-route' }), 'FORBIDDEN_UNIT');
    await expectApiError(h.service.changeUnitStatus(DISPATCHER, 'BSH-ALS-1', { status: 'en-route' }), 'FORBIDDEN_ROLE');
    const { unit, case: c } = await h.service.changeUnitStatus(DISPATCHER, 'BSH-ALS-1', { status: 'available', reason: 'call cancelled' });
    expect(unit.status).toBe('available');
    expect(c.status).toBe('closed');
    expect(h.ledger.submits('RecordMilestone').at(-1)?.options?.arguments?.[1]).toBe('stood-down');
  });

  it('rolls the unit back when the ledger refuses a milestone', async () => {
    const h = await harness();
    await redCase(h);
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' });
    h.ledger.failNext = new ApiError('LEDGER_UNAVAILABLE', 'down');
    await expectApiError(h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'en-route' }), 'LEDGER_UNAVAILABLE');
    expect((await h.store.getUnit('BSH-ALS-1'))?.status).toBe('dispatched');
  });

  it('stores telemetry, flags impossible and alarming values without dropping them, and streams them to the receiving ER', async () => {
    const h = await harness();
    const erEvents: LiveEvent[] = [];
    const otherEr: unknown[] = [];
    const dispatcherEvents: unknown[] = [];
    h.live.subscribe(ER_BSH, [], (e) => erEvents.push(e));
    h.live.subscribe(ER_BKL, [], (e) => otherEr.push(e));
    h.service.subscribe(DISPATCHER, (e) => dispatcherEvents.push(e));
    await toHospital(h);
    const result = await h.service.telemetry(CREW_BSH_ALS_1, 'BSH-ALS-1', {
      at: '2026-11-30T03:10:00.000Z',
      position: { lat: 13.689, lng: 101.077, speedKmh: 20 },
      vitals: { hr: 135, sbp: 85, dbp: 50, spo2: 250, rr: 18 },
    });
    expect(result.stored).toBe(5);
    expect(result.flags).toEqual({ hr: ['ALARM_HIGH'], sbp: ['ALARM_LOW'], spo2: ['IMPLAUSIBLE'] });
    const readings = await h.store.readings('EMS-T1');
    expect(readings.map((r) => r.code).sort()).toEqual(['dbp', 'hr', 'rr', 'sbp', 'spo2']);
    expect(erEvents.some((e) => e.type === 'vitals')).toBe(true);
    expect(otherEr).toHaveLength(0);
    expect(dispatcherEvents.length).toBeGreaterThan(0);
    const bundle = (await h.service.observations(ER_BSH, 'EMS-T1')) as { entry: { resource: { code: { coding: { code: string }[] }; status: string } }[] };
    const codes = bundle.entry.map((e) => e.resource.code.coding[0]?.code);
    expect(codes).toEqual(expect.arrayContaining(['8867-4', '8480-6', '8462-4', '59408-5', '9279-1']));
    expect(bundle.entry.find((e) => e.resource.code.coding[0]?.code === '59408-5')?.resource.status).toBe('entered-in-error');
    await expectApiError(h.service.observations(ER_BKL, 'EMS-T1'), 'FORBIDDEN_UNIT');
  });

  it('refuses telemetry forged for another unit', async () => {
    const h = await harness();
    await expectApiError(h.service.telemetry(CREW_BKL_ALS_1, 'BSH-ALS-1', { at: '2026-11-30T03:10:00.000Z', vitals: { hr: 80 } }), 'FORBIDDEN_UNIT');
    await expectApiError(h.service.telemetry(DISPATCHER, 'BSH-ALS-1', { at: '2026-11-30T03:10:00.000Z', vitals: { hr: 80 } }), 'FORBIDDEN_UNIT');
    await expectApiError(h.service.telemetry(CREW_BSH_ALS_1, 'NOPE-1', { at: '2026-11-30T03:10:00.000Z', vitals: { hr: 80 } }), 'UNKNOWN_EMS_UNIT');
  });

  it('hand-over: crew signs, then the receiving ER co-signs; the ledger writes need every case organisation', async () => {
    const h = await harness();
    await toHospital(h);
    await expectApiError(h.service.acceptHandOver(ER_BSH, 'EMS-T1'), 'HANDOVER_NOT_SIGNED');
    await expectApiError(h.service.handOver(CREW_BKL_ALS_1, 'EMS-T1'), 'FORBIDDEN_UNIT');
    const signed = await h.service.handOver(CREW_BSH_ALS_1, 'EMS-T1');
    expect(signed.handover?.crewSignedBy).toBe('crew.bsh-als-1');
    await expectApiError(h.service.acceptHandOver(ER_BKL, 'EMS-T1'), 'FORBIDDEN_UNIT');
    await expectApiError(h.service.acceptHandOver(DIRECTOR, 'EMS-T1'), 'FORBIDDEN_ROLE');
    const done = await h.service.acceptHandOver(ER_BSH, 'EMS-T1');
    expect(done.status).toBe('handed-over');
    expect(done.milestones.at(-1)).toEqual(expect.objectContaining({ milestone: 'handed-over', by: 'er.buddhasothorn' }));
    expect(h.ledger.submits('AcceptHandOver')[0]?.options?.endorsingOrganizations).toEqual(['BuddhasothornMSP']);
    await expectApiError(h.service.handOver(CREW_BSH_ALS_1, 'EMS-T1'), 'INVALID_TRANSITION');
    const { unit, case: after } = await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'available' });
    expect(unit.status).toBe('available');
    expect(after.status).toBe('handed-over');
    const outcome = await h.service.recordDisposition(ER_BSH, 'EMS-T1', { erDisposition: 'icu', outcome: 'alive-24h' });
    expect(outcome.disposition).toEqual(expect.objectContaining({ erDisposition: 'icu', outcome: 'alive-24h', recordedBy: 'er.buddhasothorn' }));
  });

  it('a clinician of the receiving hospital starts a referral from a handed-over case; priority and fast track come from the case', async () => {
    const created: unknown[] = [];
    const referrals = {
      create: (caller: Principal, request: unknown) => {
        created.push({ caller: caller.username, request });
        return Promise.resolve({ referral: { id: 'R-from-ems' }, txId: 'tx-ref' });
      },
    };
    const h = await harness(undefined, undefined, undefined, referrals);
    await toHospital(h);
    const BSH_CLINICIAN: Principal = { username: 'clinician.buddhasothorn', role: 'clinician', hcode: '10697', mspId: 'BuddhasothornMSP' };
    const body = { patient: { cid: '1101700207030' }, toHcode: '11138' };
    await expectApiError(h.service.startReferral(BSH_CLINICIAN, 'EMS-T1', body), 'INVALID_TRANSITION');
    await h.service.handOver(CREW_BSH_ALS_1, 'EMS-T1');
    await h.service.acceptHandOver(ER_BSH, 'EMS-T1');
    await expectApiError(h.service.startReferral(ER_BSH, 'EMS-T1', body), 'FORBIDDEN_ROLE');
    await expectApiError(h.service.startReferral(CLINICIAN, 'EMS-T1', body), 'FORBIDDEN_UNIT');
    await expectApiError(h.service.startReferral(BSH_CLINICIAN, 'EMS-T1', { ...body, toHcode: '10697' }), 'VALIDATION_FAILED');
    const out = await h.service.startReferral(BSH_CLINICIAN, 'EMS-T1', body);
    expect(created).toEqual([{ caller: 'clinician.buddhasothorn', request: { patient: { cid: '1101700207030' }, toHcode: '11138', reasonCode: '1', priority: 1, fastTrack: '01' } }]);
    expect(out.case.referrals).toEqual([expect.objectContaining({ referralId: 'R-from-ems', toHcode: '11138', by: 'clinician.buddhasothorn', txId: 'tx-ref' })]);
    await expectApiError(harness().then(async (plain) => plain.service.startReferral(BSH_CLINICIAN, 'EMS-T1', body)), 'NOT_FOUND');
  });

  it('clinical notes go to the private collection through the two parties only, once the destination is known', async () => {
    const h = await harness();
    await redCase(h);
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BKL-ALS-1' });
    await expectApiError(h.service.addClinicalNote(CREW_BKL_ALS_1, 'EMS-T1', { text: 'x' }), 'INVALID_TRANSITION');
    await h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BKL-ALS-1', { status: 'en-route' });
    await h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BKL-ALS-1', { status: 'on-scene' });
    await h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BKL-ALS-1', { status: 'transporting', destinationHcode: '10697' });
    await expectApiError(h.service.addClinicalNote(DISPATCHER, 'EMS-T1', { text: 'x' }), 'FORBIDDEN_ROLE');
    await expectApiError(h.service.addClinicalNote(ER_BKL, 'EMS-T1', { text: 'x' }), 'FORBIDDEN_UNIT');
    const out = (await h.service.addClinicalNote(CREW_BKL_ALS_1, 'EMS-T1', { noteId: 'N1', text: 'aspirin 300 mg' })) as { noteId: string };
    expect(out.noteId).toBe('N1');
    const [call] = h.ledger.submits('AddClinicalNote');
    expect(call?.options?.endorsingOrganizations).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
    expect(JSON.parse(String(call?.options?.transientData?.clinicalNote))).toEqual({ noteId: 'N1', text: 'aspirin 300 mg' });
    expect(call?.options?.arguments).toEqual(['EMS-T1']);
    await h.service.clinicalNotes(ER_BSH, 'EMS-T1');
    expect(h.ledger.calls.at(-1)).toEqual(expect.objectContaining({ transaction: 'ReadClinicalNotes', kind: 'evaluate' }));
  });

  it('cross-organisation hand-over is endorsed by the hub, the crew org and the receiving hospital', async () => {
    const h = await harness();
    await redCase(h);
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BKL-ALS-1' });
    for (const status of ['en-route', 'on-scene'] as const) await h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BKL-ALS-1', { status });
    await h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BKL-ALS-1', { status: 'transporting', destinationHcode: '10697' });
    await h.service.changeUnitStatus(CREW_BKL_ALS_1, 'BKL-ALS-1', { status: 'at-hospital' });
    await h.service.handOver(CREW_BKL_ALS_1, 'EMS-T1');
    await h.service.acceptHandOver(ER_BSH, 'EMS-T1');
    expect(h.ledger.submits('HandOver')[0]?.options?.endorsingOrganizations).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
    expect(h.ledger.submits('AcceptHandOver')[0]?.who).toEqual({ username: 'er.buddhasothorn', mspId: 'BuddhasothornMSP' });
  });

  it('teleconsultation: chat is stored and streamed to the crew and the ER; signalling is relayed only', async () => {
    const h = await harness();
    await toHospital(h);
    const crewSeen: { type: string }[] = [];
    h.service.subscribe(CREW_BSH_ALS_1, (e) => crewSeen.push(e));
    await h.service.message(ER_BSH, 'EMS-T1', { kind: 'chat', text: 'ให้ aspirin 300 mg เคี้ยว' });
    await h.service.message(CREW_BSH_ALS_1, 'EMS-T1', { kind: 'offer', payload: { sdp: 'v=0' } });
    expect((await h.store.messages('EMS-T1')).map((m) => m.text)).toEqual(['ให้ aspirin 300 mg เคี้ยว']);
    expect(crewSeen.map((e) => e.type)).toEqual(['message', 'signal']);
    await expectApiError(h.service.message(ER_BKL, 'EMS-T1', { kind: 'chat', text: 'x' }), 'FORBIDDEN_UNIT');
    const listed = await h.service.openCases(ER_BSH);
    expect(listed.map((c) => c.caseId)).toEqual(['EMS-T1']);
    expect(await h.service.openCases(ER_BKL)).toEqual([]);
    await expectApiError(h.service.openCases(CLINICIAN), 'FORBIDDEN_ROLE');
  });
});

describe('indicators', () => {
  it('computes call-to-scene by colour, red within 8 minutes, critical mortality and ALS coverage', async () => {
    const h = await harness();
    await redCase(h);
    await h.service.dispatch(DISPATCHER, 'EMS-T1', { unitId: 'BSH-ALS-1' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'en-route' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'on-scene' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'transporting', destinationHcode: '10697' });
    await h.service.changeUnitStatus(CREW_BSH_ALS_1, 'BSH-ALS-1', { status: 'at-hospital' });
    await h.service.handOver(CREW_BSH_ALS_1, 'EMS-T1');
    await h.service.acceptHandOver(ER_BSH, 'EMS-T1');
    await h.service.recordDisposition(ER_BSH, 'EMS-T1', { outcome: 'died-24h' });
    const out = (await h.service.indicators(DIRECTOR, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')) as {
      cases: number;
      callToSceneByColour: Record<string, { n: number; medianMinutes: number | null }>;
      redWithin8Minutes: { reached: number; withinTarget: number; percent: number };
      criticalMortality: { withOutcome: number; deaths: number; percent: number };
      alsCoverage15Minutes: { tambons: number; covered: number; percent: number };
    };
    expect(out.cases).toBe(1);
    expect(out.callToSceneByColour.red?.n).toBe(1);
    expect(out.callToSceneByColour.red?.medianMinutes).toBeGreaterThan(0);
    expect(out.redWithin8Minutes).toEqual({ reached: 1, withinTarget: 1, percent: 100 });
    expect(out.criticalMortality).toEqual({ withOutcome: 1, deaths: 1, percent: 100 });
    expect(out.alsCoverage15Minutes.tambons).toBeGreaterThan(50);
    expect(out.alsCoverage15Minutes.covered).toBeGreaterThan(0);
    await expectApiError(h.service.indicators(ER_BSH, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), 'FORBIDDEN_ROLE');
  });
});
