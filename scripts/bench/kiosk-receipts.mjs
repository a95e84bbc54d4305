// npm run bench:kiosk (part 2) [-- --seconds 30 --kiosks 5]
// Receipts per second: `kiosks` kiosks (one point each, one simulated patient each) run full card-payment sessions
// in parallel for `seconds`; every receipt is numbered gap-free and anchored on the ledger. Prints receipts/s and
// the receipt step's latency, then checks each series with the gap audit.
import { fiscalYearBE, ok, opt, PAYERS, pct, report, round, session } from './kiosk-common.mjs';

const SECONDS = Number(opt('seconds', '30'));
const KIOSKS = Math.min(Number(opt('kiosks', '5')), PAYERS.length);

async function main() {
  const run = Date.now().toString(36);
  const receiptMs = [];
  let failed = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  const points = Array.from({ length: KIOSKS }, (_, w) => String(40 + w));
  await Promise.all(
    points.map(async (point, w) => {
      const kiosk = w % 2 === 0 ? 'kiosk.buddhasothorn.01' : 'kiosk.buddhasothorn.02';
      for (let i = 0; Date.now() < until; i += 1) {
        try {
          const r = await session(kiosk, point, PAYERS[w], 'card', `bench-r-${run}-${w}-${i}`);
          receiptMs.push(r.steps.receipt);
        } catch (e) {
          failed += 1;
          console.log(`  ${point}: ${e.message}`);
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...receiptMs].sort((a, b) => a - b);
  const perSecond = receiptMs.length / elapsed;
  console.log(`\nReceipts per second: ${KIOSKS} kiosks in parallel, full card sessions, ${elapsed.toFixed(1)} s`);
  console.log(`receipts ${receiptMs.length} · failed sessions ${failed} · ${perSecond.toFixed(2)} receipts/s (whole sessions, 3 ledger writes each)`);
  console.log(`receipt step (number → hash → AnchorReceipt committed): p50 ${round(pct(sorted, 50))} ms · p95 ${round(pct(sorted, 95))} ms`);
  const fy = fiscalYearBE();
  const audits = [];
  for (const point of points) {
    const a = await ok('cashier.buddhasothorn', 'GET', `/kiosk/audit/receipts?hcode=10697&fiscalYear=${fy}&point=${point}`);
    audits.push({ point, ok: a.ok, count: a.count, gaps: a.gaps.length, duplicates: a.duplicates.length, unanchored: a.unanchored.length });
  }
  console.log(`gap audits: ${audits.map((a) => `${a.point} ${a.ok ? 'ok' : 'FAILED'} (${a.count})`).join(' · ')}`);
  report('kiosk-receipts', { seconds: SECONDS, kiosks: KIOSKS, receipts: receiptMs.length, failed, receiptsPerSecond: Number(perSecond.toFixed(2)), receiptStepP50Ms: round(pct(sorted, 50)), receiptStepP95Ms: round(pct(sorted, 95)), audits });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
