// Journeys: the village health volunteer (อสม.) of health centre 03903 records a home visit on her
// phone with the network switched off, then syncs when the signal is back; the health-centre officer
// countersigns it on her phone. Both at 375 px.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, api, eventually, launch, loginUi, openPage, randomCid, shot, waitForOutcome } from './support.mjs';

const ITEMS = ['feeding', 'grooming', 'transfer', 'toiletUse', 'mobility', 'dressing', 'stairs', 'bathing', 'bowels', 'bladder'];
const ADL_3 = { feeding: 2, grooming: 1, transfer: 0, toiletUse: 0, mobility: 0, dressing: 0, stairs: 0, bathing: 0, bowels: 0, bladder: 0 };

let browser;
let caseId;
let visitId;
before(async () => {
  browser = await launch();
  caseId = `C-e2e-${randomUUID()}`;
  await api('nurse.03903', 'POST', '/coc/cases', {
    caseId,
    healthCentreHcode: '03903',
    patient: { cid: randomCid() },
    adl: ADL_3,
    team: { volunteer: 'volunteer.03903', officer: 'nurse.03903', familyDoctor: 'familydoctor.bangkhla' },
    caseDetails: { address: '12 หมู่ 3 ต.บางคล้า', carePlan: { goals: ['ป้องกันแผลกดทับ'] } },
  });
  await eventually(async () => (await api('volunteer.03903', 'GET', '/coc/due?scope=mine')).items.some((i) => i.caseId === caseId));
});
after(async () => {
  await browser?.close();
});

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
}

test('the volunteer records a visit offline and it reaches the ledger once the signal is back', async () => {
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'volunteer.03903');
  await phone.click('[data-testid=nav-coc]');
  await phone.locator('[data-testid=coc-due-list] li', { hasText: caseId }).first().waitFor();
  await shot(phone, 'coc-due-volunteer-375');
  await noHorizontalScroll(phone);
  await phone.click('[data-testid=coc-new-visit]');
  await phone.waitForSelector('[data-testid=coc-visit-form]');

  // the village has no signal
  await phone.context().setOffline(true);
  await phone.locator('[data-testid=coc-online]', { hasText: 'ออฟไลน์' }).waitFor();
  await phone.fill('[data-testid=coc-case-id]', caseId);
  await phone.fill('[data-testid=coc-attendees]', 'อสม., ลูกสาวผู้ป่วย');
  for (const [i, item] of ITEMS.entries()) await phone.selectOption(`[data-testid=adl-${item}]`, i < 2 ? '1' : '0');
  assert.match(await phone.textContent('[data-testid=coc-adl-total]'), /2\/20/);
  await phone.fill('[data-testid=coc-care]', 'ทำแผล สอนญาติพลิกตัว');
  await phone.click('[data-testid=coc-save]');
  const saved = await phone.textContent('[data-testid=coc-saved]');
  visitId = /V-[0-9a-f-]+/.exec(saved)?.[0];
  assert.ok(visitId, 'the form shows the client-chosen visit id');
  assert.match(await phone.textContent('[data-testid=coc-pending-count]'), /รอส่ง 1 รายการ/);
  await shot(phone, 'coc-visit-offline-375');
  await noHorizontalScroll(phone);
  assert.equal((await api('nurse.03903', 'GET', `/coc/cases/${caseId}`)).case.visitCount, 0, 'nothing on the ledger while offline');

  // back in signal: the queue syncs by itself
  await phone.context().setOffline(false);
  await phone.locator('[data-testid=coc-pending-count]', { hasText: 'ไม่มีข้อมูลค้างส่ง' }).waitFor({ timeout: 45_000 });
  assert.match(await phone.textContent('[data-testid=coc-sync-report]'), /ส่งแล้ว 1/);
  const visit = (await api('nurse.03903', 'GET', `/coc/cases/${caseId}/visits/${visitId}`)).visit;
  assert.equal(visit.author.username, 'volunteer.03903');
  assert.equal(visit.status, 'recorded');
  assert.deepEqual(visit.adl, { score: 2, group: 'bedridden' });
  await shot(phone, 'coc-visit-synced-375');
  assert.deepEqual(phone.external, [], 'no request leaves localhost');
  await phone.context().close();
});

test('the health-centre officer countersigns the volunteer visit', async () => {
  assert.ok(visitId, 'the first journey recorded a visit');
  await eventually(async () => (await api('nurse.03903', 'GET', '/coc/visits/awaiting-countersign')).items.some((v) => v.id === visitId));
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'nurse.03903');
  await phone.click('[data-testid=nav-coc]');
  const button = phone.locator(`[data-testid="countersign-${visitId}"]`);
  await button.waitFor();
  await shot(phone, 'coc-countersign-officer-375');
  await noHorizontalScroll(phone);
  await button.click();
  await waitForOutcome(phone, '[data-testid=coc-countersign-done]', 45_000);
  const visit = (await api('nurse.03903', 'GET', `/coc/cases/${caseId}/visits/${visitId}`)).visit;
  assert.equal(visit.status, 'countersigned');
  assert.equal(visit.countersign.username, 'nurse.03903');
  assert.equal(visit.countersign.teamRole, 'officer');
  assert.match(BASE_URL, /^http/);
  assert.deepEqual(phone.external, [], 'no request leaves localhost');
  await phone.context().close();
});
