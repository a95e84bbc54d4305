import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../http/error-handler';
import { AuthToken } from '../auth/auth-token';
import type { Principal } from '../auth/auth-token';
import { kioskRouter } from './kiosk.router';
import { CASHIER, KIOSK, OFC, UCS, kioskHarness } from './test-support/kiosk-harness';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const bearer = (p: Principal): string => `Bearer ${tokens.sign(p)}`;

function app() {
  const h = kioskHarness();
  const a = express();
  a.use(express.json());
  a.use('/api/kiosk', kioskRouter({ service: h.service, tokens, simulators: { rights: h.rights, bank: h.bank } }));
  a.use(errorHandler(() => undefined));
  return { a, ...h };
}

describe('/api/kiosk', () => {
  it('runs a civil-servant journey over HTTP: session, open right, bill, QR, simulated bank, receipt, close', async () => {
    const { a } = app();
    const k = bearer(KIOSK);
    const started = await request(a).post('/api/kiosk/sessions').set('authorization', k).send({ point: '01', simulatedCardPid: OFC });
    expect(started.status).toBe(201);
    const id = started.body.session.id as string;
    expect((await request(a).post(`/api/kiosk/sessions/${id}/open-right`).set('authorization', k)).status).toBe(200);
    expect((await request(a).post(`/api/kiosk/sessions/${id}/bill`).set('authorization', k)).body.session.bill.patientPays).toBe(350);
    const pay = await request(a).post(`/api/kiosk/sessions/${id}/payments`).set('authorization', k).send({ method: 'promptpay', clientKey: 'kiosk01-0001' });
    expect(pay.status).toBe(201);
    const bank = await request(a).post('/api/kiosk/simulator/bank/pay').set('authorization', k).send({ qrPayload: pay.body.payment.qrPayload });
    expect(bank.body.result.status).toBe('posted');
    // the bank retries its callback: nothing posts twice
    const again = await request(a).post('/api/kiosk/bank/callback').set('x-bank-signature', bank.body.signature).send(bank.body.callback);
    expect(again.body.status).toBe('duplicate');
    const receipt = await request(a).post(`/api/kiosk/sessions/${id}/receipt`).set('authorization', k);
    expect(receipt.body.receipt).toMatchObject({ receiptNo: '2570-10697-01-000001', status: 'issued' });
    expect((await request(a).get('/api/kiosk/receipts/2570-10697-01-000001').set('authorization', k)).body.receipt.content.amountTextTh).toBe('สามร้อยห้าสิบบาทถ้วน');
    const pdf = await request(a).get('/api/kiosk/receipts/2570-10697-01-000001/pdf').set('authorization', k).buffer(true);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await request(a).post(`/api/kiosk/sessions/${id}/close`).set('authorization', k)).body.session.state).toBe('closed');
    const audit = await request(a).get('/api/kiosk/audit/receipts?hcode=10697&fiscalYear=2570&point=01').set('authorization', bearer(CASHIER));
    expect(audit.body).toMatchObject({ ok: true, count: 1 });
    // the first PDF loads the fonts: seconds on a busy machine
  }, 60_000);

  it('answers coded errors', async () => {
    const { a } = app();
    const k = bearer(KIOSK);
    expect((await request(a).post('/api/kiosk/sessions').send({ point: '01' })).status).toBe(401);
    const bad = await request(a).post('/api/kiosk/sessions').set('authorization', k).send({ point: '1', extra: true });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await request(a).post('/api/kiosk/sessions').set('authorization', k).send({ point: '01', simulatedCardPid: '1234567890121' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CARD_UNKNOWN']);
    const noSig = await request(a).post('/api/kiosk/bank/callback').send({});
    expect([noSig.status, noSig.body.error.code]).toEqual([401, 'BAD_SIGNATURE']);
    const missing = await request(a).get('/api/kiosk/sessions/KS-00000000-0000-0000-0000-000000000000').set('authorization', k);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'KIOSK_SESSION_NOT_FOUND']);
    expect((await request(a).get('/api/kiosk/receipts/123').set('authorization', k)).status).toBe(400);
    const sim = await request(a).post(`/api/kiosk/simulator/cards/${UCS}/behaviour`).set('authorization', k).send({ behaviour: 'expired' });
    expect([sim.status, sim.body.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const set = await request(a).post(`/api/kiosk/simulator/cards/${UCS}/behaviour`).set('authorization', bearer(CASHIER)).send({ behaviour: 'timeout' });
    expect(set.status).toBe(200);
    const timeout = await request(a).post('/api/kiosk/sessions').set('authorization', k).send({ point: '01', simulatedCardPid: UCS });
    expect([timeout.status, timeout.body.error.code]).toEqual([504, 'RIGHTS_AGENT_TIMEOUT']);
  }, 30_000);

  it('serves the QR image, the closing PDF, the reconciliation of a CSV body and the re-anchor', async () => {
    const { a } = app();
    const k = bearer(KIOSK);
    const c = bearer(CASHIER);
    const both = await request(a).post('/api/kiosk/sessions').set('authorization', k).send({ point: '01', simulatedCardPid: OFC, healthIdProof: 'ANAN000001-123456' });
    expect([both.status, both.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const id = (await request(a).post('/api/kiosk/sessions').set('authorization', k).send({ point: '01', simulatedCardPid: OFC })).body.session.id as string;
    await request(a).post(`/api/kiosk/sessions/${id}/open-right`).set('authorization', k);
    await request(a).post(`/api/kiosk/sessions/${id}/bill`).set('authorization', k);
    await request(a).post(`/api/kiosk/sessions/${id}/payments`).set('authorization', k).send({ method: 'promptpay', clientKey: 'kiosk01-0002' });
    const svg = await request(a).get(`/api/kiosk/sessions/${id}/payment/qr`).set('authorization', k).buffer(true);
    expect([svg.status, svg.headers['content-type']]).toEqual([200, 'image/svg+xml; charset=utf-8']);
    const png = await request(a).get(`/api/kiosk/sessions/${id}/payment/qr?format=png`).set('authorization', k).buffer(true);
    expect([png.status, png.headers['content-type']]).toEqual([200, 'image/png']);
    const pdf = await request(a).get('/api/kiosk/reports/daily?date=2026-11-30&format=pdf').set('authorization', c).buffer(true);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const header = 'valueDate,txnTime,channel,billerId,ref1,ref2,amount,bankTxId';
    const rec = await request(a).post('/api/kiosk/reconciliation?date=2026-11-30').set('authorization', c).set('content-type', 'text/csv').send(`${header}\n2026-11-30,09:00:00,PROMPTPAY,099400012345600,9999999,1,80.00,TX-STRANGER\n`);
    expect([rec.status, rec.body.unexpected.length]).toEqual([200, 1]);
    const junk = await request(a).post('/api/kiosk/reconciliation?date=2026-11-30').set('authorization', c).set('content-type', 'text/csv').send('not,a,statement');
    expect([junk.status, junk.body.error.code]).toEqual([400, 'INVALID_STATEMENT']);
    const re = await request(a).post('/api/kiosk/audit/receipts/reanchor?hcode=10697&fiscalYear=2570&point=01').set('authorization', c);
    expect([re.status, re.body.failed]).toEqual([200, []]);
  }, 60_000);
});
