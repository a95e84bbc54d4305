import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ApiError } from '../../http/api-error';

/** Crockford base32 (no I, L, O, U): easy to read aloud and type. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEALTH_ID = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const SHORT_CODE = /^([0-9A-HJKMNP-TV-Z]{10})-?(\d{6})$/;
const ISSUER = 'cco-wallet';
const AUDIENCE = 'health-id';

/** A new random Health ID: 10 Crockford base32 characters (50 bits), unrelated to the national ID. */
export function newHealthId(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/** True when `value` has the form of a Health ID. */
export function isHealthId(value: string): boolean {
  return HEALTH_ID.test(value);
}

/** What a citizen shows: a QR token and the same proof as a short code, both valid for a few minutes. */
export interface HealthIdCard {
  readonly healthId: string;
  /** Signed token for the QR code (never contains the national ID). */
  readonly token: string;
  /** `<Health ID>-<6 digits>` to type when the camera cannot read the QR. */
  readonly shortCode: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

/** Options of {@link HealthIdTokens}. */
export interface HealthIdTokensOptions {
  readonly secret: Buffer;
  /** How long a QR token and a short code stay valid (default 300 s). */
  readonly ttlSeconds?: number;
  readonly now?: () => Date;
}

/**
 * Issues and checks the rotating proof of a Health ID: an HS256 token (QR) and a time-window code
 * (HMAC of the Health ID and the 5-minute window, 6 digits). Expired proofs answer 401
 * HEALTH_ID_EXPIRED, forged or malformed ones 400 HEALTH_ID_INVALID.
 */
export class HealthIdTokens {
  readonly #secret: Buffer;
  readonly #ttl: number;
  readonly #now: () => Date;

  public constructor(options: Readonly<HealthIdTokensOptions>) {
    if (options.secret.length < 32) throw new Error('health ID secret must be at least 32 bytes');
    this.#secret = options.secret;
    this.#ttl = options.ttlSeconds ?? 300;
    this.#now = options.now ?? (() => new Date());
  }

  /** A fresh card for `healthId`. */
  public issue(healthId: string): HealthIdCard {
    const nowMs = this.#now().getTime();
    const iat = Math.floor(nowMs / 1000);
    const token = jwt.sign({ iat, nonce: randomBytes(6).toString('base64url') }, this.#secret, {
      algorithm: 'HS256',
      subject: healthId,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: this.#ttl,
    });
    const window = Math.floor(iat / this.#ttl);
    // the code is valid for its window and the next one, so at least ttl seconds from now
    const expiresAt = new Date((window + 2) * this.#ttl * 1000).toISOString();
    return {
      healthId,
      token,
      shortCode: `${healthId}-${this.#code(healthId, window)}`,
      issuedAt: new Date(nowMs).toISOString(),
      expiresAt: new Date(Math.min(Date.parse(expiresAt), (iat + this.#ttl) * 1000)).toISOString(),
    };
  }

  /**
   * The Health ID proven by a QR token or a short code.
   *
   * @throws ApiError HEALTH_ID_EXPIRED (401) or HEALTH_ID_INVALID (400)
   */
  public verify(proof: string): string {
    const trimmed = proof.trim().toUpperCase();
    const code = SHORT_CODE.exec(trimmed);
    if (code !== null) return this.#verifyCode(code[1] as string, code[2] as string);
    return this.#verifyToken(proof.trim());
  }

  #verifyToken(token: string): string {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, this.#secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.#now().getTime() / 1000),
      });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new ApiError('HEALTH_ID_EXPIRED', 'the Health ID QR code has expired; ask the citizen to refresh it', undefined, { cause: err });
      throw new ApiError('HEALTH_ID_INVALID', 'not a valid Health ID QR code or short code', undefined, { cause: err });
    }
    const sub = typeof decoded === 'object' && decoded !== null ? (decoded as { sub?: unknown }).sub : undefined;
    if (typeof sub !== 'string' || !isHealthId(sub)) throw new ApiError('HEALTH_ID_INVALID', 'not a valid Health ID QR code');
    return sub;
  }

  #verifyCode(healthId: string, digits: string): string {
    const window = Math.floor(this.#now().getTime() / 1000 / this.#ttl);
    if (this.#same(digits, this.#code(healthId, window)) || this.#same(digits, this.#code(healthId, window - 1))) return healthId;
    // a code of the last hour is reported as expired, anything else as invalid
    const lookback = Math.ceil(3600 / this.#ttl);
    for (let w = window - 2; w >= window - lookback; w -= 1) {
      if (this.#same(digits, this.#code(healthId, w))) throw new ApiError('HEALTH_ID_EXPIRED', 'the Health ID short code has expired; ask the citizen to refresh it');
    }
    throw new ApiError('HEALTH_ID_INVALID', 'not a valid Health ID short code');
  }

  #code(healthId: string, window: number): string {
    const mac = createHmac('sha256', this.#secret).update(`health-id-code:${healthId}:${String(window)}`).digest();
    return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  #same(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
