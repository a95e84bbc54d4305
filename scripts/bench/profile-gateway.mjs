// npm run bench:profile [-- --seconds 20 --concurrency 32 --ops create --modes api]
// On the running system: restarts the gateway under `node --cpu-prof` (GATEWAY_CPU_PROF=1 gateway-up.sh), runs the
// ledger bench's creates through the REST API at 32 concurrent callers while recording the CPU time of every
// process group (peers, orderers, chaincode services, gateway, store), restarts the gateway normally (which
// writes the profile) and prints the top self-time functions of the profile and the CPU split.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../network-config/scripts/topology.mjs';
import { cpuDiff, cpuSnapshot } from './cpu-by-process.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SECONDS = opt('seconds', '20');
const CONCURRENCY = opt('concurrency', '32');
const OPS = opt('ops', 'create');
const MODES = opt('modes', 'api');
const TAG = opt('tag', 'profile');
const profDir = path.join(root, '.runtime', 'logs', 'cpuprof');
const restart = (env) => execFileSync('bash', [path.join(root, 'network-config', 'scripts', 'gateway-up.sh'), '--restart'], { stdio: 'inherit', env: { ...process.env, ...env } });

const started = Date.now();
restart({ GATEWAY_CPU_PROF: '1' });
const before = cpuSnapshot();
const bench = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench', 'ledger-bench.mjs'), '--concurrency', CONCURRENCY, '--seconds', SECONDS, '--ops', OPS, '--modes', MODES, '--out', path.join('reports', 'bench', `${TAG}-ledger.json`)], { stdio: 'inherit' });
const after = cpuSnapshot();
restart({ GATEWAY_CPU_PROF: '0' });
if (bench.status !== 0) throw new Error(`ledger bench failed (${bench.status})`);
const cpu = cpuDiff(before, after);
console.log(`\nCPU by process group during the run (${cpu.seconds} s, ${cpu.cores} cores, machine busy ${cpu.machineBusy}):`);
console.table(cpu.rows);
const newest = readdirSync(profDir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(profDir, f))
  .filter((f) => statSync(f).mtimeMs >= started)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (newest === undefined) throw new Error(`no profile written in ${profDir}`);
const top = execFileSync(process.execPath, [path.join(root, 'scripts', 'bench', 'cpuprofile-top.mjs'), newest, '--top', '30'], { encoding: 'utf8' });
console.log(top);
writeFileSync(path.join(root, 'reports', 'bench', `${TAG}-profile.txt`), `${top}\nCPU by process group (${cpu.seconds} s, machine busy ${cpu.machineBusy}):\n${cpu.rows.map((r) => `${r.group}: ${r['cpu s']} s (${r['share of cores']})`).join('\n')}\n`);
writeFileSync(path.join(root, 'reports', 'bench', `${TAG}-cpu.json`), JSON.stringify({ profile: path.relative(root, newest), ...cpu }, null, 2));
