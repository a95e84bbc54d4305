import { scryptSync, timingSafeEqual } from 'node:crypto';

/** Checks a password against a `scrypt:<salt hex>:<hash hex>` record in constant time. */
export function verifyPassword(password: string, record: string): boolean {
  const [scheme, saltHex, hashHex] = record.split(':');
  if (scheme !== 'scrypt' || saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A new `scrypt:<salt hex>:<hash hex>` record (random salt). */
export async function hashPassword(password: string): Promise<string> {
  const { randomBytes, scrypt } = await import('node:crypto');
  const salt = randomBytes(16);
  const hash = await new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, 32, (err, key) => (err ? reject(err) : resolve(key)));
  });
  return `scrypt:${salt.toString('hex')}:${hash.toString('hex')}`;
}
