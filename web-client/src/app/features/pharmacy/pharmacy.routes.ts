import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role-guard';

export const PHARMACY_ROUTES: Routes = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./pages/pharmacy-home').then((m) => m.PharmacyHome) },
  { path: 'new', canActivate: [roleGuard('clinician')], loadComponent: () => import('./pages/plan-form').then((m) => m.PlanForm) },
  { path: 'plans/:planId', loadComponent: () => import('./pages/plan-detail').then((m) => m.PlanDetail) },
];
