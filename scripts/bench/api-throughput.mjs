// npm run bench:api [-- --seconds 20 --concurrency 16,32]
// Referral create and accept throughput through the REST API of the running system, at each concurrency:
// requests/s and p50/p95/p99 latency. Creates go from a random hospital to another; accepts are done by the
// receiving hospital's nurse on referrals created in the same run. Prints a table; JSON in reports/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTopology, root } from '../../network-config/scripts/topology.mjs';
import { loadCredentials } from '../chaos/load.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const SECONDS = Number(opt('seconds', '20'));
const LEVELS = opt('concurrency', '16,32').split(',').map(Number);
const BASE = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const hospitals = loadTopology().peerOrgs.filter((o) => o.key !== 'pho');

const pct = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

async function phase(concurrency, work) {
  const latencies = [];
  let failed = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        const res = await work(w, i);
        if (res === undefined) return;
        if (res.status >= 200 && res.status < 300) latencies.push(res.ms);
        else failed++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok: latencies.length, failed, perSecond: Number((latencies.length / elapsed).toFixed(1)), p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) };
}

async function main() {
  const session = await loadCredentials(BASE, hospitals);
  const rows = [];
  for (const concurrency of LEVELS) {
    const run = `bench-${concurrency}-${Date.now().toString(36)}`;
    const created = [];
    const create = await phase(concurrency, async (w, i) => {
      const a = hospitals[(w + i) % hospitals.length];
      const b = hospitals[(w + i + 1 + (i % (hospitals.length - 1))) % hospitals.length];
      const target = b.key === a.key ? hospitals[(hospitals.indexOf(a) + 1) % hospitals.length] : b;
      const id = `R-${run}-${w}-${i}`;
      const res = await session.call('POST', '/api/referrals', { referralId: id, patient: { cid: '1101700207030' }, toHcode: target.hcode, reasonCode: '1', priority: 3 }, `clinician.${a.key}`);
      if (res.status === 201) created.push({ id, to: target.key });
      return res;
    });
    let next = 0;
    const accept = await phase(concurrency, async () => {
      const r = created[next++];
      if (r === undefined) return undefined;
      return session.call('POST', `/api/referrals/${encodeURIComponent(r.id)}/accept`, { note: 'bench' }, `nurse.${r.to}`);
    });
    rows.push({ concurrency, operation: 'create', ...create }, { concurrency, operation: 'accept', ...accept });
    console.log(`concurrency ${concurrency}: create ${create.perSecond}/s (p50 ${create.p50} ms, p95 ${create.p95} ms), accept ${accept.perSecond}/s (p50 ${accept.p50} ms, p95 ${accept.p95} ms)`);
  }
  console.table(rows);
  const out = path.join(root, 'reports', 'bench', 'api-throughput.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, rows }, null, 2));
  console.log(`JSON in ${path.relative(root, out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
