// Journey: the provincial auditor runs the ledger verification, reads the report, and opens a
// referral's history with transaction IDs, block numbers, signer organisation and role.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, api, createReferral, launch, loginUi, openPage, waitForOutcome, shot } from './support.mjs';

let browser;
let referral;
before(async () => {
  browser = await launch();
  referral = await createReferral('clinician.bangkhla', { toHcode: '10697', priority: 3, clinicalSummary: { diagnoses: [{ icd10: 'E11.9', display: 'Type 2 diabetes mellitus without complications' }] } });
  await api('nurse.buddhasothorn', 'POST', `/referrals/${referral.id}/receive`, {});
  await api('nurse.buddhasothorn', 'POST', `/referrals/${referral.id}/accept`, {});
});
after(async () => {
  await browser?.close();
});

test('auditor runs the verification and opens a referral history', async () => {
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'auditor.pho');
  await page.click('[data-testid=nav-audit]');
  await page.click('[data-testid=run-verify]');
  await waitForOutcome(page, '[data-testid=audit-verdict]', 180_000);
  const verdict = await page.textContent('[data-testid=audit-verdict]');
  assert.match(verdict, /ผ่านการตรวจสอบ|พบความผิดปกติ/);
  assert.ok((await page.locator('[data-testid=audit-checks] li').count()) >= 1, 'the report lists its checks');
  await shot(page, 'audit-report-desktop');

  await page.fill('[data-testid=open-id]', referral.id);
  await page.press('[data-testid=open-id]', 'Enter');
  await waitForOutcome(page, '[data-testid=history-table] tbody tr');
  const rows = await page.locator('[data-testid=history-table] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ tx: tr.querySelector('[data-testid=tx-id]')?.textContent?.trim(), block: tr.querySelector('[data-testid=block-number]')?.textContent?.trim(), text: tr.textContent })),
  );
  assert.equal(rows.length, 3, 'create, receive, accept');
  for (const row of rows) {
    assert.match(row.tx, /^[0-9a-f]{64}$/);
    assert.match(row.block, /^\d+$/);
  }
  assert.match(rows[0].text, /BangKhlaMSP \/ clinician/);
  assert.match(rows[2].text, /BuddhasothornMSP \/ nurse/);
  await shot(page, 'history-desktop');

  const phone = await openPage(browser, PHONE);
  await loginUi(phone, 'auditor.pho');
  await phone.goto(`${BASE_URL}/referrals/${referral.id}/history`);
  await phone.waitForSelector('[data-testid=history-table] tbody tr');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
  await shot(phone, 'history-375');

  assert.deepEqual([...page.external, ...phone.external], [], 'no request leaves localhost');
  await phone.context().close();
  await page.context().close();
});
