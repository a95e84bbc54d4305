// The citizen's wallet on a 375 px phone: register with an SMS code, sign in, the rotating Health ID QR,
// benefits with their reasons, book a flu vaccine, cancel it, near me on the offline map, and the ledger
// events about me (a referral made by a hospital shows up with its transaction ID). Screenshots: wallet-375-*.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, api, eventually, launch, openPage, randomCid, shot } from './support.mjs';
import { horizontalOverflow, otpFor } from './8-wallet-support.mjs';

const SOMCHAI_CID = '1109900123473'; // fixtures/wallet/demo-citizens.json (synthetic)
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a citizen registers at 375 px with the one-time code from the SMS outbox', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(`${BASE_URL}/wallet/register`);
  const mobile = `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await page.fill('#wr-cid', '1234567890123');
  await page.fill('#wr-name', 'ทดสอบ สมัครใหม่');
  await page.fill('#wr-birth', '1958-04-01');
  await page.fill('#wr-mobile', mobile);
  await page.fill('#wr-pass', 'Wallet2026');
  await page.locator('[data-testid=wallet-register] button[type=submit]').click();
  await page.waitForSelector('[data-testid=wallet-register] .alert-error, #wr-cid[aria-invalid=true]');
  await shot(page, 'wallet-375-register-bad-cid');
  await page.fill('#wr-cid', randomCid());
  await page.locator('[data-testid=wallet-register] button[type=submit]').click();
  await page.waitForSelector('[data-testid=wallet-otp]');
  await shot(page, 'wallet-375-register-otp');
  await page.fill('#wr-otp', await otpFor(mobile));
  await page.locator('[data-testid=wallet-otp] button[type=submit]').click();
  await page.waitForSelector('[data-testid=health-card] svg');
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scroll at 375 px');
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});

test('a citizen signs in, shows the Health ID, sees benefits, books, cancels and reads the ledger events about them', async () => {
  // a hospital refers Somchai: a ledger event about him (made through the staff API, not the point here)
  const { referral } = await api('clinician.buddhasothorn', 'POST', '/referrals', { patient: { cid: SOMCHAI_CID }, toHcode: '11138', reasonCode: '1', priority: 3 });
  const page = await openPage(browser, PHONE);
  await page.goto(`${BASE_URL}/wallet/login`);
  await shot(page, 'wallet-375-login');
  await page.click('[data-user="citizen.somchai"]');
  await page.locator('[data-testid=wallet-login] button[type=submit]').click();

  // Health ID: a QR and the short code, never the national ID
  await page.waitForSelector('[data-testid=health-card] svg');
  const shortCode = (await page.locator('[data-testid=short-code]').textContent()).trim();
  assert.match(shortCode, /^[0-9A-Z]{10}-\d{6}$/);
  assert.ok(!(await page.content()).includes(SOMCHAI_CID), 'the national ID is not on the page');
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scroll at 375 px');
  await shot(page, 'wallet-375-health-id');

  // benefits, with the reason and the rule's source
  await page.click('.wallet-nav a[href="/wallet/benefits"]');
  await page.waitForSelector('[data-testid=benefits] li');
  const benefits = await page.locator('[data-testid=benefits]').textContent();
  assert.match(benefits, /ไข้หวัดใหญ่/);
  assert.match(benefits, /อายุ 7\d ปี/);
  await shot(page, 'wallet-375-benefits');

  // book the first free flu-vaccine slot at the nearest unit
  await page.click('.wallet-nav a[href="/wallet/book"]');
  const slot = page.locator('[data-slot]').first();
  await slot.waitFor();
  const slotId = await slot.getAttribute('data-slot');
  await slot.click();
  await page.waitForSelector('.wcard .alert-ok[role=status]');
  assert.match(await page.locator('.wcard .alert-ok[role=status]').textContent(), /ที่นั่ง|seat/i);
  await shot(page, 'wallet-375-booked');

  // my bookings: cancel it
  await page.click('.wallet-nav a[href="/wallet/bookings"]');
  const mine = page.locator('[data-testid=my-bookings] li', { has: page.locator('.btn-danger') }).first();
  await mine.waitFor();
  await shot(page, 'wallet-375-bookings');
  await mine.locator('.btn-danger').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=my-bookings] li .pill')].some((p) => p.textContent.includes('ยกเลิกแล้ว')));
  await shot(page, 'wallet-375-cancelled');
  assert.ok(slotId.includes('flu-vaccine'));

  // history: the referral's ledger event, in Thai, with its transaction ID
  await page.click('.wallet-nav a[href="/wallet/history"]');
  await eventually(async () => {
    await page.waitForSelector('[data-testid=ledger-events], [data-testid=wallet] .alert', { timeout: 5000 });
    const text = (await page.locator('[data-testid=ledger-events]').textContent().catch(() => '')) ?? '';
    if (text.includes(referral.id)) return true;
    await page.reload();
    return false;
  }, { timeoutMs: 90_000, intervalMs: 1000 });
  const events = await page.locator('[data-testid=ledger-events]').textContent();
  assert.match(events, /สร้างใบส่งตัว/);
  assert.match(events, /[0-9a-f]{12}/, 'a transaction ID is shown');
  await shot(page, 'wallet-375-history');

  // near me: a tambon → units on the offline map
  await page.click('.wallet-nav a[href="/wallet/nearest"]');
  await page.locator('#wn-tambon option').nth(1).waitFor({ state: 'attached' });
  await page.selectOption('#wn-tambon', { index: 1 });
  await page.waitForSelector('[data-testid=nearest-units] li');
  await page.waitForSelector('[data-testid=nearest-map] path.leaflet-interactive');
  assert.equal(await page.locator('[data-testid=nearest-units] li').count(), 5);
  assert.equal(await page.locator('img.leaflet-tile').count(), 0, 'no map tiles');
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scroll at 375 px');
  await shot(page, 'wallet-375-nearest');

  // large text for older users
  await page.click('[data-testid=large-text]');
  await page.click('.wallet-nav a[href="/wallet"]');
  await page.waitForSelector('.wallet.large-text [data-testid=health-card] svg');
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scroll at 375 px in large text');
  await shot(page, 'wallet-375-large-text');
  await page.click('[data-testid=large-text]');

  await page.click('[data-testid=wallet-logout]');
  await page.waitForSelector('[data-testid=wallet-login]');
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});
