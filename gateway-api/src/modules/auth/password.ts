import { scryptSync, timingSafeEqual } from 'node:crypto';

/** Checks a password against a `scrypt:<salt hex>:<hash hex>` record in constant time. */
export function verifyPassword(password: string, record: string): boolean {
  const [scheme, saltHex, hashHex] = record.split(':');
  if (scheme !== 'scrypt' || saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}
