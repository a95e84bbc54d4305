// Smart EMS 1669 journeys, three people in three browsers: the 1669 dispatcher records a call by tambon, gets the
// red triage colour and the Thai first-aid cards, and dispatches the recommended ALS unit; the unit's crew moves it
// through its milestones, lets the simulated devices publish GPS and a deteriorating patient's vital signs, takes the
// patient to Buddhasothorn and signs the hand-over; the ER physician there watches the live vital-sign chart and
// co-signs the hand-over on the ledger. Screenshots: the live map, the crew's view, the ER board with the chart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, api, eventually, launch, loginUi, openPage, shot, waitForOutcome } from './support.mjs';

const ER_HCODE = '10697';
let browser;
let caseId;
let unitId;
let crewUser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the dispatcher records a red call, reads first aid and dispatches the nearest ALS unit', async () => {
  const page = await openPage(browser);
  await loginUi(page, 'dispatcher.1669');
  await page.click('[data-testid=nav-ems]');
  await page.goto(`${BASE_URL}/ems/dispatch`);
  await page.waitForSelector('[data-testid=intake-form]');
  await page.fill('[data-testid=caller]', '0812345678');
  await page.check('input[name=mode][value=tambon]');
  await page.fill('[data-testid=tambon]', 'Na Mueang');
  await page.fill('input[name=district]', 'Mueang Chachoengsao');
  await page.fill('[data-testid=landmark]', 'ตลาดบ้านใหม่');
  await page.selectOption('[data-testid=complaint]', 'chest-pain');
  await page.selectOption('[data-testid=q-conscious]', 'yes');
  await page.selectOption('[data-testid=q-sweatingOrPale]', 'yes');
  await page.fill('[data-testid=q-chestPainMinutes]', '30');
  await page.click('[data-testid=intake-submit]');
  await waitForOutcome(page, '[data-testid=triage-result]');
  assert.equal((await page.textContent('[data-testid=triage-colour]')).trim(), 'red');
  caseId = /EMS-[A-Za-z0-9-]+/.exec(await page.textContent('[data-testid=triage-result] h2'))?.[0];
  assert.ok(caseId, 'the result names the case');
  assert.ok((await page.locator('.first-aid').count()) > 0, 'Thai first-aid cards are shown');
  const firstRow = page.locator('[data-testid=recommendation] tbody tr').first();
  unitId = (await firstRow.locator('td').first().textContent()).trim().split(/\s+/)[0];
  assert.equal((await firstRow.locator('td').nth(1).textContent()).trim(), 'ALS', 'a red call gets an ALS unit');
  await shot(page, 'ems-dispatcher-triage-red');
  await firstRow.locator('button').click();
  await eventually(async () => (await api('dispatcher.1669', 'GET', `/ems/cases/${caseId}`)).case.status === 'dispatched', { timeoutMs: 30_000 });
  await page.locator('[data-testid=open-cases] tr', { hasText: caseId }).waitFor();
  crewUser = `crew.${unitId.toLowerCase()}`;
  await page.context().close();
});

test('the crew reports its milestones and streams vital signs; the ER sees the live chart and co-signs the hand-over', async () => {
  assert.ok(caseId && unitId, 'the dispatch journey ran first');
  const crew = await openPage(browser);
  await loginUi(crew, crewUser);
  await crew.goto(`${BASE_URL}/ems/crew`);
  await crew.locator('[data-testid=crew-mission]', { hasText: caseId }).waitFor();
  await crew.click('[data-testid=status-en-route]');
  await crew.click('[data-testid=status-on-scene]');
  await crew.selectOption('[data-testid=destination]', ER_HCODE);
  await crew.click('[data-testid=status-transporting]');
  await eventually(async () => (await api(crewUser, 'GET', `/ems/cases/${caseId}`)).case.status === 'transporting', { timeoutMs: 30_000 });
  await crew.click('[data-testid=sim-start]');

  // the dispatcher's live map and the ER board while the devices publish
  const dispatcher = await openPage(browser);
  await loginUi(dispatcher, 'dispatcher.1669');
  await dispatcher.goto(`${BASE_URL}/ems/dispatch`);
  await dispatcher.waitForSelector('[data-testid=ems-map]');
  const er = await openPage(browser);
  await loginUi(er, 'er.buddhasothorn');
  await er.goto(`${BASE_URL}/ems/er`);
  const incoming = er.locator('[data-testid=incoming-case]', { hasText: caseId });
  await incoming.waitFor();
  await eventually(async () => (await api('er.buddhasothorn', 'GET', `/ems/cases/${caseId}`)).readings.length >= 15, { timeoutMs: 45_000 });
  await er.waitForTimeout(1500);
  assert.ok((await incoming.locator('app-vital-chart svg, app-vital-chart canvas').count()) > 0, 'the vital-sign chart is drawn');
  await shot(dispatcher, 'ems-dispatcher-live-map');
  await shot(er, 'ems-er-board-vital-chart');
  await shot(crew, 'ems-crew-transporting');
  await crew.click('[data-testid=sim-stop]');

  await crew.click('[data-testid=status-at-hospital]');
  await eventually(async () => (await api(crewUser, 'GET', `/ems/cases/${caseId}`)).case.status === 'at-hospital', { timeoutMs: 30_000 });
  await crew.click('[data-testid=crew-handover]');
  await eventually(async () => (await api(crewUser, 'GET', `/ems/cases/${caseId}`)).case.handover?.crewSignedBy, { timeoutMs: 30_000 });
  await er.reload();
  await er.locator('[data-testid=incoming-case]', { hasText: caseId }).locator('[data-testid=er-accept]').click();
  const handed = await eventually(async () => {
    const c = (await api('er.buddhasothorn', 'GET', `/ems/cases/${caseId}`)).case;
    return c.status === 'handed-over' ? c : undefined;
  }, { timeoutMs: 45_000 });
  assert.ok(handed.handover.receivedBy, 'the ER co-signed');
  const ledger = await api('er.buddhasothorn', 'GET', `/ems/cases/${caseId}/ledger`);
  const steps = (ledger.case ?? ledger).steps.map((s) => s.milestone ?? s.step ?? s.action);
  for (const m of ['call-received', 'dispatched', 'departed', 'on-scene', 'left-scene', 'at-hospital', 'handed-over']) assert.ok(steps.includes(m), `ledger has ${m} (${steps.join(', ')})`);
  await er.waitForTimeout(500);
  await shot(er, 'ems-er-handed-over');
  for (const p of [crew, dispatcher, er]) assert.deepEqual(p.external, [], 'no request leaves localhost');
  // back in service for the next journeys
  await api(crewUser, 'POST', `/ems/units/${unitId}/status`, { status: 'available' });
});
