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
let closedCaseId;
let visitId;
const newCase = async (id) => {
  await api('nurse.03903', 'POST', '/coc/cases', {
    caseId: id,
    healthCentreHcode: '03903',
    patient: { cid: randomCid() },
    adl: ADL_3,
    team: { volunteer: 'volunteer.03903', officer: 'nurse.03903', familyDoctor: 'familydoctor.bangkhla' },
    caseDetails: { address: '12 หมู่ 3 ต.บางคล้า', carePlan: { goals: ['ป้องกันแผลกดทับ'] } },
  });
};
before(async () => {
  browser = await launch();
  caseId = `C-e2e-${randomUUID()}`;
  closedCaseId = `C-e2e-${randomUUID()}`;
  await newCase(caseId);
  await newCase(closedCaseId);
  await eventually(async () => (await api('volunteer.03903', 'GET', '/coc/due?scope=mine')).items.some((i) => i.caseId === caseId));
});
after(async () => {
  await browser?.close();
});

/** In the page: runs `fn(store)` on the offline queue's IndexedDB store and resolves with its request's result. */
const IDB_HELPER = `window.idbVisits = (mode, fn) => new Promise((resolve, reject) => {
  const open = indexedDB.open('cco-coc-offline');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('visits', mode);
    const req = fn(tx.objectStore('visits'));
    tx.oncomplete = () => { db.close(); resolve(req.result); };
    tx.onerror = () => reject(tx.error);
  };
});`;

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
}

/** Fills and saves the visit form for `id`; returns the client-chosen visit id the form shows. */
async function recordVisit(phone, id, care, previousId = null) {
  await phone.fill('[data-testid=coc-case-id]', id);
  await phone.fill('[data-testid=coc-attendees]', 'อสม., ลูกสาวผู้ป่วย');
  for (const [i, item] of ITEMS.entries()) await phone.selectOption(`[data-testid=adl-${item}]`, i < 2 ? '1' : '0');
  assert.match(await phone.textContent('[data-testid=coc-adl-total]'), /2\/20/);
  await phone.fill('[data-testid=coc-care]', care);
  await phone.click('[data-testid=coc-save]');
  const saved = phone.locator('[data-testid=coc-saved]', { hasText: 'V-' });
  await saved.waitFor();
  if (previousId !== null) await phone.waitForFunction((prev) => !document.querySelector('[data-testid=coc-saved]')?.textContent?.includes(prev), previousId);
  const newId = /V-[0-9a-f-]+/.exec(await saved.textContent())?.[0];
  assert.ok(newId, 'the form shows the client-chosen visit id');
  return newId;
}

test('the volunteer records visits offline (app started without signal) and they reach the ledger once the signal is back', async () => {
  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'volunteer.03903');
  await phone.click('[data-testid=nav-coc]');
  await phone.locator('[data-testid=coc-due-list] li', { hasText: caseId }).first().waitFor();
  // Angular's service worker has the whole app on the phone before she leaves for the village
  await phone.locator('[data-testid=coc-offline-ready]', { hasText: 'พร้อมใช้งานแบบไม่มีสัญญาณ' }).waitFor({ timeout: 60_000 });
  await shot(phone, 'coc-due-volunteer-375');
  await noHorizontalScroll(phone);
  await phone.click('[data-testid=coc-new-visit]');
  await phone.waitForSelector('[data-testid=coc-visit-form]');

  // the village has no signal, and the page is opened afresh there: the service worker serves the app
  await phone.context().setOffline(true);
  await phone.reload();
  await phone.waitForSelector('[data-testid=coc-visit-form]');
  await phone.locator('[data-testid=coc-online]', { hasText: 'ออฟไลน์' }).waitFor();
  visitId = await recordVisit(phone, caseId, 'ทำแผล สอนญาติพลิกตัว');
  await phone.locator('[data-testid=coc-pending-count]', { hasText: 'รอส่ง 1 รายการ' }).waitFor();
  await phone.addScriptTag({ content: IDB_HELPER });
  const queuedCopy = await phone.evaluate((id) => idbVisits('readonly', (store) => store.get(id)), visitId);
  assert.equal(queuedCopy.visit.visitId, visitId);
  // a second visit, to a patient whose case the nurse closes while the phone is still offline
  const lateVisitId = await recordVisit(phone, closedCaseId, 'วัดความดัน', visitId);
  await phone.locator('[data-testid=coc-pending-count]', { hasText: 'รอส่ง 2 รายการ' }).waitFor();
  await shot(phone, 'coc-visit-offline-375');
  await noHorizontalScroll(phone);
  assert.equal((await api('nurse.03903', 'GET', `/coc/cases/${caseId}`)).case.visitCount, 0, 'nothing on the ledger while offline');
  await api('nurse.03903', 'POST', `/coc/cases/${closedCaseId}/close`, { reason: 'ผู้ป่วยย้ายไปอยู่กับลูก' });

  // back in signal: the queue syncs by itself; the visit to the closed case is a conflict kept on the phone
  await phone.context().setOffline(false);
  await phone.locator('[data-testid=coc-pending-count]', { hasText: 'ไม่มีข้อมูลค้างส่ง' }).waitFor({ timeout: 45_000 });
  assert.match(await phone.textContent('[data-testid=coc-sync-report]'), /ส่งแล้ว 1 รายการ · มีอยู่แล้ว 0 · ส่งไม่ผ่าน 1/);
  const conflicts = await phone.textContent('[data-testid=coc-conflicts]');
  assert.match(conflicts, /ส่งไม่ผ่าน 1 รายการ \(ข้อมูลยังอยู่ในเครื่อง\)/);
  assert.match(conflicts, /เคสนี้ปิดไปแล้วระหว่างที่บันทึกแบบออฟไลน์/);
  assert.ok(conflicts.includes(lateVisitId) && conflicts.includes('COC_CASE_CLOSED'), 'the refused visit is named, with its code');
  assert.equal((await api('nurse.03903', 'GET', `/coc/cases/${closedCaseId}`)).case.visitCount, 0, 'nothing written to the closed case');
  const visit = (await api('nurse.03903', 'GET', `/coc/cases/${caseId}/visits/${visitId}`)).visit;
  assert.equal(visit.author.username, 'volunteer.03903');
  assert.equal(visit.status, 'recorded');
  assert.deepEqual(visit.adl, { score: 2, group: 'bedridden' });
  await shot(phone, 'coc-visit-synced-375');

  // a sync whose answer was lost: the phone still holds the visit as waiting; sending it again (same
  // client-chosen id, same content) is counted as already recorded and writes nothing new
  await phone.evaluate((item) => idbVisits('readwrite', (store) => store.put(item)), queuedCopy);
  await phone.reload();
  await phone.locator('[data-testid=coc-sync-report]', { hasText: 'มีอยู่แล้ว 1' }).waitFor({ timeout: 45_000 });
  await phone.locator('[data-testid=coc-pending-count]', { hasText: 'ไม่มีข้อมูลค้างส่ง' }).waitFor();
  assert.equal((await api('nurse.03903', 'GET', `/coc/cases/${caseId}`)).case.visitCount, 1, 'the repeated sync wrote nothing');
  assert.ok((await phone.textContent('[data-testid=coc-conflicts]')).includes(lateVisitId), 'the refused visit is still on the phone');
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
