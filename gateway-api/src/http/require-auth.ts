import type { Request, RequestHandler } from 'express';
import { ApiError } from './api-error';
import type { AuthToken, Principal } from '../modules/auth/auth-token';

const PRINCIPAL = Symbol('principal');
type AuthedRequest = Request & { [PRINCIPAL]?: Principal };

/** Rejects requests without a valid `Authorization: Bearer <jwt>` header. */
export function requireAuth(tokens: AuthToken): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) {
      next(new ApiError('UNAUTHENTICATED', 'missing bearer token (log in at POST /api/auth/login)'));
      return;
    }
    (req as AuthedRequest)[PRINCIPAL] = tokens.verify(header.slice('Bearer '.length).trim());
    next();
  };
}

/** The caller established by `requireAuth`. */
export function principalOf(req: Request): Principal {
  const principal = (req as AuthedRequest)[PRINCIPAL];
  if (principal === undefined) throw new ApiError('UNAUTHENTICATED', 'not authenticated');
  return principal;
}
