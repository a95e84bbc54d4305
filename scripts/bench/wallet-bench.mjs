// npm run bench:wallet [-- --citizens 100 --events-referrals 10 --history-calls 20]
// The figures issue 12 asks for, measured on the running system (gateway + FerretDB 1.24 on PostgreSQL):
//   1. 100 concurrent POST /api/wallet/me/bookings for one 20-seat slot: counts (exactly 20 × 201), req/s, p50/p95;
//   2. 100 concurrent bookings for the last 3 seats: exactly 3 × 201;
//   3. 100 concurrent bookings, 100 different slots (no contention): req/s, p50/p95;
//   4. GET /api/wallet/me/history for a citizen with 50 ledger events (10 referrals × 5 steps, made on the ledger
//      through the referral API): median and p95 over N calls;
//   5. the PWA's bundle sizes (raw and gzip) from web-client/dist.
// Citizens register through the API (the one-time code is read from the SMS outbox, as in development); the
// slots come from sessions published through the desk API, so nothing here touches the store directly.
// Prints a table; JSON in reports/bench/wallet.json.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
};
const BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Referral#2026';
const CITIZENS = Number(opt('citizens', '100'));
const EVENT_REFERRALS = Number(opt('events-referrals', '10'));
const HISTORY_CALLS = Number(opt('history-calls', '20'));
/** Without a ledger (a store-only run), the caller writes the 50 events into the store itself. */
const SKIP_HISTORY = args.includes('--skip-history');
const OUTBOX = process.env.WALLET_OUTBOX ?? path.join(path.resolve(root, process.env.RUNTIME_DIR ?? '.runtime'), 'outbox', 'wallet-sms.jsonl');
const UNIT = { hcode: '10697', nurse: 'nurse.buddhasothorn', clinician: 'clinician.buddhasothorn' };
const RECEIVER = { hcode: '11138', nurse: 'nurse.bangkhla' };

const pct = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, route, body, token) {
  const started = performance.now();
  const res = await fetch(`${BASE}${route}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  const json = text ? JSON.parse(text) : {};
  return { status: res.status, json, ms };
}
async function must(method, route, body, token, ok = [200, 201, 202]) {
  const r = await call(method, route, body, token);
  if (!ok.includes(r.status)) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  return r.json;
}
const staffTokens = new Map();
async function staff(username) {
  if (!staffTokens.has(username)) staffTokens.set(username, (await must('POST', '/api/auth/login', { username, password: PASSWORD })).token);
  return staffTokens.get(username);
}

/** A valid national ID from a 12-digit body. */
function cidOf(body) {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body[i]) * (13 - i);
  return body + String((11 - (sum % 11)) % 10);
}

function otpFor(mobile, after) {
  if (!existsSync(OUTBOX)) return undefined;
  const lines = readFileSync(OUTBOX, 'utf8').trim().split('\n').reverse();
  for (const line of lines) {
    const m = JSON.parse(line);
    if (m.kind === 'otp' && m.to === mobile && m.queuedAt >= after) return /(\d{6})/.exec(m.textTh)?.[1];
  }
  return undefined;
}

/** Registers a citizen through the API (born 1950: eligible for the flu vaccine), returns its token and cid. */
async function registerCitizen(run, i) {
  const cid = cidOf(`5${run}${String(i).padStart(5, '0')}`.slice(0, 12).padEnd(12, '0'));
  const mobile = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const before = new Date(Date.now() - 1000).toISOString();
  const started = await must('POST', '/api/wallet/auth/register', { cid, birthDate: '1950-06-15', sex: i % 2 === 0 ? 'F' : 'M', mobile, displayName: `ผู้ทดสอบ ${i}`, password: 'Bench12345' });
  let code;
  for (let t = 0; t < 50 && code === undefined; t += 1) {
    code = otpFor(mobile, before);
    if (code === undefined) await sleep(100);
  }
  if (code === undefined) throw new Error(`no one-time code for ${mobile} in ${OUTBOX}`);
  const confirmed = await must('POST', '/api/wallet/auth/register/confirm', { registrationId: started.registrationId, code });
  return { token: confirmed.token, cid };
}

/** Publishes a session at the bench unit on the first free date from `fromDays` ahead; returns its slot ids. */
async function publish(service, times, capacity, fromDays) {
  const token = await staff(UNIT.nurse);
  for (let d = fromDays; d < fromDays + 20; d += 1) {
    const date = new Date(Date.now() + 7 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    const r = await call('POST', '/api/wallet/desk/sessions', { service, date, times, capacity }, token);
    if (r.status === 201) return r.json.slots.map((s) => s.id);
    if (r.json?.error?.code !== 'SESSION_EXISTS') throw new Error(`publish: ${r.status} ${JSON.stringify(r.json)}`);
  }
  throw new Error('no free date to publish a bench session');
}

async function burst(requests) {
  const started = performance.now();
  const results = await Promise.all(requests.map(async (fn) => fn()));
  const wallMs = performance.now() - started;
  const byStatus = {};
  for (const r of results) {
    const key = `${r.status}${r.json?.error?.code ? ` ${r.json.error.code}` : ''}`;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  const lat = results.map((r) => r.ms).sort((a, b) => a - b);
  return { requests: results.length, byStatus, wallMs: Math.round(wallMs), perSecond: Number(((results.length / wallMs) * 1000).toFixed(1)), p50: Math.round(pct(lat, 50)), p95: Math.round(pct(lat, 95)), max: Math.round(lat.at(-1) ?? 0) };
}

function times(from, count, stepMin) {
  return Array.from({ length: count }, (_, i) => {
    const m = from * 60 + i * stepMin;
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  });
}

function bundleSizes() {
  const dir = path.join(root, 'web-client', 'dist', 'web-client', 'browser');
  if (!existsSync(path.join(dir, 'index.html'))) return undefined;
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]).filter((f) => !f.startsWith('http') && f !== 'leaflet.css');
  const size = (files) => files.reduce((acc, f) => {
    const buf = readFileSync(path.join(dir, f));
    return { raw: acc.raw + buf.length, gzip: acc.gzip + gzipSync(buf, { level: 9 }).length };
  }, { raw: 0, gzip: 0 });
  // eager chunks imported by main are part of the initial load too
  const main = initialFiles.find((f) => /^main[-.]/.test(f));
  const eager = new Set(initialFiles);
  const queue = main ? [main] : [];
  while (queue.length > 0) {
    const f = queue.shift();
    const src = readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/(chunk-[\w-]+\.js)["']/g)) {
      if (!eager.has(m[1])) {
        eager.add(m[1]);
        queue.push(m[1]);
      }
    }
  }
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const wallet = js.filter((f) => !eager.has(f) && /app-wallet-|WalletApi|cco\.wallet/.test(readFileSync(path.join(dir, f), 'utf8')));
  const sw = ['ngsw-worker.js'].filter((f) => existsSync(path.join(dir, f)));
  const manifest = readdirSync(dir).filter((f) => f.endsWith('.webmanifest'));
  const total = js.concat(readdirSync(dir).filter((f) => f.endsWith('.css')));
  return {
    initial: { files: eager.size, ...size([...eager]) },
    walletLazyChunks: { files: wallet.length, ...size(wallet) },
    serviceWorker: sw.length > 0 ? { files: sw, ...size(sw) } : null,
    manifest: manifest[0] ?? null,
    allJsAndCss: { files: total.length, ...size(total) },
    builtAt: statSync(path.join(dir, 'index.html')).mtime.toISOString(),
  };
}

async function main() {
  const health = await call('GET', '/api/health');
  console.log(`gateway ${BASE}: health ${health.status}; store ${JSON.stringify(health.json?.store ?? health.json?.checks?.store ?? '?').slice(0, 120)}`);
  mkdirSync(path.join(root, 'reports', 'bench'), { recursive: true });
  const run = String(Date.now() % 1e6).padStart(6, '0');
  const out = { at: new Date().toISOString(), base: BASE, citizens: CITIZENS };

  // citizens (10 registrations at a time)
  let t0 = performance.now();
  const citizens = [];
  for (let i = 0; i < CITIZENS; i += 10) {
    citizens.push(...(await Promise.all(Array.from({ length: Math.min(10, CITIZENS - i) }, async (_, k) => registerCitizen(run, i + k)))));
  }
  out.registration = { citizens: citizens.length, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) };
  console.log(`registered ${citizens.length} citizens through the API (OTP from the outbox) in ${out.registration.seconds} s`);

  // 1. one 20-seat slot, 100 concurrent bookings
  const [slot20] = await publish('flu-vaccine', ['15:00'], 20, 2);
  out.oneSlot20 = await burst(citizens.map((c, i) => () => call('POST', '/api/wallet/me/bookings', { slotId: slot20, requestId: `bench-${run}-a-${i}` }, c.token)));
  const s20 = await must('GET', `/api/wallet/slots?hcode=${UNIT.hcode}&service=flu-vaccine&from=${slot20.split('.')[2].replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}&to=${slot20.split('.')[2].replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}`);
  out.oneSlot20.slotAfter = s20.slots.find((s) => s.id === slot20);
  console.log(`100 concurrent bookings, one 20-seat slot: ${JSON.stringify(out.oneSlot20.byStatus)}; ${out.oneSlot20.perSecond} req/s; p50 ${out.oneSlot20.p50} ms, p95 ${out.oneSlot20.p95} ms; slot now ${out.oneSlot20.slotAfter?.booked}/${out.oneSlot20.slotAfter?.capacity}`);

  // 2. the last 3 seats: a 5-seat slot with 2 taken, then 100 concurrent requests from the others
  const [slot5] = await publish('flu-vaccine', ['15:30'], 5, 2);
  for (const c of citizens.slice(0, 2)) await must('POST', '/api/wallet/me/bookings', { slotId: slot5 }, c.token);
  const rest = citizens.slice(2);
  while (rest.length < 100) rest.push(citizens[rest.length % citizens.length]);
  out.lastThreeSeats = await burst(rest.slice(0, 100).map((c) => () => call('POST', '/api/wallet/me/bookings', { slotId: slot5 }, c.token)));
  console.log(`100 concurrent bookings for the last 3 seats: ${JSON.stringify(out.lastThreeSeats.byStatus)}; p95 ${out.lastThreeSeats.p95} ms`);

  // 3. no contention: every citizen books its own slot (three published sessions × 34 slots)
  const own = [...(await publish('dm-ht-screening', times(12, 34, 5), 1, 3)), ...(await publish('general-checkup', times(15, 34, 5), 1, 3)), ...(await publish('colorectal-fit', times(12, 34, 5), 1, 3))];
  // colorectal FIT is for ages 50–70; the bench citizens are 76, so only the first two sessions are eligible
  const eligible = own.filter((id) => !id.includes('colorectal'));
  const more = await publish('dm-ht-screening', times(18, 34, 5), 1, 4);
  const slots = [...eligible, ...more].slice(0, citizens.length);
  out.noContention = await burst(citizens.slice(0, slots.length).map((c, i) => () => call('POST', '/api/wallet/me/bookings', { slotId: slots[i] }, c.token)));
  console.log(`${slots.length} concurrent bookings, ${slots.length} different slots: ${JSON.stringify(out.noContention.byStatus)}; ${out.noContention.perSecond} req/s; p50 ${out.noContention.p50} ms, p95 ${out.noContention.p95} ms`);

  // 4. history with 50 ledger events: 10 referrals × 5 steps about citizen 0, through the referral API (ledger)
  const subject = citizens[0];
  if (SKIP_HISTORY) {
    writeFileSync(path.join(root, 'reports', 'bench', 'wallet-subject.json'), JSON.stringify(subject));
  } else {
  t0 = performance.now();
  const clinician = await staff(UNIT.clinician);
  const receiver = await staff(RECEIVER.nurse);
  await Promise.all(
    Array.from({ length: EVENT_REFERRALS }, async (_, i) => {
      const created = await must('POST', '/api/referrals', { referralId: `R-WB-${run}-${i}`, patient: { cid: subject.cid }, toHcode: RECEIVER.hcode, reasonCode: '1', priority: 3 }, clinician);
      const id = created.referral.id;
      await must('POST', `/api/referrals/${id}/receive`, {}, receiver);
      await must('POST', `/api/referrals/${id}/accept`, { note: 'bench' }, receiver);
      await must('POST', `/api/referrals/${id}/arrive`, {}, receiver);
      await must('POST', `/api/referrals/${id}/complete`, { resultCode: '1' }, receiver);
    }),
  );
  const ledgerSeconds = (performance.now() - t0) / 1000;
  let events = 0;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    events = (await must('GET', '/api/wallet/me/history', undefined, subject.token)).ledgerEvents.length;
    if (events >= EVENT_REFERRALS * 5) break;
    await sleep(500);
  }
  const lat = [];
  for (let i = 0; i < HISTORY_CALLS; i += 1) {
    const r = await call('GET', '/api/wallet/me/history', undefined, subject.token);
    if (r.status !== 200) throw new Error(`history ${r.status}`);
    lat.push(r.ms);
  }
  lat.sort((a, b) => a - b);
  out.history = { ledgerEvents: events, referrals: EVENT_REFERRALS, ledgerWritesSeconds: Number(ledgerSeconds.toFixed(1)), calls: HISTORY_CALLS, medianMs: Math.round(pct(lat, 50)), p95Ms: Math.round(pct(lat, 95)), maxMs: Math.round(lat.at(-1)) };
  console.log(`history with ${events} ledger events (${EVENT_REFERRALS} referrals × 5 steps written in ${out.history.ledgerWritesSeconds} s): median ${out.history.medianMs} ms, p95 ${out.history.p95Ms} ms over ${HISTORY_CALLS} calls`);
  }

  // 5. bundle
  out.bundle = bundleSizes();
  if (out.bundle) {
    const kB = (n) => (n / 1024).toFixed(1);
    console.log(`PWA bundle: initial ${kB(out.bundle.initial.raw)} kB raw / ${kB(out.bundle.initial.gzip)} kB gzip (${out.bundle.initial.files} files); wallet lazy chunks ${kB(out.bundle.walletLazyChunks.raw)} kB / ${kB(out.bundle.walletLazyChunks.gzip)} kB gzip (${out.bundle.walletLazyChunks.files} files); service worker ${out.bundle.serviceWorker ? `${kB(out.bundle.serviceWorker.raw)} kB` : 'none'}`);
  } else {
    console.log('PWA bundle: web-client/dist not built (cd web-client && ng build)');
  }

  console.table([
    { what: '100 × book one 20-seat slot', ...pick(out.oneSlot20) },
    { what: '100 × book the last 3 seats', ...pick(out.lastThreeSeats) },
    { what: `${slots.length} × book, distinct slots`, ...pick(out.noContention) },
  ]);
  const file = path.join(root, 'reports', 'bench', process.env.WALLET_BENCH_JSON ?? 'wallet.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2));
  console.log(`JSON in ${path.relative(root, file)}`);
  const created = out.oneSlot20.byStatus['201'] ?? 0;
  const last = out.lastThreeSeats.byStatus['201'] ?? 0;
  if (created !== 20 || last !== 3) {
    console.error(`OVERBOOKING CHECK FAILED: ${created} bookings for 20 seats, ${last} for the last 3`);
    process.exitCode = 1;
  }
}

function pick(r) {
  return { ok: r.byStatus['201'] ?? 0, refused: r.requests - (r.byStatus['201'] ?? 0), wallMs: r.wallMs, perSecond: r.perSecond, p50: r.p50, p95: r.p95 };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
