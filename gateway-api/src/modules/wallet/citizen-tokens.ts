import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ApiError } from '../../http/api-error';

const ISSUER = 'cco-wallet';
const AUDIENCE = 'citizen';

/** A citizen as carried in their wallet login token (not a staff principal: no role on the network). */
export interface CitizenPrincipal {
  readonly citizenId: string;
  readonly tokenId: string;
}

/**
 * Signs and checks the wallet's citizen tokens (HS256, own secret, issuer cco-wallet, audience
 * citizen), so a citizen token is never accepted on a staff route and a staff token never here.
 * Logout revokes the token id until it expires (in memory).
 */
export class CitizenTokens {
  readonly #secret: Buffer;
  readonly #ttlSeconds: number;
  readonly #revoked = new Map<string, number>();

  public constructor(options: Readonly<{ secret: Buffer; ttlSeconds: number }>) {
    if (options.secret.length < 32) throw new Error('citizen token secret must be at least 32 bytes');
    this.#secret = options.secret;
    this.#ttlSeconds = options.ttlSeconds;
  }

  public get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  public sign(citizenId: string): string {
    return jwt.sign({ role: 'patient' }, this.#secret, {
      algorithm: 'HS256',
      subject: citizenId,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: this.#ttlSeconds,
      jwtid: randomUUID(),
    });
  }

  /** @throws ApiError UNAUTHENTICATED when missing, expired, forged or revoked. */
  public verify(token: string): CitizenPrincipal {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, this.#secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    } catch (err) {
      throw new ApiError('UNAUTHENTICATED', err instanceof jwt.TokenExpiredError ? 'token expired' : 'invalid citizen token', undefined, { cause: err });
    }
    const claims = decoded as { sub?: unknown; jti?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string') throw new ApiError('UNAUTHENTICATED', 'token claims are incomplete');
    if (this.#revoked.has(claims.jti)) throw new ApiError('UNAUTHENTICATED', 'signed out');
    return { citizenId: claims.sub, tokenId: claims.jti };
  }

  /** Revokes a token (logout) until its expiry. */
  public revoke(tokenId: string): void {
    const now = Date.now();
    for (const [id, until] of this.#revoked) if (until < now) this.#revoked.delete(id);
    this.#revoked.set(tokenId, now + this.#ttlSeconds * 1000);
  }
}
