import jwt from 'jsonwebtoken';
import { ApiError } from '../../http/api-error';
import { AuthToken } from './auth-token';
import { verifyPassword } from './password';

const principal = { username: 'clinician.bangkhla', role: 'clinician' as const, hcode: '11138', mspId: 'BangKhlaMSP' };

describe('AuthToken', () => {
  const tokens = new AuthToken({ secret: 'x'.repeat(40), ttlSeconds: 60 });

  it('round-trips the principal', () => {
    expect(tokens.verify(tokens.sign(principal))).toEqual(principal);
  });

  it('rejects a token signed with another secret', () => {
    const forged = new AuthToken({ secret: 'y'.repeat(40), ttlSeconds: 60 }).sign(principal);
    expect(() => tokens.verify(forged)).toThrow(ApiError);
  });

  it('rejects an expired token with "token expired"', () => {
    const expired = jwt.sign({ role: 'clinician', hcode: '11138', msp: 'BangKhlaMSP', exp: Math.floor(Date.now() / 1000) - 10 }, 'x'.repeat(40), {
      subject: 'a',
      issuer: 'cco-referral-gateway',
    });
    expect(() => tokens.verify(expired)).toThrow('token expired');
  });

  it('rejects a token whose role is not a known role', () => {
    const odd = jwt.sign({ role: 'admin', hcode: '1', msp: 'X' }, 'x'.repeat(40), { subject: 'a', issuer: 'cco-referral-gateway' });
    expect(() => tokens.verify(odd)).toThrow('token claims are incomplete');
  });
});

describe('verifyPassword', () => {
  it('checks scrypt records', () => {
    // scrypt('Referral#2026', salt 00..0f) as the fixtures store it
    const salt = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const { scryptSync } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const record = `scrypt:${salt.toString('hex')}:${scryptSync('Referral#2026', salt, 32).toString('hex')}`;
    expect(verifyPassword('Referral#2026', record)).toBe(true);
    expect(verifyPassword('referral#2026', record)).toBe(false);
    expect(verifyPassword('Referral#2026', 'plain:abc')).toBe(false);
  });
});
