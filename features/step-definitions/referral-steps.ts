import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { orgNamed, staffUsername } from '../support/staff';
import { randomValidCid, withBadCheckDigit } from '../support/thai-cid';

interface ReferralBody {
  referral: { id: string; status: string; toHcode: string; fastTrack?: string; rejection?: { reasonCode: string } };
}
interface HistoryBody {
  history: { txId: string; blockNumber: number | null; action: string; actingUnit: { hcode: string; mspId: string; role: string } }[];
}

const HOSPITAL = '(Buddhasothorn|Bang Khla|Bang Nam Priao|Bang Pakong|Ban Pho|Phanom Sarakham|Ratchasan|Sanam Chai Khet|Plaeng Yao|Tha Takiap|Khlong Khuean)';

function referralRequest(world: ApiWorld, toHospital: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  world.referralId = world.newReferralId();
  return {
    referralId: world.referralId,
    patient: { cid: randomValidCid() },
    toHcode: orgNamed(toHospital).hcode,
    reasonCode: '1',
    priority: 3,
    ...extra,
  };
}

async function refer(world: ApiWorld, toHospital: string, extra: Record<string, unknown> = {}): Promise<void> {
  await world.call('POST', '/api/referrals', referralRequest(world, toHospital, extra));
}

function expectOk(world: ApiWorld, status = 200): void {
  assert.equal(world.last?.status, status, `expected ${status}, got ${world.last?.status}: ${JSON.stringify(world.last?.body)}`);
}

Given(new RegExp(`^an? ${HOSPITAL} (clinician|nurse) is signed in$`), async function (this: ApiWorld, hospital: string, role: string) {
  await this.signIn(staffUsername(hospital, role));
});

Given(
  new RegExp(`^an? ${HOSPITAL} clinician has referred a patient to ${HOSPITAL} Hospital$`),
  async function (this: ApiWorld, from: string, to: string) {
    await this.signIn(staffUsername(from, 'clinician'));
    await refer(this, to);
    expectOk(this, 201);
  },
);

When(new RegExp(`^she refers a fast-track stroke patient to ${HOSPITAL} Hospital$`), async function (this: ApiWorld, to: string) {
  await refer(this, to, { priority: 1, fastTrack: '02', patientCategory: 'E', careDuringTransfer: ['1', '3'] });
  expectOk(this, 201);
  assert.equal((this.last?.body as ReferralBody).referral.fastTrack, '02');
});

When(new RegExp(`^she tries to refer a patient to ${HOSPITAL} Hospital$`), async function (this: ApiWorld, to: string) {
  await refer(this, to);
});

When('she sends the same referral again', async function (this: ApiWorld) {
  const id = this.referralId;
  await this.call('POST', '/api/referrals', { ...referralRequest(this, 'Buddhasothorn'), referralId: id });
  this.referralId = id;
});

When(new RegExp(`^an? ${HOSPITAL} (clinician|nurse) (?:accepts|tries to accept) the referral(?: again)?$`), async function (this: ApiWorld, hospital: string, role: string) {
  await this.call('POST', `/api/referrals/${this.referralId ?? ''}/accept`, { note: 'bed reserved' }, staffUsername(hospital, role));
});

When('she accepts the referral {string}', async function (this: ApiWorld, id: string) {
  await this.call('POST', `/api/referrals/${id}/accept`, {});
});

When(
  new RegExp(`^an? ${HOSPITAL} (clinician|nurse) rejects it with reason "(\\d)": "([^"]+)"$`),
  async function (this: ApiWorld, hospital: string, role: string, code: string, text: string) {
    await this.call('POST', `/api/referrals/${this.referralId ?? ''}/reject`, { reasonCode: code, reasonText: text }, staffUsername(hospital, role));
    expectOk(this);
  },
);

When('someone without a token asks for the referral', async function (this: ApiWorld) {
  await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, null);
});

When('someone signs in as {string} with the password {string}', async function (this: ApiWorld, username: string, password: string) {
  await this.call('POST', '/api/auth/login', { username, password }, null);
});

When('a provincial auditor reads the referral', async function (this: ApiWorld) {
  await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, 'auditor.pho');
});

When('she sends a referral with {}', async function (this: ApiWorld, problem: string) {
  const body = referralRequest(this, 'Buddhasothorn');
  switch (problem) {
    case 'malformed JSON':
      await this.call('POST', '/api/referrals', undefined, undefined, `{"referralId":"${this.referralId ?? ''}", "toHcode": `);
      return;
    case 'no destination':
      delete body.toHcode;
      break;
    case 'a priority written as text':
      body.priority = 'urgent';
      break;
    case 'an unknown hcode':
      body.toHcode = '99999';
      break;
    case 'a national ID with a bad check':
      body.patient = { cid: withBadCheckDigit(randomValidCid()) };
      break;
    case "the patient's name":
      body.patient = { cid: randomValidCid(), name: 'สมชาย ใจดี' };
      break;
    case 'her own hospital as receiver':
      body.toHcode = orgNamed('Bang Khla').hcode;
      break;
    default:
      throw new Error(`unknown problem: ${problem}`);
  }
  await this.call('POST', '/api/referrals', body);
});

Then(new RegExp(`^the referral is (?:still )?waiting for ${HOSPITAL} Hospital$`), async function (this: ApiWorld, to: string) {
  const res = await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, 'auditor.pho');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const { referral } = res.body as ReferralBody;
  assert.equal(referral.status, 'requested');
  assert.equal(referral.toHcode, orgNamed(to).hcode);
});

Then('the referral is rejected with reason {string}', async function (this: ApiWorld, code: string) {
  const res = await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, staffUsername('Bang Khla', 'clinician'));
  const { referral } = res.body as ReferralBody;
  assert.equal(referral.status, 'rejected');
  assert.equal(referral.rejection?.reasonCode, code);
});

Then(
  new RegExp(`^the history shows (\\d+) signed steps: created by ${HOSPITAL} Hospital, then accepted by ${HOSPITAL} Hospital$`),
  async function (this: ApiWorld, count: string, from: string, to: string) {
    const res = await this.call('GET', `/api/referrals/${this.referralId ?? ''}/history`, undefined, staffUsername(from, 'clinician'));
    expectOk(this);
    const { history } = res.body as HistoryBody;
    assert.equal(history.length, Number(count));
    const [created, accepted] = history;
    assert.ok(created && accepted);
    assert.equal(created.action, 'create');
    assert.equal(created.actingUnit.mspId, orgNamed(from).mspId);
    assert.equal(created.actingUnit.role, 'clinician');
    assert.equal(accepted.action, 'accept');
    assert.equal(accepted.actingUnit.mspId, orgNamed(to).mspId);
    for (const step of history) {
      assert.match(step.txId, /^[0-9a-f]{64}$/);
      assert.ok(typeof step.blockNumber === 'number' && step.blockNumber > 0, `block number of ${step.txId}`);
    }
    assert.ok((accepted.blockNumber ?? 0) > (created.blockNumber ?? 0), 'accept is in a later block');
  },
);

Then('the request is refused with {int} {string}', function (this: ApiWorld, status: number, code: string) {
  assert.equal(this.last?.status, status, JSON.stringify(this.last?.body));
  assert.equal(this.lastErrorCode(), code);
});

Then('no referral was written', async function (this: ApiWorld) {
  const res = await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, 'auditor.pho');
  assert.equal(res.status, 404, `referral ${this.referralId ?? ''} should not exist: ${JSON.stringify(res.body)}`);
});
