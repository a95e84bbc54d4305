// npm run bench:pharmacy [-- --plans 120 --concurrency 8,16,32]
// Smart Pharmacy dispensing throughput through the REST API of the running system. Each hospital's clinician
// makes refill plans (the plan set-up is timed too); then, at each concurrency, pharmacists of OTHER hospitals
// dispense cycle 1 of distinct plans (each dispense: endorsed by the prescribing and the dispensing
// organisation, items to the dispenser's implicit collection). Last, the "once" rule under contention: 50
// pharmacists of every hospital dispense the same cycle at once. Prints a table; JSON in reports/bench/.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTopology, root } from '../../network-config/scripts/topology.mjs';
import { requestJson } from '../lib/http-json.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const LEVELS = opt('concurrency', '8,16,32').split(',').map(Number);
const PER_LEVEL = Number(opt('plans', '96'));
const net = loadTopology();
const BASE = process.env.GATEWAY_URL ?? `http://${net.gateway.address ?? '127.0.0.1'}:${net.gateway.port}`;
const PASSWORD = 'Referral#2026';
const hospitals = net.peerOrgs.filter((o) => o.key !== 'pho' && !o.addedBy);
const ITEMS = [{ tmtId: '990001', quantity: 180 }, { tmtId: '990004', quantity: 90 }];
const bangkokDay = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const pct = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
// a valid Thai national ID (mod-11 check digit)
const cid = () => {
  const d = Array.from({ length: 12 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 8) : Math.floor(Math.random() * 10)));
  const sum = d.reduce((s, x, i) => s + x * (13 - i), 0);
  return d.join('') + String((11 - (sum % 11)) % 10);
};

const tokens = new Map();
async function call(method, url, body, username) {
  if (!tokens.has(username)) {
    const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login of ${username} failed: ${res.status}`);
    tokens.set(username, (await res.json()).token);
  }
  const res = await requestJson(BASE, method, url, { token: tokens.get(username), body });
  return { status: res.status, body: res.body, ms: Math.round(res.ms) };
}

/** Runs `jobs` with `concurrency` workers; returns throughput and latency of the 2xx answers. */
async function phase(concurrency, jobs) {
  const latencies = [];
  const failures = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      const res = await job();
      if (res.status >= 200 && res.status < 300) latencies.push(res.ms);
      else { const k = `${res.status} ${res.body?.error?.code ?? ''}`; failures.set(k, (failures.get(k) ?? 0) + 1); }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok: latencies.length, failed: Object.fromEntries(failures), seconds: Number(seconds.toFixed(1)), perSecond: Number((latencies.length / seconds).toFixed(1)), p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) };
}

async function makePlans(count, concurrency) {
  const plans = [];
  const result = await phase(concurrency, Array.from({ length: count }, (_, i) => async () => {
    const prescriber = hospitals[i % hospitals.length];
    const planId = `RX-bench-${randomUUID()}`;
    const res = await call('POST', '/api/pharmacy/plans', { planId, patient: { cid: cid() }, startDate: bangkokDay(), intervalDays: 28, cycleCount: 3, channel: 'hospital-pharmacy', items: ITEMS }, `clinician.${prescriber.key}`);
    if (res.status === 201) plans.push({ planId, prescriber: i % hospitals.length });
    return res;
  }));
  return { plans, result };
}

async function main() {
  console.log(`Smart Pharmacy dispensing benchmark against ${BASE} (${hospitals.length} hospitals, channel '${net.channel}', ${net.consensus})`);
  const rows = [];
  for (const concurrency of LEVELS) {
    const { plans, result: setup } = await makePlans(PER_LEVEL, concurrency);
    rows.push({ step: 'create plan', concurrency, ...setup });
    // each plan's cycle 1, dispensed by the pharmacist of another hospital
    const dispense = await phase(concurrency, plans.map((p, i) => async () => {
      const by = hospitals[(p.prescriber + 1 + (i % (hospitals.length - 1))) % hospitals.length];
      return call('POST', `/api/pharmacy/plans/${p.planId}/cycles/1/dispense`, { items: ITEMS }, `pharmacist.${by.key}`);
    }));
    rows.push({ step: 'dispense', concurrency, ...dispense });
  }
  // contention: 50 dispenses of one cycle, at once, from every hospital
  const { plans: [race] } = await makePlans(1, 1);
  for (const h of hospitals) await call('GET', '/api/pharmacy/drugs', undefined, `pharmacist.${h.key}`); // logins first
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call('POST', `/api/pharmacy/plans/${race.planId}/cycles/1/dispense`, { items: ITEMS }, `pharmacist.${hospitals[i % hospitals.length].key}`)));
  const raceMs = Math.round(performance.now() - started);
  const tally = {};
  for (const a of answers) { const k = a.status === 201 ? '201 dispensed' : `${a.status} ${a.body?.error?.code}`; tally[k] = (tally[k] ?? 0) + 1; }

  console.log('\nstep          conc  ok    failed                 s      per s   p50 ms  p95 ms  p99 ms');
  for (const r of rows) {
    const failed = Object.entries(r.failed).map(([k, n]) => `${n}×${k}`).join(',') || '0';
    console.log(`${r.step.padEnd(13)} ${String(r.concurrency).padStart(4)}  ${String(r.ok).padEnd(5)} ${failed.padEnd(22)} ${String(r.seconds).padStart(5)}  ${String(r.perSecond).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p95).padStart(6)}  ${String(r.p99).padStart(6)}`);
  }
  console.log(`\n50 concurrent dispenses of one cycle: ${Object.entries(tally).map(([k, n]) => `${n} × ${k}`).join(', ')} in ${raceMs} ms`);
  const dir = path.join(root, 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'pharmacy-dispense.json');
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), base: BASE, consensus: net.consensus, rows, race: { attempts: 50, ms: raceMs, tally } }, null, 2) + '\n');
  console.log(`JSON: ${path.relative(root, file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
