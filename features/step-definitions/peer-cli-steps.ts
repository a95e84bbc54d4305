import assert from 'node:assert/strict';
import path from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { RUNTIME, peerCli, runningTopology } from '../support/peer-cli';
import { staffUsername } from '../support/staff';

interface CliWorld extends ApiWorld {
  cliOutput?: string;
}

When("a Buddhasothorn nurse reads it from her hospital's peer with the Fabric CLI", async function (this: CliWorld) {
  const user = staffUsername('Buddhasothorn', 'nurse');
  const result = await peerCli(user, ['chaincode', 'query', '-C', 'referrals', '-n', 'referral', '-c', JSON.stringify({ Args: ['GetReferral', this.referralId] })]);
  assert.ok(result.ok, result.out);
  this.cliOutput = result.out;
});

Then('the peer answers with the referral, which names the patient only by a pseudonym', function (this: CliWorld) {
  const line = (this.cliOutput ?? '').split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `no JSON in peer output: ${this.cliOutput ?? ''}`);
  const referral = JSON.parse(line) as Record<string, unknown>;
  assert.equal(referral.id, this.referralId);
  assert.match(String(referral.patientPseudonym), /^[0-9a-f]{64}$/);
  assert.ok(!/\b\d{13}\b/.test(line), 'no 13-digit national ID on the ledger');
  assert.ok(!('patient' in referral) && !('name' in referral), 'no patient object or name on the ledger');
});

When("a Buddhasothorn nurse submits the accept through her own hospital's peer only", async function (this: CliWorld) {
  const net = runningTopology();
  const ordererOrg = net.ordererOrgs[0];
  const orderer = ordererOrg.orderers[0];
  const org = net.peerOrgs.find((o) => o.key === 'buddhasothorn');
  assert.ok(org, 'buddhasothorn is on the network');
  const orderCa = path.join(RUNTIME, `crypto/ordererOrganizations/${ordererOrg.domain}/tlsca/tlsca.${ordererOrg.domain}-cert.pem`);
  const peerCa = path.join(RUNTIME, `crypto/peerOrganizations/${org.domain}/peers/${org.peer.name}/tls/ca.crt`);
  const result = await peerCli(staffUsername('Buddhasothorn', 'nurse'), [
    'chaincode', 'invoke', '-o', `${orderer.address}:${String(orderer.port)}`, '--tls', '--cafile', orderCa, '-C', 'referrals', '-n', 'referral',
    '--peerAddresses', `${org.peer.address}:${String(org.peer.port)}`, '--tlsRootCertFiles', peerCa, '--waitForEvent',
    '-c', JSON.stringify({ Args: ['AcceptReferral', this.referralId, 'one endorsement only'] }),
  ]);
  this.cliOutput = result.out;
});

Then('the ledger invalidates the transaction with {string}', function (this: CliWorld, code: string) {
  assert.ok((this.cliOutput ?? '').includes(`(${code})`), this.cliOutput);
});
