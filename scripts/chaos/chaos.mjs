// npm run chaos [-- --short] [-- --faults orderer,peer,chaincode,gateway]
// Fault suite against the running system (localhost only, bounded in time): under a steady load of referral
// creates and accepts through the API, it SIGKILLs real processes by pid (the Raft leader orderer or one BFT
// orderer, one hospital's peer, one hospital's chaincode service, the gateway with its projector), lets the
// supervisor restart them, and prints per fault: requests sent, failed (and whether the dead component alone
// was serving them), lost, duplicates, slowest request, time to recover, block-hash agreement across peers, and
// whether the query store caught up exactly once. Exits 1 when a fault breaks a promise of issue 7.
import { randomInt } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { loadTopology, orderersOf, peerChainInfo, root, runtimeDir } from '../../network-config/scripts/topology.mjs';
import { loadCredentials, Load } from './load.mjs';

const args = process.argv.slice(2);
const short = args.includes('--short') || process.env.CHAOS_SHORT === '1';
const faultArg = args.find((a) => a.startsWith('--faults='))?.slice(9) ?? (args.includes('--faults') ? args[args.indexOf('--faults') + 1] : undefined);
const FAULTS = (faultArg ?? 'orderer,peer,chaincode,gateway').split(',');
const BASE = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const LOAD_BEFORE_S = short ? 4 : 10;
const LOAD_AFTER_S = short ? 12 : 30;
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? (short ? 6 : 12));
const net = loadTopology();
const hospitals = net.peerOrgs.filter((o) => o.key !== 'pho');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pidOf = (name) => Number(readFileSync(path.join(runtimeDir, 'pids', `${name}.pid`), 'utf8').trim());

async function httpOk(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** The Raft leader (prometheus metric consensus_etcdraft_is_leader), or for BFT the second orderer. */
async function ordererVictim() {
  const orderers = orderersOf(net);
  if (net.consensus === 'BFT') return orderers[1];
  for (let tries = 0; tries < 20; tries++) {
    for (const o of orderers) {
      try {
        const text = await (await fetch(`http://${o.address}:${o.operationsPort}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
        if (/^consensus_etcdraft_is_leader\{channel="referrals"\} 1$/m.test(text)) return o;
      } catch {
        // not answering: not the leader we want
      }
    }
    await sleep(500);
  }
  throw new Error('no Raft leader found through the orderers\' metrics');
}

/** Each peer's height and current block hash (peer channel getinfo as the organisation's admin). */
async function chainInfos() {
  const infos = [];
  for (const org of net.peerOrgs) {
    try {
      infos.push({ org: org.key, ...(await peerChainInfo(net, org)) });
    } catch (err) {
      infos.push({ org: org.key, height: -1, hash: `unreachable: ${String(err.message).slice(0, 80)}` });
    }
  }
  return infos;
}

/** Waits (bounded) until every peer is at the same height, then says whether their block hashes agree. */
async function hashAgreement(timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  let infos = [];
  while (Date.now() < until) {
    infos = await chainInfos();
    const heights = new Set(infos.map((i) => i.height));
    if (heights.size === 1 && !heights.has(-1)) return { agree: new Set(infos.map((i) => i.hash)).size === 1, height: infos[0].height };
    await sleep(1000);
  }
  return { agree: false, height: Math.max(...infos.map((i) => i.height)), detail: infos.filter((i) => i.height !== infos[0].height).map((i) => `${i.org}@${i.height}`).join(' ') };
}

/** Every committed referral of the load is on the ledger once, with each committed step once; the store matches. */
async function verify(load, session) {
  const committed = load.committed();
  let lost = 0;
  let duplicates = 0;
  const ledger = new Map();
  let next = 0;
  const ids = [...committed.keys()];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const expected = committed.get(id);
        const res = await session.call('GET', `/api/referrals/${encodeURIComponent(id)}`, undefined, `clinician.${expected.from}`);
        if (res.status !== 200) {
          lost++;
          continue;
        }
        const steps = res.body.referral.steps;
        ledger.set(id, res.body.referral);
        for (const action of expected.actions) if (!steps.some((s) => s.action === action)) lost++;
        const counts = new Map();
        for (const s of steps) counts.set(s.action, (counts.get(s.action) ?? 0) + 1);
        for (const n of counts.values()) if (n > 1) duplicates += n - 1;
      }
    }),
  );
  return { lost, duplicates, ledger };
}

/** The store holds each referral's latest ledger version and exactly one event per committed step. */
async function storeExactlyOnce(ledger, timeoutMs = 60_000) {
  const uri = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${net.store.port}/referrals`;
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db();
    const until = Date.now() + timeoutMs;
    let behind = [];
    let extra = 0;
    do {
      behind = [];
      extra = 0;
      const ids = [...ledger.keys()];
      const docs = new Map((await db.collection('referrals').find({ _id: { $in: ids } }).toArray()).map((d) => [d._id, d]));
      const events = await db.collection('referral_events').find({ referralId: { $in: ids } }).toArray();
      const perReferral = new Map();
      for (const e of events) perReferral.set(e.referralId, (perReferral.get(e.referralId) ?? 0) + 1);
      for (const [id, referral] of ledger) {
        const doc = docs.get(id);
        if (doc === undefined || doc.status !== referral.status || (perReferral.get(id) ?? 0) < referral.steps.length) behind.push(id);
        extra += Math.max(0, (perReferral.get(id) ?? 0) - referral.steps.length);
      }
      if (behind.length === 0) break;
      await sleep(1000);
    } while (Date.now() < until);
    return { caughtUp: behind.length === 0, behind: behind.length, extraEvents: extra };
  } finally {
    await client.close();
  }
}

/** Kills `name` (SIGKILL, by pid) and measures how long until `healthy()` holds again. */
async function killAndRecover(name, healthy) {
  const pid = pidOf(name);
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  console.log(`    SIGKILL ${name} (pid ${pid})`);
  await sleep(300);
  const until = killedAt + 60_000;
  while (Date.now() < until) {
    const newPid = existsSync(path.join(runtimeDir, 'pids', `${name}.pid`)) ? pidOf(name) : 0;
    if (newPid !== 0 && newPid !== pid && (await healthy())) return (Date.now() - killedAt) / 1000;
    await sleep(200);
  }
  return Number.NaN;
}

async function fault(kind, session) {
  let name;
  let involves;
  let healthy;
  if (kind === 'orderer') {
    const o = await ordererVictim();
    name = o.name;
    involves = () => false;
    healthy = () => httpOk(`http://${o.address}:${o.operationsPort}/healthz`);
  } else if (kind === 'peer' || kind === 'chaincode') {
    const org = hospitals[randomInt(1, hospitals.length)];
    name = kind === 'peer' ? org.peer.name : `chaincode-${org.key}`;
    involves = (r) => r.from === org.key || r.to === org.key;
    healthy = kind === 'peer' ? () => httpOk(`http://${org.peer.address}:${org.peer.operationsPort}/healthz`) : () => httpOk(`${BASE}/api/health`);
  } else if (kind === 'gateway') {
    name = 'gateway';
    involves = () => true;
    healthy = () => httpOk(`${BASE}/api/health`);
  } else throw new Error(`unknown fault ${kind}`);

  console.log(`\n==> Fault: ${kind} (${name}), ${CONCURRENCY} concurrent clients`);
  const load = new Load({ base: BASE, session, hospitals, concurrency: CONCURRENCY, tag: kind });
  load.start();
  await sleep(LOAD_BEFORE_S * 1000);
  const killedAt = Date.now();
  const recoverS = await killAndRecover(name, healthy);
  const remaining = LOAD_AFTER_S * 1000 - (Date.now() - killedAt);
  if (remaining > 0) await sleep(remaining);
  await load.stop();
  const results = load.results();
  const failed = results.filter((r) => !r.ok);
  // a request was served by the dead component if it involved it and was still open when it died
  const attributable = failed.filter((r) => involves(r) && r.at + r.ms >= killedAt);
  const slowest = Math.max(0, ...results.map((r) => r.ms)) / 1000;
  const { lost, duplicates, ledger } = await verify(load, session);
  const chain = await hashAgreement();
  const store = await storeExactlyOnce(ledger);
  const row = {
    fault: kind,
    target: name,
    sent: results.length,
    failed: failed.length,
    notAttributable: failed.length - attributable.length,
    lost,
    duplicates,
    slowestS: Number(slowest.toFixed(2)),
    recoverS: Number(recoverS.toFixed(1)),
    hashesAgree: chain.agree,
    height: chain.height,
    storeExactlyOnce: store.caughtUp && store.extraEvents === 0,
  };
  const codes = {};
  for (const f of failed) codes[`${f.status} ${f.code}`] = (codes[`${f.status} ${f.code}`] ?? 0) + 1;
  if (failed.length > 0) console.log(`    failures: ${JSON.stringify(codes)}`);
  const problems = [];
  if (kind === 'orderer' && failed.length > 0) problems.push('an orderer kill must fail no request');
  if (kind === 'orderer' && slowest > 10) problems.push('an orderer kill must slow no request beyond 10 s');
  if (row.notAttributable > 0) problems.push(`${row.notAttributable} failures of requests the dead component was not serving`);
  if (lost > 0) problems.push(`${lost} committed changes lost`);
  if (duplicates > 0) problems.push(`${duplicates} duplicate steps`);
  if (!chain.agree) problems.push(`peers disagree on the chain (${chain.detail ?? 'different hashes'})`);
  if (!row.storeExactlyOnce) problems.push(`query store not exactly-once (behind ${store.behind}, extra events ${store.extraEvents})`);
  if (Number.isNaN(recoverS)) problems.push('did not recover within 60 s');
  for (const p of problems) console.log(`    PROBLEM: ${p}`);
  return { row: { ...row, problems }, problems };
}

/** Refers across all 110 ordered hospital pairs (12 at a time); every one must be recorded. */
async function everyPair(session) {
  console.log('\n==> After the faults: every hospital refers to every other hospital (110 ordered pairs)');
  const run = Date.now().toString(36);
  const pairs = hospitals.flatMap((a) => hospitals.filter((b) => b.key !== a.key).map((b) => [a, b]));
  const failures = [];
  let slowest = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      while (next < pairs.length) {
        const [a, b] = pairs[next++];
        const res = await session.call('POST', '/api/referrals', { referralId: `R-pair-${run}-${a.key}-${b.key}`, patient: { cid: '1101700207030' }, toHcode: b.hcode, reasonCode: '1', priority: 3 }, `clinician.${a.key}`);
        slowest = Math.max(slowest, res.ms);
        if (res.status !== 201) failures.push(`${a.key} → ${b.key}: ${res.status} ${res.body?.error?.code ?? ''}`);
      }
    }),
  );
  const problems = failures.length === 0 ? [] : [`${failures.length} of ${pairs.length} pairs failed: ${failures.slice(0, 5).join('; ')}`];
  for (const p of problems) console.log(`    PROBLEM: ${p}`);
  const row = { fault: 'every-pair', target: '110 hospital pairs', sent: pairs.length, failed: failures.length, notAttributable: failures.length, lost: 0, duplicates: 0, slowestS: Number((slowest / 1000).toFixed(2)), recoverS: 0, hashesAgree: true, height: 0, storeExactlyOnce: true, problems };
  return { row, problems };
}

async function main() {
  if (!(await httpOk(`${BASE}/api/health`))) {
    console.error(`the system is not healthy at ${BASE}/api/health: start it with npm start`);
    process.exit(2);
  }
  console.log(`Chaos suite (${short ? 'short' : 'full'}): faults ${FAULTS.join(', ')}; ${net.consensus}, ${orderersOf(net).length} orderers, ${net.peerOrgs.length} peers`);
  const session = await loadCredentials(BASE, hospitals);
  const rows = [];
  let problems = 0;
  for (const kind of FAULTS) {
    const { row, problems: p } = await fault(kind, session);
    rows.push(row);
    problems += p.length;
    // let the system settle (restarted component, gossip) before the next fault
    await sleep(short ? 3000 : 8000);
  }
  // after every fault: every hospital still refers to every other hospital (110 ordered pairs)
  const pairs = await everyPair(session);
  rows.push(pairs.row);
  problems += pairs.problems.length;
  console.log('\nChaos results');
  console.table(rows.map(({ problems: _p, ...row }) => row));
  const out = path.join(root, 'reports', 'chaos.json');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), short, consensus: net.consensus, rows }, null, 2));
  console.log(`Chaos: ${rows.length} fault(s), ${problems} problem(s); JSON in reports/chaos.json`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
