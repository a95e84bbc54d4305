import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { peerCli } from '../support/peer-cli';
import { orgNamed, staffUsername } from '../support/staff';
import { randomValidCid } from '../support/thai-cid';

interface SummaryRecord {
  referralId: string;
  clinicalSummary: { diagnoses: { icd10: string }[] };
  hash: string;
  matchesLedger: boolean;
}

const summary = {
  diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction, unspecified' }],
  history: 'Sudden right-sided weakness 90 minutes ago; BP 182/100.',
  vitalSigns: { heartRate: 96, systolic: 182, diastolic: 100, spo2: 97 },
  medications: [{ name: 'Aspirin', dose: '300 mg' }],
};

Given(
  /^an? (Bang Khla) clinician has referred a stroke patient with a clinical summary to (Buddhasothorn) Hospital$/,
  async function (this: ApiWorld, from: string, to: string) {
    this.referralId = this.newReferralId();
    const res = await this.call(
      'POST',
      '/api/referrals',
      { referralId: this.referralId, patient: { cid: randomValidCid() }, toHcode: orgNamed(to).hcode, reasonCode: '1', priority: 1, fastTrack: '02', clinicalSummary: summary },
      staffUsername(from, 'clinician'),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
  },
);

When(/^an? (Buddhasothorn) (nurse|clinician) opens the clinical summary$/, async function (this: ApiWorld, hospital: string, role: string) {
  await this.call('GET', `/api/referrals/${this.referralId ?? ''}/clinical-summary`, undefined, staffUsername(hospital, role));
});

When(/^an? (Ban Pho) clinician tries to open the clinical summary$/, async function (this: ApiWorld, hospital: string) {
  await this.call('GET', `/api/referrals/${this.referralId ?? ''}/clinical-summary`, undefined, staffUsername(hospital, 'clinician'));
});

When('a provincial auditor tries to open the clinical summary', async function (this: ApiWorld) {
  await this.call('GET', `/api/referrals/${this.referralId ?? ''}/clinical-summary`, undefined, 'auditor.pho');
});

Then('she sees the diagnosis {string} and the summary matches the hash on the ledger', async function (this: ApiWorld, icd10: string) {
  assert.equal(this.last?.status, 200, JSON.stringify(this.last?.body));
  const record = this.last?.body as SummaryRecord;
  assert.equal(record.clinicalSummary.diagnoses[0]?.icd10, icd10);
  assert.equal(record.matchesLedger, true);
  const res = await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, 'auditor.pho');
  assert.equal((res.body as { referral: { clinicalSummaryHash: string } }).referral.clinicalSummaryHash, record.hash);
});

Then("Ban Pho's own peer refuses to return it too", async function (this: ApiWorld) {
  const args = ['chaincode', 'query', '-C', 'referrals', '-n', 'referral', '-c', JSON.stringify({ Args: ['GetClinicalSummary', this.referralId] })];
  const { ok, out } = await peerCli(staffUsername('Ban Pho', 'clinician'), args);
  assert.equal(ok, false, `Ban Pho's peer returned: ${out}`);
  assert.ok(!out.includes('I63.9'), 'no diagnosis in the output');
});

Then("the auditor can read the summary's hash on the referral", async function (this: ApiWorld) {
  const res = await this.call('GET', `/api/referrals/${this.referralId ?? ''}`, undefined, 'auditor.pho');
  const hash = (res.body as { referral: { clinicalSummaryHash?: string } }).referral.clinicalSummaryHash;
  assert.match(hash ?? '', /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(res.body).includes('I63.9'), 'no diagnosis in the public referral');
});
