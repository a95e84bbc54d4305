import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ApiError } from '../../http/api-error';
import { ROLES, type Role } from './user-directory';

/** Who is calling, as carried in the JWT. */
export interface Principal {
  readonly username: string;
  readonly role: Role;
  readonly hcode: string;
  readonly mspId: string;
}

const claimsSchema = z.object({
  sub: z.string(),
  role: z.enum(ROLES),
  hcode: z.string(),
  msp: z.string(),
});

/** The audience of staff tokens: a token minted for another audience (e.g. a citizen's wallet token) is refused. */
export const STAFF_AUDIENCE = 'cco-referral-api';

/** The key id of a signing secret: the first 16 hex digits of its SHA-256 (never the secret itself). */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update(`jwt-kid:${secret}`).digest('hex').slice(0, 16);
}

/**
 * Signs and verifies the API's bearer tokens (HS256, header `kid`). Signing uses the current secret; `previousSecrets`
 * are still accepted for verification, so rotating the key (new JWT_SECRET, the old one moved to
 * JWT_PREVIOUS_SECRETS) logs nobody out: tokens signed before live until they expire.
 */
export class AuthToken {
  readonly #secret: string;
  readonly #kid: string;
  readonly #verifyKeys: ReadonlyMap<string, string>;
  readonly #ttlSeconds: number;
  readonly #assertActive: ((username: string) => void) | undefined;
  /** Access tokens revoked by logout (jti → expiry, seconds), kept until they would have expired anyway. */
  readonly #revoked = new Map<string, number>();

  /** `assertActive` refuses a suspended or revoked identity's still-valid token (identity, issue 15). */
  public constructor(options: Readonly<{ secret: string; ttlSeconds: number; assertActive?: (username: string) => void; previousSecrets?: readonly string[] }>) {
    this.#secret = options.secret;
    this.#kid = keyIdOf(options.secret);
    this.#verifyKeys = new Map([options.secret, ...(options.previousSecrets ?? [])].map((s) => [keyIdOf(s), s]));
    this.#ttlSeconds = options.ttlSeconds;
    this.#assertActive = options.assertActive;
  }

  /** Logout: refuses this (verified) access token from now on, until its own expiry. */
  public revoke(token: string): void {
    const claims = jwt.decode(token) as { jti?: unknown; exp?: unknown } | null;
    if (claims === null || typeof claims.jti !== 'string') return;
    const now = Math.floor(Date.now() / 1000);
    for (const [jti, exp] of this.#revoked) if (exp <= now) this.#revoked.delete(jti);
    this.#revoked.set(claims.jti, typeof claims.exp === 'number' ? claims.exp : now + this.#ttlSeconds);
  }

  /** @throws ApiError IDENTITY_REVOKED / IDENTITY_SUSPENDED when the identity may not act. */
  public assertActive(username: string): void {
    this.#assertActive?.(username);
  }

  public get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  public sign(principal: Principal): string {
    return jwt.sign({ role: principal.role, hcode: principal.hcode, msp: principal.mspId }, this.#secret, {
      algorithm: 'HS256',
      keyid: this.#kid,
      jwtid: randomBytes(12).toString('base64url'),
      audience: STAFF_AUDIENCE,
      subject: principal.username,
      expiresIn: this.#ttlSeconds,
      issuer: 'cco-referral-gateway',
    });
  }

  /** @throws ApiError UNAUTHENTICATED when the token is missing, expired or forged. */
  public verify(token: string): Principal {
    let decoded: unknown;
    try {
      const header = jwt.decode(token, { complete: true })?.header;
      // a token without kid predates key ids: the current key; an unknown kid is refused
      const key = header?.kid === undefined ? this.#secret : this.#verifyKeys.get(header.kid);
      if (key === undefined) throw new jwt.JsonWebTokenError('unknown signing key');
      decoded = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'cco-referral-gateway', audience: STAFF_AUDIENCE });
    } catch (err) {
      const reason = err instanceof jwt.TokenExpiredError ? 'token expired' : 'invalid token';
      throw new ApiError('UNAUTHENTICATED', reason, undefined, { cause: err });
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success) throw new ApiError('UNAUTHENTICATED', 'token claims are incomplete');
    const { jti } = decoded as { jti?: unknown };
    if (typeof jti === 'string' && this.#revoked.has(jti)) throw new ApiError('UNAUTHENTICATED', 'token revoked by logout');
    this.#assertActive?.(claims.data.sub);
    return { username: claims.data.sub, role: claims.data.role, hcode: claims.data.hcode, mspId: claims.data.msp };
  }
}
