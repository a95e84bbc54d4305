import { randomInt } from 'node:crypto';

/** A random 13-digit Thai national ID with a correct check digit (test data only). */
export function randomValidCid(): string {
  const digits = [randomInt(1, 9), ...Array.from({ length: 11 }, () => randomInt(0, 10))];
  const sum = digits.reduce((acc, d, i) => acc + d * (13 - i), 0);
  return [...digits, (11 - (sum % 11)) % 10].join('');
}

/** The same ID with a wrong check digit. */
export function withBadCheckDigit(cid: string): string {
  return cid.slice(0, 12) + String((Number(cid[12]) + 1) % 10);
}
