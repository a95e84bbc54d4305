// Journey: the Buddhasothorn referral nurse finds the new fast-track referral at the top of her
// inbox and accepts it; rejects another with a coded reason; marks arrival and completion; a
// Buddhasothorn clinician then back-refers the patient to his health centre. Also measures the
// time from navigation start to the first render of the inbox list.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, SCREENSHOT_DIR, api, createReferral, eventually, launch, loginUi, openPage, waitForOutcome, shot } from './support.mjs';

let browser;
let routine;
let fastTrack;
before(async () => {
  browser = await launch();
  // a life-threatening referral without fast track first, then a fast-track one: fast track goes first
  routine = await createReferral('clinician.bangkhla', { toHcode: '10697', priority: 1, reasonCode: '2', clinicalSummary: { diagnoses: [{ icd10: 'J18.9', display: 'Pneumonia, unspecified' }] } });
  fastTrack = await createReferral('clinician.bangkhla', {
    toHcode: '10697', priority: 1, fastTrack: '01', patientCategory: 'E', careDuringTransfer: ['1', '3'],
    clinicalSummary: { diagnoses: [{ icd10: 'I21.9', display: 'Acute myocardial infarction, unspecified' }], vitalSigns: { heartRate: 118, systolic: 88, diastolic: 54, spo2: 91 } },
  });
  // both projected into the query store (it follows the ledger a moment later)
  for (const r of [routine, fastTrack]) {
    await eventually(async () => (await api('nurse.buddhasothorn', 'GET', `/referrals?direction=incoming&q=${r.id}`)).items.some((x) => x.id === r.id));
  }
});
after(async () => {
  await browser?.close();
});

test('Buddhasothorn nurse sees the fast-track referral first in her inbox and accepts it', async () => {
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'nurse.buddhasothorn');

  // time to first render of the inbox: navigation start → list visible (a full page load)
  await page.goto(`${BASE_URL}/inbox`);
  const firstRenderMs = await page.waitForFunction(() => {
    const list = document.querySelector('[data-testid=inbox-list] li');
    return list ? performance.now() : false;
  }, undefined, { polling: 'raf' }).then((h) => h.jsonValue());
  const nav = await page.evaluate(() => {
    const e = performance.getEntriesByType('navigation')[0];
    const list = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/referrals?'));
    return {
      domContentLoaded: Math.round(e.domContentLoadedEventEnd),
      load: Math.round(e.loadEventEnd),
      listRequestStartMs: list ? Math.round(list.startTime) : null,
      listResponseMs: list ? Math.round(list.responseEnd - list.startTime) : null,
    };
  });
  const timing = { inboxFirstRenderMs: Math.round(firstRenderMs), ...nav, baseUrl: BASE_URL, at: new Date().toISOString() };
  writeFileSync(path.join(SCREENSHOT_DIR, '..', 'web-timing.json'), JSON.stringify(timing, null, 2));
  console.log(`inbox first render: ${timing.inboxFirstRenderMs} ms after navigation start (DOMContentLoaded ${nav.domContentLoaded} ms; list request sent at ${nav.listRequestStartMs} ms, answered in ${nav.listResponseMs} ms)`);

  const cards = page.locator('[data-testid=inbox-list] > li');
  assert.equal(await cards.first().getAttribute('data-referral-id'), fastTrack.id, 'the new fast-track referral is first');
  const ids = await cards.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-referral-id'), fast: e.classList.contains('is-fast') })));
  const firstRoutine = ids.findIndex((c) => !c.fast);
  assert.ok(firstRoutine === -1 || ids.slice(firstRoutine).every((c) => !c.fast), 'every fast-track referral comes before the others');
  await shot(page, 'inbox-nurse-desktop');

  const card = page.locator(`[data-testid=inbox-list] [data-referral-id="${fastTrack.id}"]`);
  assert.match(await card.textContent(), /STEMI/);
  await card.locator('[data-testid=quick-accept]').click();
  await waitForOutcome(page, '[data-testid=inbox-done]', 45_000);
  assert.equal(await card.getAttribute('data-status'), 'accepted');

  // reject the routine one with a coded reason, from its page
  await page.goto(`${BASE_URL}/referrals/${routine.id}`);
  await page.click('[data-testid=act-reject]');
  await page.selectOption('[data-testid=reject-reason]', 'no-bed');
  await page.fill('[data-testid=action-text]', 'ICU เต็ม แนะนำส่ง รพ.พนมสารคาม');
  await shot(page, 'reject-form-desktop');
  await page.click('[data-testid=submit-action]');
  await waitForOutcome(page, '[data-testid=rejection]', 45_000);
  assert.match(await page.textContent('[data-testid=rejection]'), /No bed available/);

  // arrival and completion of the accepted one
  await page.goto(`${BASE_URL}/referrals/${fastTrack.id}`);
  await page.click('[data-testid=act-arrive]');
  await waitForOutcome(page, '[data-testid=act-complete]');
  await page.click('[data-testid=act-complete]');
  await page.fill('[data-testid=action-text]', 'PCI สำเร็จ');
  await page.click('[data-testid=submit-action]');
  // the previous step's "done" marker may still be on screen: wait for the completed status itself
  await waitForOutcome(page, '[data-testid=detail-status] span.status-completed', 45_000);
  assert.equal(await page.getAttribute('[data-testid=detail-status] span', 'class').then((c) => c.includes('status-completed')), true);
  await shot(page, 'referral-detail-nurse-desktop');

  // the inbox at phone width
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'nurse.buddhasothorn');
  await phone.goto(`${BASE_URL}/inbox`);
  await phone.waitForSelector('[data-testid=inbox-list] li');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
  await shot(phone, 'inbox-nurse-375');

  assert.deepEqual([...page.external, ...phone.external], [], 'no request leaves localhost');
  await phone.context().close();
  await page.context().close();
});

test('a Buddhasothorn clinician back-refers the patient to the health centre near home', async () => {
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'clinician.buddhasothorn');
  await page.goto(`${BASE_URL}/referrals/${fastTrack.id}`);
  await page.click('[data-testid=act-back-referral]');
  await page.fill('[data-testid=health-centre-picker]', '03998');
  await page.waitForSelector('[role=option][data-value="03998"]');
  await page.click('[role=option][data-value="03998"]');
  await page.waitForSelector('[data-testid=back-destination]');
  await page.fill('[data-testid=back-referral-form] [data-testid=icd-picker]', 'I21');
  await page.waitForSelector('[data-testid=back-referral-form] [role=option]');
  await page.keyboard.press('Enter');
  await shot(page, 'back-referral-form-desktop');
  await page.click('[data-testid=submit-back-referral]');
  await waitForOutcome(page, '[data-testid=back-referral-done]', 45_000);
  const text = await page.textContent('[data-testid=back-referral-done]');
  assert.match(text, /03998|รพ\.สต\.|ส่งเสริมสุขภาพ/);
  assert.deepEqual(page.external, []);
  await page.context().close();
});
