// Exits 0 when every given certificate's ECDSA signature has a low S value (s <= n/2), 1 otherwise.
// Fabric 2.1's MSP "sanitizes" CA certificates to low-S; with a high-S self-signed root the sanitized
// copy no longer chains under current Go x509 rules, so the orderer panics ("certificate signed by
// unknown authority"). generate.sh re-issues an organisation until its CA certificates are low-S.
import { readFileSync } from 'node:fs';

const P256_HALF_N = 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n;

function readTlv(buf, at) {
  const tag = buf[at];
  let len = buf[at + 1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i += 1) len = len * 256 + buf[at + 2 + i];
    header += n;
  }
  return { tag, start: at + header, end: at + header + len };
}

function signatureS(pem) {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const cert = readTlv(der, 0);
  const tbs = readTlv(der, cert.start);
  const alg = readTlv(der, tbs.end);
  const bits = readTlv(der, alg.end);
  const sig = readTlv(der, bits.start + 1); // skip the unused-bits byte
  const r = readTlv(der, sig.start);
  const s = readTlv(der, r.end);
  return BigInt('0x' + der.subarray(s.start, s.end).toString('hex'));
}

const high = process.argv.slice(2).filter((file) => signatureS(readFileSync(file, 'utf8')) > P256_HALF_N);
if (high.length > 0) {
  console.error(`high-S signature: ${high.join(', ')}`);
  process.exit(1);
}
