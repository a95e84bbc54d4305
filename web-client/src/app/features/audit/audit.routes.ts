import type { Routes } from '@angular/router';

export const AUDIT_ROUTES: Routes = [{ path: '', loadComponent: () => import('./audit-page').then((m) => m.AuditPage) }];
