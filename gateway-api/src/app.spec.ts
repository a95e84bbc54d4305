import express from 'express';
import request from 'supertest';
import { createApp } from './app';
import { ApiError } from './http/api-error';
import { AuthToken } from './modules/auth/auth-token';
import { UserDirectory } from './modules/auth/user-directory';
import type { ReferralsService } from './modules/referrals/referrals.service';
import { UnitRegistry } from './units/unit-registry';
import { scryptSync } from 'node:crypto';

const salt = Buffer.alloc(16, 1);
const hash = `scrypt:${salt.toString('hex')}:${scryptSync('pw', salt, 32).toString('hex')}`;
const users = new UserDirectory([
  { username: 'clinician.bangkhla', displayName: 'C', orgKey: 'bangkhla', mspId: 'BangKhlaMSP', role: 'clinician', hcode: '11138', passwordHash: hash },
]);
const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const units = new UnitRegistry([]);

function appWith(service: Partial<Record<keyof ReferralsService, jest.Mock>>) {
  return createApp({ users, tokens, units, referrals: service as unknown as ReferralsService, health: express.Router(), log: () => undefined });
}

const bearer = `Bearer ${tokens.sign({ username: 'clinician.bangkhla', role: 'clinician', hcode: '11138', mspId: 'BangKhlaMSP' })}`;
const validBody = { patient: { cid: '1101700207030' }, toHcode: '10697', reasonCode: '1', priority: 2 };

describe('gateway app', () => {
  it('logs in with a correct password and refuses a wrong one', async () => {
    const app = appWith({});
    const ok = await request(app).post('/api/auth/login').send({ username: 'clinician.bangkhla', password: 'pw' });
    expect(ok.status).toBe(200);
    expect(tokens.verify(ok.body.token as string).hcode).toBe('11138');
    const bad = await request(app).post('/api/auth/login').send({ username: 'clinician.bangkhla', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 UNAUTHENTICATED without a token and never calls the ledger', async () => {
    const create = jest.fn();
    const res = await request(appWith({ create })).post('/api/referrals').send(validBody);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(create).not.toHaveBeenCalled();
  });

  it('answers 400 MALFORMED_JSON to a broken body', async () => {
    const res = await request(appWith({})).post('/api/referrals').set('authorization', bearer).set('content-type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  it('answers 400 VALIDATION_FAILED naming the field, for wrong types and unknown fields', async () => {
    const create = jest.fn();
    const app = appWith({ create });
    const wrongType = await request(app).post('/api/referrals').set('authorization', bearer).send({ ...validBody, priority: 'high' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrongType.body.error.message).toMatch(/^priority/);
    const named = await request(app).post('/api/referrals').set('authorization', bearer).send({ ...validBody, patient: { cid: '1101700207030', name: 'x' } });
    expect(named.status).toBe(400);
    expect(create).not.toHaveBeenCalled();
  });

  it('creates through the service as the caller and answers 201 with a Location', async () => {
    const create = jest.fn().mockResolvedValue({ referral: { id: 'R-1' }, txId: 'tx' });
    const res = await request(appWith({ create })).post('/api/referrals').set('authorization', bearer).send(validBody);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/referrals/R-1');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ username: 'clinician.bangkhla', mspId: 'BangKhlaMSP' }), expect.objectContaining({ toHcode: '10697' }));
  });

  it('maps service errors to their status and code', async () => {
    const get = jest.fn().mockRejectedValue(new ApiError('FORBIDDEN_UNIT', 'not yours'));
    const res = await request(appWith({ get })).get('/api/referrals/R-1').set('authorization', bearer);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN_UNIT', message: 'not yours' } });
  });

  it('turns lifecycle endpoints into chaincode steps with their arguments', async () => {
    const step = jest.fn().mockResolvedValue({ referral: { id: 'R-1' }, txId: 'tx' });
    const app = appWith({ step });
    await request(app).post('/api/referrals/R-1/reject').set('authorization', bearer).send({ reasonCode: '2', reasonText: 'no bed' }).expect(200);
    expect(step).toHaveBeenLastCalledWith(expect.anything(), 'R-1', 'RejectReferral', ['2', 'no bed']);
    await request(app).post('/api/referrals/R-1/complete').set('authorization', bearer).send({ resultCode: '1' }).expect(200);
    expect(step).toHaveBeenLastCalledWith(expect.anything(), 'R-1', 'CompleteReferral', ['1', '']);
    const noReason = await request(app).post('/api/referrals/R-1/cancel').set('authorization', bearer).send({});
    expect(noReason.status).toBe(400);
  });

  it('rejects a malformed referral id before reaching the ledger', async () => {
    const get = jest.fn();
    const res = await request(appWith({ get })).get('/api/referrals/bad%20id').set('authorization', bearer);
    expect(res.status).toBe(400);
    expect(get).not.toHaveBeenCalled();
  });

  it('serves the OpenAPI document and 404s unknown API routes', async () => {
    const app = appWith({});
    const doc = await request(app).get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths as object)).toContain('/api/referrals/{id}/history');
    const missing = await request(app).get('/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
