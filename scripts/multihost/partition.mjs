// The cut-off hospital: with the multi-host network up (netns-test.sh), takes one hospital's link to the bridge
// down, shows that referrals between the other hospitals still commit through the gateway, brings the link back
// and measures how long that hospital's peer takes to reach the same height and the same block hash as the others.
// Usage: node partition.mjs VICTIM_KEY VETH [--referrals N]  (root; RUNTIME_DIR = the multi-host runtime)
// Prints one JSON line (also written to reports/multihost-partition.json); exits 1 if anything failed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTopology, peerChainInfo, root } from '../../network-config/scripts/topology.mjs';
import { loadCredentials } from '../chaos/load.mjs';

const [, , victimKey, veth, ...rest] = process.argv;
const referrals = Number(rest[rest.indexOf('--referrals') + 1] ?? 0) || 6;
const net = loadTopology();
const BASE = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const victim = net.peerOrgs.find((o) => o.key === victimKey);
if (!victim || !veth) throw new Error('usage: partition.mjs VICTIM_KEY VETH [--referrals N]');
const hospitals = net.peerOrgs.filter((o) => o.key !== 'pho');
const others = hospitals.filter((o) => o.key !== victimKey);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (s) => console.error(`    ${s}`);

/** An organisation's peer height and current block hash, or undefined when it cannot be reached. */
async function chainInfo(org, timeout = 5000) {
  return peerChainInfo(net, org, timeout).catch(() => undefined);
}

const result = { victim: victimKey, address: victim.peer.address, referrals, ok: false };
const session = await loadCredentials(BASE, hospitals);
const before = await chainInfo(victim);
result.heightBefore = before?.height;
log(`${victimKey} (${victim.peer.address}) at height ${before?.height}; cutting its link (ip link set ${veth} down)`);
execFileSync('ip', ['link', 'set', veth, 'down']);
const cutAt = Date.now();
try {
  // referrals between the other hospitals, each created and then accepted by the receiving hospital
  const latencies = [];
  let failed = 0;
  const batch = `R-mh-${Date.now().toString(36)}`;
  for (let i = 0; i < referrals; i++) {
    const a = others[i % others.length];
    const b = others[(i + 1 + Math.floor(i / others.length)) % others.length];
    const id = `${batch}-${i}`;
    const c = await session.call('POST', '/api/referrals', { referralId: id, patient: { cid: '1101700207030' }, toHcode: b.hcode, reasonCode: '1', priority: 3 }, `clinician.${a.key}`);
    const acc = c.status === 201 ? await session.call('POST', `/api/referrals/${encodeURIComponent(id)}/accept`, { note: 'while one hospital is cut off' }, `nurse.${b.key}`) : c;
    if (c.status === 201 && acc.status === 200) latencies.push(c.ms, acc.ms);
    else {
      failed++;
      log(`${a.key} → ${b.key}: create ${c.status} ${JSON.stringify(c.body).slice(0, 160)} / accept ${acc.status}`);
    }
  }
  result.othersCommitted = referrals - failed;
  result.othersFailed = failed;
  result.othersMaxMs = Math.max(0, ...latencies);
  result.victimReachableWhileCut = (await chainInfo(victim, 4000)) !== undefined;
  log(`while cut off: ${referrals - failed}/${referrals} referrals between the other hospitals created and accepted (slowest call ${result.othersMaxMs} ms); ${victimKey}'s peer reachable: ${result.victimReachableWhileCut}`);
} finally {
  execFileSync('ip', ['link', 'set', veth, 'up']);
}
result.cutSeconds = Math.round((Date.now() - cutAt) / 100) / 10;
const reference = others[0];
const restoredAt = Date.now();
let caught;
while (Date.now() - restoredAt < 240_000) {
  const [ref, mine] = await Promise.all([chainInfo(reference), chainInfo(victim)]);
  if (ref && mine && mine.height === ref.height && mine.hash === ref.hash) {
    caught = { height: mine.height, hash: mine.hash };
    break;
  }
  await sleep(250);
}
result.catchUpSeconds = caught ? Math.round((Date.now() - restoredAt) / 100) / 10 : null;
result.heightAfter = caught?.height;
result.blockHash = caught?.hash;
result.ok = caught !== undefined && result.othersFailed === 0 && result.victimReachableWhileCut === false;
log(
  caught
    ? `link restored: ${victimKey} caught up to height ${caught.height} (block hash ${caught.hash.slice(0, 16)}…, same as ${reference.key}) in ${result.catchUpSeconds} s`
    : `link restored: ${victimKey} did NOT catch up within 240 s`,
);
const out = path.join(root, 'reports', 'multihost-partition.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), consensus: net.consensus, ...result }, null, 2));
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
