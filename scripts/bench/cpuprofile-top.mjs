// node scripts/bench/cpuprofile-top.mjs <file.cpuprofile> [--top 25]
// Prints where a V8 CPU profile (node --cpu-prof) spent its time: the top functions by self time, self time by
// package / source area, and the total (inclusive) time of the gateway's own functions that take the most.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (file === undefined) {
  console.error('usage: node scripts/bench/cpuprofile-top.mjs <file.cpuprofile> [--top 25]');
  process.exit(2);
}
const topIndex = args.indexOf('--top');
const TOP = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;

export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const fns = new Map();
  const areas = new Map();
  const inclusive = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    fns.set(label(n), (fns.get(label(n)) ?? 0) + us);
    const a = area(n.callFrame);
    areas.set(a, (areas.get(a) ?? 0) + us);
    // inclusive time of gateway-api's own functions (each counted once per sample stack)
    const seen = new Set();
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const pn = byId.get(p);
      if (/gateway-api\/dist\//.test(pn.callFrame.url)) {
        const l = label(pn);
        if (!seen.has(l)) {
          seen.add(l);
          inclusive.set(l, (inclusive.get(l) ?? 0) + us);
        }
      }
    }
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  const durationUs = profile.endTime - profile.startTime;
  return { totalUs: total, durationUs, functions: sorted(fns), areas: sorted(areas), gatewayInclusive: sorted(inclusive) };
}

function short(url) {
  if (!url) return '';
  const m = url.match(/node_modules\/(.*)$/);
  if (m) return m[1];
  return url.replace(/^file:\/\/.*?\/(gateway-api\/)/, '$1').replace(/^node:/, 'node:');
}

function area({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (m) return m[m.length - 1].replace('node_modules/', '');
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const g = url.match(/gateway-api\/dist\/([^/]+(?:\/[^/]+)?)/);
  if (g) return `gateway-api/${g[1].replace(/\.js$/, '')}`;
  return url;
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const s = summarise(profile);
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
const share = (us) => `${((100 * us) / s.totalUs).toFixed(1).padStart(5)} %`;
const idle = s.functions.find(([l]) => l.startsWith('(idle)'))?.[1] ?? 0;
console.log(`${file}\nprofile ${(s.durationUs / 1e6).toFixed(1)} s, sampled ${(s.totalUs / 1e6).toFixed(1)} s, busy ${(((s.totalUs - idle) / s.totalUs) * 100).toFixed(1)} % of the main thread\n`);
console.log(`Top ${TOP} functions by self time:`);
for (const [l, us] of s.functions.slice(0, TOP)) console.log(`${ms(us)} ms ${share(us)}  ${l}`);
console.log(`\nSelf time by package / area:`);
for (const [l, us] of s.areas.slice(0, TOP)) console.log(`${ms(us)} ms ${share(us)}  ${l}`);
console.log(`\nGateway functions by total (inclusive) time:`);
for (const [l, us] of s.gatewayInclusive.slice(0, TOP)) console.log(`${ms(us)} ms ${share(us)}  ${l}`);
