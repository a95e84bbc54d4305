// Shared helpers of the kiosk benchmarks (scripts/bench/kiosk-*.mjs): API calls as a demo user against the running
// system, one full kiosk session with the simulators, percentiles, and the JSON report in reports/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Referral#2026';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const args = process.argv.slice(2);
/** `--name value` or `--name=value`. */
export function opt(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
}

const tokens = new Map();
/** Calls the API as `username`: { status, body, ms }. */
export async function call(username, method, route, body, headers = {}) {
  let token = tokens.get(username);
  if (token === undefined) {
    const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    token = (await res.json()).token;
    tokens.set(username, token);
  }
  const t0 = performance.now();
  const res = await fetch(`${BASE}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    // not JSON (CSV, PDF)
  }
  return { status: res.status, body: parsed, ms: performance.now() - t0 };
}

/** Like {@link call} but throws unless the answer is 2xx. */
export async function ok(username, method, route, body) {
  const r = await call(username, method, route, body);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  return r.body;
}

/** Simulated patients who pay something at Buddhasothorn (fixtures/kiosk/simulator.json). */
export const PAYERS = [
  { pid: '3100600123450', hn: '6500456', open: true },
  { pid: '3200100456785', hn: '6500789', open: true },
  { pid: '1509900112231', hn: '6501001', open: false },
  { pid: '8249900456720', hn: '6501010', open: true },
  { pid: '3800100998876', hn: '6501002', open: false },
];

/**
 * One kiosk session from card to receipt with the simulators: a fresh visit in the HIS, read card, open the right,
 * bill, pay (PromptPay paid by the simulated bank, or card), receipt (anchored on the ledger), close.
 * Returns the milliseconds of each step and `cardToReceipt` (read card → receipt answered).
 */
export async function session(kiosk, point, payer, method, key) {
  await ok(kiosk, 'POST', '/kiosk/simulator/visits', { hn: payer.hn });
  const steps = {};
  const t0 = performance.now();
  const time = async (name, work) => {
    const s = performance.now();
    const out = await work();
    steps[name] = performance.now() - s;
    return out;
  };
  const { session: s } = await time('readCard', () => ok(kiosk, 'POST', '/kiosk/sessions', { point, simulatedCardPid: payer.pid }));
  if (payer.open) await time('openRight', () => ok(kiosk, 'POST', `/kiosk/sessions/${s.id}/open-right`));
  await time('bill', () => ok(kiosk, 'POST', `/kiosk/sessions/${s.id}/bill`));
  const { payment } = await time('pay', () => ok(kiosk, 'POST', `/kiosk/sessions/${s.id}/payments`, { method, clientKey: key }));
  if (method === 'promptpay') await time('bankCallback', () => ok(kiosk, 'POST', '/kiosk/simulator/bank/pay', { qrPayload: payment.qrPayload }));
  const { receipt } = await time('receipt', () => ok(kiosk, 'POST', `/kiosk/sessions/${s.id}/receipt`));
  const cardToReceipt = performance.now() - t0;
  await time('close', () => ok(kiosk, 'POST', `/kiosk/sessions/${s.id}/close`));
  return { steps, cardToReceipt, receiptNo: receipt.receiptNo, anchored: receipt.anchorTxId !== null };
}

export const pct = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
export const round = (n) => Math.round(n);

/** Thai fiscal year (BE) of now, Bangkok time. */
export function fiscalYearBE(now = new Date()) {
  const b = new Date(now.getTime() + 7 * 3600_000);
  return b.getUTCFullYear() + (b.getUTCMonth() >= 9 ? 1 : 0) + 543;
}

/** Writes reports/bench/<name>.json. */
export function report(name, data) {
  const dir = path.join(root, 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...data }, null, 2));
  console.log(`  (${path.relative(root, file)})`);
}
