// Helpers of org-add.sh (an organisation joins the running channel). Sub-commands:
//   resolve NAME                      bash assignments of the org description fixtures/orgs/<NAME>.json (or the one whose key/MSP is NAME)
//   render FIXTURE DIR                crypto-config-<key>.yaml (cryptogen) and configtx.yaml (configtxgen -printOrg) for that org
//   update BLOCK_JSON ORG_JSON FIXTURE ORIGINAL_OUT MODIFIED_OUT
//                                     from the decoded config block: the channel config, and a copy with the org
//                                     (MSP definition + anchor peer) added under Application; prints
//                                     "member" when it is already there, else the number of admin signatures the
//                                     channel's Application Admins policy needs, then the MSP IDs in that group
//   envelope UPDATE_JSON CHANNEL OUT_JSON  wraps a decoded ConfigUpdate in a CONFIG_UPDATE envelope
//   topology FIXTURE                  adds the org to .runtime/network.json (every later start brings it back)
//   users FIXTURE                     issues its users' X.509 identities (attributes as enroll-users.mjs puts them; keys
//                                     sealed at rest like every other user's, key-wallet.mjs) and writes
//                                     .runtime/orgs/<key>.users.json, which the gateway reads with fixtures/users.json
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import { hashSync as argon2Hash } from '@node-rs/argon2';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { loadKek, sealUserFolder } from './key-wallet.mjs';
import { loadTopology, root, runtimeDir, topologyFile } from './topology.mjs';

const [, , command, ...args] = process.argv;
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const q = (v) => `'${String(v).replaceAll("'", "'\\''")}'`;
const orgsDir = path.join(root, 'fixtures', 'orgs');
/** A node's address as the other network scripts take it (render-config.mjs): its own, else the loopback. */
const host = (node) => node.address ?? '127.0.0.1';

function resolve(name) {
  const direct = path.join(orgsDir, `${name}.json`);
  if (existsSync(direct)) return direct;
  for (const f of existsSync(orgsDir) ? readdirSync(orgsDir).filter((f) => f.endsWith('.json')) : []) {
    const org = readJson(path.join(orgsDir, f));
    if ([org.key, org.mspId, org.mspId?.replace(/MSP$/, '')].includes(name)) return path.join(orgsDir, f);
  }
  const known = existsSync(orgsDir) ? readdirSync(orgsDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : [];
  throw new Error(`no organisation description for '${name}' in fixtures/orgs (known: ${known.join(', ') || 'none'})`);
}

/** The peerOrgs entry of the topology (same shape as fixtures/network.json). */
function topologyEntry(org) {
  const { key, mspId, nameEn, nameTh, hcode, domain, peer } = org;
  return { key, mspId, nameEn, nameTh, hcode, domain, peer, addedBy: 'org-add' };
}

function checkFree(org) {
  const net = loadTopology();
  const mine = net.peerOrgs.find((o) => o.key === org.key);
  if (mine && mine.mspId !== org.mspId) throw new Error(`key ${org.key} is already used by ${mine.mspId}`);
  const ports = [org.peer.port, org.peer.chaincodePort, org.peer.operationsPort, org.peer.chaincodeServicePort];
  for (const other of net.peerOrgs.filter((o) => o.key !== org.key)) {
    if (other.mspId === org.mspId) throw new Error(`${org.mspId} is already organisation ${other.key}`);
    const theirs = [other.peer.port, other.peer.chaincodePort, other.peer.operationsPort, other.peer.chaincodeServicePort];
    const clash = ports.filter((p) => theirs.includes(p) && host(other.peer) === host(org.peer));
    if (clash.length > 0) throw new Error(`port(s) ${clash.join(', ')} of ${org.key} are used by ${other.key}`);
  }
}

function render(fixture, dir) {
  const org = readJson(fixture);
  mkdirSync(dir, { recursive: true });
  const sans = ['localhost', '127.0.0.1', ...(org.peer.address ? [org.peer.address] : [])].map((s) => `        - ${s}`);
  writeFileSync(
    path.join(dir, `crypto-config-${org.key}.yaml`),
    ['PeerOrgs:', `  - Name: ${org.key}`, `    Domain: ${org.domain}`, '    EnableNodeOUs: true', '    Template:', '      Count: 1', '      SANS:', ...sans, '    Users:', '      Count: 0'].join('\n') + '\n',
  );
  const crypto = path.join(runtimeDir, 'crypto');
  const sig = (rule) => `        Type: Signature\n        Rule: "${rule}"`;
  writeFileSync(
    path.join(dir, 'configtx.yaml'),
    [
      'Organizations:',
      `  - &${org.key}`,
      `    Name: ${org.mspId}`,
      `    ID: ${org.mspId}`,
      `    MSPDir: ${path.join(crypto, 'peerOrganizations', org.domain, 'msp')}`,
      '    Policies:',
      `      Readers:\n${sig(`OR('${org.mspId}.admin', '${org.mspId}.peer', '${org.mspId}.client')`)}`,
      `      Writers:\n${sig(`OR('${org.mspId}.admin', '${org.mspId}.client')`)}`,
      `      Admins:\n${sig(`OR('${org.mspId}.admin')`)}`,
      `      Endorsement:\n${sig(`OR('${org.mspId}.peer')`)}`,
      '    AnchorPeers:',
      `      - Host: ${host(org.peer)}\n        Port: ${org.peer.port}`,
    ].join('\n') + '\n',
  );
}

/** Signatures an ImplicitMeta rule over N sub-groups needs. */
function needed(rule, n) {
  if (rule === 'ANY') return 1;
  if (rule === 'ALL') return n;
  return Math.floor(n / 2) + 1; // MAJORITY
}

function update(blockFile, orgFile, fixture, originalOut, outFile) {
  const config = readJson(blockFile).data.data[0].payload.data.config;
  writeFileSync(originalOut, JSON.stringify(config));
  const org = readJson(fixture);
  const app = config.channel_group.groups.Application;
  const members = Object.keys(app.groups);
  const admins = app.policies.Admins.policy;
  if (admins.type !== 3) throw new Error(`the Application Admins policy is not an ImplicitMeta policy (type ${admins.type}): sign by hand`);
  const rule = typeof admins.value.rule === 'number' ? ['ANY', 'ALL', 'MAJORITY'][admins.value.rule] : admins.value.rule;
  if (members.includes(org.mspId)) {
    console.log('member');
    return;
  }
  const definition = readJson(orgFile);
  definition.values.AnchorPeers ??= {
    mod_policy: 'Admins',
    value: { anchor_peers: [{ host: host(org.peer), port: org.peer.port }] },
    version: '0',
  };
  app.groups[org.mspId] = definition;
  writeFileSync(outFile, JSON.stringify(config));
  console.log(`${needed(rule, members.length)} ${admins.value.sub_policy} ${rule} ${members.join(' ')}`);
}

function envelope(updateFile, channel, outFile) {
  const configUpdate = readJson(updateFile);
  writeFileSync(outFile, JSON.stringify({ payload: { header: { channel_header: { channel_id: channel, type: 2 } }, data: { config_update: configUpdate } } }));
}

function addToTopology(fixture) {
  const org = readJson(fixture);
  checkFree(org);
  const file = path.join(runtimeDir, 'network.json');
  if (!existsSync(file)) throw new Error(`${file} does not exist: start the network first (npm start)`);
  if (topologyFile() !== file) throw new Error('unexpected topology file');
  const net = readJson(file);
  const i = net.peerOrgs.findIndex((o) => o.key === org.key);
  if (i >= 0) net.peerOrgs[i] = topologyEntry(org);
  else net.peerOrgs.push(topologyEntry(org));
  writeFileSync(file, JSON.stringify(net, null, 2) + '\n');
  console.log(i >= 0 ? 'unchanged' : 'added');
}

// ---- identities signed with the organisation's cryptogen CA key (the joining organisation runs no Fabric CA server
// yet), with the same attrs extension as enroll-users.mjs; the key is sealed under the KEK (key.enc), never left in clear
x509.cryptoProvider.set(webcrypto);
const ATTRS_OID = '1.2.3.4.5.6.7.8.1';
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const pemBody = (pem) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const toPem = (der, label) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;
// the demo password and salt scheme of fixtures/scripts/make-users.mjs (staff: argon2id, OWASP 2023 parameters)
const PASSWORD = 'Referral#2026';
const passwordHash = (username) =>
  argon2Hash(PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, salt: createHash('sha256').update(`demo-salt:${username}`).digest().subarray(0, 16) });

async function users(fixture) {
  const org = readJson(fixture);
  const orgDir = path.join(runtimeDir, 'crypto', 'peerOrganizations', org.domain);
  const caDir = path.join(orgDir, 'ca');
  const caCert = new x509.X509Certificate(readFileSync(path.join(caDir, readdirSync(caDir).find((f) => f.endsWith('-cert.pem'))), 'utf8'));
  const caKey = await webcrypto.subtle.importKey('pkcs8', pemBody(readFileSync(path.join(caDir, 'priv_sk'), 'utf8')), alg, false, ['sign']);
  const kek = loadKek();
  let issued = 0;
  const all = [...org.users, ...(org.services ?? [])];
  for (const user of all) {
    const out = path.join(runtimeDir, 'users', user.username);
    if (existsSync(path.join(out, 'cert.pem'))) continue;
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
      subject: `C=TH, ST=Chachoengsao, O=${org.domain}, OU=client, CN=${user.username}`,
      issuer: caCert.subjectName,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 5 * 365 * 24 * 3600_000),
      signingAlgorithm: alg,
      publicKey: keys.publicKey,
      signingKey: caKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        new x509.AuthorityKeyIdentifierExtension(caCert.getExtension(x509.SubjectKeyIdentifierExtension).keyId),
        new x509.Extension(ATTRS_OID, false, Buffer.from(JSON.stringify({ attrs: { role: user.role, hcode: user.hcode } }))),
      ],
    });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'cert.pem'), cert.toString('pem') + '\n');
    writeFileSync(path.join(out, 'key.pem'), toPem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'), { mode: 0o600 });
    const msp = path.join(out, 'msp');
    for (const sub of ['signcerts', 'keystore', 'cacerts']) mkdirSync(path.join(msp, sub), { recursive: true });
    copyFileSync(path.join(out, 'cert.pem'), path.join(msp, 'signcerts', 'cert.pem'));
    copyFileSync(path.join(out, 'key.pem'), path.join(msp, 'keystore', 'key.pem'));
    for (const f of readdirSync(path.join(orgDir, 'msp', 'cacerts'))) copyFileSync(path.join(orgDir, 'msp', 'cacerts', f), path.join(msp, 'cacerts', f));
    copyFileSync(path.join(orgDir, 'msp', 'config.yaml'), path.join(msp, 'config.yaml'));
    sealUserFolder(out, user.username, kek);
    issued += 1;
  }
  // the login directory the gateway adds to fixtures/users.json (same shape)
  const directory = path.join(runtimeDir, 'orgs', `${org.key}.users.json`);
  mkdirSync(path.dirname(directory), { recursive: true });
  const login = org.users.map((u) => ({ username: u.username, displayName: u.displayName, orgKey: org.key, mspId: org.mspId, role: u.role, hcode: u.hcode, passwordHash: passwordHash(u.username) }));
  writeFileSync(directory, JSON.stringify({ note: `Users of ${org.mspId}, added by npm run org:add`, users: login }, null, 2) + '\n');
  console.log(`${all.length} identities of ${org.mspId} (${issued} newly issued); logins in ${path.relative(root, directory)}`);
}

switch (command) {
  case 'resolve': {
    const file = resolve(args[0]);
    const org = readJson(file);
    for (const k of ['key', 'mspId', 'domain', 'peer']) if (!org[k]) throw new Error(`${file}: '${k}' is missing`);
    checkFree(org);
    console.log(
      [
        `ORG_FILE=${q(file)}`, `NEW_KEY=${q(org.key)}`, `NEW_MSP=${q(org.mspId)}`, `NEW_DOMAIN=${q(org.domain)}`,
        `NEW_PEER=${q(org.peer.name)}`, `NEW_PEER_PORT=${q(org.peer.port)}`, `NEW_OPS_PORT=${q(org.peer.operationsPort)}`,
        `NEW_CCS_PORT=${q(org.peer.chaincodeServicePort)}`, `NEW_HOST=${q(host(org.peer))}`,
      ].join('\n'),
    );
    break;
  }
  case 'render': render(args[0], args[1]); break;
  case 'update': update(args[0], args[1], args[2], args[3], args[4]); break;
  case 'envelope': envelope(args[0], args[1], args[2]); break;
  case 'topology': addToTopology(args[0]); break;
  case 'users': await users(args[0]); break;
  default: throw new Error(`unknown command ${command}`);
}
