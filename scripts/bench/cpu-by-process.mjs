// CPU time per process group of the running system between two snapshots (from /proc): which of peers,
// orderers, chaincode services, gateway, store and the bench driver took the machine's cores during a run.
//   import { cpuSnapshot, cpuDiff } from './cpu-by-process.mjs'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout: other checkouts' processes on the same machine are not counted. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
import { cpus } from 'node:os';

const TICK = 100; // USER_HZ on Linux

function groupOf(cmd) {
  if (/\/peer node start|\bpeer node\b/.test(cmd)) return 'peers';
  if (/\/orderer(\s|$)/.test(cmd)) return 'orderers';
  if (/fabric-chaincode-node|chaincode\/dist|ccaas|server --chaincode-address/.test(cmd)) return 'chaincode services';
  if (/gateway-api\/dist\/main\.js/.test(cmd)) return 'gateway';
  if (/ferretdb/.test(cmd)) return 'store (ferretdb)';
  if (/postgres/.test(cmd)) return 'store (postgres)';
  if (/scripts\/bench\/|caliper/.test(cmd)) return 'bench driver';
  return undefined;
}

/** { pid: { group, ticks } } of the system's processes now, plus the machine's total busy ticks. */
export function cpuSnapshot() {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const group = groupOf(cmd);
      if (group === undefined) continue;
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // not readable
      }
      // postgres (its processes are renamed) counts whichever checkout it serves: it is the store's smallest part
      if (!cmd.includes(root) && !cwd.startsWith(root) && group !== 'store (postgres)') continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let name;
      if (group === 'peers') {
        try {
          name = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((e) => e.startsWith('CORE_PEER_ID='))?.slice('CORE_PEER_ID='.length);
        } catch {
          // not readable: no per-peer figure
        }
      }
      procs.set(pid, { group, name, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone
    }
  }
  const machine = cpus().reduce((acc, c) => ({ busy: acc.busy + c.times.user + c.times.nice + c.times.sys + c.times.irq, all: acc.all + c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle }), { busy: 0, all: 0 });
  return { at: Date.now(), procs, machine };
}

/** CPU seconds and share of the machine's cores per group between two snapshots. */
export function cpuDiff(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const groups = new Map();
  for (const [pid, p] of after.procs) {
    const was = before.procs.get(pid)?.ticks ?? 0;
    groups.set(p.group, (groups.get(p.group) ?? 0) + (p.ticks - was) / TICK);
  }
  const cores = cpus().length;
  const rows = [...groups].sort((a, b) => b[1] - a[1]).map(([group, cpu]) => ({ group, cpuMs: Math.round(cpu * 1000), 'cpu s': Number(cpu.toFixed(1)), 'share of cores': `${((100 * cpu) / (seconds * cores)).toFixed(1)} %` }));
  const busy = (after.machine.busy - before.machine.busy) / (after.machine.all - before.machine.all);
  // each peer on its own: the provincial office's peer endorses no referral, so it shows the cost of validating
  // and committing blocks (plus gossip) alone
  const peers = [...after.procs]
    .filter(([, p]) => p.name !== undefined)
    .map(([pid, p]) => ({ peer: p.name, cpuMs: Math.round(((p.ticks - (before.procs.get(pid)?.ticks ?? 0)) / TICK) * 1000) }))
    .sort((a, b) => b.cpuMs - a.cpuMs);
  return { seconds: Number(seconds.toFixed(1)), cores, machineBusy: `${(busy * 100).toFixed(1)} %`, rows, peers };
}
