import jwt from 'jsonwebtoken';
import { ApiError } from '../../http/api-error';
import { AuthToken } from './auth-token';
import { hashPassword, verifyPassword, verifyPasswordAsync } from './password';
import { LoginThrottle } from './login-throttle';

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
      audience: 'cco-referral-api',
    });
    expect(() => tokens.verify(expired)).toThrow('token expired');
  });

  it('rejects a token whose role is not a known role', () => {
    const odd = jwt.sign({ role: 'superuser', hcode: '1', msp: 'X' }, 'x'.repeat(40), { subject: 'a', issuer: 'cco-referral-gateway', audience: 'cco-referral-api' });
    expect(() => tokens.verify(odd)).toThrow('token claims are incomplete');
  });
});

describe('AuthToken keys and claims', () => {
  it('puts a kid in the header and keeps accepting a rotated-out key until its tokens expire', () => {
    const old = new AuthToken({ secret: 'o'.repeat(40), ttlSeconds: 60 });
    const token = old.sign(principal);
    expect(jwt.decode(token, { complete: true })?.header.kid).toMatch(/^[0-9a-f]{16}$/);
    const rotated = new AuthToken({ secret: 'n'.repeat(40), ttlSeconds: 60, previousSecrets: ['o'.repeat(40)] });
    expect(rotated.verify(token)).toEqual(principal);
    expect(jwt.decode(rotated.sign(principal), { complete: true })?.header.kid).not.toBe(jwt.decode(token, { complete: true })?.header.kid);
    expect(() => new AuthToken({ secret: 'n'.repeat(40), ttlSeconds: 60 }).verify(token)).toThrow('invalid token');
  });

  it('refuses alg none, another audience and a suspended identity', () => {
    const tokens = new AuthToken({ secret: 'x'.repeat(40), ttlSeconds: 60 });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'a', role: 'nurse', hcode: '1', msp: 'X', iss: 'cco-referral-gateway', aud: 'cco-referral-api' })).toString('base64url')}.`;
    expect(() => tokens.verify(none)).toThrow('invalid token');
    const otherAud = jwt.sign({ role: 'nurse', hcode: '1', msp: 'X' }, 'x'.repeat(40), { subject: 'a', issuer: 'cco-referral-gateway', audience: 'wallet' });
    expect(() => tokens.verify(otherAud)).toThrow('invalid token');
    const guarded = new AuthToken({ secret: 'x'.repeat(40), ttlSeconds: 60, assertActive: () => { throw new ApiError('IDENTITY_REVOKED', 'revoked'); } });
    expect(() => guarded.verify(guarded.sign(principal))).toThrow('revoked');
  });
});

describe('verifyPassword', () => {
  it('checks argon2id records', async () => {
    const record = await hashPassword('Referral#2026');
    expect(record).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPasswordAsync('Referral#2026', record)).toBe(true);
    expect(await verifyPasswordAsync('referral#2026', record)).toBe(false);
    expect(verifyPassword('Referral#2026', record)).toBe(true);
  });

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

describe('LoginThrottle', () => {
  it('locks an account after 5 failures and an address after its limit, with coded errors', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle({ perAccount: 5, perAddress: 8, windowMs: 60_000, lockMs: 120_000 }, () => now);
    for (let i = 0; i < 5; i++) {
      expect(() => throttle.check('nurse.bangkhla', '10.0.0.1')).not.toThrow();
      throttle.failed('nurse.bangkhla', '10.0.0.1');
    }
    expect(() => throttle.check('nurse.bangkhla', '10.0.0.2')).toThrow(expect.objectContaining({ code: 'ACCOUNT_LOCKED', status: 429 }));
    expect(() => throttle.check('clinician.bangkhla', '10.0.0.2')).not.toThrow();
    for (let i = 0; i < 3; i++) throttle.failed(`u${i}`, '10.0.0.1');
    expect(() => throttle.check('clinician.bangkhla', '10.0.0.1')).toThrow(expect.objectContaining({ code: 'TOO_MANY_ATTEMPTS' }));
    now += 121_000;
    expect(() => throttle.check('nurse.bangkhla', '10.0.0.1')).not.toThrow();
  });
});

describe('RefreshTokens', () => {
  const { RefreshTokens } = jest.requireActual<typeof import('./refresh-tokens')>('./refresh-tokens');
  it('rotates, and a reused token revokes the whole family', () => {
    const store = new RefreshTokens({ ttlSeconds: 60 });
    const first = store.issue(principal);
    const second = store.rotate(first);
    expect(second.principal).toEqual(principal);
    const third = store.rotate(second.refreshToken);
    expect(() => store.rotate(first)).toThrow(expect.objectContaining({ code: 'REFRESH_TOKEN_REUSED' }));
    expect(() => store.rotate(third.refreshToken)).toThrow(expect.objectContaining({ code: 'REFRESH_TOKEN_INVALID' }));
  });

  it('logout revokes the family and the access token', () => {
    const store = new RefreshTokens({ ttlSeconds: 60 });
    const token = store.issue(principal);
    store.revoke(token);
    expect(() => store.rotate(token)).toThrow(expect.objectContaining({ code: 'REFRESH_TOKEN_INVALID' }));
    const tokens = new AuthToken({ secret: 'x'.repeat(40), ttlSeconds: 60 });
    const access = tokens.sign(principal);
    tokens.revoke(access);
    expect(() => tokens.verify(access)).toThrow('token revoked by logout');
    expect(tokens.verify(tokens.sign(principal))).toEqual(principal);
  });
});
