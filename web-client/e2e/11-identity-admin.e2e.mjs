// Journey: Bang Khla Hospital's administrator adds a health-centre nurse (registered and enrolled at Bang Khla's
// Fabric CA with role and unit in the certificate), moves her to the hospital, suspends and reactivates her, and
// revokes her (lost laptop): she can no longer sign in, and the auditor's log shows every step.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, api, eventually, launch, loginUi, openPage, shot, waitForOutcome } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const row = (page, username) => page.locator(`[data-testid=staff-row][data-username="${username}"]`);
async function statusOf(page, username) {
  return (await row(page, username).locator('[data-testid=staff-status]').textContent())?.trim();
}
async function waitStatus(page, username, status, timeout = 90_000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if ((await row(page, username).count()) > 0 && (await statusOf(page, username)) === status) return;
    const alert = (await page.locator('app-problem-alert .alert-error').allTextContents()).join(' ').trim();
    if (alert) throw new Error(`the page shows an error instead of status ${status}: ${alert}`);
    await page.waitForTimeout(250);
  }
  throw new Error(`${username} did not become ${status}`);
}

test('a hospital administrator adds, moves, suspends, reactivates and revokes a nurse', async () => {
  const page = await openPage(browser, DESKTOP);
  await loginUi(page, 'admin.bangkhla');
  await page.click('[data-testid=nav-identity]');
  await waitForOutcome(page, '[data-testid=staff-row]');
  assert.ok((await page.locator('[data-testid=staff-row]').count()) > 5, 'the organisation\'s staff are listed');
  const listed = (await api('admin.bangkhla', 'GET', '/identity/staff')).staff;
  assert.deepEqual([...new Set(listed.map((s) => s.mspId))], ['BangKhlaMSP'], 'only Bang Khla staff');
  await shot(page, 'identity-staff-list-desktop');

  // add: register + enrol at Bang Khla's CA
  const username = `nurse.e2e${randomBytes(3).toString('hex')}.bangkhla`;
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  const form = page.locator('[data-testid=add-staff-form]');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=displayName]').fill('พยาบาล ทดสอบ E2E');
  await form.locator('select[name=role]').selectOption('nurse');
  await form.locator('input[name=hcode]').fill('03998');
  await form.locator('input[name=password]').fill(password);
  const started = Date.now();
  await page.click('[data-testid=add-staff-submit]');
  await page.fill('[data-testid=staff-filter]', username);
  await waitStatus(page, username, 'active');
  console.log(`    enrolment through the page: ${Date.now() - started} ms`);
  assert.equal(await row(page, username).locator('[data-testid=staff-hcode]').inputValue(), '03998');
  await shot(page, 'identity-added-desktop');

  // move to the hospital itself: re-enrolled with the new unit
  const before = (await api('admin.bangkhla', 'GET', '/identity/staff')).staff.find((s) => s.username === username);
  await row(page, username).locator('[data-testid=staff-hcode]').fill('11138');
  await row(page, username).locator('[data-testid=staff-save]').click();
  const moved = await eventually(async () => (await api('admin.bangkhla', 'GET', '/identity/staff')).staff.find((s) => s.username === username && s.hcode === '11138'), { timeoutMs: 90_000 });
  assert.notEqual(moved.serial, before.serial, 'a new certificate was issued');

  // suspend and reactivate
  await row(page, username).locator('[data-testid=staff-suspend]').click();
  await waitStatus(page, username, 'suspended');
  const suspended = await fetch(`${BASE_URL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  assert.equal(suspended.status, 401);
  assert.equal((await suspended.json()).error.code, 'IDENTITY_SUSPENDED');
  await shot(page, 'identity-suspended-desktop');
  await row(page, username).locator('[data-testid=staff-reactivate]').click();
  await waitStatus(page, username, 'active');

  // revoke (the page asks for the reason)
  page.once('dialog', (dialog) => void dialog.accept('แล็ปท็อปสูญหาย / laptop lost'));
  await row(page, username).locator('[data-testid=staff-revoke]').click();
  await waitStatus(page, username, 'revoked', 120_000);
  assert.equal(await row(page, username).locator('[data-testid=staff-revoke]').count(), 0, 'nothing more can be done to a revoked person');
  await shot(page, 'identity-revoked-desktop');
  const refused = await fetch(`${BASE_URL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).error.code, 'IDENTITY_REVOKED');

  // the auditor sees every step of it
  const log = (await api('auditor.pho', 'GET', '/identity/actions?limit=200')).actions.filter((a) => a.target === username && a.outcome === 'done').map((a) => a.action);
  for (const action of ['add', 'change', 'suspend', 'reactivate', 'revoke']) assert.ok(log.includes(action), `${action} in the auditor's log (${log.join(', ')})`);

  assert.deepEqual(page.external, [], 'no request leaves localhost');
  await page.context().close();
});
