// The unit desk on a 375 px phone: a nurse publishes a session for today, a citizen books it, the nurse types
// the citizen's Health ID short code, sees the booking, and checks the citizen in; a forged code is refused.
// Screenshots: wallet-desk-375-*.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, loginUi, openPage, shot } from './support.mjs';
import { horizontalOverflow, newCitizen, thaiNow, walletApi } from './8-wallet-support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the desk publishes a session, opens a citizen by Health ID short code and checks them in', async (t) => {
  const now = thaiNow();
  if (now.time >= '23:40') {
    t.skip('too close to midnight in Thailand to publish a session for today');
    return;
  }
  const page = await openPage(browser, PHONE);
  await loginUi(page, 'nurse.buddhasothorn');
  await page.goto(`${BASE_URL}/wallet/desk`);
  await page.waitForSelector('[data-testid=publish-session]');

  // publish a general check-up session today at 23:50 (no weekly template at that hour)
  await page.selectOption('#ws-service', 'general-checkup');
  await page.fill('#ws-date', now.date);
  await page.fill('#ws-times', '23:50');
  await page.fill('#ws-capacity', '4');
  await page.locator('[data-testid=publish-session] button[type=submit]').click();
  await page.waitForSelector('[data-testid=desk-sessions] .alert-ok, [data-testid=desk-sessions] .alert-error');
  const slotId = `10697.general-checkup.${now.date.replaceAll('-', '')}.2350`;
  const published = await page.locator('[data-testid=desk-sessions] .alert-error').textContent().catch(() => '');
  assert.ok(published === '' || published.includes('SESSION_EXISTS'), `published, or already there from an earlier run: ${published}`);
  await page.waitForSelector(`[data-session="10697.general-checkup.${now.date.replaceAll('-', '')}"]`);
  assert.ok((await horizontalOverflow(page)) <= 1, 'no sideways scroll at 375 px');
  await shot(page, 'wallet-desk-375-session');

  // a citizen books it (API) and shows the Health ID short code
  const citizen = await newCitizen();
  await walletApi('POST', '/me/bookings', { slotId }, citizen.token);
  const card = await walletApi('GET', '/me/health-id', undefined, citizen.token);

  // a forged code is refused with its code
  await page.fill('[data-testid=desk-proof]', `${card.healthId}-000000`);
  await page.locator('form:has([data-testid=desk-proof]) button[type=submit]').click();
  await page.waitForSelector('.alert-error[role=alert]');
  assert.match(await page.locator('.alert-error[role=alert]').first().textContent(), /HEALTH_ID_INVALID/);
  await shot(page, 'wallet-desk-375-forged');

  // the real short code opens the context (never the national ID), then check in
  await page.fill('[data-testid=desk-proof]', card.shortCode);
  await page.locator('form:has([data-testid=desk-proof]) button[type=submit]').click();
  await page.waitForSelector('[data-testid=desk-context]');
  const context = await page.locator('[data-testid=desk-context]').textContent();
  assert.match(context, /ผู้ทดสอบ เดสก์/);
  assert.match(context, /23:50/);
  assert.ok(!(await page.content()).includes(citizen.cid), 'the national ID is not on the page');
  await shot(page, 'wallet-desk-375-context');
  await page.locator('[data-testid=desk-context] .btn-primary').click();
  await page.waitForSelector('[data-testid=desk-checked-in]');
  await shot(page, 'wallet-desk-375-checked-in');
  const mine = await walletApi('GET', '/me/bookings', undefined, citizen.token);
  assert.equal(mine.bookings.find((b) => b.slotId === slotId)?.status, 'checked-in');
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});
