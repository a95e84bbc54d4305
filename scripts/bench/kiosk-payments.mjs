// npm run bench:kiosk (part 3)
// The payment checks against the running system: each case's expected answer and that nothing was posted.
// Prints a pass/fail table (the payment tests' results for the closing note); exit code 1 if any case fails.
import { createHmac } from 'node:crypto';
import { BASE, call, ok, PAYERS, report } from './kiosk-common.mjs';

const KIOSK = 'kiosk.buddhasothorn.01';
const CASHIER = 'cashier.buddhasothorn';
const POINT = '32';

async function pendingQr(payer, key) {
  await ok(KIOSK, 'POST', '/kiosk/simulator/visits', { hn: payer.hn });
  const { session } = await ok(KIOSK, 'POST', '/kiosk/sessions', { point: POINT, simulatedCardPid: payer.pid });
  if (payer.open) await ok(KIOSK, 'POST', `/kiosk/sessions/${session.id}/open-right`);
  await ok(KIOSK, 'POST', `/kiosk/sessions/${session.id}/bill`);
  const { payment } = await ok(KIOSK, 'POST', `/kiosk/sessions/${session.id}/payments`, { method: 'promptpay', clientKey: key });
  return { session, payment };
}

async function callback(body, signature) {
  const res = await fetch(`${BASE}/api/kiosk/bank/callback`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-bank-signature': signature } : {}) }, body: JSON.stringify(body) });
  const json = await res.json();
  return `${res.status}${json.error ? ` ${json.error.code}` : json.status ? ` ${json.status}` : ''}`;
}

async function main() {
  const run = Date.now().toString(36);
  const cases = [];
  const check = async (name, expected, actual, nothingPosted) => {
    const got = await actual();
    const posted = nothingPosted === undefined ? true : await nothingPosted();
    cases.push({ name, expected, got, pass: got === expected && posted });
  };
  const sessionState = async (id) => (await ok(KIOSK, 'GET', `/kiosk/sessions/${id}`)).session.state;
  const ofc = PAYERS[0];

  // a valid QR payment, then the same callback again (and twice concurrently)
  const a = await pendingQr(ofc, `bench-p-${run}-a`);
  const paid = await ok(KIOSK, 'POST', '/kiosk/simulator/bank/pay', { qrPayload: a.payment.qrPayload });
  cases.push({ name: 'valid signed callback', expected: 'posted', got: paid.result.status, pass: paid.result.status === 'posted' });
  await check('the same callback again', '200 duplicate', () => callback(paid.callback, paid.signature));
  const twice = await Promise.all([callback(paid.callback, paid.signature), callback(paid.callback, paid.signature)]);
  cases.push({ name: 'the same callback twice at once', expected: '200 duplicate ×2', got: twice.join(' / '), pass: twice.every((t) => t === '200 duplicate') });
  await check('another transaction for the paid bill', '409 BILL_ALREADY_PAID', async () => {
    const other = { ...paid.callback, bankTxId: `${paid.callback.bankTxId}X` };
    const { signature } = await ok(CASHIER, 'POST', '/kiosk/simulator/bank/sign', other);
    return callback(other, signature);
  });
  await ok(KIOSK, 'POST', `/kiosk/sessions/${a.session.id}/receipt`);
  await ok(KIOSK, 'POST', `/kiosk/sessions/${a.session.id}/close`);
  await check('paying the already paid bill again (new session)', '409 BILL_ALREADY_PAID', async () => {
    const { session } = await ok(KIOSK, 'POST', '/kiosk/sessions', { point: POINT, simulatedCardPid: ofc.pid });
    await ok(KIOSK, 'POST', `/kiosk/sessions/${session.id}/open-right`);
    await ok(KIOSK, 'POST', `/kiosk/sessions/${session.id}/bill`);
    const r = await call(KIOSK, 'POST', `/kiosk/sessions/${session.id}/payments`, { method: 'card', clientKey: `bench-p-${run}-a2` });
    await call(KIOSK, 'POST', `/kiosk/sessions/${session.id}/cancel`);
    return `${r.status} ${r.body?.error?.code ?? ''}`.trim();
  });

  // forged, mismatched, unknown and late callbacks on a pending payment: nothing posted
  const b = await pendingQr(PAYERS[2], `bench-p-${run}-b`);
  const body = { billerId: '099400012345600', ref1: b.payment.ref1, ref2: b.payment.ref2, amount: b.payment.amount.toFixed(2), bankTxId: `BENCH${run}B`, paidAt: new Date().toISOString() };
  const stillPaying = async () => (await sessionState(b.session.id)) === 'paying';
  await check('no signature', '401 BAD_SIGNATURE', () => callback(body), stillPaying);
  await check('forged signature', '401 BAD_SIGNATURE', () => callback(body, createHmac('sha256', 'not-the-bank').update('x').digest('hex')), stillPaying);
  await check('signed, wrong amount', '400 AMOUNT_MISMATCH', async () => {
    const wrong = { ...body, amount: (b.payment.amount - 1).toFixed(2) };
    return callback(wrong, (await ok(CASHIER, 'POST', '/kiosk/simulator/bank/sign', wrong)).signature);
  }, stillPaying);
  await check('signed, unknown Ref2', '404 PAYMENT_NOT_FOUND', async () => {
    const unknown = { ...body, ref2: '25709999999999999' };
    return callback(unknown, (await ok(CASHIER, 'POST', '/kiosk/simulator/bank/sign', unknown)).signature);
  }, stillPaying);
  await ok(KIOSK, 'POST', `/kiosk/sessions/${b.session.id}/payments/cancel`);
  await check('late callback after the payment was cancelled', '409 PAYMENT_NOT_PENDING', async () => callback(body, (await ok(CASHIER, 'POST', '/kiosk/simulator/bank/sign', body)).signature), async () => (await sessionState(b.session.id)) === 'billed');
  await ok(KIOSK, 'POST', `/kiosk/sessions/${b.session.id}/cancel`);

  // the kiosk restarts mid-payment: the same client key resumes the same payment and number
  const c = await pendingQr(PAYERS[3], `bench-p-${run}-c`);
  const again = await ok(KIOSK, 'POST', `/kiosk/sessions/${c.session.id}/payments`, { method: 'promptpay', clientKey: `bench-p-${run}-c` });
  cases.push({ name: 'resume with the same client key', expected: c.payment.receiptNo, got: again.payment.receiptNo, pass: again.payment.id === c.payment.id });
  await ok(KIOSK, 'POST', `/kiosk/sessions/${c.session.id}/payments/cancel`);
  await ok(KIOSK, 'POST', `/kiosk/sessions/${c.session.id}/cancel`);

  // bad cards
  await check('unknown card', '404 CARD_UNKNOWN', async () => {
    const r = await call(KIOSK, 'POST', '/kiosk/sessions', { point: POINT, simulatedCardPid: '1234567890121' });
    return `${r.status} ${r.body?.error?.code}`;
  });
  await check('expired right, open', '409 RIGHT_EXPIRED', async () => {
    const { session } = await ok(KIOSK, 'POST', '/kiosk/sessions', { point: POINT, simulatedCardPid: '3800100998876' });
    const r = await call(KIOSK, 'POST', `/kiosk/sessions/${session.id}/open-right`);
    await ok(KIOSK, 'POST', `/kiosk/sessions/${session.id}/cancel`);
    return `${r.status} ${r.body?.error?.code}`;
  });

  console.log('\nKiosk payment checks against the running system');
  for (const c2 of cases) console.log(`${c2.pass ? 'PASS' : 'FAIL'}  ${c2.name.padEnd(48)} expected ${c2.expected.padEnd(24)} got ${c2.got}`);
  const passed = cases.filter((c2) => c2.pass).length;
  console.log(`${passed}/${cases.length} passed`);
  report('kiosk-payments', { passed, total: cases.length, cases });
  if (passed !== cases.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
