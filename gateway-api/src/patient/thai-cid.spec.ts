import { isValidThaiCid } from './thai-cid';

describe('isValidThaiCid', () => {
  it('accepts IDs whose 13th digit is the check digit', () => {
    expect(isValidThaiCid('1101700207030')).toBe(true);
    expect(isValidThaiCid('3100600138848')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidThaiCid('1101700207031')).toBe(false);
    expect(isValidThaiCid('110170020703')).toBe(false);
    expect(isValidThaiCid('11017002070300')).toBe(false);
    expect(isValidThaiCid('11017002070a0')).toBe(false);
    expect(isValidThaiCid('')).toBe(false);
  });
});
