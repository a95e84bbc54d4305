import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './staff';

const run = promisify(execFile);
const peerAs = path.join(PROJECT_ROOT, 'network-config', 'scripts', 'peer-as.sh');
/** Where the network's crypto material lives (RUNTIME_DIR, default .runtime). */
export const RUNTIME = process.env.RUNTIME_DIR ?? path.join(PROJECT_ROOT, '.runtime');

/** Runs the Fabric peer CLI as a demo user against their own organisation's peer (peer-as.sh). */
export async function peerCli(user: string, args: string[]): Promise<{ out: string; ok: boolean }> {
  try {
    const { stdout, stderr } = await run('bash', [peerAs, user, ...args], { env: { ...process.env, RUNTIME_DIR: RUNTIME }, timeout: 60_000 });
    return { out: `${stdout}\n${stderr}`, ok: true };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { out: `${e.stdout ?? ''}\n${e.stderr ?? ''}`, ok: false };
  }
}

interface Topology {
  ordererOrgs: { domain: string; orderers: { address: string; port: number }[] }[];
  peerOrgs: { key: string; domain: string; peer: { name: string; address: string; port: number } }[];
}

/** The running network's topology (RUNTIME/network.json, else fixtures/network.json): node addresses are data. */
export function runningTopology(): Topology {
  const chosen = path.join(RUNTIME, 'network.json');
  const file = existsSync(chosen) ? chosen : path.join(PROJECT_ROOT, 'fixtures', 'network.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Topology;
}
