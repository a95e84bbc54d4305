// Journey: a patient at the smart payment kiosk (kiosk mode, point 02 of Buddhasothorn). One identifies with the
// wallet's Health ID QR (the scanner types the token), checks and opens the right, pays by PromptPay QR (drawn as
// an image; the simulated bank pays it) and gets the short-form receipt, also printed to PDF and rendered to PNG.
// Another inserts the ID card and pays by card.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PASSWORD, SCREENSHOT_DIR, api, launch, loginUi, openPage, shot, waitForOutcome } from './support.mjs';

const require = createRequire(import.meta.url);
const KIOSK = 'kiosk.buddhasothorn.02';
const POINT = '02';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Logs in as the kiosk device and opens kiosk mode at point 02 (the kiosk's own screen). */
async function kioskPage() {
  const page = await openPage(browser, { width: 1080, height: 1400 });
  await loginUi(page, KIOSK);
  await page.goto(`${BASE_URL}/kiosk?point=${POINT}`);
  await page.waitForSelector('[data-testid=kiosk-read-card]');
  return page;
}

/** GET as `username` with a raw answer (PDF, PNG). */
async function rawGet(username, route) {
  const login = await fetch(`${BASE_URL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const { token } = await login.json();
  const res = await fetch(`${BASE_URL}/api${route}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `GET ${route}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

test('a wallet user identifies with the Health ID QR, opens the right, pays by PromptPay and gets a receipt', async () => {
  // the citizen's phone shows the Health ID QR (wallet API); the hospital registered today's visit (HIS simulator)
  const login = await fetch(`${BASE_URL}/api/wallet/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'citizen.anan', password: PASSWORD }) });
  assert.equal(login.status, 200, 'citizen login');
  const { token: citizenToken } = await login.json();
  const card = await (await fetch(`${BASE_URL}/api/wallet/me/health-id`, { headers: { authorization: `Bearer ${citizenToken}` } })).json();
  assert.match(card.token, /^ey/);
  await api(KIOSK, 'POST', '/kiosk/simulator/visits', { hn: '6501010' });

  const page = await kioskPage();
  await shot(page, 'kiosk-01-welcome');
  // a keyboard-wedge QR scanner types the token and Enter
  await page.fill('[data-testid=kiosk-health-id]', card.token);
  await page.press('[data-testid=kiosk-health-id]', 'Enter');
  await waitForOutcome(page, '[data-testid=kiosk-open-right]');
  assert.match(await page.textContent('[data-testid=kiosk-patient]'), /อนันต์ มั่นคง/);
  assert.match(await page.textContent('[data-testid=kiosk-right]'), /ข้าราชการ|OFC/);
  assert.equal(await page.locator(`text=${'8249900456720'}`).count(), 0, 'the full national ID is never shown');
  await shot(page, 'kiosk-02-right-by-health-id');

  await page.click('[data-testid=kiosk-open-right]');
  await waitForOutcome(page, '[data-testid=kiosk-authen]');
  assert.match(await page.textContent('[data-testid=kiosk-authen]'), /PP\d{10}/);
  await page.click('[data-testid=kiosk-show-bill]');
  await waitForOutcome(page, '[data-testid=kiosk-due]');
  assert.match(await page.textContent('[data-testid=kiosk-due]'), /240\.00/);
  await shot(page, 'kiosk-03-bill');

  await page.click('[data-testid=kiosk-to-pay]');
  await page.click('[data-testid=kiosk-pay-qr]');
  await waitForOutcome(page, '[data-testid=kiosk-qr-image]');
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid=kiosk-qr-image]');
    return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
  });
  const payload = (await page.textContent('[data-testid=kiosk-qr-payload]')).trim();
  assert.match(payload, /^000201010212.*5802TH.*6304[0-9A-F]{4}$/);
  assert.match(payload, /5406240\.00/, 'tag 54 carries 240.00');
  await shot(page, 'kiosk-04-promptpay-qr');

  // the QR image the gateway draws decodes (jsQR) to exactly the payload shown
  const sessionId = await page.evaluate(() => sessionStorage.getItem('cco.kiosk.current'));
  const { PNG } = require('pngjs');
  const jsQR = require('jsqr');
  const png = PNG.sync.read(await rawGet(KIOSK, `/kiosk/sessions/${sessionId}/payment/qr?format=png`));
  assert.equal(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, payload);

  // the patient's banking app pays; the kiosk sees the signed callback and issues the receipt
  await page.click('[data-testid=kiosk-simulate-bank]');
  await waitForOutcome(page, 'app-receipt-view');
  const receiptText = await page.textContent('app-receipt-view');
  assert.match(receiptText, /สองร้อยสี่สิบบาทถ้วน/);
  const receiptNo = /\d{4}-10697-02-\d{6}/.exec(receiptText)?.[0];
  assert.ok(receiptNo, 'the receipt shows its number of point 02');
  await shot(page, 'kiosk-05-receipt');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'kiosk-06-receipt-print-view');
  await page.emulateMedia({ media: 'screen' });

  // the printed receipt: the PDF for the 80 mm printer, rendered to PNG
  const pdf = await rawGet(KIOSK, `/kiosk/receipts/${receiptNo}/pdf`);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdfPath = path.join(SCREENSHOT_DIR, 'kiosk-07-receipt-printed.pdf');
  writeFileSync(pdfPath, pdf);
  const render = spawnSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfPath, pdfPath.replace(/\.pdf$/, '')]);
  assert.equal(render.status, 0, `pdftoppm: ${render.stderr}`);

  await page.click('[data-testid=kiosk-finish]');
  await waitForOutcome(page, '#k-done');
  await shot(page, 'kiosk-08-done');
  const receipt = (await api('cashier.buddhasothorn', 'GET', `/kiosk/receipts/${receiptNo}`)).receipt;
  assert.equal(receipt.status, 'issued');
  assert.ok(receipt.anchorTxId, 'the receipt hash is anchored on the ledger');
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});

test('a patient inserts the ID card, pays as self-pay by card; an unknown card is refused without a dialog', async () => {
  await api(KIOSK, 'POST', '/kiosk/simulator/visits', { hn: '6501001' });
  const page = await kioskPage();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await page.selectOption('[data-testid=kiosk-card]', '1234567890121');
  await page.click('[data-testid=kiosk-read-card]');
  await waitForOutcome(page, '[data-testid=kiosk-error]');
  assert.match(await page.textContent('[data-testid=kiosk-error]'), /CARD_UNKNOWN/);
  await shot(page, 'kiosk-09-unknown-card');

  await page.selectOption('[data-testid=kiosk-card]', '1509900112231');
  await page.click('[data-testid=kiosk-read-card]');
  await waitForOutcome(page, '[data-testid=kiosk-show-bill]');
  await page.click('[data-testid=kiosk-show-bill]');
  await waitForOutcome(page, '[data-testid=kiosk-due]');
  assert.match(await page.textContent('[data-testid=kiosk-due]'), /125\.50/);
  await page.click('[data-testid=kiosk-to-pay]');
  await page.click('[data-testid=kiosk-pay-card]');
  await waitForOutcome(page, 'app-receipt-view');
  assert.match(await page.textContent('app-receipt-view'), /หนึ่งร้อยยี่สิบห้าบาทห้าสิบสตางค์/);
  await shot(page, 'kiosk-10-card-receipt');
  await page.click('[data-testid=kiosk-finish]');
  await waitForOutcome(page, '#k-done');
  assert.equal(dialogs, 0, 'never a browser dialog');
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});
