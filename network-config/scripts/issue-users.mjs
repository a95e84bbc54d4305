// Issues every demo user (fixtures/users.json) an X.509 identity signed by their organisation's CA,
// with OU=client and the Fabric attribute extension (OID 1.2.3.4.5.6.7.8.1) carrying
// {"attrs":{"role":..., "hcode":...}}, the same encoding Fabric CA uses for enrolment attributes.
// Output: .runtime/users/<username>/{cert.pem,key.pem}. Existing identities are kept.
import 'reflect-metadata';
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { loadTopology, root } from './topology.mjs';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const runtime = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');
const net = loadTopology();
const fixture = JSON.parse(readFileSync(path.join(root, 'fixtures/users.json'), 'utf8'));
const users = [...fixture.users, ...(fixture.services ?? [])];
const ATTRS_OID = '1.2.3.4.5.6.7.8.1';
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

const pemBody = (pem) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const toPem = (der, label) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;

async function loadCa(org) {
  const dir = path.join(runtime, 'crypto', 'peerOrganizations', org.domain, 'ca');
  const certFile = readdirSync(dir).find((f) => f.endsWith('-cert.pem'));
  const cert = new x509.X509Certificate(readFileSync(path.join(dir, certFile), 'utf8'));
  const key = await webcrypto.subtle.importKey('pkcs8', pemBody(readFileSync(path.join(dir, 'priv_sk'), 'utf8')), alg, false, ['sign']);
  return { cert, key };
}

/** An MSP folder (signcerts, keystore, cacerts, NodeOU config) so the peer CLI can act as the user. */
function writeMspFolder(userDir, org) {
  const orgMsp = path.join(runtime, 'crypto', 'peerOrganizations', org.domain, 'msp');
  const msp = path.join(userDir, 'msp');
  for (const sub of ['signcerts', 'keystore', 'cacerts']) mkdirSync(path.join(msp, sub), { recursive: true });
  copyFileSync(path.join(userDir, 'cert.pem'), path.join(msp, 'signcerts', 'cert.pem'));
  copyFileSync(path.join(userDir, 'key.pem'), path.join(msp, 'keystore', 'key.pem'));
  for (const f of readdirSync(path.join(orgMsp, 'cacerts'))) copyFileSync(path.join(orgMsp, 'cacerts', f), path.join(msp, 'cacerts', f));
  copyFileSync(path.join(orgMsp, 'config.yaml'), path.join(msp, 'config.yaml'));
}

const cas = new Map();
let issued = 0;
for (const user of users) {
  const out = path.join(runtime, 'users', user.username);
  if (existsSync(path.join(out, 'cert.pem'))) continue;
  const org = net.peerOrgs.find((o) => o.key === user.orgKey);
  if (!org) throw new Error(`user ${user.username}: unknown organisation ${user.orgKey}`);
  if (!cas.has(org.key)) cas.set(org.key, await loadCa(org));
  const ca = cas.get(org.key);
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
    subject: `C=TH, ST=Chachoengsao, O=${org.domain}, OU=client, CN=${user.username}`,
    issuer: ca.cert.subjectName, // keep the CA's exact name encoding
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 5 * 365 * 24 * 3600_000),
    signingAlgorithm: alg,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      // cryptogen's key identifiers are SHA-256 based: reuse the CA's own SKI as our AKI
      new x509.AuthorityKeyIdentifierExtension(ca.cert.getExtension(x509.SubjectKeyIdentifierExtension).keyId),
      new x509.Extension(ATTRS_OID, false, Buffer.from(JSON.stringify({ attrs: { role: user.role, hcode: user.hcode } }))),
    ],
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'cert.pem'), cert.toString('pem') + '\n');
  writeFileSync(path.join(out, 'key.pem'), toPem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'), { mode: 0o600 });
  writeMspFolder(out, org);
  issued += 1;
}
console.log(`    identities: ${users.length} users (${issued} newly issued) in ${path.join(runtime, 'users')}`);
