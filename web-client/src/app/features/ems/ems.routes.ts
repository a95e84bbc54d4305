import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role-guard';

/** Smart EMS 1669: the dispatcher console (and the medical director), the crew view and the ER board. */
export const EMS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./ems-home').then((m) => m.EmsHome) },
  { path: 'dispatch', canActivate: [roleGuard('dispatcher', 'medical-director')], loadComponent: () => import('./dispatcher-console').then((m) => m.DispatcherConsole) },
  { path: 'crew', canActivate: [roleGuard('ems-crew')], loadComponent: () => import('./crew-view').then((m) => m.CrewView) },
  { path: 'er', canActivate: [roleGuard('er-physician', 'medical-director')], loadComponent: () => import('./er-board').then((m) => m.ErBoard) },
];
