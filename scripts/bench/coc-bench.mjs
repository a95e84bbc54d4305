// npm run bench:coc [-- --seconds 20 --concurrency 4,8 --queue 50]
// COC (home visits) figures on the running system:
//  1. demo data: home-care cases, visits, countersignatures and an ADL improvement at five health centres of two
//     districts (fixed ids C-DEMO-*, V-DEMO-*: a second run finds them and writes nothing new);
//  2. visits recorded per second through the REST API (POST /api/coc/visits, each worker on its own case);
//  3. the time an offline queue of 50 visits takes to sync, through the web client's own queue
//     (web-client/src/app/features/coc/visit-queue.ts, transpiled here) sending to the API as the phone does;
//  4. the indicators (this month and this quarter) on the demo health centres and districts;
//  5. the size of the offline bundle Angular's service worker adds (web-client/dist, if built).
// Throughput and queue runs use other health centres (Bang Nam Priao, Bang Pakong) than the demo data, so the
// demo indicators stay readable. Prints a report; JSON in reports/bench/coc.json.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { requestJson } from '../lib/http-json.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const SECONDS = Number(opt('seconds', '20'));
const LEVELS = opt('concurrency', '4,8').split(',').map(Number);
const QUEUE = Number(opt('queue', '50'));
const BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Referral#2026';

const MAX = { feeding: 2, grooming: 1, transfer: 3, toiletUse: 2, mobility: 3, dressing: 2, stairs: 2, bathing: 1, bowels: 2, bladder: 2 };
/** The 10 Barthel items filled in order up to `total`. */
function barthel(total) {
  let left = total;
  return Object.fromEntries(Object.entries(MAX).map(([k, max]) => {
    const v = Math.min(left, max);
    left -= v;
    return [k, v];
  }));
}
/** A valid 13-digit Thai national ID derived from `seed` (the same seed gives the same demo patient). */
function cidFrom(seed) {
  const h = createHash('sha256').update(`coc-demo:${seed}`).digest();
  const digits = [1 + (h[0] % 8), ...Array.from({ length: 11 }, (_, i) => h[i + 1] % 10)];
  const sum = digits.reduce((acc, d, i) => acc + d * (13 - i), 0);
  return [...digits, (11 - (sum % 11)) % 10].join('');
}
function randomCid() {
  return cidFrom(randomUUID());
}
const thaiToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const pct = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

const tokens = new Map();
async function token(username) {
  if (!tokens.has(username)) {
    const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    tokens.set(username, (await res.json()).token);
  }
  return tokens.get(username);
}
async function call(method, route, body, as) {
  const started = performance.now();
  try {
    const res = await requestJson(`${BASE}/api`, method, route, { token: await token(as), body, timeoutMs: 90_000 });
    return { status: res.status, body: res.body, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, body: { error: { code: 'NO_ANSWER', message: String(err) } }, ms: performance.now() - started };
  }
}
async function must(method, route, body, as, ...ok) {
  const res = await call(method, route, body, as);
  if (!ok.includes(res.status)) throw new Error(`${method} ${route} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
const team = (hcode, district) => ({ volunteer: `volunteer.${hcode}`, officer: `nurse.${hcode}`, familyDoctor: `familydoctor.${district}` });
const details = (adlTotal, care) => ({ attendees: ['อสม.', 'ญาติผู้ดูแล'], adl: barthel(adlTotal), vitals: { heartRate: 80, systolic: 130, diastolic: 80, spo2: 97 }, careGiven: care, nextStep: 'เยี่ยมตามกำหนด' });
const CASE_DETAILS = { address: 'หมู่ 3 (ข้อมูลสาธิต)', carePlan: { goals: ['ป้องกันแผลกดทับ', 'ญาติดูแลได้เอง'] } };

// ---- 1. demo data -------------------------------------------------------------------------------------------
// Per health centre: four patients registered today: bedridden (ADL 2), homebound (ADL 8), bedridden (ADL 3),
// socially active (ADL 14, registered but not followed by the schedule). The volunteer visits the first three; the
// officer visits the first; the officer countersigns the volunteer's visit and the family doctor the officer's.
// At the first centre of each district the homebound patient is re-assessed at ADL 13 (socially active: improved).
const DEMO = [
  { hcode: '03903', district: 'bangkhla' },
  { hcode: '03904', district: 'bangkhla' },
  { hcode: '03905', district: 'bangkhla' },
  { hcode: '03936', district: 'banpho' },
  { hcode: '03937', district: 'banpho' },
];
const DEMO_ADL = [2, 8, 3, 14];

async function seedDemo() {
  const today = thaiToday();
  let created = 0;
  let visits = 0;
  let countersigned = 0;
  let improved = 0;
  for (const [u, unit] of DEMO.entries()) {
    for (const [n, adl] of DEMO_ADL.entries()) {
      const caseId = `C-DEMO-${unit.hcode}-${n + 1}`;
      const existing = await call('GET', `/coc/cases/${caseId}`, undefined, 'auditor.pho');
      if (existing.status === 404) {
        await must('POST', '/coc/cases', { caseId, healthCentreHcode: unit.hcode, patient: { cid: cidFrom(caseId) }, adl: barthel(adl), team: team(unit.hcode, unit.district), caseDetails: CASE_DETAILS }, `nurse.${unit.hcode}`, 201);
        created += 1;
      } else if (existing.status !== 200) {
        throw new Error(`GET case ${caseId}: ${existing.status} ${JSON.stringify(existing.body)}`);
      }
      const c = (await must('GET', `/coc/cases/${caseId}`, undefined, 'auditor.pho', 200)).body.case;
      // visits carry the case's opening date, so a re-run days later sends the same content (already recorded)
      const visitedOn = c.openedOn ?? today;
      if (n < 3) {
        const v = await must('POST', '/coc/visits', { visitId: `V-DEMO-${unit.hcode}-${n + 1}-vol`, caseId, visitedOn, details: details(adl, 'ทำความสะอาดแผล สอนญาติพลิกตัว') }, `volunteer.${unit.hcode}`, 201, 409);
        if (v.status === 201) visits += 1;
        const cs = await must('POST', `/coc/cases/${caseId}/visits/V-DEMO-${unit.hcode}-${n + 1}-vol/countersign`, { note: 'ตรวจสอบแล้ว' }, `nurse.${unit.hcode}`, 200, 409);
        if (cs.status === 200) countersigned += 1;
      }
      if (n === 0) {
        const v = await must('POST', '/coc/visits', { visitId: `V-DEMO-${unit.hcode}-1-officer`, caseId, visitedOn, details: details(adl, 'ประเมินแผลกดทับ ปรับแผนการดูแล') }, `nurse.${unit.hcode}`, 201, 409);
        if (v.status === 201) visits += 1;
        const cs = await must('POST', `/coc/cases/${caseId}/visits/V-DEMO-${unit.hcode}-1-officer/countersign`, { note: 'ทบทวนแล้ว' }, `familydoctor.${unit.district}`, 200, 409);
        if (cs.status === 200) countersigned += 1;
      }
      if (n === 1 && (u === 0 || u === 3) && c.adl.score !== 13) {
        await must('PATCH', `/coc/cases/${caseId}`, { adl: barthel(13), note: 'ประเมิน ADL ซ้ำ: ลุกนั่งและเดินในบ้านได้เอง' }, `nurse.${unit.hcode}`, 200);
        improved += 1;
      }
    }
  }
  return { cases: DEMO.length * DEMO_ADL.length, created, visits, countersigned, improved };
}

// ---- 2. visits per second -----------------------------------------------------------------------------------
const BENCH_UNITS = ['03912', '03913', '03914', '03915', '03916', '03917', '03918', '03919'];
async function openBenchCases(count, units, district, tag) {
  const ids = [];
  for (let i = 0; i < count; i += 1) {
    const hcode = units[i % units.length];
    const caseId = `C-bench-${tag}-${i}`;
    await must('POST', '/coc/cases', { caseId, healthCentreHcode: hcode, patient: { cid: randomCid() }, adl: barthel(2), team: team(hcode, district), caseDetails: CASE_DETAILS }, `nurse.${hcode}`, 201);
    ids.push({ caseId, hcode });
  }
  return ids;
}

async function throughput(concurrency) {
  const tag = `${concurrency}-${Date.now().toString(36)}`;
  const cases = await openBenchCases(concurrency, BENCH_UNITS, 'bangnampriao', tag);
  const latencies = [];
  const failures = {};
  const today = thaiToday();
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(cases.map(async ({ caseId, hcode }, w) => {
    for (let i = 0; Date.now() < until; i += 1) {
      const res = await call('POST', '/coc/visits', { visitId: `V-bench-${tag}-${w}-${i}`, caseId, visitedOn: today, details: details(2, 'พลิกตัว ทำแผล') }, `volunteer.${hcode}`);
      if (res.status === 201) latencies.push(res.ms);
      else failures[res.status] = (failures[res.status] ?? 0) + 1;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { concurrency, ok: latencies.length, failures, seconds: Number(elapsed.toFixed(1)), perSecond: Number((latencies.length / elapsed).toFixed(2)), p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)) };
}

// ---- 3. offline queue ---------------------------------------------------------------------------------------
async function loadVisitQueue() {
  const file = path.join(root, 'web-client/src/app/features/coc/visit-queue.ts');
  const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

async function offlineQueue() {
  const { VisitQueue, MemoryQueueStore } = await loadVisitQueue();
  const hcode = '03924';
  const tag = `q-${Date.now().toString(36)}`;
  const cases = await openBenchCases(10, [hcode], 'bangpakong', tag);
  const queue = new VisitQueue({
    store: new MemoryQueueStore(),
    // what CocApi.send does in the browser: POST /api/coc/visits, the status and error body back
    send: async (visit) => {
      const res = await call('POST', '/coc/visits', visit, `volunteer.${hcode}`);
      return res.status === 201 ? { status: 201 } : { status: res.status, error: res.body?.error };
    },
  });
  const today = thaiToday();
  const forms = Array.from({ length: QUEUE }, (_, i) => ({ visitId: `V-${randomUUID()}`, caseId: cases[i % cases.length].caseId, visitedOn: today, details: details(2, `เยี่ยมครั้งที่ ${i + 1}`) }));
  for (const form of forms) await queue.add(form);
  const started = performance.now();
  const report = await queue.sync();
  const seconds = (performance.now() - started) / 1000;
  // the same 50 synced again from another copy of the queue (as after lost answers): all recognised, none written twice
  const replay = await replayQueue(forms, hcode);
  const counts = await Promise.all(cases.map(async (c) => (await must('GET', `/coc/cases/${c.caseId}`, undefined, 'auditor.pho', 200)).body.case.visitCount));
  return { visits: QUEUE, seconds: Number(seconds.toFixed(1)), perVisitMs: Math.round((seconds * 1000) / QUEUE), report, replay, onLedger: counts.reduce((a2, n) => a2 + n, 0) };
}

async function replayQueue(visits, hcode) {
  const { VisitQueue, MemoryQueueStore } = await loadVisitQueue();
  const queue = new VisitQueue({ store: new MemoryQueueStore(), send: async (visit) => {
    const res = await call('POST', '/coc/visits', visit, `volunteer.${hcode}`);
    return { status: res.status, error: res.body?.error };
  } });
  for (const v of visits) await queue.add(v);
  const started = performance.now();
  const report = await queue.sync();
  return { report, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}

// ---- 4. indicators ------------------------------------------------------------------------------------------
async function indicators() {
  const out = {};
  for (const period of ['month', 'quarter']) {
    for (const by of ['health-centre', 'district']) {
      const body = (await must('GET', `/coc/indicators?period=${period}&by=${by}`, undefined, 'auditor.pho', 200)).body;
      const wanted = by === 'district' ? ['11138', '11141'] : DEMO.map((d) => d.hcode);
      out[`${period}/${by}`] = { period: body.period, goals: body.goals, rows: body.rows.filter((r) => wanted.includes(r.hcode)).map((r) => ({ ...r, name: body.units[r.hcode] })) };
    }
  }
  return out;
}

// ---- 5. offline bundle --------------------------------------------------------------------------------------
function bundle() {
  const dir = path.join(root, 'web-client/dist/web-client/browser');
  if (!existsSync(path.join(dir, 'ngsw.json'))) return null;
  const size = (f) => {
    const b = readFileSync(path.join(dir, f));
    return { file: f, raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
  };
  const sw = ['ngsw-worker.js', 'ngsw.json', 'safety-worker.js', 'worker-basic.min.js'].filter((f) => existsSync(path.join(dir, f))).map(size);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'ngsw.json'), 'utf8'));
  const app = manifest.assetGroups.find((g) => g.name === 'app').urls.map((u) => size(u.replace(/^\//, '')));
  const main = readdirSync(dir).filter((f) => /^main-.*\.js$/.test(f)).map(size);
  const sum = (list) => list.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { serviceWorkerFiles: sw, serviceWorkerTotal: sum(sw), main, prefetched: { files: app.length, ...sum(app) } };
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
async function main() {
  const result = { at: new Date().toISOString(), base: BASE };
  console.log(`COC bench against ${BASE}`);
  result.demo = await seedDemo();
  console.log(`demo data: ${result.demo.cases} cases (${result.demo.created} created now), ${result.demo.visits} visits, ${result.demo.countersigned} countersignatures, ${result.demo.improved} ADL re-assessments written now`);
  result.throughput = [];
  for (const c of LEVELS) {
    const r = await throughput(c);
    result.throughput.push(r);
    console.log(`visits through the API, ${c} workers, ${r.seconds} s: ${r.perSecond} visits/s (${r.ok} ok, failed ${JSON.stringify(r.failures)}), p50 ${r.p50} ms, p95 ${r.p95} ms`);
  }
  const q = await offlineQueue();
  console.log(`offline queue of ${q.visits} visits (web client's VisitQueue, sequential like the phone): synced in ${q.seconds} s (${q.perVisitMs} ms a visit); report ${JSON.stringify(q.report)}`);
  console.log(`  the same ${q.visits} synced again: ${JSON.stringify(q.replay.report)} in ${q.replay.seconds} s; visits on the ledger for those cases: ${q.onLedger}`);
  result.offlineQueue = q;
  // wait for the projection, then the indicators
  await new Promise((r) => setTimeout(r, 3000));
  result.indicators = await indicators();
  for (const [k, v] of Object.entries(result.indicators)) {
    console.log(`indicators ${k} (${v.period.from}…${v.period.to}; goals visited ≥ ${v.goals.visited * 100} %, improved ≥ ${v.goals.improved * 100} %):`);
    for (const r of v.rows) console.log(`  ${r.hcode} ${r.name ?? ''}: visited per standard ${r.visitedPerStandard}/${r.registered} (${r.visitedRate === null ? '–' : (r.visitedRate * 100).toFixed(0) + ' %'}), improved ${r.improved}/${r.baselineDependent} (${r.improvedRate === null ? '–' : (r.improvedRate * 100).toFixed(0) + ' %'})`);
  }
  result.bundle = bundle();
  if (result.bundle === null) console.log('offline bundle: web-client/dist has no ngsw.json (build the web client in production mode)');
  else {
    const b = result.bundle;
    console.log(`offline bundle: service worker files ${b.serviceWorkerFiles.map((f) => `${f.file} ${kB(f.raw)} (${kB(f.gzip)} gzip)`).join(', ')}; total ${kB(b.serviceWorkerTotal.raw)} raw, ${kB(b.serviceWorkerTotal.gzip)} gzip`);
    console.log(`  main bundle ${b.main.map((f) => `${f.file} ${kB(f.raw)} (${kB(f.gzip)} gzip)`).join(', ')}; app cached on the phone: ${b.prefetched.files} files, ${kB(b.prefetched.raw)} raw, ${kB(b.prefetched.gzip)} gzip`);
  }
  mkdirSync(path.join(root, 'reports/bench'), { recursive: true });
  writeFileSync(path.join(root, 'reports/bench/coc.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('JSON: reports/bench/coc.json');
}

await main();
