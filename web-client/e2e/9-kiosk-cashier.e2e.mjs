// Journey: the cashier of Buddhasothorn answers a kiosk's "call staff" alert, closes the day (closing report on
// screen, as CSV and as PDF rendered to PNG), reconciles the bank's statement file (one clean, one with a
// stranger's credit and a short credit), and runs the receipt gap check and the batch re-anchor of point 02.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PASSWORD, SCREENSHOT_DIR, api, launch, loginUi, openPage, shot, waitForOutcome } from './support.mjs';

const KIOSK = 'kiosk.buddhasothorn.02';
const CASHIER = 'cashier.buddhasothorn';
/** Today in Bangkok, YYYY-MM-DD (the business day of the report). */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

let browser;
let assistSession;
before(async () => {
  browser = await launch();
  // a civil servant pays 350 baht by QR at point 02 (API: this journey is about the cashier)
  await api(KIOSK, 'POST', '/kiosk/simulator/visits', { hn: '6500456' });
  const { session } = await api(KIOSK, 'POST', '/kiosk/sessions', { point: '02', simulatedCardPid: '3100600123450' });
  await api(KIOSK, 'POST', `/kiosk/sessions/${session.id}/open-right`);
  await api(KIOSK, 'POST', `/kiosk/sessions/${session.id}/bill`);
  const { payment } = await api(KIOSK, 'POST', `/kiosk/sessions/${session.id}/payments`, { method: 'promptpay', clientKey: `e2e-cashier-${Date.now()}` });
  await api(KIOSK, 'POST', '/kiosk/simulator/bank/pay', { qrPayload: payment.qrPayload });
  await api(KIOSK, 'POST', `/kiosk/sessions/${session.id}/receipt`);
  await api(KIOSK, 'POST', `/kiosk/sessions/${session.id}/close`);
  // an older patient at point 02 presses "call staff"
  assistSession = (await api(KIOSK, 'POST', '/kiosk/sessions', { point: '02', simulatedCardPid: '1101700123456' })).session;
  await api(KIOSK, 'POST', `/kiosk/sessions/${assistSession.id}/assist`, { reason: 'kiosk 02: อ่านตัวหนังสือไม่ชัด' });
});
after(async () => {
  await browser?.close();
});

test('the cashier answers an assist call, closes the day, reconciles the bank file and checks the receipt series', async () => {
  const page = await openPage(browser, DESKTOP);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await loginUi(page, CASHIER);
  await page.goto(`${BASE_URL}/kiosk/cashier`);
  await waitForOutcome(page, '[data-testid=cashier-ack]');
  assert.match(await page.textContent('[data-testid=cashier-live]'), /อ่านตัวหนังสือไม่ชัด/);
  await shot(page, 'kiosk-cashier-01-assist-call');
  await page.click('[data-testid=cashier-ack]');
  await page.waitForFunction(() => document.querySelector('[data-testid=cashier-live]')?.textContent?.includes('cashier.buddhasothorn'));
  await api(KIOSK, 'POST', `/kiosk/sessions/${assistSession.id}/cancel`);

  // the daily closing report on screen, as CSV and as PDF
  await page.fill('[data-testid=cashier-closing-date]', today);
  await page.click('[data-testid=cashier-closing-show]');
  await waitForOutcome(page, '[data-testid=cashier-closing-total]');
  const report = await api(CASHIER, 'GET', `/kiosk/reports/daily?date=${today}`);
  assert.ok(report.count >= 1 && report.byMethod.promptpay.amount >= 350);
  assert.equal((await page.textContent('[data-testid=cashier-closing-total]')).trim(), report.total.toLocaleString('en-US', { minimumFractionDigits: 2 }));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=cashier-closing-csv]')]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.ok(csvText.startsWith('\uFEFFreceiptNo,paidAt,method,right,amount,paidBy'));
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=cashier-closing-pdf]')]);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdfPath = path.join(SCREENSHOT_DIR, 'kiosk-cashier-03-closing-report.pdf');
  await pdf.saveAs(pdfPath);
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  assert.equal(spawnSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-singlefile', pdfPath, pdfPath.replace(/\.pdf$/, '')]).status, 0);
  await shot(page, 'kiosk-cashier-02-closing');

  // reconciliation: the bank's file as sent (all matched), then one with a stranger's credit and a short credit
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const login = await (await fetch(`${BASE_URL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: CASHIER, password: PASSWORD }) })).json();
  const statement = await (await fetch(`${BASE_URL}/api/kiosk/simulator/bank/statement?date=${today}`, { headers: { authorization: `Bearer ${login.token}` } })).text();
  const clean = path.join(dir, `statement-${today}.csv`);
  writeFileSync(clean, statement);
  await page.setInputFiles('[data-testid=cashier-statement-file]', clean);
  await page.click('[data-testid=cashier-reconcile]');
  await waitForOutcome(page, '[data-testid=cashier-reconcile-result]');
  assert.match(await page.textContent('[data-testid=cashier-reconcile-result]'), /ยอดตรงกันทุกรายการ/);

  const lines = statement.trim().split('\n');
  const last = lines[lines.length - 1].split(',');
  last[6] = (Number(last[6]) - 1).toFixed(2);
  const edited = [...lines.slice(0, -1), last.join(','), `${today},09:15:00,PROMPTPAY,099400012345600,9999999,25709999999999999,80.00,BANKTX-STRANGER`].join('\n');
  const wrong = path.join(dir, `statement-${today}-edited.csv`);
  writeFileSync(wrong, edited);
  await page.setInputFiles('[data-testid=cashier-statement-file]', wrong);
  await page.click('[data-testid=cashier-reconcile]');
  await waitForOutcome(page, '[data-testid=cashier-reconcile-problems]');
  const problems = await page.textContent('[data-testid=cashier-reconcile-problems]');
  assert.match(problems, /BANKTX|9999999/);
  assert.match(problems, /ยอดเงินไม่ตรง/);
  await page.locator('[data-testid=cashier-reconcile-problems]').scrollIntoViewIfNeeded();
  await shot(page, 'kiosk-cashier-04-reconciliation');

  // gap check of point 02, and the batch re-anchor (nothing pending while the ledger is up)
  const fy = new Date(Date.now() + 7 * 3600_000);
  const fiscalYear = fy.getUTCFullYear() + (fy.getUTCMonth() >= 9 ? 1 : 0) + 543;
  await page.fill('#audit-fy', String(fiscalYear));
  await page.fill('#audit-point', '02');
  await page.click('[data-testid=cashier-audit]');
  await waitForOutcome(page, '[data-testid=cashier-audit-result]');
  assert.match(await page.textContent('[data-testid=cashier-audit-result]'), /ไม่มีเลขขาด/);
  await page.click('[data-testid=cashier-reanchor]');
  await waitForOutcome(page, '[data-testid=cashier-reanchor-result]');
  assert.match(await page.textContent('[data-testid=cashier-reanchor-result]'), /failed 0/);
  await shot(page, 'kiosk-cashier-05-gap-check');

  assert.equal(dialogs, 0, 'never a browser dialog');
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});
