import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { staffUsername } from '../support/staff';
import { randomValidCid } from '../support/thai-cid';

interface CocCase {
  id: string;
  status: string;
  adl: { score: number; group: string };
  team: Record<'volunteer' | 'officer' | 'familyDoctor', { username: string; hcode: string }>;
  referralIds: string[];
  visitCount: number;
  openedOn: string;
}
interface CocVisit {
  id: string;
  caseId: string;
  status: string;
  detailsHash: string;
  author: { username: string; teamRole: string; mspId: string };
  countersign?: { username: string; teamRole: string };
}
interface CocWorld extends ApiWorld {
  cocCaseId?: string;
  visitId?: string;
  visitBody?: unknown;
}

const FAMILY_DOCTOR_BANG_KHLA = staffUsername('Bang Khla', 'familydoctor');
/** The 10 Barthel items filled in order up to `total`. */
const MAX = { feeding: 2, grooming: 1, transfer: 3, toiletUse: 2, mobility: 3, dressing: 2, stairs: 2, bathing: 1, bowels: 2, bladder: 2 };
function barthel(total: number): Record<string, number> {
  let left = total;
  return Object.fromEntries(
    Object.entries(MAX).map(([k, max]) => {
      const v = Math.min(left, max);
      left -= v;
      return [k, v];
    }),
  );
}
/** A date in Thailand (UTC+7), `days` from today. */
function thaiDate(days = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
const nurseOf = (hcode: string): string => `nurse.${hcode}`;
const volunteerOf = (hcode: string): string => `volunteer.${hcode}`;
const team = (hcode: string) => ({ volunteer: volunteerOf(hcode), officer: nurseOf(hcode), familyDoctor: FAMILY_DOCTOR_BANG_KHLA });
const CASE_DETAILS = { address: '12 หมู่ 3 ต.บางคล้า', contactPhone: '0810000000', carePlan: { goals: ['ป้องกันแผลกดทับ'], interventions: ['พลิกตัวทุก 2 ชั่วโมง'] } };

async function mustCall(world: ApiWorld, method: string, path: string, body: unknown, as: string, status = 200): Promise<unknown> {
  const res = await world.call(method, path, body, as);
  assert.equal(res.status, status, `${method} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function caseNow(world: CocWorld): Promise<CocCase> {
  return ((await mustCall(world, 'GET', `/api/coc/cases/${world.cocCaseId ?? ''}`, undefined, 'auditor.pho')) as { case: CocCase }).case;
}

async function registerDirect(world: CocWorld, hcode: string): Promise<void> {
  const caseId = `C-bdd-${randomUUID()}`;
  await mustCall(world, 'POST', '/api/coc/cases', { caseId, healthCentreHcode: hcode, patient: { cid: randomValidCid() }, adl: barthel(3), team: team(hcode), caseDetails: CASE_DETAILS }, nurseOf(hcode), 201);
  world.cocCaseId = caseId;
}

function visitBody(world: CocWorld, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    visitId: world.visitId ?? `V-bdd-${randomUUID()}`,
    caseId: world.cocCaseId,
    visitedOn: thaiDate(),
    details: { attendees: ['อสม.', 'ลูกสาวผู้ป่วย'], adl: barthel(4), vitals: { heartRate: 82, systolic: 128, diastolic: 78, spo2: 97 }, problems: 'ผิวหนังแดงที่ก้นกบ', careGiven: 'ทำแผล สอนญาติพลิกตัว', nextStep: 'เยี่ยมซ้ำ 1 สัปดาห์' },
    ...overrides,
  };
}

async function recordVisit(world: CocWorld, hcode: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const body = visitBody(world, overrides);
  world.visitBody = body;
  world.visitId = String(body.visitId);
  await world.call('POST', '/api/coc/visits', body, volunteerOf(hcode));
}

When('the nurse of health centre {string} registers the patient from the back-referral with a Barthel score of {int}', async function (this: CocWorld, hcode: string, score: number) {
  const caseId = `C-bdd-${randomUUID()}`;
  await mustCall(this, 'POST', '/api/coc/cases', { caseId, healthCentreHcode: hcode, referralId: this.referralId, adl: barthel(score), team: team(hcode), caseDetails: CASE_DETAILS }, nurseOf(hcode), 201);
  this.cocCaseId = caseId;
});

Then('the COC case is open with ADL group {string} and linked to the back-referral', async function (this: CocWorld, group: string) {
  const c = await caseNow(this);
  assert.equal(c.status, 'open');
  assert.equal(c.adl.group, group);
  assert.deepEqual(c.referralIds, [this.referralId]);
});

Then('the case names the volunteer, the officer and the family doctor of its team', async function (this: CocWorld) {
  const c = await caseNow(this);
  assert.equal(c.team.volunteer.username, 'volunteer.03903');
  assert.equal(c.team.officer.username, 'nurse.03903');
  assert.equal(c.team.familyDoctor.username, FAMILY_DOCTOR_BANG_KHLA);
});

Given('a bedridden patient of health centre {string} is registered for home care', async function (this: CocWorld, hcode: string) {
  await registerDirect(this, hcode);
});

Given('the volunteer of health centre {string} has recorded a home visit to a registered patient', async function (this: CocWorld, hcode: string) {
  await registerDirect(this, hcode);
  await recordVisit(this, hcode);
  assert.equal(this.last?.status, 201, JSON.stringify(this.last?.body));
});

Given('the nurse of health centre {string} closes the case', async function (this: CocWorld, hcode: string) {
  await mustCall(this, 'POST', `/api/coc/cases/${this.cocCaseId ?? ''}/close`, { reason: 'ย้ายไปอยู่กับลูกที่กรุงเทพฯ' }, nurseOf(hcode));
});

When('the volunteer of health centre {string} records a home visit today', async function (this: CocWorld, hcode: string) {
  await recordVisit(this, hcode);
});

Then('the visit is on the ledger signed by {string} and waits for a countersign', async function (this: CocWorld, username: string) {
  assert.equal(this.last?.status, 201, JSON.stringify(this.last?.body));
  const visit = ((await mustCall(this, 'GET', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}`, undefined, 'auditor.pho')) as { visit: CocVisit }).visit;
  assert.equal(visit.author.username, username);
  assert.equal(visit.author.teamRole, 'volunteer');
  assert.equal(visit.status, 'recorded');
});

Then('the visit details are private, with only their hash on the channel', async function (this: CocWorld) {
  const visit = ((await mustCall(this, 'GET', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}`, undefined, 'auditor.pho')) as { visit: CocVisit & Record<string, unknown> }).visit;
  assert.match(visit.detailsHash, /^[0-9a-f]{64}$/);
  assert.equal(JSON.stringify(visit).includes('ลูกสาว'), false);
  const details = (await mustCall(this, 'GET', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}/details`, undefined, 'nurse.03903')) as { hash: string; matchesLedger: boolean };
  assert.equal(details.matchesLedger, true);
  assert.equal(details.hash, visit.detailsHash);
  const auditor = await this.call('GET', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}/details`, undefined, 'auditor.pho');
  assert.equal(auditor.status, 403);
});

When('the nurse of health centre {string} countersigns the visit', async function (this: CocWorld, hcode: string) {
  await this.call('POST', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}/countersign`, { note: 'ตรวจสอบแล้ว' }, nurseOf(hcode));
});

When('the volunteer of health centre {string} countersigns the visit', async function (this: CocWorld, hcode: string) {
  await this.call('POST', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}/countersign`, {}, volunteerOf(hcode));
});

Then('the visit shows the volunteer as author and the nurse as countersigner', function (this: CocWorld) {
  assert.equal(this.last?.status, 200, JSON.stringify(this.last?.body));
  const visit = (this.last?.body as { visit: CocVisit }).visit;
  assert.equal(visit.status, 'countersigned');
  assert.equal(visit.author.username, 'volunteer.03903');
  assert.equal(visit.countersign?.username, 'nurse.03903');
  assert.equal(visit.countersign?.teamRole, 'officer');
});

Then('the visit still waits for a countersign', async function (this: CocWorld) {
  const visit = ((await mustCall(this, 'GET', `/api/coc/cases/${this.cocCaseId ?? ''}/visits/${this.visitId ?? ''}`, undefined, 'auditor.pho')) as { visit: CocVisit }).visit;
  assert.equal(visit.status, 'recorded');
  assert.equal(visit.countersign, undefined);
});

When("the Bang Khla family doctor looks at the team's due visits {int} days from now", async function (this: CocWorld, days: number) {
  // the list comes from the query store: wait for the projector to catch up with the new case
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const res = await this.call('GET', `/api/coc/due?scope=unit&asOf=${thaiDate(days)}`, undefined, FAMILY_DOCTOR_BANG_KHLA);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    if ((res.body as { items: { caseId: string }[] }).items.some((i) => i.caseId === this.cocCaseId)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`case ${this.cocCaseId ?? ''} never appeared in the due list`);
});

Then("the volunteer's visit to that patient is overdue", function (this: CocWorld) {
  const items = (this.last?.body as { items: { caseId: string; teamRole: string; status: string; daysOverdue: number }[] }).items;
  const item = items.find((i) => i.caseId === this.cocCaseId && i.teamRole === 'volunteer');
  assert.equal(item?.status, 'overdue');
  assert.equal(item.daysOverdue, 3);
});

When('the same visit is synced again', async function (this: CocWorld) {
  await this.call('POST', '/api/coc/visits', this.visitBody, 'volunteer.03903');
});

Then('the answer says the content is the same', function (this: CocWorld) {
  const details = (this.last?.body as { error: { details?: { sameContent?: boolean; visitId?: string } } }).error.details;
  assert.equal(details?.sameContent, true);
  assert.equal(details.visitId, this.visitId);
});

Then('the case counts {int} visit(s)', async function (this: CocWorld, count: number) {
  assert.equal((await caseNow(this)).visitCount, count);
});

When('the volunteer of health centre {string} sends a visit with an ADL item out of range', async function (this: CocWorld, hcode: string) {
  const body = visitBody(this);
  await recordVisit(this, hcode, { details: { ...(body.details as object), adl: { ...barthel(4), transfer: 7 } } });
});

When('the volunteer of health centre {string} sends a visit to an unknown case', async function (this: CocWorld, hcode: string) {
  await recordVisit(this, hcode, { caseId: `C-none-${randomUUID()}` });
});

When('the volunteer of health centre {string} sends a visit dated before the case opened', async function (this: CocWorld, hcode: string) {
  await recordVisit(this, hcode, { visitedOn: thaiDate(-1) });
});

When('the volunteer of health centre {string} sends a visit without details', async function (this: CocWorld, hcode: string) {
  await recordVisit(this, hcode, { details: undefined });
});
