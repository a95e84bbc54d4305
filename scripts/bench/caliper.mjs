// npm run bench:caliper [-- --seconds 20 --load 32 --short --out reports/bench/caliper.json]
// Hyperledger Caliper 0.6.0 (Fabric connector, Peer Gateway binding = @hyperledger/fabric-gateway 1.x) as an
// independent driver of the same no-op and create workloads as the ledger bench, on the running network.
// Caliper lives in bench/caliper with its own package.json and node_modules (not a workspace: the product's
// dependency tree stays clean); this script installs it on first use (npm ci), writes the network config from
// the topology and .runtime (bench/caliper/make-network.mjs), runs `caliper launch manager` and reads its
// summary table (Succ, Fail, Send Rate, Max/Min/Avg Latency, Throughput).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../network-config/scripts/topology.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const SHORT = args.includes('--short') || process.env.CI === 'true' || process.env.BENCH_SHORT === '1';
const SECONDS = Number(opt('seconds', SHORT ? '5' : '20'));
const LOAD = Number(opt('load', SHORT ? '8' : '32'));
const TIMEOUT_S = Number(opt('timeout', String(SECONDS * 2 + 150)));
const OUT = path.resolve(root, opt('out', path.join('reports', 'bench', `caliper-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)));
const dir = path.join(root, 'bench', 'caliper');
const npm = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

/** Installs Caliper in bench/caliper when missing or when its lock file changed. */
function ensureInstalled() {
  const lock = path.join(dir, 'package-lock.json');
  const want = createHash('sha256').update(readFileSync(existsSync(lock) ? lock : path.join(dir, 'package.json'))).digest('hex').slice(0, 16);
  const stamp = path.join(dir, 'node_modules', '.install-stamp');
  if (existsSync(path.join(dir, 'node_modules', '@hyperledger', 'caliper-cli')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  console.log('installing Hyperledger Caliper 0.6.0 in bench/caliper (once)');
  const [cmd, ...pre] = npm;
  const res = spawnSync(cmd, [...pre, existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`npm install of Caliper failed (${res.status})`);
  writeFileSync(stamp, want);
}

/** The rows of Caliper's last summary table. */
export function parseSummary(text) {
  const rows = new Map();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 9 || !/^\d+$/.test(cells[2] ?? '')) continue;
    const [, name, succ, fail, sendRate, maxLatency, minLatency, avgLatency, throughput] = cells;
    rows.set(name, { round: name, succ: Number(succ), fail: Number(fail), sendRate: Number(sendRate), maxLatencyMs: Math.round(Number(maxLatency) * 1000), minLatencyMs: Math.round(Number(minLatency) * 1000), avgLatencyMs: Math.round(Number(avgLatency) * 1000), perSecond: Number(throughput) });
  }
  return [...rows.values()];
}

export async function main() {
  const started = Date.now();
  ensureInstalled();
  const made = spawnSync(process.execPath, [path.join(dir, 'make-network.mjs')], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('could not write the Caliper network config');
  const bench = readFileSync(path.join(dir, 'benchmark.yaml'), 'utf8').replaceAll('__SECONDS__', String(SECONDS)).replaceAll('__LOAD__', String(LOAD));
  writeFileSync(path.join(dir, 'generated', 'benchmark.yaml'), bench);
  const cli = path.join(dir, 'node_modules', '@hyperledger', 'caliper-cli', 'caliper.js');
  const launchArgs = [
    cli, 'launch', 'manager',
    '--caliper-workspace', dir,
    '--caliper-networkconfig', 'generated/network.json',
    '--caliper-benchconfig', 'generated/benchmark.yaml',
    '--caliper-flow-only-test',
    '--caliper-report-path', 'generated/report.html',
  ];
  console.log(`caliper: ${SECONDS} s per round, ${LOAD} transactions outstanding (fixed-load), rounds noop and create`);
  let output = '';
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, launchArgs, { cwd: dir, env: { ...process.env, CALIPER_LOGGING_TARGETS_CONSOLE_ENABLED: 'true' } });
    const timer = setTimeout(() => {
      output += `\n[caliper.mjs] timed out after ${TIMEOUT_S} s\n`;
      child.kill('SIGTERM');
    }, TIMEOUT_S * 1000);
    const take = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  writeFileSync(path.join(dir, 'generated', 'caliper.log'), output);
  const rows = parseSummary(output);
  const noop = rows.find((r) => r.round === 'noop');
  const create = rows.find((r) => r.round === 'create');
  const report = {
    at: new Date().toISOString(),
    short: SHORT,
    seconds: SECONDS,
    load: LOAD,
    exitCode: code,
    durationS: Math.round((Date.now() - started) / 1000),
    rows,
    ratios: noop && create && noop.perSecond > 0 ? [{ ratio: 'create/no-op', value: Math.round((create.perSecond / noop.perSecond) * 100) / 100, goal: 0.9 }] : [],
    ...(rows.length === 0 ? { error: output.split('\n').filter((l) => /error|Error/.test(l)).slice(-8).join('\n') || `caliper exited ${code}` } : {}),
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(report, null, 2));
  console.table(rows);
  console.log(`JSON in ${path.relative(root, OUT)}`);
  if (rows.length === 0) throw new Error(`Caliper gave no figures (exit ${code}); see bench/caliper/generated/caliper.log`);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
