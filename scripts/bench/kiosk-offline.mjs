// node scripts/bench/kiosk-offline.mjs [--sessions 200 --kiosks 5]   (after: npm run build -w gateway-api)
// The kiosk service alone, without Fabric or MongoDB: the simulators, the in-memory repository and the fake ledger
// of the unit tests. Card-to-receipt time of the service code and receipts per second it can number, hash and
// (fake-)anchor. An upper bound; the live figures come from kiosk-session.mjs / kiosk-receipts.mjs.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { opt, pct } from './kiosk-common.mjs';

const require = createRequire(import.meta.url);
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../gateway-api/dist/modules/kiosk');
const { kioskHarness, KIOSK, PAYERS_FOR_BENCH } = (() => {
  const h = require(path.join(dist, 'test-support/kiosk-harness.js'));
  return { ...h, PAYERS_FOR_BENCH: [h.OFC, h.SSS_OTHER, h.SELF_PAY, h.WALLET_ANAN] };
})();

const N = Number(opt('sessions', '200'));
const KIOSKS = Number(opt('kiosks', '4'));

async function one(h, point, pid, method, key) {
  const { hn } = await h.his.registration('10697', pid);
  h.his.newVisit(hn);
  const t0 = performance.now();
  const s = await h.service.start(KIOSK, { point, simulatedCardPid: pid });
  if (s.right.claimTypes.length > 0 && !s.right.expired) await h.service.openRight(KIOSK, s.id);
  await h.service.bill(KIOSK, s.id);
  const { payment } = await h.service.pay(KIOSK, s.id, { method, clientKey: key });
  if (method === 'promptpay') {
    const { callback, signature } = h.bank.pay(payment.qrPayload);
    await h.service.bankCallback(callback, signature);
  }
  await h.service.issueReceipt(KIOSK, s.id);
  const ms = performance.now() - t0;
  await h.service.close(KIOSK, s.id);
  return ms;
}

async function main() {
  const h = kioskHarness();
  const times = [];
  for (let i = 0; i < N; i += 1) times.push(await one(h, '01', PAYERS_FOR_BENCH[i % PAYERS_FOR_BENCH.length], i % 2 === 0 ? 'promptpay' : 'card', `off-${i}`));
  times.sort((a, b) => a - b);
  console.log(`service only (in-memory store, fake ledger): card to receipt p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms over ${N} sessions`);
  const h2 = kioskHarness();
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: KIOSKS }, async (_, w) => {
      for (let i = 0; i < N / KIOSKS; i += 1) {
        await one(h2, String(10 + w), PAYERS_FOR_BENCH[w % PAYERS_FOR_BENCH.length], 'card', `off-par-${w}-${i}`);
        done += 1;
      }
    }),
  );
  const s = (performance.now() - started) / 1000;
  console.log(`service only: ${done} receipts by ${KIOSKS} kiosks in ${s.toFixed(2)} s = ${(done / s).toFixed(0)} receipts/s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
