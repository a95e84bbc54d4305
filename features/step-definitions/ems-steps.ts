import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { orgNamed, staffUsername } from '../support/staff';

const DISPATCHER = 'dispatcher.1669';
const DISPATCHER2 = 'dispatcher2.1669';

interface UnitView {
  unitId: string;
  level: string;
  status: string;
  etaMinutes?: number;
}
interface CaseView {
  caseId: string;
  status: string;
  colour: string;
  criteriaVersion: string;
  unitId?: string;
}
interface IntakeBody {
  case: CaseView;
  firstAid: { id: string; title: string; steps: string[] }[];
  recommendation: UnitView[];
}

/** EMS state of one scenario. */
interface EmsState {
  caseId?: string;
  unitId?: string;
  recommendation?: UnitView[];
  intake?: IntakeBody;
}
const states = new WeakMap<ApiWorld, EmsState>();
function ems(world: ApiWorld): EmsState {
  let s = states.get(world);
  if (s === undefined) {
    s = {};
    states.set(world, s);
  }
  return s;
}
function crewOf(unitId: string): string {
  return `crew.${unitId.toLowerCase()}`;
}
function expectStatus(world: ApiWorld, status: number): void {
  assert.equal(world.last?.status, status, `expected ${String(status)}, got ${String(world.last?.status)}: ${JSON.stringify(world.last?.body)}`);
}

const NEAR_BUDDHASOTHORN = { lat: 13.6905, lng: 101.0791, landmark: 'ตลาดบ้านใหม่ ริมแม่น้ำบางปะกง' };
const RED_CHEST_PAIN = { complaintCode: 'chest-pain', answers: { conscious: true, breathingNormally: true, sweatingOrPale: true, chestPainMinutes: 30 } };

function call(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { caseId: `EMS-bdd-${randomUUID()}`, callerNumber: '0812345678', location: NEAR_BUDDHASOTHORN, ...RED_CHEST_PAIN, ...extra };
}

async function recordRedCall(world: ApiWorld): Promise<void> {
  await world.signIn(DISPATCHER);
  await world.call('POST', '/api/ems/cases', call());
  expectStatus(world, 201);
  const body = world.last?.body as IntakeBody;
  Object.assign(ems(world), { caseId: body.case.caseId, intake: body, recommendation: body.recommendation });
}

async function dispatchFirst(world: ApiWorld): Promise<void> {
  const s = ems(world);
  const unit = s.recommendation?.[0];
  assert.ok(unit, 'no unit recommended (are all units committed?)');
  await world.call('POST', `/api/ems/cases/${s.caseId ?? ''}/dispatch`, { unitId: unit.unitId }, DISPATCHER);
  expectStatus(world, 200);
  s.unitId = unit.unitId;
}

async function crewStatus(world: ApiWorld, status: string, extra: Record<string, unknown> = {}): Promise<void> {
  const unitId = ems(world).unitId ?? '';
  await world.call('POST', `/api/ems/units/${unitId}/status`, { status, ...extra }, crewOf(unitId));
}

async function toHospital(world: ApiWorld): Promise<void> {
  await recordRedCall(world);
  await dispatchFirst(world);
  for (const status of ['en-route', 'on-scene']) {
    await crewStatus(world, status);
    expectStatus(world, 200);
  }
  await crewStatus(world, 'transporting', { destinationHcode: orgNamed('Buddhasothorn').hcode });
  expectStatus(world, 200);
  await crewStatus(world, 'at-hospital');
  expectStatus(world, 200);
}

Given('the 1669 dispatcher is signed in', async function (this: ApiWorld) {
  await this.signIn(DISPATCHER);
});

When('she records a call for chest pain with sweating near Buddhasothorn Hospital', async function (this: ApiWorld) {
  await this.call('POST', '/api/ems/cases', call());
  const body = this.last?.body as IntakeBody;
  Object.assign(ems(this), { caseId: body.case?.caseId, intake: body, recommendation: body.recommendation });
});

Then(
  'the call is created with the colour {string} from criteria version {string}, marked as not verified',
  async function (this: ApiWorld, colour: string, version: string) {
    expectStatus(this, 201);
    const c = ems(this).intake?.case;
    assert.equal(c?.colour, colour);
    assert.equal(c?.criteriaVersion, version);
    await this.call('GET', '/api/ems/criteria');
    const criteria = (this.last?.body as { criteria: { version: string; verified: boolean; source: string } }).criteria;
    assert.equal(criteria.version, version);
    assert.equal(criteria.verified, false);
    assert.ok(criteria.source.length > 0);
  },
);

Then('she gets the Thai first-aid card {string} to read out', function (this: ApiWorld, cardId: string) {
  const card = ems(this).intake?.firstAid.find((c) => c.id === cardId);
  assert.ok(card, `no card ${cardId}`);
  assert.match(card.title, /[\u0E00-\u0E7F]/);
});

Then('every recommended unit is an ALS unit, nearest first', function (this: ApiWorld) {
  const units = ems(this).recommendation ?? [];
  assert.ok(units.length > 0, 'no ALS unit available');
  assert.ok(units.every((u) => u.level === 'ALS'));
  const etas = units.map((u) => u.etaMinutes ?? 0);
  assert.deepEqual(etas, [...etas].sort((a, b) => a - b));
});

When('she records a call from the tambon {string}', async function (this: ApiWorld, tambon: string) {
  await this.call('POST', '/api/ems/cases', call({ location: { tambon, landmark: 'ท่าน้ำ' } }));
});

When('she records a call with the complaint {string}', async function (this: ApiWorld, complaintCode: string) {
  await this.call('POST', '/api/ems/cases', call({ complaintCode, answers: {} }));
});

Then('the answer is {int} with the code {string}', function (this: ApiWorld, status: number, code: string) {
  expectStatus(this, status);
  assert.equal(this.lastErrorCode(), code);
});

Given('the 1669 dispatcher has recorded a red call near Buddhasothorn Hospital', async function (this: ApiWorld) {
  await recordRedCall(this);
});

When('she dispatches the first recommended unit', async function (this: ApiWorld) {
  await dispatchFirst(this);
});

Then('the unit is {string} for the call', function (this: ApiWorld, status: string) {
  const body = this.last?.body as { case: CaseView; unit: UnitView };
  assert.equal(body.unit.status, status);
  assert.equal(body.case.unitId, ems(this).unitId);
});

When('a second red call comes in and the second dispatcher sends the same unit', async function (this: ApiWorld) {
  await this.call('POST', '/api/ems/cases', call(), DISPATCHER2);
  expectStatus(this, 201);
  const second = (this.last?.body as IntakeBody).case.caseId;
  await this.call('POST', `/api/ems/cases/${second}/dispatch`, { unitId: ems(this).unitId }, DISPATCHER2);
});

Then('the dispatcher stands the unit down', async function (this: ApiWorld) {
  await this.call('POST', `/api/ems/units/${ems(this).unitId ?? ''}/status`, { status: 'available', reason: 'BDD clean-up' }, DISPATCHER);
  expectStatus(this, 200);
});

Given('a red call near Buddhasothorn Hospital has a unit dispatched', async function (this: ApiWorld) {
  await recordRedCall(this);
  await dispatchFirst(this);
});

When('the crew reports {string}', async function (this: ApiWorld, status: string) {
  await crewStatus(this, status);
  expectStatus(this, 200);
});

When('the crew tries to report {string} straight away', async function (this: ApiWorld, status: string) {
  await crewStatus(this, status);
});

When(
  'the crew sends its position and the vital signs HR {int}, BP {int}\\/{int}, SpO2 {int}, RR {int}',
  async function (this: ApiWorld, hr: number, sbp: number, dbp: number, spo2: number, rr: number) {
    const unitId = ems(this).unitId ?? '';
    await this.call(
      'POST',
      `/api/ems/units/${unitId}/telemetry`,
      { at: new Date().toISOString(), position: { lat: 13.6899, lng: 101.0781, speedKmh: 0 }, vitals: { hr, sbp, dbp, spo2, rr } },
      crewOf(unitId),
    );
  },
);

Then('the answer is 202 and the SpO2 reading is stored with the flag {string}', function (this: ApiWorld, flag: string) {
  expectStatus(this, 202);
  const body = this.last?.body as { stored: number; flags: Record<string, string[]> };
  assert.equal(body.stored, 5);
  assert.deepEqual(body.flags.spo2, [flag]);
});

When('the crew leaves the scene for Buddhasothorn Hospital', async function (this: ApiWorld) {
  await crewStatus(this, 'transporting', { destinationHcode: orgNamed('Buddhasothorn').hcode });
  expectStatus(this, 200);
});

Then('the Buddhasothorn ER physician sees the case in the incoming list', async function (this: ApiWorld) {
  await this.call('GET', '/api/ems/cases', undefined, staffUsername('Buddhasothorn', 'er'));
  expectStatus(this, 200);
  const cases = (this.last?.body as { cases: CaseView[] }).cases;
  assert.ok(cases.some((c) => c.caseId === ems(this).caseId && c.status === 'at-hospital'));
});

Then(
  'the vital signs export as FHIR Observations with the LOINC codes 8867-4, 8480-6, 59408-5 and 9279-1',
  async function (this: ApiWorld) {
    await this.call('GET', `/api/ems/cases/${ems(this).caseId ?? ''}/observations`, undefined, staffUsername('Buddhasothorn', 'er'));
    expectStatus(this, 200);
    const bundle = this.last?.body as { resourceType: string; entry: { resource: { code: { coding: { system: string; code: string }[] } } }[] };
    assert.equal(bundle.resourceType, 'Bundle');
    const codes = bundle.entry.map((e) => e.resource.code.coding[0]?.code);
    for (const loinc of ['8867-4', '8480-6', '59408-5', '9279-1']) assert.ok(codes.includes(loinc), `missing LOINC ${loinc}`);
  },
);

Given('a red call near Buddhasothorn Hospital has arrived at Buddhasothorn Hospital', async function (this: ApiWorld) {
  await toHospital(this);
});

When('the Buddhasothorn ER physician tries to receive the patient before the crew signs', async function (this: ApiWorld) {
  await this.call('POST', `/api/ems/cases/${ems(this).caseId ?? ''}/handover/accept`, {}, staffUsername('Buddhasothorn', 'er'));
});

When('the crew signs the hand-over', async function (this: ApiWorld) {
  await this.call('POST', `/api/ems/cases/${ems(this).caseId ?? ''}/handover`, {}, crewOf(ems(this).unitId ?? ''));
  expectStatus(this, 200);
});

When('the Buddhasothorn ER physician receives the patient', async function (this: ApiWorld) {
  await this.call('POST', `/api/ems/cases/${ems(this).caseId ?? ''}/handover/accept`, {}, staffUsername('Buddhasothorn', 'er'));
  expectStatus(this, 200);
});

Then('the case is {string}', function (this: ApiWorld, status: string) {
  assert.equal((this.last?.body as { case: CaseView }).case.status, status);
});

Then('the ledger shows the hand-over signed by the crew and by the ER physician of Buddhasothorn Hospital', async function (this: ApiWorld) {
  await this.call('GET', `/api/ems/cases/${ems(this).caseId ?? ''}/ledger`, undefined, staffUsername('Buddhasothorn', 'er'));
  expectStatus(this, 200);
  const ledgerCase = (this.last?.body as { case: { status: string; handover: { crew: { by: string; mspId: string }; receiver: { by: string; mspId: string } } } }).case;
  assert.equal(ledgerCase.status, 'handed-over');
  assert.equal(ledgerCase.handover.crew.by, crewOf(ems(this).unitId ?? ''));
  assert.equal(ledgerCase.handover.receiver.by, staffUsername('Buddhasothorn', 'er'));
  assert.equal(ledgerCase.handover.receiver.mspId, orgNamed('Buddhasothorn').mspId);
});

Then('the crew clears the unit, which is available again', async function (this: ApiWorld) {
  await crewStatus(this, 'available');
  expectStatus(this, 200);
  assert.equal((this.last?.body as { unit: UnitView }).unit.status, 'available');
});

When('the crew writes the clinical note {string}', async function (this: ApiWorld, text: string) {
  const s = ems(this) as EmsState & { noteText?: string };
  s.noteText = text;
  await this.call('POST', `/api/ems/cases/${s.caseId ?? ''}/notes`, { noteId: 'N1', text }, crewOf(s.unitId ?? ''));
  expectStatus(this, 201);
});

Then('the Buddhasothorn ER physician reads the note, whose hash matches the one on the ledger', async function (this: ApiWorld) {
  const s = ems(this) as EmsState & { noteText?: string };
  await this.call('GET', `/api/ems/cases/${s.caseId ?? ''}/notes`, undefined, staffUsername('Buddhasothorn', 'er'));
  expectStatus(this, 200);
  const body = this.last?.body as { collection: string; notes: { noteId: string; text: string; by: string; hashMatches: boolean }[] };
  assert.match(body.collection, /^clinical_/);
  assert.equal(body.notes.length, 1);
  assert.equal(body.notes[0]?.text, s.noteText);
  assert.equal(body.notes[0]?.by, crewOf(s.unitId ?? ''));
  assert.equal(body.notes[0]?.hashMatches, true);
});

Then("the case on the ledger holds the note's hash and signer but not its text", async function (this: ApiWorld) {
  const s = ems(this) as EmsState & { noteText?: string };
  await this.call('GET', `/api/ems/cases/${s.caseId ?? ''}/ledger`, undefined, DISPATCHER);
  expectStatus(this, 200);
  const ledgerCase = (this.last?.body as { case: { notes?: { noteId: string; sha256: string; by: string }[] } }).case;
  assert.match(ledgerCase.notes?.[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(ledgerCase.notes?.[0]?.by, crewOf(s.unitId ?? ''));
  assert.ok(!JSON.stringify(ledgerCase).includes(s.noteText ?? '?'), 'the note text is not on the channel');
});

When('a Buddhasothorn clinician refers the patient on to Bang Khla Hospital from the EMS case', async function (this: ApiWorld) {
  await this.call(
    'POST',
    `/api/ems/cases/${ems(this).caseId ?? ''}/referral`,
    { patient: { cid: '1101700207030' }, toHcode: orgNamed('Bang Khla').hcode },
    staffUsername('Buddhasothorn', 'clinician'),
  );
  expectStatus(this, 201);
});

Then('the referral is {string} with priority {int} and fast track {string}, and the EMS case links it', function (this: ApiWorld, status: string, priority: number, fastTrack: string) {
  const body = this.last?.body as { case: { referrals?: { referralId: string }[] }; referral: { id: string; status: string; priority: number; fastTrack?: string } };
  assert.equal(body.referral.status, status);
  assert.equal(body.referral.priority, priority);
  assert.equal(body.referral.fastTrack, fastTrack);
  assert.equal(body.case.referrals?.[0]?.referralId, body.referral.id);
});
