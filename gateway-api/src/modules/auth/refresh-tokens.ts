import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import type { Principal } from './auth-token';

interface Entry {
  readonly family: string;
  readonly principal: Principal;
  readonly expiresAt: number;
  used: boolean;
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Rotating refresh tokens (identity, issue 15). Each sign-in starts a family; each refresh spends the presented
 * token and returns a new one of the same family. Presenting a spent token again (a stolen copy) revokes the whole
 * family: 401 REFRESH_TOKEN_REUSED, and the legitimate holder must sign in again. Logout revokes the family. Only
 * SHA-256 digests of the tokens are kept (in memory: one gateway process).
 */
export class RefreshTokens {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #revokedFamilies = new Set<string>();

  public constructor(options: Readonly<{ ttlSeconds: number; now?: () => number }>) {
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#now = options.now ?? Date.now;
  }

  public issue(principal: Principal, family = randomBytes(12).toString('base64url')): string {
    const token = `${family}.${randomBytes(32).toString('base64url')}`;
    this.#entries.set(digest(token), { family, principal, expiresAt: this.#now() + this.#ttlMs, used: false });
    if (this.#entries.size > 200_000) this.#sweep();
    return token;
  }

  /** Spends `token` and returns the principal and the next token of its family. */
  public rotate(token: string): { principal: Principal; refreshToken: string } {
    const entry = this.#entries.get(digest(token));
    if (entry === undefined || entry.expiresAt <= this.#now() || this.#revokedFamilies.has(entry.family)) {
      throw new ApiError('REFRESH_TOKEN_INVALID', 'the refresh token is unknown, expired or revoked; sign in again');
    }
    if (entry.used) {
      this.#revokedFamilies.add(entry.family);
      throw new ApiError('REFRESH_TOKEN_REUSED', 'this refresh token was already used: every session of its sign-in is revoked');
    }
    entry.used = true;
    return { principal: entry.principal, refreshToken: this.issue(entry.principal, entry.family) };
  }

  /** Logout: revokes the family of `token` (unknown tokens are ignored). */
  public revoke(token: string): void {
    const entry = this.#entries.get(digest(token));
    if (entry !== undefined) this.#revokedFamilies.add(entry.family);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
