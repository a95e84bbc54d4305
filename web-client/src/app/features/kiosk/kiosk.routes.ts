import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role-guard';

export const KIOSK_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./kiosk-page').then((m) => m.KioskPage) },
  { path: 'cashier', canActivate: [roleGuard('cashier')], loadComponent: () => import('./cashier-page').then((m) => m.CashierPage) },
];
