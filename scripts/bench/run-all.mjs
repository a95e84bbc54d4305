// npm run bench [-- --short] [-- --concurrency 1,8,16,32 --seconds 10 --skip caliper,store]
// The whole benchmark suite in one run: the ledger bench (no-op / create / accept, direct vs REST API), the same
// no-op and create workloads driven by Hyperledger Caliper, and the store bench (npm run bench:store). Starts the
// system if it is not running (and stops it again). Prints one table, writes reports/bench/bench-<time>.json and
// a plot (throughput and latency against concurrency) reports/bench/bench-<time>.svg (vega-lite → SVG).
// --short (or CI=true / BENCH_SHORT=1): concurrency 8, 3 s per point; Caliper one 5 s round per workload at 8
// outstanding (only when Caliper is already installed in bench/caliper, or BENCH_CALIPER=1); store bench with
// 1,000 referrals. The suite asserts nothing: it fails only if a part crashes.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { root } from '../../network-config/scripts/topology.mjs';
import { GOALS } from './ledger-goals.mjs';
import { plotSvg } from './plot.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const SHORT = args.includes('--short') || process.env.CI === 'true' || process.env.BENCH_SHORT === '1';
const SKIP = opt('skip', process.env.BENCH_SKIP ?? '').split(',').filter(Boolean);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = path.join(root, 'reports', 'bench');
const BASE = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
mkdirSync(outDir, { recursive: true });

/** Runs a command, its output passed through; resolves with its exit code. */
function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const heading = (text) => console.log(`\n\x1b[1m==> ${text}\x1b[0m`);
const healthy = async () => {
  try {
    return (await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
};

async function main() {
  const started = Date.now();
  let startedHere = false;
  if (!(await healthy())) {
    heading('Starting the system (npm start)');
    if ((await run('bash', ['scripts/start.sh'])) !== 0) throw new Error('the system did not start; see .runtime/logs');
    startedHere = true;
  }
  const parts = {};
  let crashed = [];
  try {
    // 1. ledger
    heading(`Ledger: no-op / create / accept, direct vs REST API${SHORT ? ' (short)' : ''}`);
    const ledgerOut = path.join(outDir, `ledger-${stamp}.json`);
    const ledgerArgs = ['scripts/bench/ledger-bench.mjs', '--out', ledgerOut, ...(SHORT ? ['--short'] : [])];
    for (const o of ['concurrency', 'seconds']) if (opt(o) !== undefined) ledgerArgs.push(`--${o}`, opt(o));
    if ((await run(process.execPath, ledgerArgs)) !== 0 || !existsSync(ledgerOut)) crashed.push('ledger');
    else parts.ledger = JSON.parse(readFileSync(ledgerOut, 'utf8'));

    // 2. Caliper (an external tool: when it cannot run here that is recorded, not a crash of the suite)
    const caliperInstalled = existsSync(path.join(root, 'bench', 'caliper', 'node_modules', '@hyperledger', 'caliper-cli'));
    if (SKIP.includes('caliper')) parts.caliper = { skipped: 'skipped (--skip caliper)' };
    else if (SHORT && !caliperInstalled && process.env.BENCH_CALIPER !== '1') {
      // installing Caliper (~650 packages) takes minutes: the short form uses it only once it is there
      parts.caliper = { skipped: 'skipped in the short form: Caliper is not installed yet (npm run bench:caliper installs it; BENCH_CALIPER=1 makes the short form install it)' };
      console.log(`\nCaliper: ${parts.caliper.skipped}`);
    } else {
      heading(`Hyperledger Caliper 0.6.0: no-op and create${SHORT ? ' (short: one 5 s round each, 8 outstanding)' : ''}`);
      const caliperOut = path.join(outDir, `caliper-${stamp}.json`);
      const code = await run(process.execPath, ['scripts/bench/caliper.mjs', '--out', caliperOut, ...(SHORT ? ['--short'] : [])]);
      parts.caliper = existsSync(caliperOut) ? JSON.parse(readFileSync(caliperOut, 'utf8')) : { error: `caliper.mjs exited ${code} before writing figures (see its output above)` };
      if (code !== 0) console.warn(`WARNING: Caliper gave no figures (exit ${code}); the suite goes on`);
    }

    // 3. store
    if (SKIP.includes('store')) parts.store = { skipped: 'skipped (--skip store)' };
    else {
      heading(`Store: npm run bench:store${SHORT ? ' (BENCH_SHORT=1)' : ''}`);
      const before = Date.now();
      const code = await run('npm', ['run', '--silent', 'bench:store'], SHORT ? { BENCH_SHORT: '1' } : {});
      const newest = readdirSync(outDir)
        .filter((f) => /^store-.*\.json$/.test(f))
        .map((f) => path.join(outDir, f))
        .filter((f) => statSync(f).mtimeMs >= before)
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
      if (code !== 0 || newest === undefined) crashed.push('store');
      else parts.store = { file: path.relative(root, newest), ...JSON.parse(readFileSync(newest, 'utf8')) };
    }
  } finally {
    if (startedHere && process.env.KEEP_RUNNING !== '1') {
      heading('Stopping the system');
      await run('bash', ['scripts/stop.sh']);
    }
  }

  const report = { at: new Date().toISOString(), short: SHORT, durationS: Math.round((Date.now() - started) / 1000), loadavg: loadavg(), goals: GOALS, crashed, ...parts };
  const jsonFile = path.join(outDir, `bench-${stamp}.json`);
  writeFileSync(jsonFile, JSON.stringify(report, null, 2));
  const svgFile = path.join(outDir, `bench-${stamp}.svg`);
  writeFileSync(svgFile, await plotSvg(report));
  printSummary(report);
  console.log(`\nJSON  ${path.relative(root, jsonFile)}\nplot  ${path.relative(root, svgFile)}`);
  if (crashed.length > 0) {
    console.error(`ERROR: ${crashed.join(', ')} crashed`);
    process.exitCode = 1;
  }
}

function printSummary(report) {
  heading(`npm run bench${report.short ? ' --short' : ''}: summary (load average ${report.loadavg.map((l) => l.toFixed(1)).join(' ')})`);
  const rows = [];
  for (const r of report.ledger?.rows ?? []) rows.push({ part: 'ledger', what: `${r.operation} (${r.mode})`, concurrency: r.concurrency, 'tx/s': r.perSecond, 'p50 ms': r.p50, 'p95 ms': r.p95, 'p99 ms': r.p99, note: r.failed ? `${r.failed} failed` : '' });
  for (const r of report.caliper?.rows ?? []) rows.push({ part: 'caliper', what: r.round === 'noop' ? 'no-op' : r.round, concurrency: report.caliper.load, 'tx/s': r.perSecond, 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', note: `avg ${r.avgLatencyMs} ms, max ${r.maxLatencyMs} ms${r.fail ? `, ${r.fail} failed` : ''}` });
  if (report.caliper && (report.caliper.rows ?? []).length === 0) rows.push({ part: 'caliper', what: '—', note: String(report.caliper.skipped ?? report.caliper.error ?? 'no figures').split('\n')[0].slice(0, 70) });
  for (const r of storeRows(report.store)) rows.push(r);
  console.table(rows);
  const ratios = [...(report.ledger?.ratios ?? []).map((r) => ({ source: 'ledger', ...r })), ...(report.caliper?.ratios ?? []).map((r) => ({ source: 'caliper', concurrency: report.caliper.load, ...r }))];
  if (ratios.length > 0) console.table(ratios.map((r) => ({ source: r.source, concurrency: r.concurrency, ratio: r.ratio, value: r.value, goal: `≥ ${r.goal}`, met: r.value >= r.goal ? 'yes' : 'no' })));
}

/** The store bench's figures (reads, projector lag, replay, size) as summary rows. */
function storeRows(store) {
  if (store === undefined) return [];
  if (store.skipped) return [{ part: 'store', what: '—', note: store.skipped }];
  const rows = [];
  const size = store.seed?.referrals ?? store.seed?.reused ?? store.referrals ?? '';
  for (const [what, f] of Object.entries(store.reads ?? {})) {
    rows.push({ part: 'store', what, concurrency: store.readers ?? 32, 'tx/s': f.perSecond ?? '', 'p50 ms': f.p50 ?? '', 'p95 ms': f.p95 ?? '', 'p99 ms': f.p99 ?? '', note: `${size} referrals${f.errors ? `, ${f.errors} errors` : ''}` });
  }
  for (const [what, f] of Object.entries(store.lag ?? {})) {
    if (f && typeof f === 'object' && 'p95' in f) rows.push({ part: 'store', what: `projector lag: ${what}`, concurrency: '', 'tx/s': store.lag.tps ?? store.lag.peakTps ?? '', 'p50 ms': f.p50, 'p95 ms': f.p95, 'p99 ms': f.p99, note: 'goal p95 ≤ 500 ms' });
  }
  if (store.replay) rows.push({ part: 'store', what: 'replay from block 0', note: store.replay.blocksPerSecond !== undefined ? `${store.replay.blocksPerSecond} blocks/s (${store.replay.blocks} blocks, ${store.replay.seconds} s)${store.replayBaseline?.blocksPerSecond ? `, ${Math.round((store.replay.blocksPerSecond / store.replayBaseline.blocksPerSecond) * 100) / 100}× the baseline` : ''}` : JSON.stringify(store.replay).slice(0, 70) });
  if (store.storeSize) rows.push({ part: 'store', what: 'store size', note: JSON.stringify(store.storeSize) });
  if (rows.length === 0) rows.push({ part: 'store', what: `see ${store.file}`, note: Object.keys(store).slice(0, 8).join(', ') });
  return rows;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
