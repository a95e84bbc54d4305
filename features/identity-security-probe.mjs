// Security probe suite (OWASP API Security Top 10, 2023, as it applies to this gateway), run by `npm test` after the
// Cucumber features against the live system. Every case is an attack; "held" means the gateway refused it the way
// it should. Prints a table of the cases tried and held; exits 1 if any case did not hold.
// Usage: node features/identity-security-probe.mjs   (GATEWAY_URL, RUNTIME_DIR optional)
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestJson } from '../scripts/lib/http-json.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runtime = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');
const net = JSON.parse(readFileSync(existsSync(path.join(runtime, 'network.json')) ? path.join(runtime, 'network.json') : path.join(root, 'fixtures', 'network.json'), 'utf8'));
// the gateway listens on its own address (gateway.address), else the loopback, like the Cucumber world's default
const BASE = process.env.GATEWAY_URL ?? `http://${net.gateway.address ?? '127.0.0.1'}:${net.gateway.port ?? 3000}`;
const PASSWORD = 'Referral#2026';
const results = [];
const tokens = new Map();

const call = async (method, url, options = {}) => requestJson(BASE, method, url, options);

async function login(username, password = PASSWORD) {
  if (tokens.has(username)) return tokens.get(username);
  const res = await call('POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  tokens.set(username, res.body.token);
  return res.body.token;
}

async function probe(category, name, attempt, holds) {
  let res;
  let held = false;
  let got = '';
  try {
    res = await attempt();
    held = holds(res);
    got = `${res.status}${res.code ? ` ${res.code}` : ''}`;
  } catch (err) {
    got = `error: ${err.message.slice(0, 60)}`;
  }
  results.push({ category, name, got, held });
}

const refused = (...statuses) => (r) => statuses.includes(r.status);
const notOk = (r) => r.status >= 400 && r.status < 500;

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function hs256(header, payload, key) {
  const data = `${b64(header)}.${b64(payload)}`;
  return `${data}.${createHmac('sha256', key).update(data).digest('base64url')}`;
}

/** RFC 6238 code of a 30-second step (HMAC-SHA-1, 6 digits), as an authenticator app computes it. */
function totpCode(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(msg).digest();
  return String((mac.readUInt32BE(mac[mac.length - 1] & 15) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

async function main() {
  const now = Math.floor(Date.now() / 1000);
  const secretFile = path.join(runtime, 'secrets', 'jwt_secret.txt');
  const secret = process.env.JWT_SECRET || (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
  const claims = { sub: 'clinician.bangkhla', role: 'clinician', hcode: '11138', msp: 'BangKhlaMSP', iss: 'cco-referral-gateway', aud: 'cco-referral-api', iat: now, exp: now + 600 };
  const real = await login('clinician.bangkhla');
  const kid = JSON.parse(Buffer.from(real.split('.')[0], 'base64url').toString()).kid;

  // --- API2 Broken authentication: JWT attacks ------------------------------------------------------------------
  await probe('API2 JWT', 'alg none', () => call('GET', '/api/referrals?limit=1', { token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.` }), refused(401));
  const tlsCert = readFileSync(path.join(runtime, 'crypto', 'peerOrganizations', 'bangkhla.cco.th', 'tlsca', 'tlsca.bangkhla.cco.th-cert.pem'), 'utf8');
  await probe('API2 JWT', 'key confusion (HS256 keyed with a public certificate)', () => call('GET', '/api/referrals?limit=1', { token: hs256({ alg: 'HS256', typ: 'JWT', kid }, claims, tlsCert) }), refused(401));
  await probe('API2 JWT', 'RS256 header on an HMAC token', () => call('GET', '/api/referrals?limit=1', { token: `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}.${real.split('.')[2]}` }), refused(401));
  await probe('API2 JWT', 'tampered payload (role auditor)', () => call('GET', '/api/referrals?limit=1', { token: `${real.split('.')[0]}.${b64({ ...claims, role: 'auditor', msp: 'ProvincialHealthOfficeMSP' })}.${real.split('.')[2]}` }), refused(401));
  await probe('API2 JWT', 'unknown kid', () => call('GET', '/api/referrals?limit=1', { token: hs256({ alg: 'HS256', typ: 'JWT', kid: 'ffffffffffffffff' }, claims, secret ?? 'x') }), refused(401));
  if (secret !== undefined) {
    await probe('API2 JWT', 'expired token (real key)', () => call('GET', '/api/referrals?limit=1', { token: hs256({ alg: 'HS256', typ: 'JWT', kid }, { ...claims, iat: now - 7200, exp: now - 3600 }, secret) }), refused(401));
    await probe('API2 JWT', 'wrong audience (real key)', () => call('GET', '/api/referrals?limit=1', { token: hs256({ alg: 'HS256', typ: 'JWT', kid }, { ...claims, aud: 'cco-wallet' }, secret) }), refused(401));
    await probe('API2 JWT', 'wrong issuer (real key)', () => call('GET', '/api/referrals?limit=1', { token: hs256({ alg: 'HS256', typ: 'JWT', kid }, { ...claims, iss: 'evil' }, secret) }), refused(401));
  }
  await probe('API2 JWT', 'no token', () => call('GET', '/api/referrals?limit=1'), refused(401));

  // a probe identity of Bang Khla, added by its administrator, used for lockout and revocation
  const admin = await login('admin.bangkhla');
  const probeUser = `nurse.probe${randomBytes(4).toString('hex')}.bangkhla`;
  const probePassword = `Probe-${randomBytes(9).toString('base64url')}`;
  const added = await call('POST', '/api/identity/staff', { token: admin, body: { username: probeUser, displayName: 'Security probe', role: 'nurse', hcode: '11138', password: probePassword } });
  if (added.status !== 201) throw new Error(`could not add the probe identity: ${added.status} ${JSON.stringify(added.body)}`);
  const probeToken = await login(probeUser, probePassword);
  const revoked = await call('POST', `/api/identity/staff/${probeUser}/revoke`, { token: admin, body: { reason: 'security probe' } });
  await probe('API2 JWT', 'token of a revoked identity', () => call('GET', '/api/referrals?limit=1', { token: probeToken }), (r) => revoked.status === 200 && r.status === 401 && r.code === 'IDENTITY_REVOKED');
  await probe('API2 JWT', 'sign-in of a revoked identity', () => call('POST', '/api/auth/login', { body: { username: probeUser, password: probePassword } }), (r) => r.status === 401 && r.code === 'IDENTITY_REVOKED');

  // refresh tokens: a spent one presented again revokes the family; logout revokes the access token
  const fresh = await call('POST', '/api/auth/login', { body: { username: 'nurse.bangkhla', password: PASSWORD } });
  const rotated = await call('POST', '/api/auth/refresh', { body: { refreshToken: fresh.body?.refreshToken } });
  await probe('API2 refresh', 'a spent refresh token presented again', () => call('POST', '/api/auth/refresh', { body: { refreshToken: fresh.body?.refreshToken } }), (r) => rotated.status === 200 && r.status === 401 && r.code === 'REFRESH_TOKEN_REUSED');
  await probe('API2 refresh', 'the newest refresh token of a revoked family', () => call('POST', '/api/auth/refresh', { body: { refreshToken: rotated.body?.refreshToken } }), (r) => r.status === 401);
  const out = await call('POST', '/api/auth/login', { body: { username: 'nurse.bangkhla', password: PASSWORD } });
  await call('POST', '/api/auth/logout', { token: out.body?.token, body: {} });
  await probe('API2 JWT', 'access token after logout', () => call('GET', '/api/referrals?limit=1', { token: out.body?.token }), refused(401));

  // second factor (TOTP): an auditor who turned it on cannot sign in with the password alone, nor guess codes.
  // A fresh auditor, added by the Provincial Health Office's administrator, so that its lockout touches nobody else.
  const totpAdmin = `auditor.probe${randomBytes(4).toString('hex')}.pho`;
  const totpPassword = `Totp-${randomBytes(9).toString('base64url')}`;
  const phoAdmin = await login('admin.pho');
  const addedAuditor = await call('POST', '/api/identity/staff', { token: phoAdmin, body: { username: totpAdmin, displayName: 'TOTP probe auditor', role: 'auditor', hcode: '00024', password: totpPassword } });
  if (addedAuditor.status !== 201) throw new Error(`could not add the TOTP probe auditor: ${addedAuditor.status} ${JSON.stringify(addedAuditor.body)}`);
  const totpToken = await login(totpAdmin, totpPassword);
  const setup = await call('POST', '/api/identity/me/totp', { token: totpToken, body: {} });
  if (setup.status === 201) {
    const secret = base32(setup.body.secret);
    const step = Math.floor(Date.now() / 30_000);
    const enabled = await call('POST', '/api/identity/me/totp/enable', { token: totpToken, body: { code: totpCode(secret, step) } });
    await probe('API2 TOTP', 'auditor with TOTP signs in with the password alone', () => call('POST', '/api/auth/login', { body: { username: totpAdmin, password: totpPassword } }), (r) => enabled.status === 200 && r.status === 401 && r.code === 'TOTP_REQUIRED');
    await probe('API2 TOTP', 'the code used to turn TOTP on, replayed at sign-in', () => call('POST', '/api/auth/login', { body: { username: totpAdmin, password: totpPassword, totp: totpCode(secret, step) } }), (r) => r.status === 401 && r.code === 'TOTP_INVALID');
    const valid = new Set([-1, 0, 1, 2].map((d) => totpCode(secret, step + d)));
    const guesses = ['000000', '123456', '111111', '999999', '654321', '222222', '333333'].filter((g) => !valid.has(g)).slice(0, 4);
    for (const g of guesses) await call('POST', '/api/auth/login', { body: { username: totpAdmin, password: totpPassword, totp: g } });
    await probe('API4 rate limit', 'guessing TOTP codes locks the account (5 failures)', () => call('POST', '/api/auth/login', { body: { username: totpAdmin, password: totpPassword, totp: valid.has('000001') ? '000002' : '000001' } }), (r) => r.status === 429 && r.code === 'ACCOUNT_LOCKED');
    await probe('API2 TOTP', 'a code with letters', () => call('POST', '/api/auth/login', { body: { username: 'auditor.pho', password: PASSWORD, totp: '12a456' } }), refused(400));
  } else {
    results.push({ category: 'API2 TOTP', name: 'set up TOTP for the probe administrator', got: `${setup.status} ${setup.code ?? ''}`, held: false });
  }
  await probe('API5 function-level', 'a clinician sets up TOTP (administrators and auditors only)', () => call('POST', '/api/identity/me/totp', { token: real, body: {} }), (r) => r.status === 403 && r.code === 'FORBIDDEN_ROLE');

  // --- API4 Unrestricted resource consumption: rate limits, oversized input ---------------------------------------
  const lockUser = `nurse.lock${randomBytes(4).toString('hex')}.bangkhla`;
  const lockPassword = `Lock-${randomBytes(9).toString('base64url')}`;
  await call('POST', '/api/identity/staff', { token: admin, body: { username: lockUser, displayName: 'Lockout probe', role: 'nurse', hcode: '11138', password: lockPassword } });
  for (let i = 0; i < 5; i++) await call('POST', '/api/auth/login', { body: { username: lockUser, password: `wrong-${i}` } });
  await probe('API4 rate limit', '6th sign-in after 5 failures (right password)', () => call('POST', '/api/auth/login', { body: { username: lockUser, password: lockPassword } }), (r) => r.status === 429 && r.code === 'ACCOUNT_LOCKED');
  await probe('API4 oversized', '1 MB JSON body', () => call('POST', '/api/referrals', { token: real, raw: JSON.stringify({ referralId: 'R-big', pad: 'x'.repeat(1_000_000) }) }), refused(413, 400));
  await probe('API4 oversized', '10 kB username at sign-in', () => call('POST', '/api/auth/login', { body: { username: 'u'.repeat(10_000), password: 'x' } }), refused(400));
  await probe('API4 oversized', 'limit=1000000 on the referral list', () => call('GET', '/api/referrals?limit=1000000', { token: real }), refused(400));
  const auditor = await login('auditor.pho');
  await probe('API4 oversized', 'audit log limit=100000', () => call('GET', '/api/identity/actions?limit=100000', { token: auditor }), refused(400));

  // --- API1 Broken object-level authorisation: another hospital's objects on every route -----------------------
  const referralId = `R-probe-${randomBytes(5).toString('hex')}`;
  const created = await call('POST', '/api/referrals', { token: real, body: { referralId, patient: { cid: '1101700207030' }, toHcode: '10697', reasonCode: '1', priority: 3 } });
  const outsider = await login('clinician.banpho');
  const openapi = (await call('GET', '/api/openapi.json')).body ?? { paths: {} };
  let routes = 0;
  for (const [route, ops] of Object.entries(openapi.paths)) {
    if (!route.includes('{')) continue;
    for (const method of Object.keys(ops).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))) {
      routes += 1;
      // a referral of two other hospitals, or a Bang Khla person for the identity routes
      const url = route.replace(/\{username\}/g, 'nurse.bangkhla').replace(/\{[^}]+\}/g, referralId);
      await probe('API1 BOLA', `Ban Pho clinician ${method.toUpperCase()} ${route}`, () => call(method.toUpperCase(), url, { token: outsider, body: method === 'get' ? undefined : { note: 'probe', reason: 'probe', reasonCode: '1' } }), (r) => created.status === 201 && r.status >= 400 && r.status !== 500);
    }
  }
  const outsiderAdmin = await login('admin.banpho');
  await probe('API1 BOLA', 'Ban Pho admin suspends a Bang Khla nurse', () => call('POST', '/api/identity/staff/nurse.bangkhla/suspend', { token: outsiderAdmin, body: {} }), (r) => r.status === 403 && r.code === 'FORBIDDEN_UNIT');
  await probe('API1 BOLA', 'Ban Pho admin re-roles a Bang Khla nurse', () => call('PATCH', '/api/identity/staff/nurse.bangkhla', { token: outsiderAdmin, body: { role: 'clinician' } }), (r) => r.status === 403);
  await probe('API1 BOLA', 'Ban Pho admin revokes a Bang Khla nurse', () => call('POST', '/api/identity/staff/nurse.bangkhla/revoke', { token: outsiderAdmin, body: { reason: 'x' } }), (r) => r.status === 403);
  await probe('API1 BOLA', 'Ban Pho admin adds staff at a Bang Khla unit', () => call('POST', '/api/identity/staff', { token: outsiderAdmin, body: { username: `x.${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'nurse', hcode: '11138', password: 'a-long-password-1' } }), (r) => r.status === 403);
  await probe('API5 function-level', 'a clinician calls the admin API', () => call('GET', '/api/identity/staff', { token: real }), (r) => r.status === 403 && r.code === 'FORBIDDEN_ROLE');
  await probe('API5 function-level', 'an admin grants the admin role', () => call('POST', '/api/identity/staff', { token: admin, body: { username: `x.${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'admin', hcode: '11138', password: 'a-long-password-1' } }), (r) => r.status === 403 && r.code === 'ROLE_NOT_GRANTABLE');

  // --- API3 Broken object-property authorisation: mass assignment -------------------------------------------------
  await probe('API3 mass assignment', 'add staff with status/mspId/serial', () => call('POST', '/api/identity/staff', { token: admin, body: { username: `x.${randomBytes(3).toString('hex')}`, displayName: 'x', role: 'nurse', hcode: '11138', password: 'a-long-password-1', mspId: 'BuddhasothornMSP', status: 'active', serial: '01' } }), (r) => r.status === 400);
  await probe('API3 mass assignment', 'change staff status through PATCH', () => call('PATCH', '/api/identity/staff/nurse.bangkhla', { token: admin, body: { status: 'active', mspId: 'BuddhasothornMSP' } }), (r) => r.status === 400);
  await probe('API3 mass assignment', 'referral with fromHcode/fromMsp of another hospital', () => call('POST', '/api/referrals', { token: real, body: { referralId: `R-probe-${randomBytes(4).toString('hex')}`, patient: { cid: '1101700207030' }, toHcode: '10697', reasonCode: '1', priority: 3, fromHcode: '11141', fromMsp: 'BanPhoMSP' } }), (r) => r.status === 400);
  await probe('API3 excessive data', 'staff list exposes no password hash, key or secret', () => call('GET', '/api/identity/staff', { token: admin }), (r) => r.status === 200 && !/argon2|scrypt|PRIVATE KEY|passwordHash|secret/i.test(JSON.stringify(r.body)));

  // --- API8 Security misconfiguration / injection into store queries ---------------------------------------------
  await probe('API8 injection', 'sign-in with {"$ne": null} as username', () => call('POST', '/api/auth/login', { body: { username: { $ne: null }, password: { $ne: null } } }), refused(400));
  await probe('API8 injection', 'referral list status[$ne]=x', () => call('GET', '/api/referrals?status[$ne]=x', { token: real }), refused(400));
  await probe('API8 injection', 'referral list hcode[$gt]=', () => call('GET', '/api/referrals?unitHcode[$gt]=', { token: real }), refused(400));
  await probe('API8 injection', 'staff path with a regex / operator', () => call('POST', `/api/identity/staff/${encodeURIComponent('.*')}/suspend`, { token: admin, body: {} }), refused(400, 404));
  await probe('API8 injection', 'referral id with $where', () => call('GET', `/api/referrals/${encodeURIComponent('{"$where":"1"}')}`, { token: real }), (r) => r.status >= 400 && r.status < 500);
  await probe('API8 misconfiguration', 'no x-powered-by header, JSON errors', () => fetch(`${BASE}/api/nope`).then(async (res) => ({ status: res.status, code: (await res.json().catch(() => ({})))?.error?.code, powered: res.headers.get('x-powered-by') })), (r) => r.status === 404 && r.powered === null);
  await probe('API8 misconfiguration', 'malformed JSON body', () => call('POST', '/api/auth/login', { raw: '{"username":' }), refused(400));

  // --- table ------------------------------------------------------------------------------------------------------
  const w1 = Math.max(...results.map((r) => r.category.length), 8);
  const w2 = Math.min(70, Math.max(...results.map((r) => r.name.length)));
  const w3 = Math.max(...results.map((r) => r.got.length), 6);
  const line = (a, b, c, d) => `| ${a.padEnd(w1)} | ${b.slice(0, w2).padEnd(w2)} | ${c.padEnd(w3)} | ${d.padEnd(4)} |`;
  console.log(line('Category', 'Case tried', 'Answer', 'Held'));
  console.log(`|${'-'.repeat(w1 + 2)}|${'-'.repeat(w2 + 2)}|${'-'.repeat(w3 + 2)}|------|`);
  for (const r of results) console.log(line(r.category, r.name, r.got, r.held ? 'yes' : 'NO'));
  const held = results.filter((r) => r.held).length;
  console.log(`\nsecurity probe: ${results.length} cases tried (${routes} object-level routes), ${held} held, ${results.length - held} not held`);
  process.exitCode = held === results.length ? 0 : 1;
}

main().catch((err) => {
  console.error(`security probe failed to run: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
