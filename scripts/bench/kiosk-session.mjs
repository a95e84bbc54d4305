// npm run bench:kiosk (part 1) [-- --sessions 10]
// Kiosk session time from card to receipt with the simulators, through the REST API of the running system:
// read card → open right → bill → pay → (PromptPay: the simulated bank's signed callback) → receipt anchored on the
// ledger. One kiosk, sessions one after another, half by PromptPay and half by card. Prints mean, p50, p95 and
// the mean of each step.
import { call, fiscalYearBE, ok, opt, PAYERS, pct, report, round, session } from './kiosk-common.mjs';

const N = Number(opt('sessions', '10'));
const KIOSK = 'kiosk.buddhasothorn.01';
const POINT = opt('point', '31');

async function main() {
  const run = Date.now().toString(36);
  const rows = { promptpay: [], card: [] };
  const steps = {};
  for (let i = 0; i < N; i += 1) {
    const method = i % 2 === 0 ? 'promptpay' : 'card';
    const r = await session(KIOSK, POINT, PAYERS[i % PAYERS.length], method, `bench-s-${run}-${i}`);
    if (!r.anchored) console.log(`  warning: ${r.receiptNo} not anchored`);
    rows[method].push(r.cardToReceipt);
    for (const [k, v] of Object.entries(r.steps)) (steps[k] ??= []).push(v);
  }
  console.log(`\nKiosk session time, card to receipt (simulators, live ledger), ${N} sessions at point ${POINT}`);
  console.log('method      n   mean ms   p50 ms   p95 ms');
  const out = {};
  for (const [method, list] of Object.entries(rows)) {
    if (list.length === 0) continue;
    const sorted = [...list].sort((a, b) => a - b);
    const mean = list.reduce((s, x) => s + x, 0) / list.length;
    out[method] = { n: list.length, meanMs: round(mean), p50Ms: round(pct(sorted, 50)), p95Ms: round(pct(sorted, 95)) };
    console.log(`${method.padEnd(10)} ${String(list.length).padStart(2)} ${String(round(mean)).padStart(9)} ${String(round(pct(sorted, 50))).padStart(8)} ${String(round(pct(sorted, 95))).padStart(8)}`);
  }
  const stepMeans = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, round(v.reduce((s, x) => s + x, 0) / v.length)]));
  console.log(`mean per step (ms): ${Object.entries(stepMeans).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  const audit = await ok('cashier.buddhasothorn', 'GET', `/kiosk/audit/receipts?hcode=10697&fiscalYear=${fiscalYearBE()}&point=${POINT}`);
  console.log(`gap audit of point ${POINT}: ${audit.ok ? 'ok' : 'FAILED'} (${audit.count} numbers, ledger head ${audit.ledgerHead})`);
  void call;
  report('kiosk-session', { sessions: N, point: POINT, cardToReceipt: out, stepMeansMs: stepMeans, auditOk: audit.ok });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
