import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { Session } from './session';

/** Answers to a 401 that a renewed access token cannot cure: the person was suspended or revoked. */
const FINAL_401 = new Set(['IDENTITY_REVOKED', 'IDENTITY_SUSPENDED', 'REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED']);

/**
 * Adds the bearer token to /api calls. Access tokens are short-lived (15 min): the token is renewed through
 * POST /api/auth/refresh before it runs out, and once more after an unexpected 401; only when that fails does a
 * 401 (other than a failed login) end the session.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(Session);
  const router = inject(Router);
  const isApi = req.url.startsWith('/api/');
  const isAuth = req.url.startsWith('/api/auth/');
  if (!isApi || isAuth || !session.signedIn()) {
    const token = isApi && !isAuth ? session.token() : null;
    return next(token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req);
  }
  const withToken = (token: string | null) => (token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req);
  const endSession = (error: unknown) => {
    session.end(true);
    void router.navigate(['/login'], { queryParams: { next: router.url } });
    return throwError(() => error);
  };
  return from(session.freshToken()).pipe(
    switchMap((token) => next(withToken(token))),
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      const code = (error.error as { error?: { code?: string } } | null)?.error?.code;
      if (code !== undefined && FINAL_401.has(code)) return endSession(error);
      // a wrong one-time code (turning the second factor on or off) is the form's problem, not the session's
      if (code === 'TOTP_INVALID' || code === 'TOTP_REQUIRED') return throwError(() => error);
      // one retry with a renewed token (e.g. the gateway's signing key rotated, or the clock drifted)
      return from(session.refresh()).pipe(
        switchMap((renewed) => (renewed ? next(withToken(session.token())) : throwError(() => error))),
        catchError((again: unknown) => (again instanceof HttpErrorResponse && again.status === 401 ? endSession(again) : throwError(() => again))),
      );
    }),
  );
};
