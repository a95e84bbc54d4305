import type { Routes } from '@angular/router';

export const IDENTITY_ROUTES: Routes = [{ path: '', loadComponent: () => import('./identity-page').then((m) => m.IdentityPage) }];
