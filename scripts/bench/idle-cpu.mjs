// node scripts/bench/idle-cpu.mjs [seconds]: CPU taken by each process group of the running system while no
// client sends anything (the standing cost: health checks, gossip, block cutting, the projector's polling).
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuDiff, cpuSnapshot } from './cpu-by-process.mjs';

const seconds = Number(process.argv[2] ?? 40);
const before = cpuSnapshot();
await sleep(seconds * 1000);
const cpu = cpuDiff(before, cpuSnapshot());
console.log(`idle system, ${cpu.seconds} s, ${cpu.cores} cores, machine busy ${cpu.machineBusy} (other sessions included)`);
console.table(cpu.rows.map(({ cpuMs, ...r }) => r));
console.log(`CPU of each peer (ms): ${cpu.peers.map((p) => `${p.peer} ${p.cpuMs}`).join(', ')}`);
