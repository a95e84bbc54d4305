import { scryptSync, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, verifySync as argon2VerifySync } from '@node-rs/argon2';

/**
 * Argon2id parameters (OWASP Password Storage Cheat Sheet, 2023: m=19 MiB, t=2, p=1). Records are PHC strings
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), so parameters can be raised later without breaking old ones.
 */
export const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

function verifyScrypt(password: string, record: string): boolean {
  const [scheme, saltHex, hashHex] = record.split(':');
  if (scheme !== 'scrypt' || saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * Checks a password against its record: argon2id (PHC string, staff accounts) or the older
 * `scrypt:<salt hex>:<hash hex>` (citizen accounts of the wallet), in constant time. Synchronous: prefer
 * {@link verifyPasswordAsync} on request paths.
 */
export function verifyPassword(password: string, record: string): boolean {
  if (record.startsWith('$argon2')) {
    try {
      return argon2VerifySync(record, password);
    } catch {
      return false;
    }
  }
  return verifyScrypt(password, record);
}

/** {@link verifyPassword} off the event loop for argon2id records. */
export async function verifyPasswordAsync(password: string, record: string): Promise<boolean> {
  if (record.startsWith('$argon2')) {
    try {
      return await argon2Verify(record, password);
    } catch {
      return false;
    }
  }
  return verifyScrypt(password, record);
}

/** A new argon2id record (random salt). */
export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2ID);
}
