import assert from 'node:assert/strict';
import { After, Given, Then, When } from '@cucumber/cucumber';
import { mongo } from 'mongoose';
import type { ApiWorld } from '../support/api-world';

// Simulated people of fixtures/kiosk/simulator.json
const UCS_CARD = '1101700123456';
const OFC_CARD = '3100600123450';
const OFC_HN = '6500456';
const EXPIRED_CARD = '3800100998876';
const UNKNOWN_CARD = '1234567890121';
const KIOSK = 'kiosk.buddhasothorn.01';
const CASHIER = 'cashier.buddhasothorn';
const AUDITOR = 'auditor.pho';
const POINT = '01';
const HCODE = '10697';
const STORE_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/referrals';

interface Session {
  id: string;
  state: string;
  bill: { patientPays: number; vn: string } | null;
  right: { claimCode: string | null; closedAt: string | null; expired: boolean };
}
interface Payment {
  id: string;
  status: string;
  receiptNo: string;
  qrPayload: string | null;
  paidBy: string | null;
}
interface Receipt {
  receiptNo: string;
  fiscalYear: number;
  status: string;
  voidReason: string | null;
  anchorTxId: string | null;
  hash: string | null;
  content: { amount: number; amountTextTh: string } | null;
}
interface BankPay {
  callback: Record<string, string>;
  signature: string;
  result: { status: string };
}

/** What one kiosk scenario remembers. */
interface KioskScenario {
  session?: Session;
  payment?: Payment;
  bank?: BankPay;
  receipt?: Receipt;
  restore?: { id: string; amount: number };
}
const scenarios = new WeakMap<ApiWorld, KioskScenario>();
const state = (world: ApiWorld): KioskScenario => {
  let s = scenarios.get(world);
  if (s === undefined) {
    s = {};
    scenarios.set(world, s);
  }
  return s;
};
let clientKeys = 0;
const newClientKey = (): string => `bdd-${Date.now().toString(36)}-${String((clientKeys += 1))}`;

async function ok<T>(world: ApiWorld, method: string, path: string, body?: unknown, as?: string | null): Promise<T> {
  const res = await world.call(method, path, body, as);
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

function sessionOf(world: ApiWorld): Session {
  const s = state(world).session;
  assert.ok(s, 'no kiosk session started');
  return s;
}

async function start(world: ApiWorld, card: string): Promise<Session> {
  const { session } = await ok<{ session: Session }>(world, 'POST', '/api/kiosk/sessions', { point: POINT, simulatedCardPid: card });
  state(world).session = session;
  return session;
}

async function step(world: ApiWorld, action: string): Promise<Session> {
  const { session } = await ok<{ session: Session }>(world, 'POST', `/api/kiosk/sessions/${sessionOf(world).id}/${action}`);
  state(world).session = session;
  return session;
}

async function newVisit(world: ApiWorld): Promise<void> {
  await ok(world, 'POST', '/api/kiosk/simulator/visits', { hn: OFC_HN });
}

async function billedCivilServant(world: ApiWorld): Promise<void> {
  await newVisit(world);
  await start(world, OFC_CARD);
  await step(world, 'open-right');
  await step(world, 'bill');
}

async function startQr(world: ApiWorld): Promise<Payment> {
  const body = await ok<{ payment: Payment }>(world, 'POST', `/api/kiosk/sessions/${sessionOf(world).id}/payments`, { method: 'promptpay', clientKey: newClientKey() });
  state(world).payment = body.payment;
  return body.payment;
}

async function bankPays(world: ApiWorld): Promise<void> {
  const payment = state(world).payment;
  assert.ok(payment?.qrPayload, 'no QR to pay');
  state(world).bank = await ok<BankPay>(world, 'POST', '/api/kiosk/simulator/bank/pay', { qrPayload: payment.qrPayload });
}

async function issueReceipt(world: ApiWorld): Promise<Receipt> {
  const { receipt } = await ok<{ receipt: Receipt }>(world, 'POST', `/api/kiosk/sessions/${sessionOf(world).id}/receipt`);
  state(world).receipt = receipt;
  return receipt;
}

async function withReceipts<T>(use: (rows: mongo.Collection<{ _id: string } & Record<string, unknown>>) => Promise<T>): Promise<T> {
  const client = new mongo.MongoClient(STORE_URI, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    return await use(client.db().collection<{ _id: string } & Record<string, unknown>>('kioskReceipts'));
  } finally {
    await client.close();
  }
}

async function gapCheck(world: ApiWorld): Promise<{ ok: boolean; gaps: number[]; duplicates: number[]; tampered: string[]; unanchored: string[] }> {
  const fiscalYear = state(world).receipt?.fiscalYear ?? 0;
  return ok(world, 'GET', `/api/kiosk/audit/receipts?hcode=${HCODE}&fiscalYear=${fiscalYear}&point=${POINT}`, undefined, AUDITOR);
}

After(async function (this: ApiWorld) {
  const restore = scenarios.get(this)?.restore;
  if (restore !== undefined) await withReceipts(async (rows) => rows.updateOne({ _id: restore.id }, { $set: { 'content.amount': restore.amount } }));
});

Given('the Buddhasothorn payment kiosk {int} is in use', async function (this: ApiWorld, point: number) {
  assert.equal(String(point).padStart(2, '0'), POINT);
  await this.signIn(KIOSK);
});

When('a UCS gold-card patient inserts their card and opens the right', async function (this: ApiWorld) {
  await start(this, UCS_CARD);
  const opened = await step(this, 'open-right');
  assert.match(opened.right.claimCode ?? '', /^PP\d{10}$/);
});

When('asks for the bill', async function (this: ApiWorld) {
  await step(this, 'bill');
});

Then('the bill shows {float} baht to pay', function (this: ApiWorld, amount: number) {
  assert.equal(sessionOf(this).bill?.patientPays, amount);
});

Then('the session closes without a payment and the right is closed', async function (this: ApiWorld) {
  const closed = await step(this, 'close');
  assert.equal(closed.state, 'closed');
  assert.ok(closed.right.closedAt, 'the right is closed');
});

Given('the civil-servant patient has a new visit today', async function (this: ApiWorld) {
  await newVisit(this);
});

When('the patient inserts their card, opens the right and asks for the bill', async function (this: ApiWorld) {
  await start(this, OFC_CARD);
  await step(this, 'open-right');
  await step(this, 'bill');
});

When('the patient pays by PromptPay and the bank confirms', async function (this: ApiWorld) {
  const payment = await startQr(this);
  assert.ok(payment.qrPayload?.includes('0016A000000677010112'), 'a tag-30 bill-payment QR');
  await bankPays(this);
  assert.equal(state(this).bank?.result.status, 'posted');
  await issueReceipt(this);
});

Then('a receipt of kiosk point {int} is issued for {float} baht, in words {string}', function (this: ApiWorld, point: number, amount: number, words: string) {
  const receipt = state(this).receipt;
  assert.ok(receipt);
  assert.match(receipt.receiptNo, new RegExp(`^\\d{4}-${HCODE}-${String(point).padStart(2, '0')}-\\d{6}$`));
  assert.equal(receipt.status, 'issued');
  assert.equal(receipt.content?.amount, amount);
  assert.equal(receipt.content?.amountTextTh, words);
});

Then('the receipt is anchored on the ledger', function (this: ApiWorld) {
  assert.ok(state(this).receipt?.anchorTxId, 'the receipt has the transaction that anchored it');
});

Given('the civil-servant patient is paying by PromptPay', async function (this: ApiWorld) {
  await billedCivilServant(this);
  await startQr(this);
});

Given('the civil-servant patient has paid by PromptPay', async function (this: ApiWorld) {
  await billedCivilServant(this);
  await startQr(this);
  await bankPays(this);
});

Given('the civil-servant patient has paid by PromptPay and got a receipt', async function (this: ApiWorld) {
  await billedCivilServant(this);
  await startQr(this);
  await bankPays(this);
  await issueReceipt(this);
});

When('the bank sends the same confirmation again', async function (this: ApiWorld) {
  const bank = state(this).bank;
  assert.ok(bank);
  const res = await fetch(`${this.baseUrl}/api/kiosk/bank/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bank-signature': bank.signature },
    body: JSON.stringify(bank.callback),
  });
  this.last = { status: res.status, body: (await res.json()) as unknown };
});

Then('the bank is told {string} and the payment is posted only once', async function (this: ApiWorld, status: string) {
  assert.equal(this.last?.status, 200, JSON.stringify(this.last?.body));
  assert.equal((this.last?.body as { status: string }).status, status);
  const { session } = await ok<{ session: Session }>(this, 'GET', `/api/kiosk/sessions/${sessionOf(this).id}`);
  assert.equal(session.state, 'paid');
});

async function postCallback(world: ApiWorld, callback: Record<string, string>, signature: string): Promise<void> {
  const res = await fetch(`${world.baseUrl}/api/kiosk/bank/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bank-signature': signature },
    body: JSON.stringify(callback),
  });
  world.last = { status: res.status, body: (await res.json()) as unknown };
}

function qrCallback(world: ApiWorld, amount?: string): Record<string, string> {
  const payment = state(world).payment;
  assert.ok(payment?.qrPayload);
  const fields = new Map<string, string>();
  const walk = (text: string, into: Map<string, string>, prefix: string): void => {
    for (let at = 0; at < text.length; ) {
      const id = text.slice(at, at + 2);
      const length = Number(text.slice(at + 2, at + 4));
      into.set(prefix + id, text.slice(at + 4, at + 4 + length));
      at += 4 + length;
    }
  };
  walk(payment.qrPayload, fields, '');
  walk(fields.get('30') ?? '', fields, '30.');
  return {
    billerId: fields.get('30.01') ?? '',
    ref1: fields.get('30.02') ?? '',
    ref2: fields.get('30.03') ?? '',
    amount: amount ?? fields.get('54') ?? '',
    bankTxId: `FORGED${Date.now()}`,
    paidAt: new Date().toISOString(),
  };
}

When('a callback arrives with a forged signature', async function (this: ApiWorld) {
  await postCallback(this, qrCallback(this), 'f'.repeat(64));
});

When('a correctly signed callback arrives for {float} baht', async function (this: ApiWorld, amount: number) {
  // a genuine bank signature over a wrong amount (the simulated bank signs what it is given)
  const callback = qrCallback(this, amount.toFixed(2));
  const signed = await ok<{ signature: string }>(this, 'POST', '/api/kiosk/simulator/bank/sign', callback, CASHIER);
  await postCallback(this, callback, signed.signature);
});

Then('the payment is still waiting for the bank', async function (this: ApiWorld) {
  const { session } = await ok<{ session: Session }>(this, 'GET', `/api/kiosk/sessions/${sessionOf(this).id}`);
  assert.equal(session.state, 'paying');
});

When('the patient starts another session and tries to pay the same bill', async function (this: ApiWorld) {
  await start(this, OFC_CARD);
  await step(this, 'open-right');
  await step(this, 'bill');
  await this.call('POST', `/api/kiosk/sessions/${sessionOf(this).id}/payments`, { method: 'promptpay', clientKey: newClientKey() });
});

When('a card unknown to the NHSO agent is inserted', async function (this: ApiWorld) {
  await this.call('POST', '/api/kiosk/sessions', { point: POINT, simulatedCardPid: UNKNOWN_CARD });
});

When('a patient whose right has expired tries to open it', async function (this: ApiWorld) {
  const session = await start(this, EXPIRED_CARD);
  assert.equal(session.right.expired, true);
  await this.call('POST', `/api/kiosk/sessions/${session.id}/open-right`);
});

When('the Buddhasothorn cashier voids that receipt because {string}', async function (this: ApiWorld, reason: string) {
  const receiptNo = state(this).receipt?.receiptNo ?? '';
  const { receipt } = await ok<{ receipt: Receipt }>(this, 'POST', `/api/kiosk/receipts/${receiptNo}/void`, { reason }, CASHIER);
  state(this).receipt = receipt;
});

Then('the receipt is voided with its reason, not deleted', async function (this: ApiWorld) {
  const expected = state(this).receipt;
  assert.ok(expected);
  const { receipt } = await ok<{ receipt: Receipt }>(this, 'GET', `/api/kiosk/receipts/${expected.receiptNo}`, undefined, CASHIER);
  assert.equal(receipt.status, 'voided');
  assert.equal(receipt.voidReason, expected.voidReason);
  assert.ok(receipt.hash, 'the voided receipt keeps its hash');
});

Then("the auditor's gap check of kiosk point {int} passes", async function (this: ApiWorld, point: number) {
  assert.equal(String(point).padStart(2, '0'), POINT);
  const audit = await gapCheck(this);
  assert.deepEqual({ gaps: audit.gaps, duplicates: audit.duplicates, tampered: audit.tampered }, { gaps: [], duplicates: [], tampered: [] });
});

When('someone changes the amount of that receipt in the store', async function (this: ApiWorld) {
  const receipt = state(this).receipt;
  assert.ok(receipt?.content);
  const [fy, hcode, point, seq] = receipt.receiptNo.split('-');
  const id = `${hcode ?? ''}:${fy ?? ''}:${point ?? ''}:${String(Number(seq))}`;
  state(this).restore = { id, amount: receipt.content.amount };
  await withReceipts(async (rows) => rows.updateOne({ _id: id }, { $set: { 'content.amount': 1 } }));
});

Then("the auditor's gap check of kiosk point {int} fails and names that receipt", async function (this: ApiWorld, point: number) {
  assert.equal(String(point).padStart(2, '0'), POINT);
  const audit = await gapCheck(this);
  assert.equal(audit.ok, false);
  assert.ok(audit.tampered.includes(state(this).receipt?.receiptNo ?? ''), JSON.stringify(audit));
});

// ---- Health ID QR (wallet) and reconciliation

const ANAN_HN = '6501010';
const scanned = new WeakMap<ApiWorld, string>();

Given('the wallet user {string} has a new visit today and shows the Health ID QR', async function (this: ApiWorld, username: string) {
  await ok(this, 'POST', '/api/kiosk/simulator/visits', { hn: ANAN_HN });
  const login = await ok<{ token: string }>(this, 'POST', '/api/wallet/auth/login', { username, password: process.env.DEMO_PASSWORD ?? 'Referral#2026' }, null);
  const res = await fetch(`${this.baseUrl}/api/wallet/me/health-id`, { headers: { authorization: `Bearer ${login.token}` } });
  assert.equal(res.status, 200);
  scanned.set(this, ((await res.json()) as { token: string }).token);
});

When('the kiosk scans the QR, opens the right and asks for the bill', async function (this: ApiWorld) {
  const { session } = await ok<{ session: Session }>(this, 'POST', '/api/kiosk/sessions', { point: POINT, healthIdProof: scanned.get(this) });
  state(this).session = session;
  await step(this, 'open-right');
  await step(this, 'bill');
});

Then('the session shows {string} identified by Health ID, never the national ID', async function (this: ApiWorld, name: string) {
  const res = await this.call('GET', `/api/kiosk/sessions/${sessionOf(this).id}`);
  const body = res.body as { session: { identifiedBy: string; patient: { nameTh: string; pidMasked: string } } };
  assert.equal(body.session.identifiedBy, 'health-id');
  assert.equal(body.session.patient.nameTh, name);
  assert.ok(!JSON.stringify(res.body).includes('8249900456720'), 'no national ID in the answer');
});

When('the kiosk scans a Health ID QR that was tampered with', async function (this: ApiWorld) {
  const token = scanned.get(this) ?? '';
  await this.call('POST', '/api/kiosk/sessions', { point: POINT, healthIdProof: `${token.slice(0, -4)}AAAA` });
});

When("the Buddhasothorn cashier reconciles the bank's statement of today with a stranger's credit of {float} baht added", async function (this: ApiWorld, amount: number) {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const login = await ok<{ token: string }>(this, 'POST', '/api/auth/login', { username: CASHIER, password: process.env.DEMO_PASSWORD ?? 'Referral#2026' }, null);
  const auth = { authorization: `Bearer ${login.token}` };
  const statement = await (await fetch(`${this.baseUrl}/api/kiosk/simulator/bank/statement?date=${today}`, { headers: auth })).text();
  const edited = `${statement.trimEnd()}\n${today},09:15:00,PROMPTPAY,099400012345600,9999999,25709999999999999,${amount.toFixed(2)},BANKTX-STRANGER\n`;
  const res = await fetch(`${this.baseUrl}/api/kiosk/reconciliation?date=${today}`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: edited });
  this.last = { status: res.status, body: (await res.json()) as unknown };
});

Then("that receipt is matched and the stranger's credit is reported as unexpected", function (this: ApiWorld) {
  assert.equal(this.last?.status, 200, JSON.stringify(this.last?.body));
  const r = this.last?.body as { ok: boolean; matched: { receiptNo: string }[]; unexpected: { ref1: string; amount: number }[]; missing: unknown[]; amountMismatch: unknown[] };
  assert.ok(r.matched.some((m) => m.receiptNo === state(this).receipt?.receiptNo), JSON.stringify(r).slice(0, 500));
  assert.deepEqual(r.unexpected.map((u) => [u.ref1, u.amount]), [['9999999', 80]]);
  assert.equal(r.ok, false);
});
