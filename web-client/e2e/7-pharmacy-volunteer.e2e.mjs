// Journey (phone, 375 px): the village health volunteer (อสม.) of health centre 03882 picks up a refill the
// Buddhasothorn pharmacist dispensed for delivery, sees it in "deliveries I carry", and hands it over to the
// patient, confirmed with the patient's one-time code. Each step is a ledger event signed by the volunteer.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PHONE, api, eventually, launch, loginUi, openPage, randomCid, shot } from './support.mjs';

const bangkokDay = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const ITEMS = [{ tmtId: '990001', quantity: 180 }];
let browser;
let planId;
let code;
before(async () => {
  browser = await launch();
  planId = `RX-e2e-${randomUUID().slice(0, 8)}`;
  await api('clinician.buddhasothorn', 'POST', '/pharmacy/plans', {
    planId, patient: { cid: randomCid() }, startDate: bangkokDay(), intervalDays: 28, cycleCount: 3, channel: 'volunteer', items: ITEMS,
  });
  const dispensed = await api('pharmacist.buddhasothorn', 'POST', `/pharmacy/plans/${planId}/cycles/1/dispense`, { items: ITEMS });
  code = dispensed.confirmationCode;
  assert.ok(code, 'a volunteer delivery gets a one-time confirmation code');
});
after(async () => {
  await browser?.close();
});

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
}

test('the volunteer picks up a refill and hands it over to the patient (375 px)', async () => {
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'volunteer.03882');
  await phone.click('[data-testid=nav-pharmacy]');
  await phone.fill('[data-testid=plan-id]', planId);
  await phone.click('[data-testid=open-plan]');
  await phone.locator('[data-testid=custody-picked-up]').waitFor();
  await shot(phone, 'pharmacy-volunteer-pickup-375');
  await noHorizontalScroll(phone);
  await phone.click('[data-testid=custody-picked-up]');
  await phone.locator('[data-testid=pharmacy-notice]', { hasText: /อสม\. รับยาแล้ว|Picked up/ }).waitFor();

  // "deliveries I carry" (the query store's projection) lists it
  await eventually(async () => (await api('volunteer.03882', 'GET', '/pharmacy/worklist/deliveries')).items.some((row) => row.planId === planId));
  await phone.click('[data-testid=nav-pharmacy]');
  const row = phone.locator('[data-testid=worklist] li', { hasText: planId }).first();
  await row.waitFor();
  await shot(phone, 'pharmacy-volunteer-deliveries-375');
  await noHorizontalScroll(phone);
  await row.locator('a').click();

  await phone.locator('#code-1').waitFor();
  await phone.fill('#code-1', code);
  await phone.click('[data-testid=custody-delivered]');
  await phone.locator('[data-testid=pharmacy-notice]', { hasText: /ผู้ป่วยได้รับยาแล้ว|Delivered/ }).waitFor();
  await eventually(async () => /ผู้ป่วยได้รับยาแล้ว|Delivered/.test(await phone.textContent('[data-testid=custody-1]')));
  await shot(phone, 'pharmacy-volunteer-delivered-375');
  await noHorizontalScroll(phone);

  const plan = await api('clinician.buddhasothorn', 'GET', `/pharmacy/plans/${planId}`);
  const custody = plan.cycles.find((c) => c.cycle === 1).custody;
  assert.equal(custody.status, 'delivered');
  assert.deepEqual(custody.steps.map((s) => [s.step, s.by.name]), [['picked-up', 'volunteer.03882'], ['delivered', 'volunteer.03882']]);
  assert.deepEqual(phone.external, [], 'no request leaves localhost');
  await phone.context().close();
});
