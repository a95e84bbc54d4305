import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 on RFC 4226 HOTP), as authenticator apps (Google Authenticator, Microsoft
 * Authenticator, FreeOTP, 1Password) compute them: HMAC-SHA-1, 30-second steps, 6 digits, secret shared as
 * base32 in an `otpauth://totp/...` URI. Own implementation on node:crypto (about 40 lines, checked against the
 * RFC 6238 appendix B test vectors in totp.spec.ts) rather than one more dependency.
 */
export const TOTP = { stepSeconds: 30, digits: 6, algorithm: 'SHA1', secretBytes: 20, window: 1 } as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, without padding (the form authenticator apps take). */
export function base32Encode(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** @throws Error on a character outside the base32 alphabet (spaces, dashes and padding are ignored). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error('not a base32 secret');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226 section 5.3): dynamic truncation of HMAC(secret, counter). */
export function hotp(secret: Buffer, counter: number, digits: number = TOTP.digits, algorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (((mac[offset] ?? 0) & 0x7f) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of `atMs` (RFC 6238: T = floor((unix time - T0) / X), T0 = 0). */
export const stepOf = (atMs: number): number => Math.floor(atMs / 1000 / TOTP.stepSeconds);

/** The code of a time (RFC 6238). */
export function totp(secret: Buffer, atMs: number, digits: number = TOTP.digits, algorithm = 'sha1'): string {
  return hotp(secret, stepOf(atMs), digits, algorithm);
}

/**
 * The time step whose code `code` is, within ±`window` steps of `atMs` (clock drift of the phone), or undefined.
 * Compared in constant time.
 */
export function matchStep(secret: Buffer, code: string, atMs: number, window: number = TOTP.window): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = stepOf(atMs);
  let found: number | undefined;
  for (let step = now - window; step <= now + window; step += 1) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code)) && found === undefined) found = step;
  }
  return found;
}

/** A new random secret (160 bits, RFC 4226's recommended length). */
export const newSecret = (): Buffer => randomBytes(TOTP.secretBytes);

/** The provisioning URI an authenticator app reads from a QR code (Key Uri Format). */
export function otpauthUri(secret: Buffer, account: string, issuer = 'CCO Referral'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret: base32Encode(secret), issuer, algorithm: TOTP.algorithm, digits: String(TOTP.digits), period: String(TOTP.stepSeconds) });
  return `otpauth://totp/${label}?${params.toString()}`;
}
