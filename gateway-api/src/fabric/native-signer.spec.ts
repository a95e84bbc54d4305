import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { signingPairFor, type SigningPair } from './native-signer';

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P384_N = 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;
const noFallback = (): SigningPair => {
  throw new Error('fallback used');
};

/** r and s of a DER ECDSA signature, checking the encoding is minimal DER. */
function parseDer(der: Uint8Array): { r: bigint; s: bigint } {
  const b = Buffer.from(der);
  expect(b[0]).toBe(0x30);
  expect(b[1]).toBe(b.length - 2);
  const rLen = b[3] as number;
  const r = b.subarray(4, 4 + rLen);
  const sLen = b[5 + rLen] as number;
  const s = b.subarray(6 + rLen, 6 + rLen + sLen);
  expect(6 + rLen + sLen).toBe(b.length);
  for (const n of [r, s]) if (n.length > 1 && n[0] === 0) expect((n[1] as number) & 0x80).toBe(0x80);
  return { r: BigInt(`0x${r.toString('hex')}`), s: BigInt(`0x${s.toString('hex')}`) };
}

describe('signingPairFor (OpenSSL signer for the Fabric Gateway client)', () => {
  it('P-256: the client passes the whole message (hash none); SHA-256 ECDSA that verifies, always low-S minimal DER', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const { signer, hash } = signingPairFor(privateKey, noFallback);
    const message = Buffer.from('a proposal payload');
    expect(Buffer.from(hash(message))).toEqual(message);
    let leadingZero = false;
    let lowered = 0;
    for (let i = 0; i < 300; i++) {
      const m = Buffer.from(`message ${i}`);
      const der = await signer(m);
      const { r, s } = parseDer(der);
      expect(s <= P256_N >> 1n).toBe(true);
      expect(r > 0n && s > 0n).toBe(true);
      expect(verify('sha256', m, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
      if (Buffer.from(der)[4] === 0) leadingZero = true;
      if (s < P256_N >> 2n) lowered++;
    }
    expect(leadingZero).toBe(true); // some r had its top bit set and got a leading zero
    expect(lowered).toBeGreaterThan(0);
  });

  it('P-384: SHA-384, low S', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const { signer } = signingPairFor(privateKey, noFallback);
    for (let i = 0; i < 50; i++) {
      const m = Buffer.from(`m${i}`);
      const der = await signer(m);
      expect(parseDer(der).s <= P384_N >> 1n).toBe(true);
      expect(verify('sha384', m, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('leaves keys it does not handle (Ed25519) to the fallback (the client’s own signer)', () => {
    const ed = generateKeyPairSync('ed25519');
    const fallback: SigningPair = { signer: async () => new Uint8Array([1]), hash: (m) => createHash('sha256').update(m).digest() };
    expect(signingPairFor(ed.privateKey, () => fallback)).toBe(fallback);
  });
});
