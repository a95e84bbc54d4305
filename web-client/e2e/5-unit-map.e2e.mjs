// The map of the province's 130 units works with no internet: no tile server, nothing fetched
// outside localhost; every unit is a marker and is also listed for keyboard users.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, loginUi, openPage, shot } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('unit map draws 130 units offline', async () => {
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'nurse.03998');
  await page.click('[data-testid=nav-map]');
  await page.waitForSelector('[data-testid=unit-map] path.leaflet-interactive');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=unit-list] li button').length === 130);
  const markers = await page.locator('[data-testid=unit-map] path.leaflet-interactive').count();
  assert.ok(markers >= 130, `130 unit markers plus district outlines (${markers} shapes)`);
  assert.equal(await page.locator('img.leaflet-tile').count(), 0, 'no map tiles');
  await shot(page, 'map-overview-desktop');
  await page.fill('#unit-filter', 'บางคล้า');
  await page.locator('[data-testid=unit-list] li button').first().click();
  await page.waitForSelector('.leaflet-popup-content');
  await shot(page, 'map-unit-desktop');

  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'nurse.03998');
  await phone.goto(`${BASE_URL}/map`);
  await phone.waitForSelector('[data-testid=unit-map] path.leaflet-interactive');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
  await shot(phone, 'map-375');

  assert.deepEqual([...page.external, ...phone.external], [], 'no request leaves localhost');
  await phone.context().close();
  await page.context().close();
});
