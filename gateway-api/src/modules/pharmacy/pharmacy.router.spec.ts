import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../http/error-handler';
import { requireAuth } from '../../http/require-auth';
import { AuthToken } from '../auth/auth-token';
import { pharmacyRouter } from './pharmacy.router';
import { CID, CLINICIAN, FakePharmacyLedger, ITEMS, PHARMACIST, serviceOn } from './test-support/pharmacy-fakes';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const clinician = `Bearer ${tokens.sign(CLINICIAN)}`;
const pharmacist = `Bearer ${tokens.sign(PHARMACIST)}`;
const PLAN = { patient: { cid: CID }, startDate: '2026-01-05', intervalDays: 28, cycleCount: 3, items: ITEMS };

function app(ledger = new FakePharmacyLedger()) {
  const a = express();
  a.use(express.json());
  a.use('/api/pharmacy', requireAuth(tokens), pharmacyRouter(serviceOn(ledger)));
  a.use(errorHandler(() => undefined));
  return { a, ledger };
}

describe('/api/pharmacy', () => {
  it('creates a plan: 201 with a Location', async () => {
    const { a } = app();
    const res = await request(a).post('/api/pharmacy/plans').set('authorization', clinician).send(PLAN);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/pharmacy/plans/RX-1');
    expect(res.body.plan.planId).toBe('RX-1');
  });

  it.each([
    ['a zero quantity', { ...PLAN, items: [{ tmtId: '990001', quantity: 0 }] }],
    ['a negative quantity', { ...PLAN, items: [{ tmtId: '990001', quantity: -3 }] }],
    ['no items', { ...PLAN, items: [] }],
    ['a drug twice', { ...PLAN, items: [ITEMS[0], ITEMS[0]] }],
    ['an unknown channel', { ...PLAN, channel: 'drone' }],
    ['a patient name', { ...PLAN, patient: { cid: CID, name: 'x' } }],
    ['a bad date', { ...PLAN, startDate: '05/01/2026' }],
  ])('answers 400 VALIDATION_FAILED to %s, writing nothing', async (_label, body) => {
    const { a, ledger } = app();
    const res = await request(a).post('/api/pharmacy/plans').set('authorization', clinician).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(ledger.calls).toEqual([]);
  });

  it('answers 400 UNKNOWN_DRUG_CODE to a drug outside the TMT subset', async () => {
    const res = await request(app().a).post('/api/pharmacy/plans').set('authorization', clinician).send({ ...PLAN, items: [{ tmtId: '123456', quantity: 5 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UNKNOWN_DRUG_CODE');
  });

  it('dispenses (201), then answers 409 ALREADY_DISPENSED', async () => {
    const { a } = app();
    const first = await request(a).post('/api/pharmacy/plans/RX-1/cycles/1/dispense').set('authorization', pharmacist).send({ items: ITEMS });
    expect(first.status).toBe(201);
    expect(first.body.cycle.status).toBe('dispensed');
    const second = await request(a).post('/api/pharmacy/plans/RX-1/cycles/1/dispense').set('authorization', pharmacist).send({ items: ITEMS });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ALREADY_DISPENSED');
  });

  it('answers 403 FORBIDDEN_ROLE to a clinician dispensing, 404 PLAN_NOT_FOUND to an unknown plan, 401 without a token', async () => {
    const { a } = app();
    const forbidden = await request(a).post('/api/pharmacy/plans/RX-1/cycles/1/dispense').set('authorization', clinician).send({ items: ITEMS });
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const missing = await request(a).get('/api/pharmacy/plans/RX-404').set('authorization', clinician);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    expect((await request(a).get('/api/pharmacy/plans/RX-1')).status).toBe(401);
  });

  it('answers 400 to a bad cycle number or plan id', async () => {
    const { a } = app();
    const cycle = await request(a).post('/api/pharmacy/plans/RX-1/cycles/0/dispense').set('authorization', pharmacist).send({ items: ITEMS });
    expect([cycle.status, cycle.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const id = await request(a).get('/api/pharmacy/plans/x').set('authorization', pharmacist);
    expect(id.status).toBe(400);
  });

  it('changes the channel of a future cycle', async () => {
    const { a } = app();
    const res = await request(a).post('/api/pharmacy/plans/RX-1/cycles/2/channel').set('authorization', pharmacist).send({ channel: 'post' });
    expect(res.status).toBe(200);
    expect(res.body.cycle.cycle).toBe(2);
  });

  it('serves the TMT subset, the rule table and the partner drugstores', async () => {
    const { a } = app();
    expect((await request(a).get('/api/pharmacy/drugs').set('authorization', pharmacist)).body.drugs[0].tmtId).toBe('990001');
    expect((await request(a).get('/api/pharmacy/rules').set('authorization', pharmacist)).body.rules[0].verified).toBe(false);
    expect((await request(a).get('/api/pharmacy/drugstores').set('authorization', pharmacist)).body.drugstores).toHaveLength(3);
  });
});

describe('/api/pharmacy custody', () => {
  it.each([
    ['handed-to-post without a tracking number', { step: 'handed-to-post' }],
    ['delivered without the code', { step: 'delivered' }],
    ['a weak code', { step: 'delivered', confirmationCode: '1234' }],
    ['an unknown step', { step: 'lost' }],
  ])('answers 400 VALIDATION_FAILED to %s', async (_label, body) => {
    const { a, ledger } = app();
    const res = await request(a).post('/api/pharmacy/plans/RX-1/cycles/3/custody').set('authorization', pharmacist).send(body);
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(ledger.calls).toEqual([]);
  });

  it('records a step', async () => {
    const { a, ledger } = app();
    ledger.dispensed.add(3);
    const res = await request(a).post('/api/pharmacy/plans/RX-1/cycles/3/custody').set('authorization', pharmacist).send({ step: 'handed-to-post', trackingNumber: 'EF123456789TH' });
    expect(res.status).toBe(200);
    expect(res.body.cycle.custody.trackingNumber).toBe('EF123456789TH');
  });
});
