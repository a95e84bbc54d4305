import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role-guard';
import { WalletApi } from './wallet-api';

/** Citizen pages need a citizen session; otherwise the wallet's own sign-in. */
const citizenGuard: CanActivateFn = () => (inject(WalletApi).signedIn() ? true : inject(Router).createUrlTree(['/wallet/login']));

/** The citizen section (/wallet) and the staff Health ID desk (/wallet/desk). */
export const WALLET_ROUTES: Routes = [
  { path: 'desk', canActivate: [roleGuard('clinician', 'nurse')], loadComponent: () => import('./wallet-desk').then((m) => m.WalletDesk) },
  {
    path: '',
    loadComponent: () => import('./wallet-shell').then((m) => m.WalletShell),
    children: [
      { path: 'login', loadComponent: () => import('./wallet-login').then((m) => m.WalletLogin) },
      { path: 'register', loadComponent: () => import('./wallet-register').then((m) => m.WalletRegister) },
      { path: '', pathMatch: 'full', canActivate: [citizenGuard], loadComponent: () => import('./wallet-card').then((m) => m.WalletCard) },
      { path: 'benefits', canActivate: [citizenGuard], loadComponent: () => import('./wallet-benefits').then((m) => m.WalletBenefits) },
      { path: 'book', canActivate: [citizenGuard], loadComponent: () => import('./wallet-book').then((m) => m.WalletBook) },
      { path: 'bookings', canActivate: [citizenGuard], loadComponent: () => import('./wallet-bookings').then((m) => m.WalletBookings) },
      { path: 'nearest', loadComponent: () => import('./wallet-nearest').then((m) => m.WalletNearest) },
      { path: 'history', canActivate: [citizenGuard], loadComponent: () => import('./wallet-history').then((m) => m.WalletHistory) },
      // the short survey of the KPI dashboard (issue 16): after a visit or once a month
      { path: 'survey', canActivate: [citizenGuard], loadComponent: () => import('../kpi/kpi-survey').then((m) => m.KpiSurvey) },
    ],
  },
];
