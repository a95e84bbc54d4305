import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** POST /api/audit/verify: the auditor's ledger verification (report shape owned by the audit module). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  readonly #http = inject(HttpClient);

  /** Runs the verification; resolves with the raw report. */
  public verify(): Promise<unknown> {
    return firstValueFrom(this.#http.post<unknown>('/api/audit/verify', {}));
  }
}
