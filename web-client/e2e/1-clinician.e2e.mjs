// Journey: a Bang Khla clinician refers a stroke patient to Buddhasothorn on the fast track and
// sees the referral in her outgoing list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, loginUi, openPage, waitForOutcome, randomCid, shot } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('clinician creates a fast-track referral and sees it in her outgoing list', async () => {
  const page = await openPage(browser, DESKTOP);
  await page.goto(`${BASE_URL}/`);
  await page.waitForSelector('[data-testid=login-form]');
  assert.equal(await page.getAttribute('html', 'lang'), 'th');
  await shot(page, 'login-desktop');

  await loginUi(page, 'clinician.bangkhla');
  await page.waitForSelector('[data-testid=home-new]');
  await shot(page, 'home-clinician-desktop');

  await page.click('[data-testid=nav-new]');
  await page.waitForSelector('[data-testid=referral-form]');

  // the check digit is validated in the browser before anything is sent
  const cid = randomCid();
  const wrong = cid.slice(0, 12) + String((Number(cid[12]) + 1) % 10);
  await page.fill('[data-testid=cid]', wrong);
  await page.waitForSelector('#cid-msg .field-error');
  assert.match(await page.textContent('#cid-msg'), /หลักตรวจสอบ/);
  await page.fill('[data-testid=cid]', cid);
  await page.waitForSelector('#cid-msg .field-ok');

  // destination by searching its name, then by keyboard
  await page.fill('[data-testid=unit-picker]', 'พุทธโสธร');
  await page.waitForSelector('[role=option][data-value="10697"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=destination]');
  assert.match(await page.textContent('[data-testid=destination]'), /10697/);

  await page.selectOption('[data-testid=fast-track]', '02');
  await page.check('[data-testid=priority-1]');

  await page.fill('[data-testid=icd-picker]', 'I63');
  await page.waitForSelector('[role=option][data-value="I63.9"]');
  await page.click('[role=option][data-value="I63.9"]');
  await page.waitForSelector('[data-testid=diagnoses] >> text=I63.9');
  await page.fill('#vital-heartRate', '112');
  await page.fill('#vital-systolic', '182');
  await page.fill('#vital-diastolic', '104');
  await page.fill('#vital-spo2', '95');
  await page.fill('#clinical-history', 'อ่อนแรงซีกขวา เริ่มมีอาการ 1 ชั่วโมงก่อนมา');
  await shot(page, 'referral-form-desktop');

  await page.click('[data-testid=submit-referral]');
  await waitForOutcome(page, '[data-testid=created-banner]', 45_000);
  const id = (await page.textContent('[data-testid=created-banner] code')).trim();
  assert.match(id, /^R-/);
  const card = page.locator(`[data-testid=outgoing-list] [data-referral-id="${id}"]`);
  await card.waitFor({ timeout: 30_000 });
  assert.equal(await card.getAttribute('data-status'), 'requested');
  const text = await card.textContent();
  assert.match(text, /Stroke|หลอดเลือดสมอง/);
  assert.match(text, /โรงพยาบาลพุทธโสธร/);
  assert.match(text, /25\d\d/, 'Thai dates are in the Buddhist era');
  await shot(page, 'outgoing-desktop');

  // the referral page shows the answer section and the signed create step
  await card.locator('a.card-title').click();
  await page.waitForSelector('[data-testid=answer]');
  assert.equal((await page.textContent('[data-testid=detail-id]')).trim(), id);
  await page.waitForSelector('[data-testid=act-cancel]');
  await shot(page, 'referral-detail-clinician-desktop');

  // English switch
  await page.click('[data-testid=lang-switch]');
  await page.waitForSelector('text=Receiving unit’s answer');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('[data-testid=lang-switch]');

  // phone width
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'clinician.bangkhla');
  await phone.goto(`${BASE_URL}/referrals/new`);
  await phone.waitForSelector('[data-testid=referral-form]');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
  await shot(phone, 'referral-form-375');
  await phone.goto(`${BASE_URL}/referrals/outgoing`);
  await phone.locator(`[data-referral-id="${id}"]`).waitFor({ timeout: 30_000 });
  await shot(phone, 'outgoing-375');

  assert.deepEqual([...page.external, ...phone.external], [], 'no request leaves localhost');
  await phone.context().close();
  await page.context().close();
});
