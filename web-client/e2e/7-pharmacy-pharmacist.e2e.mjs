// Journey: the Buddhasothorn hospital pharmacist opens the refills due at her unit, picks the plan a clinician
// made, fills the form from the plan's private items and dispenses cycle 1; the plan's history shows who
// dispensed, where and through which channel, and a second dispense of that cycle is no longer offered.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { BASE_URL, api, eventually, launch, loginUi, openPage, randomCid, shot } from './support.mjs';

const bangkokDay = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
let browser;
let planId;
before(async () => {
  browser = await launch();
  planId = `RX-e2e-${randomUUID().slice(0, 8)}`;
  await api('clinician.buddhasothorn', 'POST', '/pharmacy/plans', {
    planId,
    patient: { cid: randomCid() },
    startDate: bangkokDay(),
    intervalDays: 28,
    cycleCount: 3,
    channel: 'hospital-pharmacy',
    items: [{ tmtId: '990001', quantity: 180, sig: '1 เม็ด วันละ 2 ครั้ง หลังอาหาร' }, { tmtId: '990004', quantity: 90 }],
  });
  // the work list is the query store's projection of the PharmacyChanged events
  await eventually(async () => (await api('pharmacist.buddhasothorn', 'GET', '/pharmacy/worklist/due')).items.some((row) => row.planId === planId));
});
after(async () => {
  await browser?.close();
});

test('the pharmacist dispenses a due refill from the work list', async () => {
  const page = await openPage(browser);
  await loginUi(page, 'pharmacist.buddhasothorn');
  await page.click('[data-testid=nav-pharmacy]');
  const row = page.locator('[data-testid=worklist] li', { hasText: planId }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /รอบ\s*1|cycle\s*1/i);
  await shot(page, 'pharmacy-worklist-pharmacist');
  await row.locator('a').click();
  await page.waitForSelector('[data-testid=dispense-form]');
  await page.locator('[data-testid=cycle-1]').waitFor();
  // the prescribing hospital's pharmacist fills the form from the plan's private items
  await page.click('[data-testid=prefill]');
  await page.locator('[data-testid=item-qty-0]').waitFor();
  assert.equal(await page.inputValue('[data-testid=item-qty-0]'), '180');
  await shot(page, 'pharmacy-dispense-form');
  await page.click('[data-testid=dispense]');
  await page.locator('[data-testid=pharmacy-notice]').waitFor();
  assert.match(await page.textContent('[data-testid=pharmacy-notice]'), /บันทึกการจ่ายยาแล้ว|Dispense recorded/);
  const cycle1 = page.locator('[data-testid=cycle-1]');
  await eventually(async () => /pharmacist\.buddhasothorn/.test(await cycle1.textContent()));
  assert.match(await cycle1.textContent(), /10697/);
  // the form now offers cycle 2: cycle 1 is not offered twice
  assert.match(await page.textContent('#dispense-title'), /2/);
  await shot(page, 'pharmacy-dispensed');

  const plan = await api('clinician.buddhasothorn', 'GET', `/pharmacy/plans/${planId}`);
  const c1 = plan.cycles.find((c) => c.cycle === 1);
  assert.equal(c1.status, 'dispensed');
  assert.equal(c1.dispense.dispenser.name, 'pharmacist.buddhasothorn');
  assert.equal(c1.dispense.channel, 'hospital-pharmacy');
  await assert.rejects(
    api('pharmacist.bangkhla', 'POST', `/pharmacy/plans/${planId}/cycles/1/dispense`, { items: [{ tmtId: '990001', quantity: 180 }] }),
    (e) => e.status === 409 && e.code === 'ALREADY_DISPENSED',
  );
  assert.deepEqual(page.external, [], `no request leaves ${BASE_URL}`);
  await page.context().close();
});
