// Registers and enrols every demo user and service identity (fixtures/users.json) through their organisation's
// Fabric CA (network-config/scripts/ca-up.sh), with `role`, `hcode` (and `designation` when set) as enrolment
// certificate attributes (ecert: the CA writes them into the Fabric attribute extension, OID 1.2.3.4.5.6.7.8.1).
// Enrols only once: users with .runtime/users/<username>/cert.pem are kept. Runs in parallel (ENROLL_CONCURRENCY,
// default 12) and prints the time per user. Output per user: cert.pem, key.pem (mode 600) and an MSP folder for
// the peer CLI. Each organisation's registrar is enrolled once into .runtime/ca-clients/<org>/registrar.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { loadTopology, root } from './topology.mjs';
import { loadKek, sealKey, sealUserFolder } from './key-wallet.mjs';
import { CaRest } from './ca-rest.mjs';

const run = promisify(execFile);
const runtime = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');
const bin = path.join(root, 'network-config', 'bin', 'fabric-ca-client');
const net = loadTopology();
const fixture = JSON.parse(readFileSync(path.join(root, 'fixtures/users.json'), 'utf8'));
const users = [...fixture.users, ...(fixture.services ?? [])];
const concurrency = Number(process.env.ENROLL_CONCURRENCY ?? 12);

/** Where an organisation's CA listens and the file its clients trust (the organisation's CA certificate). */
export function caOf(org) {
  if (!org.ca?.port) throw new Error(`organisation ${org.key} has no 'ca' entry in the topology`);
  const address = org.ca.address ?? org.peer.address ?? org.address;
  if (!address) throw new Error(`organisation ${org.key}: no CA address in the topology`);
  return {
    url: `https://${address}:${org.ca.port}`,
    name: org.ca.name,
    tlsCa: path.join(runtime, 'crypto', 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`),
    registrarHome: path.join(runtime, 'ca-clients', org.key, 'registrar'),
  };
}

const client = (args) => run(bin, args, { maxBuffer: 4 << 20, env: { ...process.env, FABRIC_CA_CLIENT_HOME: undefined } });

async function enrolRegistrar(org) {
  const ca = caOf(org);
  if (existsSync(path.join(ca.registrarHome, 'msp', 'signcerts', 'cert.pem'))) return;
  const secret = readFileSync(path.join(runtime, 'secrets', 'ca', `${org.key}.registrar`), 'utf8').trim();
  const u = new URL(ca.url);
  u.username = 'registrar';
  u.password = secret;
  await client(['enroll', '-u', u.toString().replace(/\/$/, ''), '--caname', ca.name, '--tls.certfiles', ca.tlsCa, '--home', ca.registrarHome, '--csr.names', `C=TH,ST=Chachoengsao,O=${org.domain}`]);
}

/** An MSP folder (signcerts, keystore, cacerts, NodeOU config) so the peer CLI can act as the user. */
function writeMspFolder(userDir, org) {
  const orgMsp = path.join(runtime, 'crypto', 'peerOrganizations', org.domain, 'msp');
  const msp = path.join(userDir, 'msp');
  rmSync(path.join(msp, 'cacerts'), { recursive: true, force: true });
  rmSync(path.join(msp, 'intermediatecerts'), { recursive: true, force: true });
  mkdirSync(path.join(msp, 'cacerts'), { recursive: true });
  for (const f of readdirSync(path.join(orgMsp, 'cacerts'))) copyFileSync(path.join(orgMsp, 'cacerts', f), path.join(msp, 'cacerts', f));
  copyFileSync(path.join(orgMsp, 'config.yaml'), path.join(msp, 'config.yaml'));
}

export function attributesOf(user) {
  const attrs = [`role=${user.role}:ecert`, `hcode=${user.hcode}:ecert`];
  if (user.designation) attrs.push(`designation=${user.designation}:ecert`);
  return attrs.join(',');
}

/** Registers (or, if already registered, resets the one-time secret of) and enrols one user. */
export async function registerAndEnrol(user, org, { outDir, kek } = {}) {
  const ca = caOf(org);
  const secret = randomBytes(18).toString('base64url');
  const common = ['--caname', ca.name, '--tls.certfiles', ca.tlsCa, '-u', ca.url];
  try {
    await client(['register', ...common, '--home', ca.registrarHome, '--id.name', user.username, '--id.secret', secret,
      '--id.type', 'client', '--id.affiliation', '', '--id.attrs', attributesOf(user)]);
  } catch (err) {
    if (!/already registered/i.test(String(err.stderr ?? err.message))) throw err;
    await client(['identity', 'modify', user.username, ...common, '--home', ca.registrarHome, '--secret', secret, '--attrs', attributesOf(user)]);
  }
  const out = outDir ?? path.join(runtime, 'users', user.username);
  const u = new URL(ca.url);
  u.username = user.username;
  u.password = secret;
  rmSync(path.join(out, 'msp'), { recursive: true, force: true });
  await client(['enroll', '-u', u.toString().replace(/\/$/, ''), '--caname', ca.name, '--tls.certfiles', ca.tlsCa,
    '--mspdir', path.join(out, 'msp'), '--csr.names', `C=TH,ST=Chachoengsao,O=${org.domain}`]);
  const keystore = path.join(out, 'msp', 'keystore');
  const keyFile = readdirSync(keystore).find((f) => f.endsWith('_sk'));
  copyFileSync(path.join(out, 'msp', 'signcerts', 'cert.pem'), path.join(out, 'cert.pem'));
  copyFileSync(path.join(keystore, keyFile), path.join(out, 'key.pem'));
  chmodSync(path.join(out, 'key.pem'), 0o600);
  chmodSync(path.join(keystore, keyFile), 0o600);
  writeMspFolder(out, org);
  // the private key stays on disk only sealed under the key-encryption key (key.enc)
  sealUserFolder(out, user.username, kek ?? loadKek());
}

/** The REST client of each organisation's CA, as its registrar. */
const rest = new Map();
function restOf(org) {
  if (!rest.has(org.key)) {
    const ca = caOf(org);
    const keystore = path.join(ca.registrarHome, 'msp', 'keystore');
    rest.set(org.key, new CaRest({
      url: ca.url,
      caname: ca.name,
      tlsCaPem: readFileSync(ca.tlsCa),
      registrarCertPem: readFileSync(path.join(ca.registrarHome, 'msp', 'signcerts', 'cert.pem'), 'utf8'),
      registrarKeyPem: readFileSync(path.join(keystore, readdirSync(keystore).find((f) => f.endsWith('_sk')))),
    }));
  }
  return rest.get(org.key);
}

/** Bulk path: register + enrol over REST in-process; the key is sealed before it touches the disk. */
async function enrolFast(user, org, kek) {
  const client = restOf(org);
  const secret = randomBytes(18).toString('base64url');
  const attrs = [['role', user.role], ['hcode', user.hcode], ...(user.designation ? [['designation', user.designation]] : [])];
  if (!(await client.register(user.username, secret, attrs))) return registerAndEnrol(user, org, { kek }); // registered earlier: reset its secret through the CLI
  const { certPem, keyPem } = await client.enroll(user.username, secret, `C=TH, ST=Chachoengsao, O=${org.domain}`);
  const out = path.join(runtime, 'users', user.username);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'msp', 'signcerts'), { recursive: true });
  mkdirSync(path.join(out, 'msp', 'keystore'), { recursive: true });
  writeFileSync(path.join(out, 'key.enc'), sealKey(Buffer.from(keyPem), user.username, kek), { mode: 0o600 });
  writeFileSync(path.join(out, 'msp', 'signcerts', 'cert.pem'), certPem);
  writeFileSync(path.join(out, 'cert.pem'), certPem);
  writeMspFolder(out, org);
}

async function pool(items, size, work) {
  let next = 0;
  const runners = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}

async function main() {
  const withCa = new Set(net.peerOrgs.filter((o) => o.ca?.port).map((o) => o.key));
  const noCa = users.filter((u) => !withCa.has(u.orgKey));
  if (noCa.length) console.log(`    WARNING: ${noCa.length} user(s) of organisations without a 'ca' entry are not enrolled (${[...new Set(noCa.map((u) => u.orgKey))].join(', ')})`);
  const todo = users.filter((u) => withCa.has(u.orgKey) && !existsSync(path.join(runtime, 'users', u.username, 'cert.pem')));
  const orgOf = (key) => net.peerOrgs.find((o) => o.key === key) ?? (() => { throw new Error(`unknown organisation ${key}`); })();
  const started = performance.now();
  const kek = loadKek();
  await Promise.all(net.peerOrgs.filter((org) => withCa.has(org.key)).map((org) => enrolRegistrar(org)));
  const times = [];
  const failed = [];
  await pool(todo, concurrency, async (user) => {
    const t0 = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await enrolFast(user, orgOf(user.orgKey), kek);
        break;
      } catch (err) {
        if (attempt >= 3) { failed.push(`${user.username}: ${String(err.stderr ?? err.message).trim().split('\n').pop()}`); return; }
        await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
    times.push(performance.now() - t0);
  });
  const wall = (performance.now() - started) / 1000;
  if (failed.length) {
    console.error(failed.slice(0, 10).join('\n'));
    throw new Error(`${failed.length} user(s) could not be enrolled`);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0) : '-');
  const timing = times.length
    ? `; register+enrol per user: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, wall ${wall.toFixed(1)} s for ${times.length} at concurrency ${concurrency} (${((wall * 1000) / times.length).toFixed(0)} ms/user)`
    : '';
  console.log(`    identities: ${users.length} users (${times.length} newly enrolled through their organisation's Fabric CA) in ${path.join(runtime, 'users')}${timing}`);
  if (times.length) {
    mkdirSync(path.join(runtime, 'state'), { recursive: true });
    writeFileSync(path.join(runtime, 'state', 'enrolment-timing.json'), JSON.stringify({ users: times.length, concurrency, wallSeconds: wall, medianMs: Number(pct(0.5)), p95Ms: Number(pct(0.95)) }, null, 2));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`ERROR: ${err.message}`);
    process.exit(1);
  });
}
