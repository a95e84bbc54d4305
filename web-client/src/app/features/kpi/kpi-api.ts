import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { KpiDashboard, KpiRecords } from './kpi-models';

/** The window and scope of a dashboard request. */
export interface KpiQuery {
  readonly from?: string;
  readonly to?: string;
  readonly hospital?: string;
}

function params(q: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
}

/** /api/kpi: typed calls; promises reject with the HttpErrorResponse (read it with problemOf). */
@Injectable({ providedIn: 'root' })
export class KpiApi {
  readonly #http = inject(HttpClient);

  public dashboard(q: KpiQuery): Promise<KpiDashboard> {
    return firstValueFrom(this.#http.get<KpiDashboard>('/api/kpi/indicators', { params: params({ ...q }) }));
  }

  public records(indicatorId: string, month: string, hospital: string | undefined, offset = 0): Promise<KpiRecords> {
    return firstValueFrom(this.#http.get<KpiRecords>(`/api/kpi/indicators/${encodeURIComponent(indicatorId)}/records`, { params: params({ month, hospital, offset: String(offset), limit: '100' }) }));
  }

  /** The CSV or PDF report as a file. */
  public report(format: 'csv' | 'pdf', q: KpiQuery): Promise<Blob> {
    return firstValueFrom(this.#http.get(`/api/kpi/report.${format}`, { params: params({ ...q }), responseType: 'blob' }));
  }
}
