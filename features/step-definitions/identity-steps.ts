import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/api-world';
import { RUNTIME } from '../support/peer-cli';
import { DEMO_PASSWORD, orgNamed, PROJECT_ROOT } from '../support/staff';

const run = promisify(execFile);
const AUDITOR = 'auditor.pho';

/** The person an administrator added in this scenario. */
interface NewPerson {
  username: string;
  password: string;
  orgKey: string;
  token?: string;
  serial?: string;
  revokedSerial?: string;
}
const people = new WeakMap<ApiWorld, NewPerson>();

function person(world: ApiWorld): NewPerson {
  const p = people.get(world);
  assert.ok(p, 'no person was added in this scenario');
  return p;
}

function adminOf(hospital: string): string {
  return `admin.${orgNamed(hospital).key}`;
}

function expectStatus(world: ApiWorld, status: number): void {
  assert.equal(world.last?.status, status, `expected ${status}, got ${world.last?.status}: ${JSON.stringify(world.last?.body)}`);
}


const codeOf = (body: unknown): string | undefined => (body as { error?: { code?: string } } | undefined)?.error?.code;

async function addPerson(world: ApiWorld, hospital: string, role: string, hcode: string): Promise<void> {
  const org = orgNamed(hospital);
  const username = `${role}.bdd${randomBytes(4).toString('hex')}.${org.key}`;
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  people.set(world, { username, password, orgKey: org.key });
  await world.call('POST', '/api/identity/staff', { username, displayName: `BDD ${role} ${username}`, role, hcode, password }, adminOf(hospital));
}

async function signInPerson(world: ApiWorld): Promise<{ status: number; body: unknown }> {
  const p = person(world);
  const res = await world.callWithToken('POST', '/api/auth/login', undefined, { username: p.username, password: p.password });
  if (res.status === 200) p.token = (res.body as { token: string }).token;
  return res;
}

function certificateOf(username: string): { pem: string; cert: X509Certificate } {
  const pem = readFileSync(path.join(RUNTIME, 'users', username, 'cert.pem'), 'utf8');
  return { pem, cert: new X509Certificate(pem) };
}

/** `peer chaincode invoke` signed with the person's own enrolment certificate, against their organisation's peer. */
async function invokeAs(p: NewPerson): Promise<{ ok: boolean; out: string }> {
  // the key is sealed at rest (key.enc): key-wallet.mjs opens it into a temporary MSP folder for the CLI
  const script = `source "${PROJECT_ROOT}/network-config/scripts/common.sh"
as_admin "$(org_index "${p.orgKey}")"
tmpmsp="$("$NODE" "$NET/scripts/key-wallet.mjs" open-msp "${p.username}")"
trap 'rm -rf "$(dirname "$tmpmsp")"' EXIT
export CORE_PEER_MSPCONFIGPATH="$tmpmsp"
peer chaincode invoke -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" -C "$CHANNEL" -n "$CC_NAME" \
  --peerAddresses "$CORE_PEER_ADDRESS" --tlsRootCertFiles "$CORE_PEER_TLS_ROOTCERT_FILE" \
  -c '{"Args":["GetReferral","R-identity-probe-does-not-exist"]}'`;
  try {
    const { stdout, stderr } = await run('bash', ['-c', script], { env: { ...process.env, RUNTIME_DIR: RUNTIME }, timeout: 60_000 });
    return { ok: true, out: `${stdout}\n${stderr}` };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}\n${e.stderr ?? ''}` };
  }
}

When('the {word} {word} administrator adds a {string} for the unit {string}', async function (this: ApiWorld, w1: string, w2: string, role: string, hcode: string) {
  await addPerson(this, `${w1} ${w2}`, role, hcode);
});
Given('the Bang Khla administrator has added a {string} for the unit {string}', async function (this: ApiWorld, role: string, hcode: string) {
  await addPerson(this, 'Bang Khla', role, hcode);
  expectStatus(this, 201);
  person(this).serial = certificateOf(person(this).username).cert.serialNumber;
});

Then('the answer is {int} and the new person is active', function (this: ApiWorld, status: number) {
  expectStatus(this, status);
  assert.equal((this.last?.body as { staff: { status: string } }).staff.status, 'active');
});
Then('the answer is {int}', function (this: ApiWorld, status: number) {
  expectStatus(this, status);
});
// 'the answer is {int} with the code {string}' is the shared step of ems-steps.ts

Then("her certificate is issued by Bang Khla's CA with the attributes role {string} and hcode {string}", async function (this: ApiWorld, role: string, hcode: string) {
  const p = person(this);
  const org = orgNamed('Bang Khla');
  const caFile = path.join(RUNTIME, 'crypto', 'peerOrganizations', `${p.orgKey}.cco.th`, 'ca', `ca.${p.orgKey}.cco.th-cert.pem`);
  const { cert } = certificateOf(p.username);
  assert.ok(cert.checkIssued(new X509Certificate(readFileSync(caFile))) && cert.verify(new X509Certificate(readFileSync(caFile)).publicKey), 'not signed by the organisation CA');
  assert.match(cert.subject, new RegExp(`CN=${p.username.replace(/\./g, '\\.')}`));
  assert.match(cert.subject, /OU=client/);
  const { stdout } = await run('openssl', ['x509', '-in', path.join(RUNTIME, 'users', p.username, 'cert.pem'), '-noout', '-text']);
  const line = stdout.split('\n').find((l) => l.includes('{"attrs"'));
  assert.ok(line, 'no Fabric attribute extension');
  const attrs = (JSON.parse(line.trim()) as { attrs: Record<string, string> }).attrs;
  assert.equal(attrs.role, role);
  assert.equal(attrs.hcode, hcode);
  assert.equal(attrs['hf.EnrollmentID'], p.username);
  assert.equal(org.mspId.length > 0, true);
});

Then('her certificate has a new serial number', function (this: ApiWorld) {
  const p = person(this);
  assert.notEqual(certificateOf(p.username).cert.serialNumber, p.serial);
});

Then('the new person can sign in with her password', async function (this: ApiWorld) {
  const res = await signInPerson(this);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((res.body as { user: { username: string } }).user.username, person(this).username);
});
Given('the new person has signed in', async function (this: ApiWorld) {
  const res = await signInPerson(this);
  assert.equal(res.status, 200, JSON.stringify(res.body));
});

Then('the provincial auditor sees the {string} of the new person in the identity administration log', async function (this: ApiWorld, action: string) {
  const res = await this.call('GET', '/api/identity/actions?limit=200', undefined, AUDITOR);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const found = (res.body as { actions: { action: string; target: string; actor: string; outcome: string }[] }).actions.find((a) => a.target === person(this).username && a.action === action);
  assert.ok(found, 'action not in the log');
  assert.equal(found.actor, 'admin.bangkhla');
  assert.equal(found.outcome, 'done');
});

When('the Bang Khla administrator moves the new person to the unit {string}', async function (this: ApiWorld, hcode: string) {
  await this.call('PATCH', `/api/identity/staff/${person(this).username}`, { hcode }, 'admin.bangkhla');
});
When('the Bang Khla administrator suspends the new person', async function (this: ApiWorld) {
  await this.call('POST', `/api/identity/staff/${person(this).username}/suspend`, {}, 'admin.bangkhla');
  expectStatus(this, 200);
});
When('the Bang Khla administrator reactivates the new person', async function (this: ApiWorld) {
  await this.call('POST', `/api/identity/staff/${person(this).username}/reactivate`, {}, 'admin.bangkhla');
  expectStatus(this, 200);
});
When('the {word} {word} administrator suspends {string}', async function (this: ApiWorld, w1: string, w2: string, username: string) {
  await this.call('POST', `/api/identity/staff/${username}/suspend`, {}, adminOf(`${w1} ${w2}`));
});
When('the {word} {word} administrator lists the staff', async function (this: ApiWorld, w1: string, w2: string) {
  await this.call('GET', '/api/identity/staff', undefined, adminOf(`${w1} ${w2}`));
  expectStatus(this, 200);
});
When('{string} lists the staff', async function (this: ApiWorld, username: string) {
  await this.call('GET', '/api/identity/staff', undefined, username);
});
Then('every person listed belongs to {string}', function (this: ApiWorld, mspId: string) {
  const staff = (this.last?.body as { staff: { mspId: string }[] }).staff;
  assert.ok(staff.length > 0);
  assert.ok(staff.every((s) => s.mspId === mspId));
});

Then("the new person's token is refused with {int} {string}", async function (this: ApiWorld, status: number, code: string) {
  const res = await this.callWithToken('GET', '/api/referrals?limit=1', person(this).token);
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(codeOf(res.body), code);
});
Then("the new person's token is accepted again", async function (this: ApiWorld) {
  const res = await this.callWithToken('GET', '/api/referrals?limit=1', person(this).token);
  assert.notEqual(res.status, 401, JSON.stringify(res.body));
});
Then("the new person's sign-in is refused with {int} {string}", async function (this: ApiWorld, status: number, code: string) {
  const res = await signInPerson(this);
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(codeOf(res.body), code);
});

const badRegistrations: Record<string, (org: string) => Record<string, unknown>> = {
  'the existing username': () => ({ username: 'nurse.bangkhla', displayName: 'dup', role: 'nurse', hcode: '11138', password: 'a-long-password-1' }),
  'a nurse for the unknown unit': () => ({ username: `nurse.bdd${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'nurse', hcode: '99999', password: 'a-long-password-1' }),
  'an auditor': () => ({ username: `auditor.bdd${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'auditor', hcode: '11138', password: 'a-long-password-1' }),
  'another administrator': () => ({ username: `admin.bdd${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'admin', hcode: '11138', password: 'a-long-password-1' }),
  'a nurse with an unexpected field': () => ({ username: `nurse.bdd${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'nurse', hcode: '11138', password: 'a-long-password-1', status: 'active', mspId: 'BuddhasothornMSP' }),
};
const attempted = new WeakMap<ApiWorld, string>();
When('the Bang Khla administrator registers {}', async function (this: ApiWorld, what: string) {
  const make = badRegistrations[what];
  assert.ok(make, `unknown case ${what}`);
  const body = make('bangkhla');
  attempted.set(this, String(body.username));
  await this.call('POST', '/api/identity/staff', body, 'admin.bangkhla');
});
Then('no identity administration was done for it', async function (this: ApiWorld) {
  const username = attempted.get(this) ?? '';
  const res = await this.call('GET', '/api/identity/actions?limit=500', undefined, AUDITOR);
  const actions = (res.body as { actions: { target: string; action: string; outcome: string }[] }).actions.filter((a) => a.target === username && a.outcome === 'done' && a.action === 'add');
  assert.deepEqual(actions, []);
});

Given("a chaincode invoke signed with the new person's certificate reaches the chaincode through the peer CLI", async function (this: ApiWorld) {
  const result = await invokeAs(person(this));
  // the chaincode ran (it answers that the referral does not exist): the peer accepted the signature
  assert.match(result.out, /NOT_FOUND|does not exist|not found/i, result.out);
  assert.doesNotMatch(result.out, /revoked|access denied/i, result.out);
});

When('the Bang Khla administrator revokes the new person because {string}', async function (this: ApiWorld, reason: string) {
  const p = person(this);
  p.revokedSerial = certificateOf(p.username).cert.serialNumber;
  const started = Date.now();
  await this.call('POST', `/api/identity/staff/${p.username}/revoke`, { reason }, 'admin.bangkhla');
  (this as unknown as { revokeStarted: number }).revokeStarted = started;
});
Then('the answer is {int} and the revocation-to-effect time is reported', function (this: ApiWorld, status: number) {
  expectStatus(this, status);
  const body = this.last?.body as { staff: { status: string }; effectMs: number; crl: { ms: number; revokedSerials?: string } };
  assert.equal(body.staff.status, 'revoked');
  assert.ok(body.effectMs > 0);
  this.attach(`revocation: CA revoke + CRL + config update took ${body.effectMs} ms (crl-update.sh ${body.crl.ms} ms)`);
  console.log(`\n    identity: revocation (CA revoke + gencrl + channel config update) ${body.effectMs} ms`);
});

Then('a chaincode invoke signed with the new person\'s certificate is rejected by the peer as revoked', async function (this: ApiWorld) {
  const started = (this as unknown as { revokeStarted: number }).revokeStarted;
  let result = await invokeAs(person(this));
  // the config block carrying the CRL may still be on its way to the peer: try again for up to 20 s
  for (let i = 0; i < 40 && !/revoked|access denied/i.test(result.out); i++) {
    await new Promise((r) => setTimeout(r, 500));
    result = await invokeAs(person(this));
  }
  assert.equal(result.ok, false, result.out);
  assert.match(result.out, /revoked|access denied/i, result.out);
  console.log(`    identity: revocation-to-effect at the peer ${Date.now() - started} ms (from the revoke request to the peer refusing the certificate)`);
});

Then('revoking the new person again is refused with {int} {string}', async function (this: ApiWorld, status: number, code: string) {
  await this.call('POST', `/api/identity/staff/${person(this).username}/revoke`, { reason: 'again' }, 'admin.bangkhla');
  expectStatus(this, status);
  assert.equal(codeOf(this.last?.body), code);
});

interface AuditBody {
  chainHeight: number;
  checks: { signatures: { ok: boolean; notes?: string[]; problems: { code: string }[] } };
}
Then("the provincial auditor's verification of the latest blocks verifies Bang Khla's CRL signature listing the revoked certificate", async function (this: ApiWorld) {
  const head = await this.call('POST', '/api/audit/verify', { fromBlock: 0, toBlock: 0 }, AUDITOR);
  assert.equal(head.status, 200, JSON.stringify(head.body));
  const height = (head.body as AuditBody).chainHeight;
  const res = await this.call('POST', '/api/audit/verify', { fromBlock: height - 1 }, AUDITOR);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const signatures = (res.body as AuditBody).checks.signatures;
  assert.ok(!signatures.problems.some((p) => p.code === 'CRL_SIGNATURE_INVALID'), JSON.stringify(signatures.problems));
  const serial = (person(this).revokedSerial ?? '').replace(/^0+/, '').toUpperCase();
  const note = (signatures.notes ?? []).find((n) => n.includes('CRL of BangKhlaMSP') && n.includes('verified'));
  assert.ok(note, JSON.stringify(signatures.notes));
  assert.ok(note.includes(serial) || note.includes('…'), `${note} does not list ${serial}`);
});

// ---- TOTP second factor (RFC 6238): the steps compute codes as an authenticator app does --------------------------
interface TotpState {
  username: string;
  secret: Buffer;
  lastCode?: string;
  lastStep?: number;
}
const totpStates = new WeakMap<ApiWorld, TotpState>();

function base32ToBuffer(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The app's code for the 30-second step `step`. */
function totpCode(secret: Buffer, step: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const o = (mac[mac.length - 1] ?? 0) & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const stepNow = (): number => Math.floor(Date.now() / 30_000);

function totpOf(world: ApiWorld): TotpState {
  const t = totpStates.get(world);
  assert.ok(t, 'no second factor was set up in this scenario');
  return t;
}

When('the {word} {word} administrator sets up a second factor', async function (this: ApiWorld, w1: string, w2: string) {
  const username = adminOf(`${w1} ${w2}`);
  await this.call('POST', '/api/identity/me/totp', {}, username);
  const body = this.last?.body as { secret?: string } | undefined;
  if (this.last?.status === 201 && body?.secret !== undefined) totpStates.set(this, { username, secret: base32ToBuffer(body.secret) });
});

When('{string} sets up a second factor', async function (this: ApiWorld, username: string) {
  await this.call('POST', '/api/identity/me/totp', {}, username);
});

Then('the answer is 201 with an otpauth URI for an authenticator app', function (this: ApiWorld) {
  expectStatus(this, 201);
  const body = this.last?.body as { otpauthUri: string; secret: string; digits: number; period: number };
  assert.match(body.otpauthUri, /^otpauth:\/\/totp\/CCO%20Referral%3Aadmin\.[a-z]+\?secret=[A-Z2-7]+&issuer=CCO\+Referral&algorithm=SHA1&digits=6&period=30$/);
  assert.equal(body.digits, 6);
  assert.equal(body.period, 30);
});

When('the administrator confirms it with a code from the app', async function (this: ApiWorld) {
  const t = totpOf(this);
  t.lastCode = totpCode(t.secret, stepNow());
  await this.call('POST', '/api/identity/me/totp/enable', { code: t.lastCode }, t.username);
});

Then('signing in as that administrator without a code is refused with 401 {string}', async function (this: ApiWorld, code: string) {
  const res = await this.callWithToken('POST', '/api/auth/login', undefined, { username: totpOf(this).username, password: DEMO_PASSWORD });
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(codeOf(res.body), code);
});

Then('signing in as that administrator with a wrong code is refused with 401 {string}', async function (this: ApiWorld, code: string) {
  const t = totpOf(this);
  const right = new Set([-1, 0, 1].map((d) => totpCode(t.secret, stepNow() + d)));
  const wrong = ['000000', '111111', '222222'].find((c) => !right.has(c)) ?? '333333';
  const res = await this.callWithToken('POST', '/api/auth/login', undefined, { username: t.username, password: DEMO_PASSWORD, totp: wrong });
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(codeOf(res.body), code);
});

Then('signing in as that administrator with the next code from the app succeeds', async function (this: ApiWorld) {
  const t = totpOf(this);
  // the code used to enable is spent; the app's next code is accepted (one step of clock drift is allowed)
  t.lastStep = stepNow() + 1;
  t.lastCode = totpCode(t.secret, t.lastStep);
  const res = await this.callWithToken('POST', '/api/auth/login', undefined, { username: t.username, password: DEMO_PASSWORD, totp: t.lastCode });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((res.body as { user: { role: string } }).user.role, 'admin');
});

Then('signing in again with the same code is refused with 401 {string}', async function (this: ApiWorld, code: string) {
  const t = totpOf(this);
  const res = await this.callWithToken('POST', '/api/auth/login', undefined, { username: t.username, password: DEMO_PASSWORD, totp: t.lastCode });
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(codeOf(res.body), code);
});

When('the administrator turns the second factor off with a later code', { timeout: 90_000 }, async function (this: ApiWorld) {
  const t = totpOf(this);
  // a code not used yet: the one after the last used step, accepted once the clock reaches that step (< 30 s)
  const used = t.lastStep ?? stepNow();
  while (stepNow() < used) await new Promise((r) => setTimeout(r, 1000));
  await this.call('POST', '/api/identity/me/totp/disable', { code: totpCode(t.secret, used + 1) }, t.username);
});

Then('that administrator signs in with the password alone again', async function (this: ApiWorld) {
  const res = await this.callWithToken('POST', '/api/auth/login', undefined, { username: totpOf(this).username, password: DEMO_PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
});
