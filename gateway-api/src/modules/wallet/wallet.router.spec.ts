import express from 'express';
import request from 'supertest';
import { createApp } from '../../app';
import { UnitRegistry } from '../../units/unit-registry';
import { AuthToken } from '../auth/auth-token';
import { UserDirectory } from '../auth/user-directory';
import type { ReferralsService } from '../referrals/referrals.service';
import { CitizenTokens } from './citizen-tokens';
import { DEMO_PASSWORD, FLU_SLOT, walletHarness } from './test-support/wallet-harness';

const staffTokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 600 });
const nurse = `Bearer ${staffTokens.sign({ username: 'nurse.03889', role: 'nurse', hcode: '03889', mspId: 'BuddhasothornMSP' })}`;

async function setup() {
  const h = await walletHarness();
  const citizenTokens = new CitizenTokens({ secret: Buffer.alloc(32, 3), ttlSeconds: 600 });
  const app = createApp({
    users: new UserDirectory([]),
    tokens: staffTokens,
    units: new UnitRegistry([]),
    referrals: {} as ReferralsService,
    wallet: { service: h.service, citizenTokens },
    health: express.Router(),
    log: () => undefined,
  });
  const login = async (username: string): Promise<string> => {
    const res = await request(app).post('/api/wallet/auth/login').send({ username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return `Bearer ${(res.body as { token: string }).token}`;
  };
  return { h, app, login };
}

describe('/api/wallet routes', () => {
  it('logs a citizen in and out; the profile shows the Health ID but never the national ID', async () => {
    const { app, login } = await setup();
    const somchai = await login('citizen.somchai');
    const me = await request(app).get('/api/wallet/me').set('authorization', somchai);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'citizen.somchai', age: 71, sex: 'M', mobile: '081xxx0001', homeUnit: { hcode: '10697' } });
    expect(JSON.stringify(me.body)).not.toContain('1109900123473');
    expect(me.body).not.toHaveProperty('pseudonym');
    expect((await request(app).post('/api/wallet/auth/logout').set('authorization', somchai)).status).toBe(204);
    const after = await request(app).get('/api/wallet/me').set('authorization', somchai);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps citizen and staff tokens apart', async () => {
    const { app, login } = await setup();
    const somchai = await login('citizen.somchai');
    expect((await request(app).get('/api/wallet/me').set('authorization', nurse)).status).toBe(401);
    expect((await request(app).post('/api/wallet/desk/resolve').set('authorization', somchai).send({ proof: 'ABCDEFGHJK-123456' })).status).toBe(401);
    expect((await request(app).get('/api/wallet/me')).body.error.code).toBe('UNAUTHENTICATED');
    const wrong = await request(app).post('/api/wallet/auth/login').send({ username: 'citizen.somchai', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('books, refuses overbooking and double booking, cancels, with precise codes', async () => {
    const { app, login, h } = await setup();
    const somchai = await login('citizen.somchai');
    const slots = await request(app).get('/api/wallet/slots?hcode=03889&service=flu-vaccine&from=2026-12-01&to=2026-12-01');
    expect(slots.status).toBe(200);
    expect(slots.body.slots[0]).toMatchObject({ id: FLU_SLOT, capacity: 5, available: 5 });
    const booked = await request(app).post('/api/wallet/me/bookings').set('authorization', somchai).send({ slotId: FLU_SLOT });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ slotId: FLU_SLOT, status: 'booked' });
    expect([1, 2, 3, 4, 5]).toContain(booked.body.seat);
    const twice = await request(app).post('/api/wallet/me/bookings').set('authorization', somchai).send({ slotId: FLU_SLOT });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_BOOKED']);
    for (const c of await h.crowd(4)) await h.service.book(c.id, { slotId: FLU_SLOT });
    const nida = await login('citizen.nida');
    const full = await request(app).post('/api/wallet/me/bookings').set('authorization', nida).send({ slotId: FLU_SLOT });
    expect([full.status, full.body.error.code]).toEqual([409, 'SLOT_FULL']);
    const wait = await request(app).post('/api/wallet/me/waiting-list').set('authorization', nida).send({ slotId: FLU_SLOT });
    expect([wait.status, wait.body.position]).toEqual([201, 1]);
    const notMine = await request(app).post(`/api/wallet/me/bookings/${String(booked.body.id)}/cancel`).set('authorization', nida);
    expect([notMine.status, notMine.body.error.code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    const cancelled = await request(app).post(`/api/wallet/me/bookings/${String(booked.body.id)}/cancel`).set('authorization', somchai);
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    const mine = await request(app).get('/api/wallet/me/bookings').set('authorization', nida);
    expect(mine.body.bookings).toEqual([expect.objectContaining({ slotId: FLU_SLOT, via: 'waiting-list', status: 'booked' })]);
    expect(mine.body.waiting).toEqual([]);
  });

  it.each([
    [{ slotId: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
    [{ slotId: FLU_SLOT, extra: 1 }, 400, 'VALIDATION_FAILED'],
    [{ slotId: FLU_SLOT, requestId: 'x' }, 400, 'VALIDATION_FAILED'],
    [{ slotId: '03889.flu-vaccine.20261126.0900' }, 422, 'SLOT_IN_PAST'],
    [{ slotId: '03889.flu-vaccine.20261202.0900' }, 404, 'SLOT_NOT_FOUND'],
    [{ slotId: '03889.cervical-screening.20261202.1300' }, 422, 'NOT_ELIGIBLE'],
  ])('POST /me/bookings %j → %i %s', async (body, status, code) => {
    const { app, login, h } = await setup();
    const somchai = await login('citizen.somchai');
    const res = await request(app).post('/api/wallet/me/bookings').set('authorization', somchai).send(body);
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect(await h.bookings.byCitizen((await h.byName('citizen.somchai')).id)).toEqual([]);
  });

  it('lists benefits with reasons and sources, and the catalogue', async () => {
    const { app, login } = await setup();
    const malee = await login('citizen.malee');
    const res = await request(app).get('/api/wallet/me/benefits').set('authorization', malee);
    expect(res.status).toBe(200);
    expect(res.body.eligible.map((e: { service: string }) => e.service).sort()).toEqual(['cervical-screening', 'dm-ht-screening']);
    expect(res.body.eligible[0].rules[0]).toHaveProperty('source');
    expect((await request(app).get('/api/wallet/me/benefits?date=2026-02-30').set('authorization', malee)).status).toBe(400);
    const catalogue = await request(app).get('/api/wallet/services');
    expect(catalogue.body.riskGroups.map((g: { code: string }) => g.code)).toContain('pregnant');
    const groups = await request(app).put('/api/wallet/me/risk-groups').set('authorization', malee).send({ riskGroups: ['obesity'] });
    expect([groups.status, groups.body.riskGroups]).toEqual([200, ['obesity']]);
  });

  it('checks a citizen in at the desk by Health ID; a forged proof is refused', async () => {
    const { app, login, h } = await setup();
    const somchai = await login('citizen.somchai');
    await request(app).post('/api/wallet/me/bookings').set('authorization', somchai).send({ slotId: FLU_SLOT });
    h.clock.now = new Date('2026-12-01T01:50:00.000Z');
    const card = await request(app).get('/api/wallet/me/health-id').set('authorization', somchai);
    expect(card.status).toBe(200);
    expect(card.headers['cache-control']).toBe('no-store');
    const forged = await request(app).post('/api/wallet/desk/check-in').set('authorization', nurse).send({ proof: `${String(card.body.token)}x` });
    expect([forged.status, forged.body.error.code]).toEqual([400, 'HEALTH_ID_INVALID']);
    const ok = await request(app).post('/api/wallet/desk/check-in').set('authorization', nurse).send({ proof: card.body.shortCode });
    expect([ok.status, ok.body.status]).toEqual([200, 'checked-in']);
    const day = await request(app).get('/api/wallet/desk/day?date=2026-12-01').set('authorization', nurse);
    expect(day.body.bookings).toHaveLength(1);
    h.clock.now = new Date('2026-12-01T02:00:00.000Z');
    const expired = await request(app).post('/api/wallet/desk/resolve').set('authorization', nurse).send({ proof: card.body.token });
    expect([expired.status, expired.body.error.code]).toEqual([401, 'HEALTH_ID_EXPIRED']);
  });

  it('registers through the SMS outbox code', async () => {
    const { app, h } = await setup();
    const bad = await request(app).post('/api/wallet/auth/register').send({ cid: '1234567890123', birthDate: '1990-01-01', sex: 'F', mobile: '0812345678', displayName: 'ก', password: 'abc12345' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_CID']);
    const started = await request(app).post('/api/wallet/auth/register').send({ cid: '1101700203450', birthDate: '1990-01-01', sex: 'F', mobile: '0812345678', displayName: 'ก', password: 'abc12345' });
    expect(started.status).toBe(202);
    const otp = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    const confirmed = await request(app).post('/api/wallet/auth/register/confirm').send({ registrationId: started.body.registrationId, code: otp });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.citizen.healthId).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('finds the nearest units by tambon or location', async () => {
    const { app } = await setup();
    const byTambon = await request(app).get('/api/wallet/units/nearest?tambon=03889&limit=2');
    expect(byTambon.status).toBe(200);
    expect(byTambon.body.units).toHaveLength(2);
    const byLocation = await request(app).get('/api/wallet/units/nearest?lat=13.69&lng=101.08&service=flu-vaccine');
    expect(byLocation.body.units[0].hcode).toBe('10697');
    for (const q of ['', 'lat=13.69', 'lat=100&lng=101', 'limit=50&tambon=03889']) {
      const res = await request(app).get(`/api/wallet/units/nearest?${q}`);
      expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    expect((await request(app).get('/api/wallet/units/nearest?tambon=99999')).body.error.code).toBe('UNKNOWN_TAMBON');
  });
});
