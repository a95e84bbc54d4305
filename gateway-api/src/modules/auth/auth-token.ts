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

/** Signs and verifies the API's bearer tokens (HS256). */
export class AuthToken {
  readonly #secret: string;
  readonly #ttlSeconds: number;
  readonly #assertActive: ((username: string) => void) | undefined;

  /** `assertActive` refuses a suspended or revoked identity's still-valid token (identity, issue 15). */
  public constructor(options: Readonly<{ secret: string; ttlSeconds: number; assertActive?: (username: string) => void }>) {
    this.#secret = options.secret;
    this.#ttlSeconds = options.ttlSeconds;
    this.#assertActive = options.assertActive;
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
      subject: principal.username,
      expiresIn: this.#ttlSeconds,
      issuer: 'cco-referral-gateway',
    });
  }

  /** @throws ApiError UNAUTHENTICATED when the token is missing, expired or forged. */
  public verify(token: string): Principal {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, this.#secret, { algorithms: ['HS256'], issuer: 'cco-referral-gateway' });
    } catch (err) {
      const reason = err instanceof jwt.TokenExpiredError ? 'token expired' : 'invalid token';
      throw new ApiError('UNAUTHENTICATED', reason, undefined, { cause: err });
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success) throw new ApiError('UNAUTHENTICATED', 'token claims are incomplete');
    this.#assertActive?.(claims.data.sub);
    return { username: claims.data.sub, role: claims.data.role, hcode: claims.data.hcode, mspId: claims.data.msp };
  }
}
