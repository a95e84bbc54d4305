// Journey: the nurse of health centre 03998 (Bang Khla district), on her phone, sees the
// back-referral from Buddhasothorn in her inbox and accepts it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, api, createReferral, eventually, launch, loginUi, openPage, waitForOutcome, shot } from './support.mjs';

let browser;
let back;
before(async () => {
  browser = await launch();
  const parent = await createReferral('clinician.bangkhla', { toHcode: '10697', priority: 2, fastTrack: '02', clinicalSummary: { diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction, unspecified' }] } });
  await api('nurse.buddhasothorn', 'POST', `/referrals/${parent.id}/accept`, {});
  back = (await api('clinician.buddhasothorn', 'POST', `/referrals/${parent.id}/back-referral`, {
    toHcode: '03998',
    priority: 5,
    clinicalSummary: { diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction, unspecified' }], history: 'กายภาพบำบัดต่อเนื่องที่บ้าน' },
  })).referral;
  await eventually(async () => (await api('nurse.03998', 'GET', `/referrals?direction=incoming&q=${back.id}`)).items.some((x) => x.id === back.id));
});
after(async () => {
  await browser?.close();
});

test('health-centre nurse sees the back-referral to her unit and accepts it', async () => {
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'nurse.03998');
  await phone.waitForSelector('[data-testid=home-inbox]');
  await shot(phone, 'home-health-centre-375');
  await phone.click('[data-testid=nav-inbox]');
  const card = phone.locator(`[data-testid=inbox-list] [data-referral-id="${back.id}"]`);
  await card.waitFor();
  const text = await card.textContent();
  assert.match(text, /ส่งกลับ/, 'marked as a back-referral');
  assert.match(text, /พุทธโสธร/, 'from Buddhasothorn');
  assert.match(text, /ดูแล(ต่อ)?ใกล้บ้าน/, 'reason 4: care close to home');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
  await shot(phone, 'inbox-health-centre-375');

  await card.locator('[data-testid=quick-accept]').click();
  await waitForOutcome(phone, '[data-testid=inbox-done]', 45_000);
  assert.equal(await card.getAttribute('data-status'), 'accepted');

  await card.locator('a.card-title').click();
  await phone.waitForSelector('[data-testid=answer]');
  await phone.click('[data-testid=show-summary]');
  await phone.waitForSelector('[data-testid=summary-diagnoses], app-problem-alert .alert');
  await shot(phone, 'referral-detail-health-centre-375');

  // the same inbox in English on a desktop
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'nurse.03998');
  await page.click('[data-testid=lang-switch]');
  await page.goto(`${BASE_URL}/inbox`);
  await page.selectOption('#inbox-status', '');
  await page.locator(`[data-testid=inbox-list] [data-referral-id="${back.id}"]`).waitFor();
  assert.match(await page.textContent('h1'), /Incoming referrals/);
  assert.match(await page.locator(`[data-referral-id="${back.id}"]`).textContent(), /20\d\d/, 'English dates in the Common era');
  await shot(page, 'inbox-health-centre-en-desktop');

  assert.deepEqual([...phone.external, ...page.external], [], 'no request leaves localhost');
  await page.context().close();
  await phone.context().close();
});
