import type { Routes } from '@angular/router';

export const KPI_ROUTES: Routes = [{ path: '', loadComponent: () => import('./kpi-page').then((m) => m.KpiPage) }];
