import { ApiError } from '../../http/api-error';
import { InMemoryCocReadModel } from './coc.read-model';
import { CocService } from './coc.service';
import {
  ADL_3,
  AUDITOR,
  caseRecord,
  DISTRICT_NURSE,
  FakeLedgerAccess,
  FAMILY_DOCTOR,
  ledgerCase,
  ledgerVisit,
  OFFICER,
  PSEUDONYMS,
  SCHEDULE,
  TEAM_REQUEST,
  UNITS,
  USERS,
  visitRecord,
  VOLUNTEER,
} from './test-support/coc-fakes';

const CID = '1101700230708';
const DETAILS = { address: '12 หมู่ 3', carePlan: { goals: ['ป้องกันแผลกดทับ'] } };
const VISIT = { visitId: 'V-1', caseId: 'C-1', visitedOn: '2026-11-02', details: { attendees: ['ญาติ'], careGiven: 'ทำแผล' } };

function service(ledger: FakeLedgerAccess, readModel?: InMemoryCocReadModel): CocService {
  return new CocService({ ledger, units: UNITS, users: USERS, pseudonyms: PSEUDONYMS, schedule: SCHEDULE, today: () => '2026-11-30', ...(readModel === undefined ? {} : { readModel }) });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('CocService: cases', () => {
  it('opens a case as the caller on CocContract: pseudonym not CID, team with units, private details in transient', async () => {
    const ledger = new FakeLedgerAccess().answer('OpenCase', ledgerCase());
    const result = await service(ledger).openCase(OFFICER, { caseId: 'C-1', healthCentreHcode: '03903', patient: { cid: CID }, adl: ADL_3, team: TEAM_REQUEST, caseDetails: DETAILS });
    expect(result).toEqual({ case: ledgerCase(), txId: 'tx-OpenCase' });
    const [call] = ledger.submits();
    expect(call?.staff).toEqual({ username: 'nurse.03903', mspId: 'BangKhlaMSP' });
    expect(call?.contract).toBe('CocContract');
    const payload = JSON.parse(call?.options?.arguments?.[0] ?? '{}') as Record<string, unknown>;
    expect(payload).toEqual({
      caseId: 'C-1',
      healthCentreHcode: '03903',
      adl: ADL_3,
      patientPseudonym: PSEUDONYMS.fromCid(CID),
      team: {
        volunteer: { username: 'volunteer.03903', hcode: '03903' },
        officer: { username: 'nurse.03903', hcode: '03903' },
        familyDoctor: { username: 'familydoctor.bangkhla', hcode: '11138' },
      },
    });
    expect(JSON.stringify(call?.options)).not.toContain(CID);
    expect(call?.options?.transientData).toEqual({ caseDetails: JSON.stringify(DETAILS) });
    expect((call?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BangKhlaMSP']);
  });

  it('opens from a back-referral: no patient, endorsed also by the referring hospital', async () => {
    const ledger = new FakeLedgerAccess().answer('GetReferral', { id: 'R-BACK', fromMsp: 'BuddhasothornMSP' }).answer('OpenCase', ledgerCase({ referralIds: ['R-BACK'] }));
    await service(ledger).openCase(OFFICER, { healthCentreHcode: '03903', referralId: 'R-BACK', adl: ADL_3, team: TEAM_REQUEST });
    const open = ledger.submits()[0];
    const payload = JSON.parse(open?.options?.arguments?.[0] ?? '{}') as Record<string, unknown>;
    expect(payload.referralId).toBe('R-BACK');
    expect(payload.patientPseudonym).toBeUndefined();
    expect(String(payload.caseId)).toMatch(/^C-[0-9a-f-]{36}$/);
    expect((open?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
    expect(open?.options?.transientData).toBeUndefined();
  });

  it.each([
    ['a volunteer of another health centre', { ...TEAM_REQUEST, volunteer: 'volunteer.03904' }, 'team.volunteer'],
    ['a clinician without the family-doctor designation', { ...TEAM_REQUEST, familyDoctor: 'clinician.bangkhla' }, 'team.familyDoctor'],
    ['an unknown user', { ...TEAM_REQUEST, officer: 'nobody' }, 'team.officer'],
    ['a volunteer as officer', { ...TEAM_REQUEST, officer: 'volunteer.03903' }, 'team.officer'],
  ])('refuses a team with %s (COC_TEAM_INVALID, nothing submitted)', async (_label, team, path) => {
    const ledger = new FakeLedgerAccess();
    const error = await rejection(service(ledger).openCase(OFFICER, { healthCentreHcode: '03903', patient: { cid: CID }, adl: ADL_3, team }));
    expect(error.code).toBe('COC_TEAM_INVALID');
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ path }]);
    expect(ledger.calls).toEqual([]);
  });

  it('refuses an unknown unit, a hospital as health centre and a bad CID before the ledger', async () => {
    const ledger = new FakeLedgerAccess();
    expect((await rejection(service(ledger).openCase(OFFICER, { healthCentreHcode: '99999', patient: { cid: CID }, adl: ADL_3, team: TEAM_REQUEST }))).code).toBe('UNKNOWN_HCODE');
    expect((await rejection(service(ledger).openCase(OFFICER, { healthCentreHcode: '11138', patient: { cid: CID }, adl: ADL_3, team: TEAM_REQUEST }))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(service(ledger).openCase(OFFICER, { healthCentreHcode: '03903', patient: { cid: '1234567890123' }, adl: ADL_3, team: TEAM_REQUEST }))).code).toBe('INVALID_CID');
    expect(ledger.calls).toEqual([]);
  });

  it('passes chaincode errors through with their codes (ADL out of range, case exists)', async () => {
    const ledger = new FakeLedgerAccess().fail('OpenCase', 'ADL_SCORE_OUT_OF_RANGE');
    expect((await rejection(service(ledger).openCase(OFFICER, { healthCentreHcode: '03903', patient: { cid: CID }, adl: { ...ADL_3, transfer: 9 }, team: TEAM_REQUEST }))).status).toBe(400);
    ledger.fail('OpenCase', 'COC_CASE_EXISTS');
    expect((await rejection(service(ledger).openCase(OFFICER, { healthCentreHcode: '03903', patient: { cid: CID }, adl: ADL_3, team: TEAM_REQUEST }))).status).toBe(409);
  });

  it('updates and closes with the case read first, endorsed by the district organisation', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase({ sharedWithMsps: ['BangKhlaMSP', 'BuddhasothornMSP'] })).answer('UpdateCase', ledgerCase()).answer('CloseCase', ledgerCase({ status: 'closed' }));
    await service(ledger).updateCase(OFFICER, 'C-1', { adl: ADL_3, note: 'x', caseDetails: DETAILS });
    await service(ledger).closeCase(OFFICER, 'C-1', 'ย้าย');
    const [update, close] = ledger.submits();
    expect(update?.options?.arguments).toEqual(['C-1', JSON.stringify({ adl: ADL_3, note: 'x' })]);
    expect((update?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
    expect(close?.options?.arguments).toEqual(['C-1', 'ย้าย']);
    expect((close?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BangKhlaMSP']);
  });

  it('reads a case and its private details', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase()).answer('GetCaseDetails', { details: DETAILS, hash: 'h', matchesLedger: true });
    expect(await service(ledger).getCase(VOLUNTEER, 'C-1')).toEqual(ledgerCase());
    expect(await service(ledger).caseDetails(VOLUNTEER, 'C-1')).toEqual({ details: DETAILS, hash: 'h', matchesLedger: true });
    ledger.fail('GetCase', 'COC_CASE_NOT_FOUND');
    expect((await rejection(service(ledger).getCase(VOLUNTEER, 'C-9'))).status).toBe(404);
  });
});

describe('CocService: visits', () => {
  it('records a visit with the details only in the transient map', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase()).answer('RecordVisit', ledgerVisit());
    const result = await service(ledger).recordVisit(VOLUNTEER, VISIT);
    expect(result).toEqual({ visit: ledgerVisit(), txId: 'tx-RecordVisit' });
    const [call] = ledger.submits();
    expect(call?.options?.arguments).toEqual([JSON.stringify({ visitId: 'V-1', caseId: 'C-1', visitedOn: '2026-11-02' })]);
    expect(call?.options?.transientData).toEqual({ visitDetails: JSON.stringify(VISIT.details) });
    expect(call?.staff.username).toBe('volunteer.03903');
  });

  it('answers a repeated sync with 409 COC_VISIT_EXISTS, sameContent and the visit as recorded', async () => {
    const ledger = new FakeLedgerAccess()
      .answer('GetCase', ledgerCase())
      .answer('GetVisit', ledgerVisit())
      .fail('RecordVisit', 'COC_VISIT_EXISTS', 'visit V-1 is already recorded with the same content');
    const error = await rejection(service(ledger).recordVisit(VOLUNTEER, VISIT));
    expect(error).toMatchObject({ code: 'COC_VISIT_EXISTS', status: 409, details: { visitId: 'V-1', sameContent: true, visit: ledgerVisit() } });
    ledger.fail('RecordVisit', 'COC_VISIT_EXISTS', 'visit V-1 is already recorded with different content');
    expect((await rejection(service(ledger).recordVisit(VOLUNTEER, VISIT))).details).toMatchObject({ sameContent: false });
  });

  it('explains a case closed while the visit waited offline', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase({ status: 'closed', closedAt: '2026-11-10T01:00:00.000Z' })).fail('RecordVisit', 'COC_CASE_CLOSED', 'case C-1 was closed');
    const error = await rejection(service(ledger).recordVisit(VOLUNTEER, VISIT));
    expect(error).toMatchObject({ code: 'COC_CASE_CLOSED', status: 409, details: { caseId: 'C-1', visitId: 'V-1', closedAt: '2026-11-10T01:00:00.000Z' } });
  });

  it.each([
    ['COC_CASE_NOT_FOUND', 404],
    ['COC_VISIT_BEFORE_CASE', 409],
    ['COC_NOT_IN_TEAM', 403],
  ] as const)('maps %s to %i', async (code, status) => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase()).fail('RecordVisit', code);
    expect((await rejection(service(ledger).recordVisit(VOLUNTEER, VISIT))).status).toBe(status);
  });

  it('countersigns as the caller; the author and strangers get the chaincode refusal', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase()).answer('CountersignVisit', ledgerVisit({ status: 'countersigned' }));
    expect((await service(ledger).countersign(OFFICER, 'C-1', 'V-1', 'ok')).visit.status).toBe('countersigned');
    expect(ledger.submits()[0]?.options?.arguments).toEqual(['C-1', 'V-1', 'ok']);
    ledger.fail('CountersignVisit', 'COC_SELF_COUNTERSIGN');
    expect((await rejection(service(ledger).countersign(VOLUNTEER, 'C-1', 'V-1', ''))).status).toBe(403);
    ledger.fail('CountersignVisit', 'COC_NOT_IN_TEAM');
    expect((await rejection(service(ledger).countersign(DISTRICT_NURSE, 'C-1', 'V-1', ''))).code).toBe('COC_NOT_IN_TEAM');
  });
});

describe('CocService: projection reads', () => {
  async function model(): Promise<InMemoryCocReadModel> {
    const m = new InMemoryCocReadModel();
    await m.saveCase(caseRecord({ id: 'C-1', openedOn: '2026-10-01', lastVisitOn: { volunteer: '2026-11-20' } }));
    await m.saveCase(caseRecord({ id: 'C-2', openedOn: '2026-10-01', healthCentreHcode: '03904', team: { ...ledgerCase().team, volunteer: { username: 'volunteer.03904', hcode: '03904' } } }));
    await m.saveVisit(visitRecord('C-1', 'V-1', '2026-11-20', 'volunteer'));
    return m;
  }

  it('gives a volunteer their own due visits, and the family doctor the unit list with overdue counts', async () => {
    const s = service(new FakeLedgerAccess(), await model());
    const mine = await s.due(VOLUNTEER, 'unit');
    expect(mine.items.every((i) => i.username === 'volunteer.03903')).toBe(true);
    expect(mine).toMatchObject({ asOf: '2026-11-30', scheduleVersion: '2026.1', overdue: 1 });
    const unit = await s.due(FAMILY_DOCTOR, 'unit', '2026-11-30');
    expect(new Set(unit.items.map((i) => i.caseId))).toEqual(new Set(['C-1', 'C-2']));
    expect(unit.overdue).toBeGreaterThan(1);
    const doctor = await s.due(FAMILY_DOCTOR, 'mine');
    expect(doctor.items.every((i) => i.teamRole === 'familyDoctor')).toBe(true);
  });

  it('limits lists and indicators to the caller’s unit; the auditor sees the province', async () => {
    const s = service(new FakeLedgerAccess(), await model());
    expect((await s.listCases(OFFICER)).map((c) => c.id)).toEqual(['C-1']);
    expect((await s.listCases(DISTRICT_NURSE)).map((c) => c.id)).toEqual(['C-1', 'C-2']);
    expect((await s.listCases(AUDITOR, 'open')).map((c) => c.id)).toEqual(['C-1', 'C-2']);
    const indicators = await s.indicators(AUDITOR, { period: 'month', by: 'health-centre' });
    expect(indicators.overall.registered).toBe(2);
    expect(indicators.units).toEqual({ '03903': 'รพ.สต.บางคล้า', '03904': 'รพ.สต.ปากน้ำ' });
  });

  it('lists the visits waiting for the caller’s countersignature', async () => {
    const m = await model();
    await m.saveVisit(visitRecord('C-1', 'V-2', '2026-11-21', 'officer'));
    await m.saveVisit({ ...visitRecord('C-1', 'V-3', '2026-11-22', 'volunteer'), status: 'countersigned' });
    const s = service(new FakeLedgerAccess(), m);
    expect((await s.awaitingCountersign(OFFICER)).map((v) => v.id)).toEqual(['V-1']);
    expect((await s.awaitingCountersign(FAMILY_DOCTOR)).map((v) => v.id)).toEqual(['V-2']);
    expect(await s.awaitingCountersign(VOLUNTEER)).toEqual([]);
  });

  it('answers STORE_UNAVAILABLE without a read model', async () => {
    expect((await rejection(service(new FakeLedgerAccess()).due(VOLUNTEER, 'mine'))).code).toBe('STORE_UNAVAILABLE');
  });
});
