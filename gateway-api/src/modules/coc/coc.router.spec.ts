import express from 'express';
import request from 'supertest';
import { createApp } from '../../app';
import { AuthToken } from '../auth/auth-token';
import type { ReferralsService } from '../referrals/referrals.service';
import { InMemoryCocReadModel } from './coc.read-model';
import { CocService } from './coc.service';
import { ADL_3, caseRecord, FakeLedgerAccess, ledgerCase, ledgerVisit, PSEUDONYMS, SCHEDULE, TEAM_REQUEST, UNITS, USERS } from './test-support/coc-fakes';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const bearer = (username: string, role: 'volunteer' | 'nurse' | 'clinician' | 'auditor', hcode: string): string =>
  `Bearer ${tokens.sign({ username, role, hcode, mspId: 'BangKhlaMSP' })}`;
const volunteer = bearer('volunteer.03903', 'volunteer', '03903');
const officer = bearer('nurse.03903', 'nurse', '03903');

async function app(ledger: FakeLedgerAccess): Promise<express.Express> {
  const readModel = new InMemoryCocReadModel();
  await readModel.saveCase(caseRecord({ id: 'C-1', openedOn: '2026-11-01' }));
  const coc = new CocService({ ledger, units: UNITS, users: USERS, pseudonyms: PSEUDONYMS, schedule: SCHEDULE, readModel, today: () => '2026-11-30' });
  return createApp({ users: USERS, tokens, units: UNITS, referrals: {} as unknown as ReferralsService, coc, health: express.Router(), log: () => undefined });
}

const VISIT = { visitId: 'V-1', caseId: 'C-1', visitedOn: '2026-11-02', details: { attendees: ['ญาติ'], careGiven: 'ทำแผล' } };

describe('/api/coc', () => {
  it('is described in /api/openapi.json', async () => {
    const res = await request(await app(new FakeLedgerAccess())).get('/api/openapi.json');
    expect(Object.keys(res.body.paths as object)).toEqual(expect.arrayContaining(['/api/coc/cases', '/api/coc/visits', '/api/coc/due', '/api/coc/indicators']));
    expect(res.body.paths['/api/coc/visits'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['visitId', 'caseId', 'visitedOn', 'details']));
  });

  it('needs a bearer token', async () => {
    const res = await request(await app(new FakeLedgerAccess())).get('/api/coc/due');
    expect(res.status).toBe(401);
  });

  it('POST /cases opens a case (201 + Location)', async () => {
    const ledger = new FakeLedgerAccess().answer('OpenCase', ledgerCase());
    const res = await request(await app(ledger))
      .post('/api/coc/cases')
      .set('authorization', officer)
      .send({ caseId: 'C-1', healthCentreHcode: '03903', patient: { cid: '1101700230708' }, adl: ADL_3, team: TEAM_REQUEST, caseDetails: { address: 'x', carePlan: { goals: ['g'] } } });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/coc/cases/C-1');
    expect(res.body).toMatchObject({ case: { id: 'C-1', adl: { group: 'bedridden' } }, txId: 'tx-OpenCase' });
  });

  it.each([
    ['both patient and referralId', { referralId: 'R-1', patient: { cid: '1101700230708' } }],
    ['neither patient nor referralId', { patient: undefined }],
    ['a missing ADL item', { adl: { ...ADL_3, bladder: undefined } }],
    ['a client-set status', { status: 'closed' }],
    ['a bad hcode', { healthCentreHcode: '3903' }],
  ])('POST /cases answers 400 VALIDATION_FAILED for %s, before the ledger', async (_label, overrides) => {
    const ledger = new FakeLedgerAccess();
    const body = { healthCentreHcode: '03903', patient: { cid: '1101700230708' }, adl: ADL_3, team: TEAM_REQUEST, ...overrides };
    const res = await request(await app(ledger)).post('/api/coc/cases').set('authorization', officer).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(ledger.calls).toEqual([]);
  });

  it('POST /visits records (201); a duplicate sync is 409 COC_VISIT_EXISTS with sameContent', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase()).answer('RecordVisit', ledgerVisit()).answer('GetVisit', ledgerVisit());
    const a = await app(ledger);
    const first = await request(a).post('/api/coc/visits').set('authorization', volunteer).send(VISIT);
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe('/api/coc/cases/C-1/visits/V-1');
    ledger.fail('RecordVisit', 'COC_VISIT_EXISTS', 'visit V-1 is already recorded with the same content');
    const again = await request(a).post('/api/coc/visits').set('authorization', volunteer).send(VISIT);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'COC_VISIT_EXISTS', details: { visitId: 'V-1', sameContent: true } });
  });

  it('POST /visits refuses a visit without an id, a bad date and unknown fields', async () => {
    const ledger = new FakeLedgerAccess();
    const a = await app(ledger);
    for (const body of [{ ...VISIT, visitId: undefined }, { ...VISIT, visitedOn: '2026-13-01' }, { ...VISIT, details: { ...VISIT.details, name: 'x' } }, { ...VISIT, details: { ...VISIT.details, vitals: { spo2: 120 } } }]) {
      const res = await request(a).post('/api/coc/visits').set('authorization', volunteer).send(body);
      expect(res.status).toBe(400);
    }
    expect(ledger.calls).toEqual([]);
  });

  it('POST countersign: 200, and 403 COC_SELF_COUNTERSIGN for the author', async () => {
    const ledger = new FakeLedgerAccess().answer('GetCase', ledgerCase()).answer('CountersignVisit', ledgerVisit({ status: 'countersigned' }));
    const a = await app(ledger);
    const ok = await request(a).post('/api/coc/cases/C-1/visits/V-1/countersign').set('authorization', officer).send({ note: 'ok' });
    expect(ok.status).toBe(200);
    expect(ok.body.visit.status).toBe('countersigned');
    ledger.fail('CountersignVisit', 'COC_SELF_COUNTERSIGN');
    const self = await request(a).post('/api/coc/cases/C-1/visits/V-1/countersign').set('authorization', volunteer).send({});
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('COC_SELF_COUNTERSIGN');
  });

  it('GET /due, /indicators, /schedule and /cases answer from the projection and the rule table', async () => {
    const a = await app(new FakeLedgerAccess());
    const due = await request(a).get('/api/coc/due?scope=mine').set('authorization', volunteer);
    expect(due.status).toBe(200);
    expect(due.body).toMatchObject({ asOf: '2026-11-30', overdue: 1, items: [{ caseId: 'C-1', teamRole: 'volunteer', status: 'overdue' }] });
    const indicators = await request(a).get('/api/coc/indicators?period=quarter&by=district&at=2026-11-15').set('authorization', officer);
    expect(indicators.status).toBe(200);
    expect(indicators.body).toMatchObject({ period: { kind: 'quarter', from: '2026-10-01', to: '2026-12-31' }, by: 'district', goals: { visited: 0.9, improved: 0.1 } });
    expect((await request(a).get('/api/coc/indicators?period=year').set('authorization', officer)).status).toBe(400);
    const schedule = await request(a).get('/api/coc/schedule').set('authorization', volunteer);
    expect(schedule.body.versions[0]).toMatchObject({ version: '2026.1', verified: false });
    const cases = await request(a).get('/api/coc/cases?status=open').set('authorization', officer);
    expect(cases.body.items.map((c: { id: string }) => c.id)).toEqual(['C-1']);
    expect((await request(a).get('/api/coc/cases?status=x').set('authorization', officer)).status).toBe(400);
  });

  it('GET /cases/:id and visit reads pass ledger errors through', async () => {
    const ledger = new FakeLedgerAccess().fail('GetCase', 'COC_CASE_NOT_FOUND').fail('GetVisit', 'COC_VISIT_NOT_FOUND');
    const a = await app(ledger);
    expect((await request(a).get('/api/coc/cases/C-9').set('authorization', officer)).status).toBe(404);
    expect((await request(a).get('/api/coc/cases/C-1/visits/V-9').set('authorization', officer)).body.error.code).toBe('COC_VISIT_NOT_FOUND');
    expect((await request(a).get('/api/coc/cases/bad%20id').set('authorization', officer)).status).toBe(400);
  });
});
