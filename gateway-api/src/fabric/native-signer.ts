import { sign, type KeyObject } from 'node:crypto';
import type { Signer } from '@hyperledger/fabric-gateway';

/** Order n of each supported curve's base point, and the hash Fabric signs with on it. */
const CURVES: Readonly<Record<string, { readonly n: bigint; readonly size: number; readonly digest: 'sha256' | 'sha384' }>> = {
  prime256v1: { n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, size: 32, digest: 'sha256' },
  secp384r1: {
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    size: 48,
    digest: 'sha384',
  },
};

/** What `connect()` needs to sign as one identity: a signer and the hash that goes with it. */
export interface SigningPair {
  readonly signer: Signer;
  readonly hash: (message: Uint8Array) => Uint8Array;
}

/**
 * Signs with OpenSSL (node:crypto) instead of the Fabric Gateway client's pure-JavaScript P-256 signer
 * (`signers.newPrivateKeySigner`, @noble/curves). Profiling 32 concurrent creates showed @noble/curves at about a
 * fifth of the gateway's CPU: every proposal, transaction, commit-status request and evaluate is signed.
 *
 * The client is given `hash.none`, so the signer receives the whole message and `crypto.sign` hashes it (SHA-256
 * on P-256, as Fabric verifies). The signature is normalised to low S (Fabric rejects high-S signatures, as the
 * client's own signer does) and DER-encoded. Keys on other curves get `fallback` (the client's own signer with
 * `hash.sha256`). Nothing of @hyperledger/fabric-gateway is imported at run time here (its ESM dependencies do not
 * load under jest).
 */
export function signingPairFor(privateKey: KeyObject, fallback: () => SigningPair): SigningPair {
  const curve = privateKey.asymmetricKeyType === 'ec' ? CURVES[privateKey.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (curve === undefined) {
    return fallback();
  }
  const half = curve.n >> 1n;
  const signer: Signer = (message) => {
    const p1363 = sign(curve.digest, message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const r = p1363.subarray(0, curve.size);
    let s = bigIntOf(p1363.subarray(curve.size));
    if (s > half) s = curve.n - s;
    return Promise.resolve(derSignature(r, bytesOf(s, curve.size)));
  };
  // the Fabric Gateway client's hash.none: the message itself
  return { signer, hash: (message) => message };
}

function bigIntOf(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

function bytesOf(value: bigint, size: number): Uint8Array {
  return Buffer.from(value.toString(16).padStart(size * 2, '0'), 'hex');
}

/** A DER INTEGER of an unsigned big-endian value (minimal length, a leading zero when the top bit is set). */
function derInteger(bytes: Uint8Array): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const body = Buffer.from(bytes.subarray(i));
  const value = (body[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body;
  return Buffer.concat([Buffer.from([0x02, value.length]), value]);
}

/** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (both curves fit a short-form length). */
function derSignature(r: Uint8Array, s: Uint8Array): Uint8Array {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body]));
}
