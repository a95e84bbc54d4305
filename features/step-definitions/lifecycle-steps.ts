import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { orgNamed, staffUsername } from '../support/staff';
import { randomValidCid } from '../support/thai-cid';

interface Referral {
  id: string;
  status: string;
  kind?: string;
  parentReferralId?: string;
  fromHcode: string;
  toHcode: string;
  patientPseudonym: string;
  result?: { resultCode: string };
  clinicalSummaryHash?: string;
}
interface LifecycleWorld extends ApiWorld {
  parentId?: string;
  parentPseudonym?: string;
}

const BUDDHASOTHORN_NURSE = staffUsername('Buddhasothorn', 'nurse');
const BUDDHASOTHORN_CLINICIAN = staffUsername('Buddhasothorn', 'clinician');
const BANGKHLA_CLINICIAN = staffUsername('Bang Khla', 'clinician');

async function mustCall(world: ApiWorld, method: string, path: string, body: unknown, as: string, status = 200): Promise<unknown> {
  const res = await world.call(method, path, body, as);
  assert.equal(res.status, status, `${method} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The referral as `as` reads it through their own organisation's peer. With `status`, waits (up to 5 s) until that
 * peer has committed the change: another organisation's peer can be a block behind the one that confirmed a write.
 */
async function referralAs(world: ApiWorld, id: string, as = 'auditor.pho', status?: string): Promise<Referral> {
  const until = Date.now() + 5000;
  for (;;) {
    const referral = ((await mustCall(world, 'GET', `/api/referrals/${id}`, undefined, as)) as { referral: Referral }).referral;
    if (status === undefined || referral.status === status || Date.now() > until) return referral;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function referFromBangKhla(world: LifecycleWorld): Promise<string> {
  const id = world.newReferralId();
  await mustCall(world, 'POST', '/api/referrals', { referralId: id, patient: { cid: randomValidCid() }, toHcode: '10697', reasonCode: '1', priority: 3 }, BANGKHLA_CLINICIAN, 201);
  world.referralId = id;
  return id;
}

async function steps(world: ApiWorld, id: string, ...names: string[]): Promise<void> {
  for (const name of names) {
    const body = name === 'complete' ? { resultCode: '1', note: 'treated' } : {};
    await mustCall(world, 'POST', `/api/referrals/${id}/${name}`, body, name === 'accept' ? BUDDHASOTHORN_NURSE : BUDDHASOTHORN_CLINICIAN);
  }
}

async function backRefer(world: LifecycleWorld, hcode: string): Promise<void> {
  const parent = world.referralId ?? '';
  world.parentId = parent;
  world.parentPseudonym = (await referralAs(world, parent)).patientPseudonym;
  const id = world.newReferralId();
  await mustCall(world, 'POST', `/api/referrals/${parent}/back-referral`, { referralId: id, toHcode: hcode, priority: 5 }, BUDDHASOTHORN_CLINICIAN, 201);
  world.referralId = id;
}

When('Buddhasothorn receives, accepts, sees the patient arrive and completes the referral', async function (this: LifecycleWorld) {
  await steps(this, this.referralId ?? '', 'receive', 'accept', 'arrive', 'complete');
});

Given('Buddhasothorn has completed a referral from Bang Khla', async function (this: LifecycleWorld) {
  await steps(this, await referFromBangKhla(this), 'accept', 'arrive', 'complete');
});

Given('Buddhasothorn has accepted a referral from Bang Khla', async function (this: LifecycleWorld) {
  await steps(this, await referFromBangKhla(this), 'accept');
});

Given('Buddhasothorn has back-referred a patient to health centre {string}', async function (this: LifecycleWorld, hcode: string) {
  await steps(this, await referFromBangKhla(this), 'accept', 'arrive', 'complete');
  await backRefer(this, hcode);
});

When('a Buddhasothorn clinician back-refers the patient to health centre {string}', async function (this: LifecycleWorld, hcode: string) {
  await backRefer(this, hcode);
});

Then('the referral is completed with result {string}', async function (this: LifecycleWorld, code: string) {
  const referral = await referralAs(this, this.referralId ?? '', 'auditor.pho', 'completed');
  assert.equal(referral.status, 'completed');
  assert.equal(referral.result?.resultCode, code);
});

Then(
  'the history shows the steps create, receive, accept, arrive, complete in that order, each in its own block',
  async function (this: LifecycleWorld) {
    const body = (await mustCall(this, 'GET', `/api/referrals/${this.referralId ?? ''}/history`, undefined, BANGKHLA_CLINICIAN)) as {
      history: { action: string; blockNumber: number; actingUnit: { mspId: string } }[];
    };
    assert.deepEqual(body.history.map((h) => h.action), ['create', 'receive', 'accept', 'arrive', 'complete']);
    const blocks = body.history.map((h) => h.blockNumber);
    assert.deepEqual([...blocks].sort((a, b) => a - b), blocks);
    assert.equal(new Set(blocks).size, blocks.length);
    assert.ok(body.history.slice(1).every((h) => h.actingUnit.mspId === orgNamed('Buddhasothorn').mspId));
  },
);

Then('the back-referral names the first referral and the same patient pseudonym', async function (this: LifecycleWorld) {
  const referral = await referralAs(this, this.referralId ?? '');
  assert.equal(referral.kind, 'back-referral');
  assert.equal(referral.parentReferralId, this.parentId);
  assert.equal(referral.patientPseudonym, this.parentPseudonym);
  assert.equal(referral.fromHcode, '10697');
});

Then('the nurse of health centre {string} can accept it', async function (this: LifecycleWorld, hcode: string) {
  const body = (await mustCall(this, 'POST', `/api/referrals/${this.referralId ?? ''}/accept`, { note: 'home visit booked' }, `nurse.${hcode}`)) as {
    referral: Referral;
  };
  assert.equal(body.referral.status, 'accepted');
  assert.equal(body.referral.toHcode, hcode);
});

When('the nurse of health centre {string} tries to accept it', async function (this: LifecycleWorld, hcode: string) {
  await this.call('POST', `/api/referrals/${this.referralId ?? ''}/accept`, {}, `nurse.${hcode}`);
});

When('the Bang Khla clinician cancels it because {string}', async function (this: LifecycleWorld, reason: string) {
  await mustCall(this, 'POST', `/api/referrals/${this.referralId ?? ''}/cancel`, { reasonText: reason }, BANGKHLA_CLINICIAN);
});

Then('the referral is cancelled', async function (this: LifecycleWorld) {
  assert.equal((await referralAs(this, this.referralId ?? '', 'auditor.pho', 'cancelled')).status, 'cancelled');
});

Then('Buddhasothorn can no longer accept it', async function (this: LifecycleWorld) {
  const res = await this.call('POST', `/api/referrals/${this.referralId ?? ''}/accept`, {}, BUDDHASOTHORN_NURSE);
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(this.lastErrorCode(), 'INVALID_TRANSITION');
});

When('a Buddhasothorn clinician refers the patient onward to Bang Pakong Hospital', async function (this: LifecycleWorld) {
  const parent = this.referralId ?? '';
  this.parentId = parent;
  this.parentPseudonym = (await referralAs(this, parent)).patientPseudonym;
  const id = this.newReferralId();
  await mustCall(this, 'POST', `/api/referrals/${parent}/onward`, { referralId: id, toHcode: orgNamed('Bang Pakong').hcode, reasonCode: '2', priority: 2 }, BUDDHASOTHORN_CLINICIAN, 201);
  this.referralId = id;
});

Then('Bang Pakong Hospital sees a referral from Buddhasothorn with the same patient pseudonym', async function (this: LifecycleWorld) {
  const referral = await referralAs(this, this.referralId ?? '', staffUsername('Bang Pakong', 'nurse'));
  assert.equal(referral.kind, 'onward');
  assert.equal(referral.fromHcode, '10697');
  assert.equal(referral.toHcode, orgNamed('Bang Pakong').hcode);
  assert.equal(referral.patientPseudonym, this.parentPseudonym);
  assert.equal(referral.parentReferralId, this.parentId);
});

When('a Buddhasothorn nurse records that the patient did not arrive', async function (this: LifecycleWorld) {
  await mustCall(this, 'POST', `/api/referrals/${this.referralId ?? ''}/no-show`, { note: 'no contact by phone' }, BUDDHASOTHORN_NURSE);
});

Then('the referral is marked as a no-show', async function (this: LifecycleWorld) {
  assert.equal((await referralAs(this, this.referralId ?? '', 'auditor.pho', 'no-show')).status, 'no-show');
});
