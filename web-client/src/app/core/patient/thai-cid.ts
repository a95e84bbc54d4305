/**
 * Thai national ID (เลขประจำตัวประชาชน, 13 digits) check-digit rule:
 * sum = Σ d[i] × (13 − i) for i = 0..11; valid when (11 − sum mod 11) mod 10 = d[12].
 * The same rule as the gateway's; the client checks it before sending so the user
 * sees a mistake at once. Spaces and dashes as typed on forms are ignored.
 */

/** Keeps only the digits of a typed ID ("1-2345-67890-12-1" → "1234567890121"). */
export function normaliseCid(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** The check digit (0..9) for the first 12 digits, or null when they are not 12 digits. */
export function cidCheckDigit(first12: string): number | null {
  if (!/^\d{12}$/.test(first12)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/** Why a typed ID is not valid, or null when it is. */
export type CidProblem = 'empty' | 'not-digits' | 'length' | 'check-digit';

/** Checks a typed national ID; returns null when valid. */
export function cidProblem(typed: string): CidProblem | null {
  const cid = normaliseCid(typed);
  if (cid.length === 0) return 'empty';
  if (!/^\d+$/.test(cid)) return 'not-digits';
  if (cid.length !== 13) return 'length';
  return cidCheckDigit(cid.slice(0, 12)) === Number(cid[12]) ? null : 'check-digit';
}

/** True when `typed` is a valid 13-digit Thai national ID. */
export function isValidThaiCid(typed: string): boolean {
  return cidProblem(typed) === null;
}

/** Shows an ID in the usual grouping 1-2345-67890-12-1 (for display while typing). */
export function formatCid(typed: string): string {
  const d = normaliseCid(typed);
  const parts = [d.slice(0, 1), d.slice(1, 5), d.slice(5, 10), d.slice(10, 12), d.slice(12, 13)];
  return parts.filter((p) => p.length > 0).join('-');
}
