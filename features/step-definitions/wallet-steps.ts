import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiResponse, ApiWorld } from '../support/api-world';
import { PROJECT_ROOT, orgNamed, staffUsername } from '../support/staff';
import { randomValidCid, withBadCheckDigit } from '../support/thai-cid';

/** A citizen created by a scenario. */
interface Citizen {
  cid: string;
  mobile: string;
  token: string;
  healthId: string;
  homeHcode: string;
}
interface Slot {
  id: string;
  capacity: number;
  available: number;
}
/** Wallet state of one scenario. */
interface WalletState {
  citizen?: Citizen;
  slotId?: string;
  bookingId?: string;
  healthToken?: string;
  results?: ApiResponse[];
}

const states = new WeakMap<ApiWorld, WalletState>();
const stateOf = (world: ApiWorld): WalletState => {
  let s = states.get(world);
  if (s === undefined) {
    s = {};
    states.set(world, s);
  }
  return s;
};

/** The development SMS outbox the gateway's simulator writes (see docs/wallet.md). */
const OUTBOX = process.env.WALLET_OUTBOX ?? path.join(path.resolve(PROJECT_ROOT, process.env.RUNTIME_DIR ?? '.runtime'), 'outbox', 'wallet-sms.jsonl');
const HEALTH_CENTRES = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'units.json'), 'utf8')) as Array<{ hcode: string; type: string }>)
  .filter((u) => u.type === 'health-centre')
  .map((u) => u.hcode);

/** Calls the wallet API with a citizen token (or none) and remembers the answer in the world. */
async function walletCall(world: ApiWorld, method: string, route: string, body?: unknown, token?: string): Promise<ApiResponse> {
  return world.callWithToken(method, `/api/wallet${route}`, token, body);
}

function expectStatus(world: ApiWorld, status: number): void {
  assert.equal(world.last?.status, status, `expected ${status}, got ${world.last?.status}: ${JSON.stringify(world.last?.body)}`);
}

/** The one-time code last sent to `mobile`, read from the SMS outbox. */
async function otpSentTo(mobile: string): Promise<string> {
  for (let i = 0; i < 20; i += 1) {
    if (existsSync(OUTBOX)) {
      const lines = readFileSync(OUTBOX, 'utf8').trim().split('\n').reverse();
      for (const line of lines) {
        const m = JSON.parse(line) as { to: string; kind: string; textTh: string };
        if (m.to === mobile && m.kind === 'otp') return /(\d{6})/.exec(m.textTh)?.[1] ?? '';
      }
    }
    await sleep(250);
  }
  throw new Error(`no one-time code for ${mobile} in ${OUTBOX}`);
}

function birthDateForAge(age: number): string {
  const d = new Date();
  return `${String(d.getUTCFullYear() - age - 1)}-06-15`;
}

async function startRegistration(world: ApiWorld, age: number, sex: 'F' | 'M', cid = randomValidCid()): Promise<{ registrationId: string; cid: string; mobile: string; homeHcode: string }> {
  const mobile = `09${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const homeHcode = HEALTH_CENTRES[randomInt(0, HEALTH_CENTRES.length)] ?? '03889';
  await walletCall(world, 'POST', '/auth/register', { cid, birthDate: birthDateForAge(age), sex, mobile, displayName: `พลเมือง ทดสอบ ${String(age)}`, password: 'Wallet2026x', homeHcode });
  expectStatus(world, 202);
  return { registrationId: (world.last?.body as { registrationId: string }).registrationId, cid, mobile, homeHcode };
}

async function newCitizen(world: ApiWorld, age: number, sex: 'F' | 'M'): Promise<Citizen> {
  const started = await startRegistration(world, age, sex);
  await walletCall(world, 'POST', '/auth/register/confirm', { registrationId: started.registrationId, code: await otpSentTo(started.mobile) });
  expectStatus(world, 201);
  const body = world.last?.body as { token: string; citizen: { healthId: string } };
  return { cid: started.cid, mobile: started.mobile, token: body.token, healthId: body.citizen.healthId, homeHcode: started.homeHcode };
}

/** The next flu slot of a (random) health centre with every seat free. */
async function emptyFluSlot(world: ApiWorld): Promise<Slot> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const hcode = HEALTH_CENTRES[randomInt(0, HEALTH_CENTRES.length)] ?? '03889';
    const res = await walletCall(world, 'GET', `/slots?hcode=${hcode}&service=flu-vaccine`);
    const free = (res.body as { slots: Slot[] }).slots.filter((s) => s.available === s.capacity);
    const pick = free[randomInt(0, Math.max(1, free.length))];
    if (pick !== undefined) return pick;
  }
  throw new Error('no empty flu slot found');
}

const AGE_SEX = /^an? (\d+)-year-old (woman|man)/;
function ageSex(text: string): { age: number; sex: 'F' | 'M' } {
  const m = AGE_SEX.exec(text);
  return { age: Number(m?.[1] ?? 70), sex: m?.[2] === 'man' ? 'M' : 'F' };
}

When(/^(an? \d+-year-old (?:woman|man)) registers in the wallet and confirms the code sent to (?:her|his) phone$/, async function (this: ApiWorld, who: string) {
  const { age, sex } = ageSex(who);
  stateOf(this).citizen = await newCitizen(this, age, sex);
});

When(/^(an? \d+-year-old (?:woman|man)) registers in the wallet but types a wrong code$/, async function (this: ApiWorld, who: string) {
  const { age, sex } = ageSex(who);
  const started = await startRegistration(this, age, sex);
  const real = await otpSentTo(started.mobile);
  await walletCall(this, 'POST', '/auth/register/confirm', { registrationId: started.registrationId, code: real === '000000' ? '111111' : '000000' });
});

When('a citizen registers with a national ID whose check digit is wrong', async function (this: ApiWorld) {
  await walletCall(this, 'POST', '/auth/register', { cid: withBadCheckDigit(randomValidCid()), birthDate: '1960-01-01', sex: 'F', mobile: '0900000000', displayName: 'x', password: 'Wallet2026x' });
});

Given(/^(an? \d+-year-old (?:woman|man)) has a wallet$/, async function (this: ApiWorld, who: string) {
  const { age, sex } = ageSex(who);
  stateOf(this).citizen = await newCitizen(this, age, sex);
});

Given(/^(an? \d+-year-old (?:woman|man)) has booked the next flu vaccine slot of a health centre$/, async function (this: ApiWorld, who: string) {
  const { age, sex } = ageSex(who);
  const s = stateOf(this);
  s.citizen = await newCitizen(this, age, sex);
  s.slotId = (await emptyFluSlot(this)).id;
  await walletCall(this, 'POST', '/me/bookings', { slotId: s.slotId }, s.citizen.token);
  expectStatus(this, 201);
  s.bookingId = (this.last?.body as { id: string }).id;
});

Then('she has a Health ID and her wallet never shows her national ID', async function (this: ApiWorld) {
  const c = stateOf(this).citizen;
  assert.ok(c);
  assert.match(c.healthId, /^[0-9A-HJKMNP-TV-Z]{10}$/);
  const me = await walletCall(this, 'GET', '/me', undefined, c.token);
  expectStatus(this, 200);
  assert.ok(!JSON.stringify(me.body).includes(c.cid), 'the profile contains the national ID');
  const card = await walletCall(this, 'GET', '/me/health-id', undefined, c.token);
  expectStatus(this, 200);
  const token = (card.body as { token: string }).token;
  const payload = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
  assert.ok(!payload.includes(c.cid), 'the Health ID token contains the national ID');
});

Then("her benefits include the flu vaccine because of her age, with the rule's source", async function (this: ApiWorld) {
  const c = stateOf(this).citizen;
  assert.ok(c);
  const res = await walletCall(this, 'GET', '/me/benefits', undefined, c.token);
  expectStatus(this, 200);
  const flu = (res.body as { eligible: Array<{ service: string; rules: Array<{ id: string; source: string; reasonTh: string }> }> }).eligible.find((e) => e.service === 'flu-vaccine');
  assert.ok(flu, 'flu vaccine not listed');
  assert.equal(flu.rules[0]?.id, 'flu-age65-v1');
  assert.ok((flu.rules[0]?.source ?? '').length > 0);
});

Then('her benefits list cervical cancer screening but not the flu vaccine', async function (this: ApiWorld) {
  const c = stateOf(this).citizen;
  assert.ok(c);
  const res = await walletCall(this, 'GET', '/me/benefits', undefined, c.token);
  const services = (res.body as { eligible: Array<{ service: string }> }).eligible.map((e) => e.service);
  assert.ok(services.includes('cervical-screening'), JSON.stringify(services));
  assert.ok(!services.includes('flu-vaccine'), JSON.stringify(services));
});

When(/^she (?:tries to book|books) the next flu vaccine slot of a health centre$/, async function (this: ApiWorld) {
  const s = stateOf(this);
  assert.ok(s.citizen);
  s.slotId = (await emptyFluSlot(this)).id;
  await walletCall(this, 'POST', '/me/bookings', { slotId: s.slotId }, s.citizen.token);
  if (this.last?.status === 201) s.bookingId = (this.last.body as { id: string }).id;
});

When('she books the same slot again', async function (this: ApiWorld) {
  const s = stateOf(this);
  assert.ok(s.citizen && s.slotId);
  await walletCall(this, 'POST', '/me/bookings', { slotId: s.slotId }, s.citizen.token);
});

When('she tries to book a slot of last week', async function (this: ApiWorld) {
  const s = stateOf(this);
  assert.ok(s.citizen);
  // the same weekday and time a week earlier: a slot the unit published, now in the past
  const [hcode, service, ymd, hm] = (s.slotId ?? '03889.flu-vaccine.20261201.0900').split('.') as [string, string, string, string];
  const lastWeek = new Date(Date.parse(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  await walletCall(this, 'POST', '/me/bookings', { slotId: `${hcode}.${service}.${lastWeek}.${hm}` }, s.citizen.token);
});

Then(/^the wallet answers (\d{3}) with code ([A-Z_]+)$/, function (this: ApiWorld, status: string, code: string) {
  expectStatus(this, Number(status));
  assert.equal(this.lastErrorCode(), code);
});

Then(/^the wallet answers 201 and the booking holds seat 1 or more$/, function (this: ApiWorld) {
  expectStatus(this, 201);
  assert.ok((this.last?.body as { seat: number }).seat >= 1);
});

Given(/^a flu vaccine slot of a health centre with (\d+) seats of which (\d+) are booked$/, async function (this: ApiWorld, seats: string, taken: string) {
  const s = stateOf(this);
  let slot = await emptyFluSlot(this);
  for (let i = 0; i < 10 && slot.capacity !== Number(seats); i += 1) slot = await emptyFluSlot(this);
  assert.equal(slot.capacity, Number(seats));
  s.slotId = slot.id;
  for (let i = 0; i < Number(taken); i += 1) {
    const c = await newCitizen(this, 70, 'M');
    await walletCall(this, 'POST', '/me/bookings', { slotId: slot.id }, c.token);
    expectStatus(this, 201);
  }
});

When(/^(\d+) more eligible citizens try to book it at the same moment$/, async function (this: ApiWorld, n: string) {
  const s = stateOf(this);
  const citizens: Citizen[] = [];
  for (let i = 0; i < Number(n); i += 1) citizens.push(await newCitizen(this, 70, 'F'));
  s.results = await Promise.all(citizens.map(async (c) => walletCall(this, 'POST', '/me/bookings', { slotId: s.slotId }, c.token)));
});

Then(/^exactly (\d+) of them get a seat and the others are told SLOT_FULL$/, function (this: ApiWorld, n: string) {
  const results = stateOf(this).results ?? [];
  assert.equal(results.filter((r) => r.status === 201).length, Number(n), JSON.stringify(results.map((r) => r.status)));
  for (const r of results.filter((x) => x.status !== 201)) {
    assert.equal(r.status, 409);
    assert.equal((r.body as { error: { code: string } }).error.code, 'SLOT_FULL');
  }
});

Then(/^the slot shows (\d+) seats available$/, async function (this: ApiWorld, n: string) {
  const slotId = stateOf(this).slotId ?? '';
  const [hcode, , ymd] = slotId.split('.') as [string, string, string];
  const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  const res = await walletCall(this, 'GET', `/slots?hcode=${hcode}&service=flu-vaccine&from=${date}&to=${date}`);
  const slot = (res.body as { slots: Slot[] }).slots.find((x) => x.id === slotId);
  assert.equal(slot?.available, Number(n));
});

When('another citizen tries to cancel that booking', async function (this: ApiWorld) {
  const other = await newCitizen(this, 30, 'M');
  await walletCall(this, 'POST', `/me/bookings/${stateOf(this).bookingId ?? ''}/cancel`, undefined, other.token);
});

Then('the booking is still booked', async function (this: ApiWorld) {
  const s = stateOf(this);
  assert.ok(s.citizen);
  const res = await walletCall(this, 'GET', '/me/bookings', undefined, s.citizen.token);
  const mine = (res.body as { bookings: Array<{ id: string; status: string }> }).bookings.find((b) => b.id === s.bookingId);
  assert.equal(mine?.status, 'booked');
});

When('a nurse of her health centre scans her Health ID QR code', async function (this: ApiWorld) {
  const s = stateOf(this);
  assert.ok(s.citizen);
  const card = await walletCall(this, 'GET', '/me/health-id', undefined, s.citizen.token);
  s.healthToken = (card.body as { token: string }).token;
  await this.call('POST', '/api/wallet/desk/resolve', { proof: s.healthToken }, `nurse.${s.citizen.homeHcode}`);
});

Then('the nurse sees her name and age but not her national ID', function (this: ApiWorld) {
  expectStatus(this, 200);
  const body = this.last?.body as { healthId: string; displayName: string; age: number };
  const c = stateOf(this).citizen;
  assert.equal(body.healthId, c?.healthId);
  assert.ok(body.age >= 69 && body.age <= 71);
  assert.ok(!JSON.stringify(body).includes(c?.cid ?? '-'));
});

When('the nurse types a forged Health ID code', async function (this: ApiWorld) {
  const c = stateOf(this).citizen;
  assert.ok(c);
  // the right Health ID with a made-up code of the wrong form: neither a short code nor a signed token
  await this.call('POST', '/api/wallet/desk/resolve', { proof: `${c.healthId}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}x` }, `nurse.${c.homeHcode}`);
});

When('the nurse tries to check her in without a booking today', async function (this: ApiWorld) {
  const s = stateOf(this);
  assert.ok(s.citizen && s.healthToken);
  await this.call('POST', '/api/wallet/desk/check-in', { proof: s.healthToken }, `nurse.${s.citizen.homeHcode}`);
});

When(/^a Bang Khla clinician refers her to Buddhasothorn Hospital and a Buddhasothorn nurse accepts$/, async function (this: ApiWorld) {
  const c = stateOf(this).citizen;
  assert.ok(c);
  this.referralId = this.newReferralId();
  await this.call(
    'POST',
    '/api/referrals',
    { referralId: this.referralId, patient: { cid: c.cid }, toHcode: orgNamed('Buddhasothorn').hcode, reasonCode: '1', priority: 3 },
    staffUsername('Bang Khla', 'clinician'),
  );
  expectStatus(this, 201);
  await this.call('POST', `/api/referrals/${this.referralId}/accept`, {}, staffUsername('Buddhasothorn', 'nurse'));
  expectStatus(this, 200);
});

Then(/^her wallet history shows (\d+) ledger events about her, each with its transaction ID, in Thai$/, async function (this: ApiWorld, n: string) {
  const c = stateOf(this).citizen;
  assert.ok(c);
  let events: Array<{ referralId: string; txId: string; textTh: string }> = [];
  // the projector writes committed blocks to the store a moment after the commit
  for (let i = 0; i < 60; i += 1) {
    const res = await walletCall(this, 'GET', '/me/history', undefined, c.token);
    expectStatus(this, 200);
    events = (res.body as { ledgerEvents: typeof events }).ledgerEvents.filter((e) => e.referralId === this.referralId);
    if (events.length >= Number(n)) break;
    await sleep(500);
  }
  assert.equal(events.length, Number(n), JSON.stringify(events));
  for (const e of events) {
    assert.match(e.txId, /^[0-9a-f]{64}$/);
    assert.match(e.textTh, /[\u0E00-\u0E7F]/);
  }
});
