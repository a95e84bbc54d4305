// Revocation-to-effect on the live system (issue 15). Prints figures; asserts nothing (exit 1 only if a revoked
// certificate was NOT refused). For each run: the organisation's administrator adds a clinician (register + enrol
// at the organisation's Fabric CA; the enrolment time per user), the clinician signs in and a `peer chaincode invoke`
// signed with their certificate reaches the chaincode; then the administrator revokes them, and from the moment the
// revoke request is sent we poll
//   - the gateway with the clinician's token until it answers 401 IDENTITY_REVOKED,
//   - the peer (peer CLI, signed with the revoked certificate) until it refuses the proposal as revoked,
// and finally the auditor's ledger check must verify the CRL's signature in the newest config block.
// Usage: node scripts/identity/revocation-timing.mjs [--runs 3] [--org bangkhla]     (system running: npm start)
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requestJson } from '../lib/http-json.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runtime = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');
const net = JSON.parse(readFileSync(existsSync(path.join(runtime, 'network.json')) ? path.join(runtime, 'network.json') : path.join(root, 'fixtures', 'network.json'), 'utf8'));
const BASE = process.env.GATEWAY_URL ?? `http://${net.gateway.address ?? '127.0.0.1'}:${net.gateway.port ?? 3000}`;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '3'));
const ORG = arg('org', 'bangkhla');
const org = net.peerOrgs.find((o) => o.key === ORG);
if (!org) throw new Error(`no organisation ${ORG}`);
const PASSWORD = 'Referral#2026';

const call = async (method, url, options = {}) => requestJson(BASE, method, url, options);
async function login(username, password = PASSWORD) {
  const r = await call('POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** `peer chaincode invoke` signed with the person's own certificate (key opened from key.enc into a temporary MSP). */
async function invokeAs(username) {
  const script = `source "${root}/network-config/scripts/common.sh"
as_admin "$(org_index "${ORG}")"
tmpmsp="$("$NODE" "$NET/scripts/key-wallet.mjs" open-msp "${username}")"
trap 'rm -rf "$(dirname "$tmpmsp")"' EXIT
export CORE_PEER_MSPCONFIGPATH="$tmpmsp"
peer chaincode invoke -o "$ORDERER_ADDR" --tls --cafile "$ORDERER_CA" -C "$CHANNEL" -n "$CC_NAME" \\
  --peerAddresses "$CORE_PEER_ADDRESS" --tlsRootCertFiles "$CORE_PEER_TLS_ROOTCERT_FILE" \\
  -c '{"Args":["GetReferral","R-identity-timing-does-not-exist"]}'`;
  const started = Date.now();
  try {
    const { stdout, stderr } = await run('bash', ['-c', script], { env: { ...process.env, RUNTIME_DIR: runtime }, timeout: 60_000 });
    return { revoked: /revoked|access denied/i.test(`${stdout}${stderr}`), out: `${stdout}${stderr}`, ms: Date.now() - started };
  } catch (err) {
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    return { revoked: /revoked|access denied/i.test(out), out, ms: Date.now() - started };
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  const admin = await login(`admin.${ORG}`);
  const auditor = await login('auditor.pho');
  const rows = [];
  let failed = false;
  for (let i = 0; i < RUNS; i++) {
    const username = `clinician.rt${randomBytes(3).toString('hex')}.${ORG}`;
    const password = `Pw-${randomBytes(9).toString('base64url')}`;
    let t = Date.now();
    const added = await call('POST', '/api/identity/staff', { token: admin, body: { username, displayName: `Revocation timing ${i + 1}`, role: 'clinician', hcode: org.hcode, password } });
    if (added.status !== 201) throw new Error(`add ${username}: ${added.status} ${JSON.stringify(added.body)}`);
    const enrolMs = Date.now() - t;
    const token = await login(username, password);
    const before = await invokeAs(username);
    if (before.revoked || !/NOT_FOUND|does not exist|not found/i.test(before.out)) throw new Error(`the new certificate did not reach the chaincode: ${before.out.slice(-300)}`);

    const t0 = Date.now();
    const revoke = call('POST', `/api/identity/staff/${username}/revoke`, { token: admin, body: { reason: 'revocation timing' } }).then((r) => ({ ...r, at: Date.now() }));
    // gateway: poll with the person's token
    let gatewayMs;
    const gateway = (async () => {
      for (;;) {
        const r = await call('GET', '/api/referrals?limit=1', { token });
        if (r.status === 401 && r.code === 'IDENTITY_REVOKED') return (gatewayMs = Date.now() - t0);
        if (Date.now() - t0 > 120_000) return undefined;
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    // peers: the CLI signed with the revoked certificate, again and again
    let peerMs;
    let peerAttempts = 0;
    let cliMs = 0;
    const peers = (async () => {
      for (;;) {
        const r = await invokeAs(username);
        peerAttempts += 1;
        cliMs = r.ms;
        if (r.revoked) return (peerMs = Date.now() - t0);
        if (Date.now() - t0 > 120_000) return undefined;
      }
    })();
    const answer = await revoke;
    await Promise.all([gateway, peers]);
    // audit: the newest config block carries the CRL, whose signature the auditor's check verifies
    t = Date.now();
    const head = await call('POST', '/api/audit/verify', { token: auditor, body: { fromBlock: 0, toBlock: 0 } });
    const audit = await call('POST', '/api/audit/verify', { token: auditor, body: { fromBlock: head.body.chainHeight - 1 } });
    const auditMs = Date.now() - t;
    const notes = audit.body?.checks?.signatures?.notes ?? [];
    const crlNote = notes.find((n) => n.includes(`CRL of ${org.mspId}`) && n.includes('verified'));
    const badCrl = (audit.body?.checks?.signatures?.problems ?? []).some((p) => p.code === 'CRL_SIGNATURE_INVALID');
    const row = { run: i + 1, enrolMs, apiMs: answer.at - t0, status: answer.status, effectMs: answer.body?.effectMs, crlUpdateMs: answer.body?.crl?.ms, gatewayMs, peerMs, peerAttempts, cliMs, auditMs, crlVerified: Boolean(crlNote) && !badCrl };
    rows.push(row);
    if (answer.status !== 200 || gatewayMs === undefined || peerMs === undefined || !row.crlVerified) failed = true;
  }
  const pad = (v, n) => String(v ?? '-').padStart(n);
  console.log(`\nRevocation-to-effect, ${org.mspId}, ${RUNS} runs (${new Date().toISOString()}, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  console.log(' run | enrol (add staff) ms | revoke API ms | gateway refuses ms | peer refuses ms (CLI tries, last CLI ms) | audit ms | CRL verified');
  for (const r of rows) console.log(`${pad(r.run, 4)} | ${pad(r.enrolMs, 20)} | ${pad(r.apiMs, 13)} | ${pad(r.gatewayMs, 18)} | ${pad(r.peerMs, 15)} (${r.peerAttempts}, ${r.cliMs}) | ${pad(r.auditMs, 8)} | ${r.crlVerified ? 'yes' : 'NO'}`);
  console.log(`median: enrol ${median(rows.map((r) => r.enrolMs))} ms, revoke API ${median(rows.map((r) => r.apiMs))} ms (crl-update.sh ${median(rows.map((r) => r.crlUpdateMs))} ms), gateway ${median(rows.map((r) => r.gatewayMs))} ms, peer ${median(rows.map((r) => r.peerMs))} ms`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(`revocation timing failed: ${err.stack ?? err}`);
  process.exit(1);
});
