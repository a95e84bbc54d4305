'use strict';
// Caliper workload modules of npm run bench: the same transactions as scripts/bench/ledger-bench.mjs.
//   noop:   BenchContract:NoOp with a create's payload
//   create: CreateReferral (ReferralContract), same payload
// Caliper 0.6.0's Peer Gateway connector refuses targetOrganizations ("not supported by the Peer Gateway
// connector"), so the Fabric Gateway service picks the endorsers from the chaincode policy (one organisation,
// the caller's own), where our ledger bench has the sender's and the receiver's organisation endorse.
// Hospitals (MSP, unit code, clinician identity) come from generated/hospitals.json (make-network.mjs).
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

const hospitals = require(path.join(__dirname, '..', 'generated', 'hospitals.json'));

class ReferralWorkload extends WorkloadModuleBase {
  constructor() {
    super();
    this.n = 0;
  }

  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.operation = roundArguments.operation;
    this.contractId = roundArguments.contractId ?? 'referral';
    this.run = `${Date.now().toString(36)}-${workerIndex}-${roundIndex}`;
  }

  async submitTransaction() {
    const i = this.n++;
    const from = hospitals[i % hospitals.length];
    let to = hospitals[(i + 1 + (Math.floor(i / hospitals.length) % (hospitals.length - 1))) % hospitals.length];
    if (to.key === from.key) to = hospitals[(i + 1) % hospitals.length];
    const payload = JSON.stringify({ referralId: `R-cal-${this.run}-${i}`, toHcode: to.hcode, reasonCode: '1', priority: 3, patientPseudonym: randomBytes(32).toString('hex') });
    await this.sutAdapter.sendRequests({
      contractId: this.contractId,
      contractFunction: this.operation === 'noop' ? 'BenchContract:NoOp' : 'CreateReferral',
      contractArguments: [payload],
      invokerIdentity: from.user,
      invokerMspId: from.mspId,
      readOnly: false,
      timeout: 60,
    });
  }
}

function createWorkloadModule() {
  return new ReferralWorkload();
}

module.exports.createWorkloadModule = createWorkloadModule;
