import type { Routes } from '@angular/router';
import { roleGuard, signedInGuard } from './core/auth/role-guard';

/** Lazy feature routes; each feature's pages load only when first visited. */
export const routes: Routes = [
  { path: 'login', loadChildren: () => import('./features/login/login.routes').then((m) => m.LOGIN_ROUTES) },
  { path: 'referrals', canActivate: [signedInGuard], loadChildren: () => import('./features/referrals/referrals.routes').then((m) => m.REFERRALS_ROUTES) },
  { path: 'inbox', canActivate: [roleGuard('clinician', 'nurse')], loadChildren: () => import('./features/inbox/inbox.routes').then((m) => m.INBOX_ROUTES) },
  { path: 'audit', canActivate: [roleGuard('auditor')], loadChildren: () => import('./features/audit/audit.routes').then((m) => m.AUDIT_ROUTES) },
  { path: 'coc', canActivate: [roleGuard('volunteer', 'nurse', 'clinician')], loadChildren: () => import('./features/coc/coc.routes').then((m) => m.COC_ROUTES) },
  {
    path: 'pharmacy',
    canActivate: [roleGuard('clinician', 'nurse', 'pharmacist', 'volunteer')],
    loadChildren: () => import('./features/pharmacy/pharmacy.routes').then((m) => m.PHARMACY_ROUTES),
  },
  { path: 'kiosk', canActivate: [roleGuard('kiosk', 'cashier')], loadChildren: () => import('./features/kiosk/kiosk.routes').then((m) => m.KIOSK_ROUTES) },
  // citizens are not staff: the wallet has its own sign-in (/wallet/login); /wallet/desk is for unit staff
  { path: 'wallet', loadChildren: () => import('./features/wallet/wallet.routes').then((m) => m.WALLET_ROUTES) },
  {
    path: 'ems',
    canActivate: [roleGuard('dispatcher', 'medical-director', 'ems-crew', 'er-physician')],
    loadChildren: () => import('./features/ems/ems.routes').then((m) => m.EMS_ROUTES),
  },
  { path: 'identity', canActivate: [roleGuard('admin')], loadChildren: () => import('./features/identity/identity.routes').then((m) => m.IDENTITY_ROUTES) },
  { path: 'kpi', canActivate: [roleGuard('manager', 'auditor')], loadChildren: () => import('./features/kpi/kpi.routes').then((m) => m.KPI_ROUTES) },
  { path: 'map', canActivate: [signedInGuard], loadChildren: () => import('./features/map/map.routes').then((m) => m.MAP_ROUTES) },
  { path: '', pathMatch: 'full', canActivate: [signedInGuard], loadChildren: () => import('./features/home/home.routes').then((m) => m.HOME_ROUTES) },
  { path: '**', redirectTo: '' },
];
