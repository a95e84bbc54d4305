import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { type Role, Session } from './session';

/** Lets signed-in users through; others go to /login and come back afterwards. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const session = inject(Session);
  if (session.token() !== null) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { next: state.url } });
};

/** Lets users with one of `roles` through; others go home. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const session = inject(Session);
    const router = inject(Router);
    if (session.token() === null) return router.createUrlTree(['/login'], { queryParams: { next: state.url } });
    return session.hasRole(...roles) ? true : router.createUrlTree(['/']);
  };
}
