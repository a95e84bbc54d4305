// Journey: the provincial manager opens the KPI dashboard (12 indicators, one chart each with its target line),
// opens the records behind one figure (pseudonymous, with ledger transaction IDs), and a hospital director sees
// their own hospital only. Richer with `npm run demo:year` loaded; works on an empty store too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, SCREENSHOT_DIR, api, createReferral, launch, loginUi, openPage, shot, waitForOutcome } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
  // one live referral on the ledger this month, so the drill-down has a record with a transaction ID
  const referral = await createReferral('clinician.bangkhla', { toHcode: '10697', priority: 3 });
  await api('nurse.buddhasothorn', 'POST', `/referrals/${referral.id}/receive`, {});
});
after(async () => {
  await browser?.close();
});

test('the provincial manager reads the 12 indicators and the records behind one figure', async () => {
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'manager.pho');
  await page.click('[data-testid=nav-kpi]');
  await waitForOutcome(page, '[data-testid=kpi-card-visited-per-standard]', 60_000);
  assert.equal(await page.locator('[data-testid^=kpi-card-]').count(), 12, 'one card per indicator');
  // every chart with data is an SVG drawn by Vega, with a table alternative
  await page.waitForSelector('[data-testid=kpi-card-referral-hospitals] .kpi-chart svg', { timeout: 30_000 });
  assert.ok((await page.locator('.kpi-chart svg').count()) >= 1);
  assert.ok((await page.locator('.kpi-table table').count()) >= 1);
  assert.match(await page.textContent('[data-testid=kpi-scope]'), /จังหวัดฉะเชิงเทรา/);
  assert.ok((await page.locator('[data-testid=kpi-by-hospital] tbody tr').count()) === 11, 'a row per hospital');
  await page.waitForTimeout(500);
  await shot(page, 'kpi-dashboard-desktop');

  // drill-down through the table alternative (keyboard-reachable): this month's referrals of the province
  const card = page.locator('[data-testid=kpi-card-referral-quality-care]');
  await card.locator('summary').click();
  await card.locator('[data-testid^=drill-referral-quality-care-]').last().click();
  await waitForOutcome(page, '[data-testid=kpi-records] tbody tr');
  const text = await page.textContent('[data-testid=kpi-records]');
  assert.match(text, /[0-9a-f]{64}/, 'a ledger transaction ID is listed');
  await page.locator('[data-testid=kpi-records]').scrollIntoViewIfNeeded();
  await shot(page, 'kpi-drilldown-desktop');
  await page.locator('[data-testid=kpi-records]').screenshot({ path: `${SCREENSHOT_DIR}/kpi-drilldown-panel.png` });

  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'director.bangkhla');
  await phone.goto(`${BASE_URL}/kpi`);
  await waitForOutcome(phone, '[data-testid=kpi-card-visited-per-standard]', 60_000);
  assert.match(await phone.textContent('[data-testid=kpi-scope]'), /บางคล้า/);
  assert.equal(await phone.locator('[data-testid=kpi-hospital]').count(), 0, 'a director cannot pick another hospital');
  await shot(phone, 'kpi-director-375');

  assert.deepEqual([...page.external, ...phone.external], [], 'no request leaves localhost');
  await phone.context().close();
  await page.context().close();
});

test('a citizen answers the short survey in the wallet, once a month', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(`${BASE_URL}/wallet/login`);
  await page.click('[data-user="citizen.malee"]');
  await page.locator('[data-testid=wallet-login] button[type=submit]').click();
  await page.waitForSelector('[data-testid=nav-survey]');
  await page.click('[data-testid=nav-survey]');
  await page.waitForSelector('[data-testid=survey-unit] option[value="11138"]', { state: 'attached' });
  await page.selectOption('[data-testid=survey-unit]', '11138');
  await page.check('[data-testid=survey-sat-4]');
  await page.check('[data-testid=survey-hap-8]');
  await shot(page, 'kpi-survey-375');
  await page.click('[data-testid=survey-send]');
  await page.waitForSelector('[data-testid=survey-thanks]');
  // the same month again: refused with a clear message, nothing counted twice
  await page.goto(`${BASE_URL}/wallet/survey`);
  await page.waitForSelector('[data-testid=survey-unit] option[value="11138"]', { state: 'attached' });
  await page.selectOption('[data-testid=survey-unit]', '11138');
  await page.check('[data-testid=survey-sat-5]');
  await page.click('[data-testid=survey-send]');
  await page.waitForSelector('[role=alert]');
  assert.match(await page.textContent('[role=alert]'), /ตอบแบบสำรวจนี้แล้ว/);
  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});
