import { randomBytes } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import { KeyWallet } from './key-wallet';
import { InMemoryTotpStore, SecondFactor } from './second-factor';
import { base32Decode, base32Encode, hotp, matchStep, otpauthUri, totp } from './totp';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  // RFC 6238 appendix B, SHA-1 column, 8 digits; secret "12345678901234567890"
  const secret = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives the RFC 6238 test vector at T=%i', (seconds, code) => {
    expect(totp(secret, seconds * 1000, 8)).toBe(code);
  });

  it('gives the RFC 4226 appendix D HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 as authenticator apps write it (RFC 4648 test vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb-oi==').toString()).toBe('foobar');
    const random = randomBytes(20);
    expect(base32Decode(base32Encode(random)).equals(random)).toBe(true);
    expect(() => base32Decode('MZ1W')).toThrow('base32');
  });

  it('accepts the code of the previous, current and next 30 s step only', () => {
    const at = 1_800_000_000_000;
    expect(matchStep(secret, totp(secret, at), at)).toBe(Math.floor(at / 30_000));
    expect(matchStep(secret, totp(secret, at - 30_000), at)).toBe(Math.floor(at / 30_000) - 1);
    expect(matchStep(secret, totp(secret, at + 30_000), at)).toBe(Math.floor(at / 30_000) + 1);
    expect(matchStep(secret, totp(secret, at - 90_000), at)).toBeUndefined();
    expect(matchStep(secret, '12345', at)).toBeUndefined();
    expect(matchStep(secret, 'abcdef', at)).toBeUndefined();
  });

  it('writes the otpauth:// provisioning URI', () => {
    expect(otpauthUri(Buffer.from('foobar'), 'admin.bangkhla')).toBe('otpauth://totp/CCO%20Referral%3Aadmin.bangkhla?secret=MZXW6YTBOI&issuer=CCO+Referral&algorithm=SHA1&digits=6&period=30');
  });
});

describe('SecondFactor (administrators and auditors)', () => {
  const admin: Principal = { username: 'admin.bangkhla', role: 'admin', hcode: '11138', mspId: 'BangKhlaMSP' };
  const clinician: Principal = { username: 'clinician.bangkhla', role: 'clinician', hcode: '11138', mspId: 'BangKhlaMSP' };
  let now = 1_800_000_000_000;
  let store: InMemoryTotpStore;
  let factor: SecondFactor;
  const wallet = new KeyWallet(randomBytes(32));
  const code = (secretB32: string, at = now) => totp(base32Decode(secretB32), at);
  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'ok';
    } catch (err) {
      return err instanceof ApiError ? err.code : String(err);
    }
  };

  beforeEach(async () => {
    now = 1_800_000_000_000;
    store = new InMemoryTotpStore();
    factor = new SecondFactor({ store: () => store, wallet, now: () => now });
    await factor.load();
  });

  it('asks nothing of a person without the factor', async () => {
    await expect(factor.check('admin.bangkhla', 'admin', undefined)).resolves.toBeUndefined();
  });

  it('is set up, enabled with a first good code, then required at every sign-in, each code once', async () => {
    const setup = await factor.setup(admin);
    expect(setup.otpauthUri).toContain(setup.secret);
    expect(factor.status(admin)).toEqual({ enabled: false, pending: true });
    // not required until enabled
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', undefined))).toBe('ok');
    expect(await codeOf(factor.enable(admin, '000000'))).toBe('TOTP_INVALID');
    await factor.enable(admin, code(setup.secret));
    expect(factor.status(admin)).toEqual({ enabled: true, pending: false });

    now += 30_000;
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', undefined))).toBe('TOTP_REQUIRED');
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', '123456'))).toBe(code(setup.secret) === '123456' ? 'ok' : 'TOTP_INVALID');
    const good = code(setup.secret);
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', good))).toBe('ok');
    // replay of the same code, and of the previous step's code, is refused
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', good))).toBe('TOTP_INVALID');
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', code(setup.secret, now - 30_000)))).toBe('TOTP_INVALID');
    now += 30_000;
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', code(setup.secret)))).toBe('ok');
  });

  it('keeps the secret sealed in the store, bound to the person', async () => {
    const setup = await factor.setup(admin);
    const [doc] = await store.all();
    expect(doc?.sealed).not.toContain(setup.secret);
    expect(wallet.openBytes(doc?.sealed ?? '', 'totp:admin.bangkhla').equals(base32Decode(setup.secret))).toBe(true);
    expect(() => wallet.openBytes(doc?.sealed ?? '', 'totp:admin.banpho')).toThrow();
  });

  it('survives a restart (loaded from the store)', async () => {
    const setup = await factor.setup(admin);
    await factor.enable(admin, code(setup.secret));
    const again = new SecondFactor({ store: () => store, wallet, now: () => now + 30_000 });
    expect(await codeOf(again.check('admin.bangkhla', 'admin', undefined))).toBe('TOTP_REQUIRED');
  });

  it('lets only one of two sign-ins racing with the same code through', async () => {
    const setup = await factor.setup(admin);
    await factor.enable(admin, code(setup.secret));
    now += 30_000;
    const good = code(setup.secret);
    const results = await Promise.all([codeOf(factor.check('admin.bangkhla', 'admin', good)), codeOf(factor.check('admin.bangkhla', 'admin', good))]);
    expect(results.sort()).toEqual(['TOTP_INVALID', 'ok']);
  });

  it('is off again only with a current code; setup while on is refused', async () => {
    const setup = await factor.setup(admin);
    await factor.enable(admin, code(setup.secret));
    expect(await codeOf(factor.setup(admin))).toBe('INVALID_TRANSITION');
    now += 30_000;
    expect(await codeOf(factor.disable(admin, '000000'))).toBe(code(setup.secret) === '000000' ? 'ok' : 'TOTP_INVALID');
    await factor.disable(admin, code(setup.secret));
    expect(factor.status(admin)).toEqual({ enabled: false, pending: false });
    expect(await codeOf(factor.check('admin.bangkhla', 'admin', undefined))).toBe('ok');
    expect(await codeOf(factor.disable(admin, code(setup.secret)))).toBe('INVALID_TRANSITION');
  });

  it('is refused to other roles, and enable before setup is refused', async () => {
    expect(await codeOf(factor.setup(clinician))).toBe('FORBIDDEN_ROLE');
    expect(await codeOf(factor.enable(admin, '123456'))).toBe('INVALID_TRANSITION');
  });

  it('fails closed for an administrator while the store is not open, and lets other roles through', async () => {
    const closed = new SecondFactor({ store: () => undefined, wallet });
    expect(await codeOf(closed.check('admin.bangkhla', 'admin', undefined))).toBe('STORE_UNAVAILABLE');
    expect(await codeOf(closed.check('clinician.bangkhla', 'clinician', undefined))).toBe('ok');
  });
});
