import type { Routes } from '@angular/router';

export const MAP_ROUTES: Routes = [{ path: '', loadComponent: () => import('./unit-map').then((m) => m.UnitMap) }];
