import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../../http/api-error';
import { validate } from '../../http/validate';
import type { AuthToken } from './auth-token';
import { LoginThrottle } from './login-throttle';
import { verifyPasswordAsync } from './password';
import { RefreshTokens } from './refresh-tokens';
import type { UserDirectory } from './user-directory';

const refreshSchema = z.object({ refreshToken: z.string().min(20).max(200) }).strict();
const logoutSchema = z.object({ refreshToken: z.string().min(20).max(200).optional() }).strict();

export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The one-time code of an account with a second factor (administrators, auditors). */
  totp: z.string().regex(/^\d{6}$/, 'six digits').optional(),
});

/** The second factor checked after the password (identity module's SecondFactor). */
export interface SecondFactorCheck {
  check(username: string, role: string, code: string | undefined): Promise<void>;
}

/** A fixed argon2id record, verified for unknown usernames so that their answer takes as long as a wrong password. */
const DUMMY_RECORD = '$argon2id$v=19$m=19456,t=2,p=1$ZHVtbXktc2FsdC0xMjM0$Xq0mL3p6mPPp6VwFjg4F3Zf4mJmC0lq3B0m2qG9d9tU';

/**
 * POST /api/auth/login: username + password → JWT with the user's role, unit and organisation. Failed sign-ins
 * are limited per account (429 ACCOUNT_LOCKED) and per address (429 TOO_MANY_ATTEMPTS); a suspended or revoked
 * identity is refused (401 IDENTITY_SUSPENDED / IDENTITY_REVOKED).
 */
export function authRouter(deps: Readonly<{ users: UserDirectory; tokens: AuthToken; throttle?: LoginThrottle; refresh?: RefreshTokens; secondFactor?: SecondFactorCheck }>): Router {
  const router = Router();
  const throttle = deps.throttle ?? new LoginThrottle();
  const refresh = deps.refresh ?? new RefreshTokens({ ttlSeconds: 12 * 3600 });
  router.post('/login', async (req, res) => {
    const body = validate(loginSchema, req.body);
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    throttle.check(body.username, address);
    const user = deps.users.find(body.username);
    const ok = await verifyPasswordAsync(body.password, user?.passwordHash ?? DUMMY_RECORD);
    if (user === undefined || !ok) {
      throttle.failed(body.username, address);
      throw new ApiError('INVALID_CREDENTIALS', 'unknown user or wrong password');
    }
    deps.tokens.assertActive(user.username);
    if (deps.secondFactor !== undefined) {
      try {
        await deps.secondFactor.check(user.username, user.role, body.totp);
      } catch (err) {
        // a wrong or replayed code is a failed sign-in (limits guessing); a missing one just asks for it
        if (err instanceof ApiError && err.code === 'TOTP_INVALID') throttle.failed(body.username, address);
        throw err;
      }
    }
    throttle.succeeded(body.username);
    const principal = { username: user.username, role: user.role, hcode: user.hcode, mspId: user.mspId };
    res.json({
      token: deps.tokens.sign(principal),
      tokenType: 'Bearer',
      expiresIn: deps.tokens.ttlSeconds,
      refreshToken: refresh.issue(principal),
      user: { ...principal, displayName: user.displayName },
    });
  });
  /** POST /api/auth/refresh {refreshToken}: a new access token and the next refresh token of the family. */
  router.post('/refresh', (req, res) => {
    const { refreshToken } = validate(refreshSchema, req.body);
    const next = refresh.rotate(refreshToken);
    deps.tokens.assertActive(next.principal.username);
    res.json({ token: deps.tokens.sign(next.principal), tokenType: 'Bearer', expiresIn: deps.tokens.ttlSeconds, refreshToken: next.refreshToken });
  });
  /** POST /api/auth/logout {refreshToken?} with the bearer token: both are refused from now on. */
  router.post('/logout', (req, res) => {
    const body = validate(logoutSchema, req.body ?? {});
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ') === true) {
      const token = header.slice('Bearer '.length).trim();
      deps.tokens.verify(token);
      deps.tokens.revoke(token);
    }
    if (body.refreshToken !== undefined) refresh.revoke(body.refreshToken);
    res.status(204).end();
  });
  return router;
}
