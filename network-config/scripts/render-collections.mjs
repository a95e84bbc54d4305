// Writes the private data collection config for the referral chaincode: one collection per pair
// of peer organisations, clinical_<A>_<B> (MSP IDs sorted; A = B for referrals inside one
// organisation), readable and writable only by those two organisations.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTopology, root } from './topology.mjs';

const [, , outFile] = process.argv;
if (!outFile) throw new Error('usage: render-collections.mjs OUT_FILE');

const net = loadTopology();
const msps = net.peerOrgs.map((o) => o.mspId).sort();
const collections = [];
for (let i = 0; i < msps.length; i += 1) {
  for (let j = i; j < msps.length; j += 1) {
    const members = i === j ? [msps[i]] : [msps[i], msps[j]];
    const list = members.map((m) => `'${m}.member'`).join(',');
    collections.push({
      name: `clinical_${msps[i]}_${msps[j]}`,
      policy: `OR(${list})`,
      requiredPeerCount: 0,
      maxPeerCount: members.length - 1,
      blockToLive: 0,
      memberOnlyRead: true,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: `AND(${members.map((m) => `'${m}.peer'`).join(',')})` },
    });
  }
}
writeFileSync(outFile, JSON.stringify(collections, null, 2) + '\n');
console.log(`    ${collections.length} private data collections (clinical_<A>_<B>) in ${outFile}`);
