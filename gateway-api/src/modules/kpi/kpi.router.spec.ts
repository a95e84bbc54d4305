import express from 'express';
import request from 'supertest';
import { createApp } from '../../app';
import { AuthToken } from '../auth/auth-token';
import { UserDirectory } from '../auth/user-directory';
import { SCHEDULE } from '../coc/test-support/coc-fakes';
import type { ReferralsService } from '../referrals/referrals.service';
import { CitizenTokens } from '../wallet/citizen-tokens';
import type { WalletService } from '../wallet/wallet.service';
import { KpiService } from './kpi-service';
import { BANG_KHLA, DEFINITIONS, emptyFacts, fakeModels, FakeSource, UNITS } from './test-support/kpi-fakes';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const citizenTokens = new CitizenTokens({ secret: Buffer.alloc(32, 3), ttlSeconds: 600 });
const bearer = (username: string, role: 'manager' | 'nurse', hcode: string): string => `Bearer ${tokens.sign({ username, role, hcode, mspId: 'X' })}`;
const PHO = bearer('manager.pho', 'manager', '00024');
const DIRECTOR = bearer('director.bangkhla', 'manager', BANG_KHLA);

function app(): express.Express {
  const facts = new Map([['2026-11', emptyFacts('2026-11', { referrals: [{ id: 'R-1', hospital: BANG_KHLA, toHospital: '10697', status: 'completed', at: '2026-11-02T00:00:00Z', pseudonym: 'p', txId: 'a'.repeat(64), provenance: 'live' }] })]]);
  const kpi = new KpiService({ source: new FakeSource(facts), models: fakeModels(), definitions: DEFINITIONS, units: UNITS, schedule: SCHEDULE, now: () => new Date('2026-12-10T03:00:00Z') });
  return createApp({
    users: new UserDirectory([]),
    tokens,
    units: UNITS,
    referrals: {} as unknown as ReferralsService,
    wallet: { service: {} as unknown as WalletService, citizenTokens },
    kpi,
    health: express.Router(),
    log: () => undefined,
  });
}

describe('/api/kpi', () => {
  it('is described in /api/openapi.json', async () => {
    const res = await request(app()).get('/api/openapi.json');
    expect(Object.keys(res.body.paths as object)).toEqual(expect.arrayContaining(['/api/kpi/indicators', '/api/kpi/indicators/{id}/records', '/api/kpi/report.csv', '/api/kpi/report.pdf', '/api/kpi/surveys']));
  });

  it('needs a staff token, and a manager role', async () => {
    expect((await request(app()).get('/api/kpi/indicators')).status).toBe(401);
    const nurse = await request(app()).get('/api/kpi/indicators').set('authorization', bearer('nurse.bangkhla', 'nurse', BANG_KHLA));
    expect([nurse.status, nurse.body.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });

  it("answers a director's own hospital and refuses another one with 403 KPI_FORBIDDEN_HOSPITAL", async () => {
    const own = await request(app()).get('/api/kpi/indicators?from=2026-10&to=2026-11').set('authorization', DIRECTOR);
    expect(own.status).toBe(200);
    expect(own.body.scope.hcode).toBe(BANG_KHLA);
    expect(own.body.series).toHaveLength(12);
    const other = await request(app()).get('/api/kpi/indicators?hospital=10697').set('authorization', DIRECTOR);
    expect([other.status, other.body.error.code, other.body.error.details]).toEqual([403, 'KPI_FORBIDDEN_HOSPITAL', { hospital: '10697', own: BANG_KHLA }]);
    const drill = await request(app()).get('/api/kpi/indicators/referral-quality-care/records?month=2026-11&hospital=10697').set('authorization', DIRECTOR);
    expect(drill.status).toBe(403);
  });

  it('validates the query', async () => {
    const bad = await request(app()).get('/api/kpi/indicators?from=2026-13').set('authorization', PHO);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const extra = await request(app()).get('/api/kpi/indicators?colour=red').set('authorization', PHO);
    expect(extra.status).toBe(400);
    const noMonth = await request(app()).get('/api/kpi/indicators/referral-quality-care/records').set('authorization', PHO);
    expect(noMonth.status).toBe(400);
    const unknown = await request(app()).get('/api/kpi/indicators/no-such/records?month=2026-11').set('authorization', PHO);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'KPI_UNKNOWN_INDICATOR']);
  });

  it('lists the records behind a figure with their ledger transaction', async () => {
    const res = await request(app()).get('/api/kpi/indicators/referral-quality-care/records?month=2026-11').set('authorization', PHO);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ numerator: 1, denominator: 1, total: 1 });
    expect(res.body.rows[0]).toMatchObject({ id: 'R-1', txId: 'a'.repeat(64), inNumerator: true });
  });

  it('exports CSV (UTF-8 with BOM) and a PDF', async () => {
    const csv = await request(app()).get('/api/kpi/report.csv?from=2026-10&to=2026-11').set('authorization', PHO);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.startsWith('\uFEFFindicator_id,')).toBe(true);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + 12 * 2);
    expect(csv.text).toContain('ต.ค. 2569');
    const pdf = await request(app()).get('/api/kpi/report.pdf?from=2026-10&to=2026-11').set('authorization', PHO).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('takes a survey answer with a citizen token only, once', async () => {
    const a = app();
    const citizen = `Bearer ${citizenTokens.sign('cit-1')}`;
    const body = { kind: 'satisfaction', score: 5, hcode: BANG_KHLA, context: 'BK-1' };
    expect((await request(a).post('/api/kpi/surveys').send(body)).status).toBe(401);
    expect((await request(a).post('/api/kpi/surveys').set('authorization', PHO).send(body)).status).toBe(401);
    const first = await request(a).post('/api/kpi/surveys').set('authorization', citizen).send(body);
    expect(first.status).toBe(201);
    const again = await request(a).post('/api/kpi/surveys').set('authorization', citizen).send(body);
    expect([again.status, again.body.error.code]).toEqual([409, 'KPI_SURVEY_EXISTS']);
    const bad = await request(a).post('/api/kpi/surveys').set('authorization', citizen).send({ ...body, score: 9, context: 'BK-2' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_ARGUMENT']);
  });
});
