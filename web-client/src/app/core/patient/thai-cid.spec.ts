import { cidCheckDigit, cidProblem, formatCid, isValidThaiCid, normaliseCid } from './thai-cid';

/** Builds a valid ID from 12 digits. */
function valid(first12: string): string {
  return first12 + String(cidCheckDigit(first12));
}

describe('Thai national ID check digit', () => {
  it('computes the check digit by the published rule', () => {
    // 1×13+1×12+0×11+1×10+2×9+0×8+3×7+4×6+5×5+6×4+7×3+8×2 = 184; 184 mod 11 = 8; (11-8) mod 10 = 3
    expect(cidCheckDigit('110120345678')).toBe(3);
    expect(isValidThaiCid('1101203456783')).toBe(true);
  });

  it('wraps 10 and 11 to 0 and 1', () => {
    // find prefixes where sum mod 11 is 1 (→ 10 → 0) and 0 (→ 11 → 1)
    let sawZero = false;
    let sawOne = false;
    for (let n = 100000000000; n < 100000000200; n += 1) {
      const p = String(n);
      let sum = 0;
      for (let i = 0; i < 12; i += 1) sum += Number(p[i]) * (13 - i);
      if (sum % 11 === 1) { expect(cidCheckDigit(p)).toBe(0); sawZero = true; }
      if (sum % 11 === 0) { expect(cidCheckDigit(p)).toBe(1); sawOne = true; }
    }
    expect(sawZero && sawOne).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    const id = valid('310050012345');
    const wrong = id.slice(0, 12) + String((Number(id[12]) + 1) % 10);
    expect(cidProblem(id)).toBeNull();
    expect(cidProblem(wrong)).toBe('check-digit');
    expect(cidProblem('123')).toBe('length');
    expect(cidProblem('12345678901a3')).toBe('not-digits');
    expect(cidProblem('   ')).toBe('empty');
    expect(cidCheckDigit('12345')).toBeNull();
  });

  it('ignores spaces and dashes as typed on forms', () => {
    expect(normaliseCid('1-1012-03456-78-3')).toBe('1101203456783');
    expect(isValidThaiCid('1 1012 03456 78 3')).toBe(true);
    expect(formatCid('1101203456783')).toBe('1-1012-03456-78-3');
    expect(formatCid('11012')).toBe('1-1012');
  });
});
