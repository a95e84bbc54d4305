import type { Routes } from '@angular/router';

export const COC_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./coc-page').then((m) => m.CocPage) },
  { path: 'visit', loadComponent: () => import('./visit-form-page').then((m) => m.VisitFormPage) },
];
