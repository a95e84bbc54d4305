import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { DueList, LedgerVisit, VisitForm } from './coc-models';
import type { SendOutcome } from './visit-queue';

/** /api/coc: typed calls; promises reject with the HttpErrorResponse (read it with problemOf), except `send`. */
@Injectable({ providedIn: 'root' })
export class CocApi {
  readonly #http = inject(HttpClient);

  /** Visits owed: the caller's own (`mine`) or their unit's (`unit`). */
  public due(scope: 'mine' | 'unit'): Promise<DueList> {
    return firstValueFrom(this.#http.get<DueList>('/api/coc/due', { params: { scope } }));
  }

  public async awaitingCountersign(): Promise<readonly LedgerVisit[]> {
    return (await firstValueFrom(this.#http.get<{ items: LedgerVisit[] }>('/api/coc/visits/awaiting-countersign'))).items;
  }

  public async countersign(caseId: string, visitId: string, note: string): Promise<LedgerVisit> {
    const path = `/api/coc/cases/${encodeURIComponent(caseId)}/visits/${encodeURIComponent(visitId)}/countersign`;
    return (await firstValueFrom(this.#http.post<{ visit: LedgerVisit }>(path, { note }))).visit;
  }

  /** POST /api/coc/visits for the offline queue: never throws; status 0 = no network. */
  public async send(visit: VisitForm): Promise<SendOutcome> {
    try {
      await firstValueFrom(this.#http.post('/api/coc/visits', visit));
      return { status: 201 };
    } catch (e) {
      if (e instanceof HttpErrorResponse) {
        const body = e.error as { error?: SendOutcome['error'] } | null;
        return { status: e.status, ...(body?.error === undefined ? {} : { error: body.error }) };
      }
      return { status: 0 };
    }
  }
}
