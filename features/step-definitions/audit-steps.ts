import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { After, Given, Then, When } from '@cucumber/cucumber';
import { mongo } from 'mongoose';
import type { ApiWorld } from '../support/api-world';
import { orgNamed, staffUsername } from '../support/staff';
import { randomValidCid } from '../support/thai-cid';

/** The parts of the audit report the steps look at (gateway-api/src/modules/audit/audit-report.ts). */
interface AuditProblem {
  code: string;
  referralId?: string;
  field?: string;
  ledger?: unknown;
  store?: unknown;
}
interface AuditCheck {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
}
interface AuditReport {
  ok: boolean;
  checkedBlocks: number;
  checkedTransactions: number;
  checks: Record<'chain' | 'signatures' | 'endorsements' | 'documents' | 'store', AuditCheck>;
}

/** What one audit scenario remembers, and the store row it must put back. */
interface AuditScenario {
  summary?: Record<string, unknown>;
  report?: AuditReport;
  restore?: { id: string; field: string; value: unknown };
}

// The query store of the gateway under test (its MONGODB_URI; default as in docs/contracts.md).
const STORE_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/referrals';
const ROW_WAIT_MS = 15_000;
const AUDITOR = 'auditor.pho';
const scenarios = new WeakMap<ApiWorld, AuditScenario>();

function scenario(world: ApiWorld): AuditScenario {
  let state = scenarios.get(world);
  if (state === undefined) {
    state = {};
    scenarios.set(world, state);
  }
  return state;
}

async function withReferrals<T>(use: (rows: mongo.Collection<{ _id: string } & Record<string, unknown>>) => Promise<T>): Promise<T> {
  const client = new mongo.MongoClient(STORE_URI, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    return await use(client.db().collection<{ _id: string } & Record<string, unknown>>('referrals'));
  } finally {
    await client.close();
  }
}

async function verify(world: ApiWorld, body: Record<string, unknown>): Promise<void> {
  const res = await world.call('POST', '/api/audit/verify', body, AUDITOR);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  scenario(world).report = res.body as AuditReport;
}

function reportOf(world: ApiWorld): AuditReport {
  const report = scenario(world).report;
  assert.ok(report, 'no audit was run');
  return report;
}

Given(
  /^an? (Bang Khla) clinician has referred a patient to (Buddhasothorn) Hospital with a clinical summary$/,
  async function (this: ApiWorld, from: string, to: string) {
    const summary = {
      diagnoses: [{ icd10: 'I21.9', display: 'Acute myocardial infarction, unspecified' }],
      history: 'Chest pain for 40 minutes; ST elevation on ECG.',
      vitalSigns: { heartRate: 104, systolic: 150, diastolic: 92, spo2: 96 },
    };
    this.referralId = this.newReferralId();
    const res = await this.call(
      'POST',
      '/api/referrals',
      { referralId: this.referralId, patient: { cid: randomValidCid() }, toHcode: orgNamed(to).hcode, reasonCode: '1', priority: 2, clinicalSummary: summary },
      staffUsername(from, 'clinician'),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    scenario(this).summary = summary;
  },
);

Given('the referral has reached the query store', async function (this: ApiWorld) {
  const id = this.referralId ?? '';
  const deadline = Date.now() + ROW_WAIT_MS;
  while (!(await withReferrals(async (rows) => (await rows.countDocuments({ _id: id })) > 0))) {
    assert.ok(Date.now() < deadline, `referral ${id} did not reach the query store (${STORE_URI}) within ${ROW_WAIT_MS / 1000} s`);
    await sleep(250);
  }
});

When('someone changes its priority directly in the query store', async function (this: ApiWorld) {
  const id = this.referralId ?? '';
  await withReferrals(async (rows) => {
    const row = await rows.findOne({ _id: id });
    assert.ok(row, `no store row for ${id}`);
    scenario(this).restore = { id, field: 'priority', value: row.priority };
    await rows.updateOne({ _id: id }, { $set: { priority: row.priority === 5 ? 1 : 5 } });
  });
});

When('a provincial auditor verifies the ledger', async function (this: ApiWorld) {
  await verify(this, {});
});

When('a provincial auditor verifies the ledger and that clinical summary', async function (this: ApiWorld) {
  await verify(this, { documents: [{ referralId: this.referralId, document: scenario(this).summary }] });
});

When('a provincial auditor verifies the ledger and a copy of that clinical summary with another diagnosis', async function (this: ApiWorld) {
  const altered = { ...scenario(this).summary, diagnoses: [{ icd10: 'K35.8', display: 'Acute appendicitis' }] };
  await verify(this, { documents: [{ referralId: this.referralId, document: altered }] });
});

When('she asks to verify the ledger', async function (this: ApiWorld) {
  await this.call('POST', '/api/audit/verify', {});
});

Then('every check of the audit passes', function (this: ApiWorld) {
  const report = reportOf(this);
  const failed = Object.entries(report.checks).filter(([, check]) => !check.ok);
  assert.deepEqual(failed, [], 'failing checks');
  assert.ok(report.ok);
  assert.ok(report.checkedBlocks > 0 && report.checkedTransactions > 0);
  assert.equal(report.checks.documents.checked, 1);
});

Then("the audit names that referral's priority as altered in the store, and nothing else", function (this: ApiWorld) {
  const { store } = reportOf(this).checks;
  assert.equal(store.ok, false);
  const tampered = scenario(this).restore;
  assert.deepEqual(
    store.problems.map((p) => ({ code: p.code, referralId: p.referralId, field: p.field, ledger: p.ledger })),
    [{ code: 'STORE_FIELD_MISMATCH', referralId: this.referralId, field: 'priority', ledger: tampered?.value }],
  );
});

Then("the audit names that referral's clinical summary as not matching its hash on the ledger", function (this: ApiWorld) {
  const { documents } = reportOf(this).checks;
  assert.equal(documents.ok, false);
  assert.deepEqual(
    documents.problems.map((p) => ({ code: p.code, referralId: p.referralId, field: p.field })),
    [{ code: 'DOCUMENT_HASH_MISMATCH', referralId: this.referralId, field: 'clinicalSummaryHash' }],
  );
});

// Puts back a store row a scenario altered, whatever the outcome.
After(async function (this: ApiWorld) {
  const restore = scenarios.get(this)?.restore;
  if (restore === undefined) return;
  await withReferrals((rows) => rows.updateOne({ _id: restore.id }, { $set: { [restore.field]: restore.value } }));
});
