import express from 'express';
import request from 'supertest';
import { ApiError } from '../../http/api-error';
import { errorHandler, notFoundHandler } from '../../http/error-handler';
import { requireAuth } from '../../http/require-auth';
import { UnitRegistry } from '../../units/unit-registry';
import { AuthToken, type Principal } from '../auth/auth-token';
import { fhirRouter } from './fhir.router';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const caller: Principal = { username: 'nurse.buddhasothorn', role: 'nurse', hcode: '10697', mspId: 'BuddhasothornMSP' };
const bearer = `Bearer ${tokens.sign(caller)}`;
const units = new UnitRegistry([
  { hcode: '10697', nameTh: 'โรงพยาบาลพุทธโสธร', nameEn: 'Buddhasothorn Hospital', type: 'hospital', district: 'Mueang Chachoengsao', parentHcode: null, mspId: 'BuddhasothornMSP', lat: 0, lng: 0, illustrative: false },
]);

const ledgerReferral = {
  id: 'R-1',
  kind: 'referral',
  status: 'accepted',
  fromHcode: '11138',
  toHcode: '10697',
  fromMsp: 'BangKhlaMSP',
  toMsp: 'BuddhasothornMSP',
  patientPseudonym: 'c'.repeat(64),
  reasonCode: '1',
  priority: 3,
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-01T02:10:00.000Z',
  steps: [
    { action: 'create', status: 'requested', txId: 't1', at: '2026-03-01T02:00:00.000Z', mspId: 'BangKhlaMSP', hcode: '11138', role: 'clinician', actor: 'a' },
    { action: 'accept', status: 'accepted', txId: 't2', at: '2026-03-01T02:10:00.000Z', mspId: 'BuddhasothornMSP', hcode: '10697', role: 'nurse', actor: 'b' },
  ],
};

/** Mounted as the lead will mount it: authenticated, before the /api/referrals router. */
function appWith(get: jest.Mock) {
  const app = express();
  app.use('/api/referrals', requireAuth(tokens), fhirRouter({ referrals: { get }, units }));
  app.use('/api', notFoundHandler);
  app.use(errorHandler(() => undefined));
  return app;
}

describe('GET /api/referrals/:id/fhir', () => {
  it('returns the Bundle as application/fhir+json, read through ReferralsService.get as the caller', async () => {
    const get = jest.fn().mockResolvedValue(ledgerReferral);
    const res = await request(appWith(get)).get('/api/referrals/R-1/fhir').set('authorization', bearer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = JSON.parse(res.text) as { resourceType: string; type: string; entry: { resource: { resourceType: string; status?: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect(bundle.entry.find((e) => e.resource.resourceType === 'Task')?.resource.status).toBe('accepted');
    expect(get).toHaveBeenCalledWith(caller, 'R-1');
  });

  it('answers 401 without a token and never reads the ledger', async () => {
    const get = jest.fn();
    const res = await request(appWith(get)).get('/api/referrals/R-1/fhir');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(get).not.toHaveBeenCalled();
  });

  it('answers 400 for a malformed id', async () => {
    const get = jest.fn();
    const res = await request(appWith(get)).get('/api/referrals/bad%20id/fhir').set('authorization', bearer);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(get).not.toHaveBeenCalled();
  });

  it('passes on the access errors of ReferralsService.get (not a party: 403, unknown: 404)', async () => {
    const forbidden = await request(appWith(jest.fn().mockRejectedValue(new ApiError('FORBIDDEN_UNIT', 'not a party'))))
      .get('/api/referrals/R-1/fhir')
      .set('authorization', bearer);
    expect(forbidden.status).toBe(403);
    const missing = await request(appWith(jest.fn().mockRejectedValue(new ApiError('REFERRAL_NOT_FOUND', 'no R-2'))))
      .get('/api/referrals/R-2/fhir')
      .set('authorization', bearer);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('REFERRAL_NOT_FOUND');
  });

  it('leaves other /api/referrals paths to the next router', async () => {
    const res = await request(appWith(jest.fn())).get('/api/referrals/R-1').set('authorization', bearer);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
