import 'reflect-metadata';
// Fabric CA REST client for bulk enrolment (network-config/scripts/enroll-users.mjs): register and enrol over HTTPS
// in-process, without starting two fabric-ca-client processes per user. Same protocol as fabric-ca-client 1.5:
//   register: POST /api/v1/register, Authorization: <b64 cert>.<b64 ECDSA signature (low-S, SHA-256) over
//             "POST.<b64 uri>.<b64 body>.<b64 cert>"> signed by the organisation's registrar;
//   enroll:   POST /api/v1/enroll, Basic auth <id>:<secret>, body {certificate_request: PKCS#10 PEM, caname}.
import { createPrivateKey, createHash, sign, webcrypto } from 'node:crypto';
import { request } from 'node:https';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);
const N = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

function derInt(bytes) {
  let b = Buffer.from(bytes);
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02, b.length]), b]);
}

/** ECDSA P-256 signature in DER with S in the lower half of the order (Fabric's BCCSP refuses high S). */
function lowS(der) {
  let o = 2;
  if (der[1] & 0x80) o = 2 + (der[1] & 0x7f);
  const rLen = der[o + 1];
  const r = der.subarray(o + 2, o + 2 + rLen);
  const so = o + 2 + rLen;
  const s = BigInt(`0x${der.subarray(so + 2, so + 2 + der[so + 1]).toString('hex')}`);
  const low = s > N / 2n ? N - s : s;
  const sHex = low.toString(16).padStart(64, '0');
  const body = Buffer.concat([derInt(r), derInt(Buffer.from(sHex, 'hex'))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

function post(url, path, body, headers, ca) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method: 'POST', ca, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: 60_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          return reject(new Error(`${path}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
        }
        if (!json.success) {
          const msg = (json.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ');
          const err = new Error(`${path}: ${msg || `HTTP ${res.statusCode}`}`);
          err.codes = (json.errors ?? []).map((e) => e.code);
          return reject(err);
        }
        resolve(json.result);
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${path}: timeout`)));
    req.end(body);
  });
}

/** A client of one organisation's CA as its registrar (cert + key PEM of the registrar's enrolment). */
export class CaRest {
  constructor({ url, caname, tlsCaPem, registrarCertPem, registrarKeyPem }) {
    this.url = url;
    this.caname = caname;
    this.ca = tlsCaPem;
    this.cert = registrarCertPem;
    this.key = createPrivateKey(registrarKeyPem);
  }

  #token(method, uri, body) {
    const b64cert = Buffer.from(this.cert).toString('base64');
    const payload = `${method}.${Buffer.from(uri).toString('base64')}.${Buffer.from(body).toString('base64')}.${b64cert}`;
    return `${b64cert}.${lowS(sign('sha256', Buffer.from(payload), this.key)).toString('base64')}`;
  }

  /** Registers a client identity with ecert attributes; resolves false when it is already registered. */
  async register(id, secret, attrs) {
    const body = JSON.stringify({ id, type: 'client', secret, max_enrollments: -1, affiliation: '', attrs: attrs.map(([name, value]) => ({ name, value, ecert: true })), caname: this.caname });
    try {
      await post(this.url, '/api/v1/register', body, { authorization: this.#token('POST', '/api/v1/register', body) }, this.ca);
      return true;
    } catch (err) {
      if ((err.codes ?? []).includes(74) || /already registered/i.test(err.message)) return false;
      throw err;
    }
  }

  /** Enrols `id` with a new P-256 key: { certPem, keyPem }. */
  async enroll(id, secret, subject) {
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `${subject}, CN=${id}`, keys, signingAlgorithm: alg });
    const body = JSON.stringify({ certificate_request: csr.toString('pem'), caname: this.caname });
    const result = await post(this.url, '/api/v1/enroll', body, { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` }, this.ca);
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END PRIVATE KEY-----\n`;
    return { certPem: Buffer.from(result.Cert, 'base64').toString('utf8'), keyPem, ski: createHash('sha256').update(pkcs8).digest('hex') };
  }
}
