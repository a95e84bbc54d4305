import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../../http/api-error';
import { validate } from '../../http/validate';
import type { AuthToken } from './auth-token';
import { verifyPassword } from './password';
import type { UserDirectory } from './user-directory';

export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** POST /api/auth/login: username + password → JWT with the user's role, unit and organisation. */
export function authRouter(deps: Readonly<{ users: UserDirectory; tokens: AuthToken }>): Router {
  const router = Router();
  router.post('/login', (req, res) => {
    const body = validate(loginSchema, req.body);
    const user = deps.users.find(body.username);
    if (user === undefined || !verifyPassword(body.password, user.passwordHash)) {
      throw new ApiError('INVALID_CREDENTIALS', 'unknown user or wrong password');
    }
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
