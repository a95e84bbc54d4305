import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role-guard';

export const REFERRALS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'outgoing' },
  { path: 'new', canActivate: [roleGuard('clinician')], loadComponent: () => import('./pages/referral-form').then((m) => m.ReferralForm) },
  { path: 'outgoing', canActivate: [roleGuard('clinician')], loadComponent: () => import('./pages/outgoing-page').then((m) => m.OutgoingPage) },
  { path: ':id/history', loadComponent: () => import('./pages/referral-history').then((m) => m.ReferralHistory) },
  { path: ':id', loadComponent: () => import('./pages/referral-detail').then((m) => m.ReferralDetail) },
];
