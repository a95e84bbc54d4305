// npm run bench:ledger [-- --concurrency 1,8,16,32 --seconds 10 --short --out reports/bench/ledger.json]
// Ledger throughput on the running network, side by side in one run and with the same client code:
//   direct  the gateway's own Fabric client layer (gateway-api/dist: GatewayPool → GatewayContract.submit, i.e.
//           @hyperledger/fabric-gateway with the staff member's own identity from .runtime/users), endorsed by the
//           sending and the receiving organisation, waiting for the commit status;
//   api     the REST API (POST /api/referrals, POST /api/referrals/:id/accept) of the running gateway.
// Rows: no-op (BenchContract.NoOp, direct only: the product has no no-op route), create referral, accept referral.
// Each point runs `concurrency` workers for `seconds`; accepts work off the referrals created in the same run.
// Prints throughput and p50/p95/p99 per row and the ratios create/no-op, accept/no-op, API/direct with the goals.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadTopology, root } from '../../network-config/scripts/topology.mjs';
import { loadCredentials } from '../chaos/load.mjs';
import { GOALS } from './ledger-goals.mjs';
import { cpuDiff, cpuSnapshot } from './cpu-by-process.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const SHORT = args.includes('--short') || process.env.CI === 'true' || process.env.BENCH_SHORT === '1';
const SECONDS = Number(opt('seconds', SHORT ? '3' : '10'));
const LEVELS = opt('concurrency', SHORT ? '8' : '1,8,16,32').split(',').map(Number);
const MODES = opt('modes', 'direct,api').split(',');
const OPS = opt('ops', 'no-op,create,accept').split(',');
const OUT = path.resolve(root, opt('out', path.join('reports', 'bench', `ledger-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)));
const BASE = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const RUNTIME = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');


const { GatewayPool } = require(path.join(root, 'gateway-api', 'dist', 'fabric', 'gateway-pool.js'));
const { loadTopology: loadGatewayTopology } = require(path.join(root, 'gateway-api', 'dist', 'fabric', 'network-topology.js'));

const hospitals = loadTopology().peerOrgs.filter((o) => o.key !== 'pho');
const pct = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
const round = (n) => Math.round(n * 10) / 10;

/** Sender and receiver of worker w's i-th referral: every hospital sends to every other in turn. */
function pair(w, i) {
  const a = hospitals[(w + i) % hospitals.length];
  const b = hospitals[(w + i + 1 + (i % (hospitals.length - 1))) % hospitals.length];
  return { from: a, to: b.key === a.key ? hospitals[(hospitals.indexOf(a) + 1) % hospitals.length] : b };
}

/** Runs `concurrency` workers for SECONDS (or until `work` returns undefined); latency of each success. */
async function phase(concurrency, work) {
  const latencies = [];
  let failed = 0;
  const errors = new Map();
  const until = Date.now() + SECONDS * 1000;
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        const t0 = performance.now();
        let ok;
        try {
          ok = await work(w, i);
        } catch (err) {
          ok = false;
          const key = String(err?.code ?? err?.message ?? err).slice(0, 120);
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
        if (ok === undefined) return;
        if (ok) latencies.push(performance.now() - t0);
        else failed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuDiff(cpuBefore, cpuSnapshot());
  latencies.sort((a, b) => a - b);
  // CPU milliseconds per successful transaction of each process group (the bench driver is the direct client)
  const cpuMsPerTx = Object.fromEntries(cpu.rows.map((r) => [r.group, latencies.length === 0 ? 0 : Math.round(r.cpuMs / latencies.length)]));
  return {
    ok: latencies.length,
    failed,
    perSecond: round(latencies.length / elapsed),
    p50: Math.round(pct(latencies, 50)),
    p95: Math.round(pct(latencies, 95)),
    p99: Math.round(pct(latencies, 99)),
    machineBusy: cpu.machineBusy,
    cpuMsPerTx,
    ...(errors.size > 0 ? { errors: Object.fromEntries(errors) } : {}),
  };
}

const pseudonym = () => randomBytes(32).toString('hex');

export async function main() {
  const topology = loadGatewayTopology(root, RUNTIME);
  const pool = new GatewayPool({ topology, runtimeDir: RUNTIME });
  const staff = (role, org) => ({ username: `${role}.${org.key}`, mspId: org.mspId });
  const session = MODES.includes('api') ? await loadCredentials(BASE, hospitals) : undefined;
  // open every connection before measuring
  for (const h of hospitals) {
    await pool.contractFor(staff('clinician', h), 'BenchContract');
    await pool.contractFor(staff('nurse', h));
  }
  const rows = [];
  const add = (concurrency, operation, mode, result) => {
    rows.push({ concurrency, operation, mode, ...result });
    console.log(`  c=${String(concurrency).padStart(2)} ${`${operation} (${mode})`.padEnd(17)} ${String(result.perSecond).padStart(6)} tx/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  cpu/tx: ${Object.entries(result.cpuMsPerTx).filter(([, v]) => v > 0).map(([g, v]) => `${g} ${v} ms`).join(', ')}${result.failed ? `  failed ${result.failed} ${JSON.stringify(result.errors ?? {})}` : ''}`);
  };
  const run = Date.now().toString(36);
  console.log(`ledger bench: ${SECONDS} s per point, concurrency ${LEVELS.join(',')}, ${hospitals.length} hospitals, modes ${MODES.join(',')}`);
  for (const concurrency of LEVELS) {
    if (MODES.includes('direct')) {
      if (OPS.includes('no-op')) add(concurrency, 'no-op', 'direct', await phase(concurrency, async (w, i) => {
        const { from, to } = pair(w, i);
        const contract = await pool.contractFor(staff('clinician', from), 'BenchContract');
        // the same argument as a create, endorsed by the same two organisations
        const payload = JSON.stringify({ referralId: `N-${run}-${concurrency}-${w}-${i}`, toHcode: to.hcode, reasonCode: '1', priority: 3, patientPseudonym: pseudonym() });
        await contract.submit('NoOp', { arguments: [payload], endorsingOrganizations: [from.mspId, to.mspId] });
        return true;
      }));
      const created = [];
      if (OPS.includes('create')) add(concurrency, 'create', 'direct', await phase(concurrency, async (w, i) => {
        const { from, to } = pair(w, i);
        const contract = await pool.contractFor(staff('clinician', from));
        const id = `R-bd-${run}-${concurrency}-${w}-${i}`;
        await contract.submit('CreateReferral', {
          arguments: [JSON.stringify({ referralId: id, toHcode: to.hcode, reasonCode: '1', priority: 3, patientPseudonym: pseudonym() })],
          endorsingOrganizations: [from.mspId, to.mspId],
        });
        created.push({ id, from, to });
        return true;
      }));
      let next = 0;
      if (OPS.includes('accept')) add(concurrency, 'accept', 'direct', await phase(concurrency, async () => {
        const r = created[next++];
        if (r === undefined) return undefined;
        const contract = await pool.contractFor(staff('nurse', r.to));
        await contract.submit('AcceptReferral', { arguments: [r.id, 'bench'], endorsingOrganizations: [r.from.mspId, r.to.mspId] });
        return true;
      }));
    }
    if (MODES.includes('api')) {
      const created = [];
      if (OPS.includes('create')) add(concurrency, 'create', 'api', await phase(concurrency, async (w, i) => {
        const { from, to } = pair(w, i);
        const id = `R-ba-${run}-${concurrency}-${w}-${i}`;
        const res = await session.call('POST', '/api/referrals', { referralId: id, patient: { cid: '1101700207030' }, toHcode: to.hcode, reasonCode: '1', priority: 3 }, `clinician.${from.key}`);
        if (res.status !== 201) throw Object.assign(new Error(`${res.status}`), { code: `${res.status} ${res.body?.error?.code ?? ''}` });
        created.push({ id, to });
        return true;
      }));
      let next = 0;
      if (OPS.includes('accept')) add(concurrency, 'accept', 'api', await phase(concurrency, async () => {
        const r = created[next++];
        if (r === undefined) return undefined;
        const res = await session.call('POST', `/api/referrals/${encodeURIComponent(r.id)}/accept`, { note: 'bench' }, `nurse.${r.to.key}`);
        if (res.status !== 200) throw Object.assign(new Error(`${res.status}`), { code: `${res.status} ${res.body?.error?.code ?? ''}` });
        return true;
      }));
    }
  }
  await pool.close();
  const ratios = ratiosOf(rows);
  printTable(rows, ratios);
  mkdirSync(path.dirname(OUT), { recursive: true });
  const report = { at: new Date().toISOString(), short: SHORT, seconds: SECONDS, levels: LEVELS, loadavg: (await import('node:os')).loadavg(), goals: GOALS, rows, ratios };
  writeFileSync(OUT, JSON.stringify(report, null, 2));
  console.log(`JSON in ${path.relative(root, OUT)}`);
  return report;
}

/** Throughput ratios per concurrency level, with the goal and whether it is met. */
export function ratiosOf(rows) {
  const out = [];
  const at = (c, op, mode) => rows.find((r) => r.concurrency === c && r.operation === op && r.mode === mode)?.perSecond;
  for (const c of [...new Set(rows.map((r) => r.concurrency))]) {
    const noop = at(c, 'no-op', 'direct');
    const pairs = {
      'create/no-op': [at(c, 'create', 'direct'), noop],
      'accept/no-op': [at(c, 'accept', 'direct'), noop],
      'API/direct create': [at(c, 'create', 'api'), at(c, 'create', 'direct')],
      'API/direct accept': [at(c, 'accept', 'api'), at(c, 'accept', 'direct')],
    };
    for (const [name, [a, b]] of Object.entries(pairs)) {
      if (a === undefined || b === undefined || b === 0) continue;
      const value = Math.round((a / b) * 100) / 100;
      out.push({ concurrency: c, ratio: name, value, goal: GOALS[name], met: value >= GOALS[name] });
    }
  }
  return out;
}

export function printTable(rows, ratios) {
  console.table(rows.map(({ concurrency, operation, mode, perSecond, p50, p95, p99, ok, failed }) => ({ concurrency, operation, mode, 'tx/s': perSecond, 'p50 ms': p50, 'p95 ms': p95, 'p99 ms': p99, ok, failed })));
  console.table(ratios.map((r) => ({ concurrency: r.concurrency, ratio: r.ratio, value: r.value, goal: `≥ ${r.goal}`, met: r.met ? 'yes' : 'no' })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
