import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../../http/api-error';
import { validate } from '../../http/validate';
import type { AuthToken } from './auth-token';
import { LoginThrottle } from './login-throttle';
import { verifyPasswordAsync } from './password';
import type { UserDirectory } from './user-directory';

export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** A fixed argon2id record, verified for unknown usernames so that their answer takes as long as a wrong password. */
const DUMMY_RECORD = '$argon2id$v=19$m=19456,t=2,p=1$ZHVtbXktc2FsdC0xMjM0$Xq0mL3p6mPPp6VwFjg4F3Zf4mJmC0lq3B0m2qG9d9tU';

/**
 * POST /api/auth/login: username + password → JWT with the user's role, unit and organisation. Failed sign-ins
 * are limited per account (429 ACCOUNT_LOCKED) and per address (429 TOO_MANY_ATTEMPTS); a suspended or revoked
 * identity is refused (401 IDENTITY_SUSPENDED / IDENTITY_REVOKED).
 */
export function authRouter(deps: Readonly<{ users: UserDirectory; tokens: AuthToken; throttle?: LoginThrottle }>): Router {
  const router = Router();
  const throttle = deps.throttle ?? new LoginThrottle();
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
    throttle.succeeded(body.username);
    deps.tokens.assertActive(user.username);
    const principal = { username: user.username, role: user.role, hcode: user.hcode, mspId: user.mspId };
    res.json({
      token: deps.tokens.sign(principal),
      tokenType: 'Bearer',
      expiresIn: deps.tokens.ttlSeconds,
      user: { ...principal, displayName: user.displayName },
    });
  });
  return router;
}
