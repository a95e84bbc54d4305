import { ApiError } from '../../http/api-error';
import { HealthIdTokens, isHealthId, newHealthId } from './health-id';

const at = { now: new Date('2026-11-30T03:00:00.000Z') };
const tokens = new HealthIdTokens({ secret: Buffer.alloc(32, 1), now: () => at.now });
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof ApiError ? `${String(err.status)} ${err.code}` : 'other';
  }
  return 'OK';
};

describe('Health ID', () => {
  it('is random Crockford base32, unrelated to anything', () => {
    const ids = new Set(Array.from({ length: 1000 }, newHealthId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isHealthId(id)).toBe(true);
  });

  it('issues a token and a short code that both resolve to the Health ID, and never hold a national ID', () => {
    at.now = new Date('2026-11-30T03:00:00.000Z');
    const card = tokens.issue('K7Q2M9XD4P');
    expect(tokens.verify(card.token)).toBe('K7Q2M9XD4P');
    expect(tokens.verify(card.shortCode)).toBe('K7Q2M9XD4P');
    expect(tokens.verify(card.shortCode.toLowerCase().replace('-', ''))).toBe('K7Q2M9XD4P');
    const payload = JSON.parse(Buffer.from(card.token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'nonce', 'sub']);
    expect(Date.parse(card.expiresAt) - Date.parse(card.issuedAt)).toBe(300_000);
    expect(tokens.issue('K7Q2M9XD4P').token).not.toBe(card.token); // rotates
  });

  it('answers 401 HEALTH_ID_EXPIRED after the validity, 400 HEALTH_ID_INVALID when forged', () => {
    at.now = new Date('2026-11-30T03:00:00.000Z');
    const card = tokens.issue('K7Q2M9XD4P');
    const forger = new HealthIdTokens({ secret: Buffer.alloc(32, 2), now: () => at.now });
    expect(code(() => tokens.verify(forger.issue('K7Q2M9XD4P').token))).toBe('400 HEALTH_ID_INVALID');
    expect(code(() => tokens.verify(forger.issue('K7Q2M9XD4P').shortCode))).toBe('400 HEALTH_ID_INVALID');
    expect(code(() => tokens.verify('not-a-token'))).toBe('400 HEALTH_ID_INVALID');
    const [h, p, s] = card.token.split('.') as [string, string, string];
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString('utf8')), sub: 'AAAAAAAAAA' })).toString('base64url');
    expect(code(() => tokens.verify(`${h}.${other}.${s}`))).toBe('400 HEALTH_ID_INVALID');
    at.now = new Date('2026-11-30T03:04:59.000Z');
    expect(code(() => tokens.verify(card.token))).toBe('OK');
    at.now = new Date('2026-11-30T03:05:01.000Z');
    expect(code(() => tokens.verify(card.token))).toBe('401 HEALTH_ID_EXPIRED');
    at.now = new Date('2026-11-30T03:20:00.000Z');
    expect(code(() => tokens.verify(card.shortCode))).toBe('401 HEALTH_ID_EXPIRED');
    at.now = new Date('2026-11-30T06:00:00.000Z');
    expect(code(() => tokens.verify(card.shortCode))).toBe('400 HEALTH_ID_INVALID');
  });

  it('refuses a short secret', () => {
    expect(() => new HealthIdTokens({ secret: Buffer.alloc(8) })).toThrow(/32 bytes/);
  });
});
