import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { BackReferralRequest, ClinicalSummary, CreateReferralRequest, HistoryEntry, Referral, ReferralPage } from './referral';
import { normaliseReferralPage, withDefaults } from './referral-order';

/** Which side of a referral the caller's unit is on. */
export type Direction = 'incoming' | 'outgoing' | 'all';

/** Filters of GET /api/referrals. */
export interface ReferralFilter {
  readonly direction: Direction;
  readonly status?: string;
  readonly priority?: number;
  readonly fastTrack?: boolean;
  readonly unit?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** Actions of the receiving unit and the sender that take no more than a note. */
export type SimpleAction = 'receive' | 'accept' | 'arrive';

/** The result of a ledger write. */
export interface WriteResult {
  readonly referral: Referral;
  readonly txId?: string;
}

/** /api/referrals: typed calls; every promise rejects with the HttpErrorResponse (read it with problemOf). */
@Injectable({ providedIn: 'root' })
export class ReferralsApi {
  readonly #http = inject(HttpClient);

  /** A page of referrals the caller's unit is party to (auditors: all). */
  public async list(filter: ReferralFilter): Promise<ReferralPage> {
    const params: Record<string, string> = { direction: filter.direction };
    if (filter.status) params['status'] = filter.status;
    if (filter.priority !== undefined) params['priority'] = String(filter.priority);
    if (filter.fastTrack !== undefined) params['fastTrack'] = String(filter.fastTrack);
    if (filter.unit) params['unit'] = filter.unit;
    params['page'] = String(filter.page ?? 1);
    params['pageSize'] = String(filter.pageSize ?? 50);
    return normaliseReferralPage(await firstValueFrom(this.#http.get<unknown>('/api/referrals', { params })));
  }

  public async get(id: string): Promise<Referral> {
    const body = await firstValueFrom(this.#http.get<{ referral: Referral }>(`/api/referrals/${encodeURIComponent(id)}`));
    return withDefaults(body.referral);
  }

  public async create(request: CreateReferralRequest): Promise<WriteResult> {
    return this.#write(firstValueFrom(this.#http.post<WriteResult>('/api/referrals', request)));
  }

  /** receive, accept (with an optional note) or arrive. */
  public async act(id: string, action: SimpleAction, note?: string): Promise<WriteResult> {
    const body = action === 'accept' && note ? { note } : {};
    return this.#write(firstValueFrom(this.#http.post<WriteResult>(`${this.#path(id)}/${action}`, body)));
  }

  public reject(id: string, reasonCode: string, reasonText: string): Promise<WriteResult> {
    return this.#write(firstValueFrom(this.#http.post<WriteResult>(`${this.#path(id)}/reject`, { reasonCode, reasonText })));
  }

  public complete(id: string, resultCode: string, note: string): Promise<WriteResult> {
    return this.#write(firstValueFrom(this.#http.post<WriteResult>(`${this.#path(id)}/complete`, note ? { resultCode, note } : { resultCode })));
  }

  public noShow(id: string, note: string): Promise<WriteResult> {
    return this.#write(firstValueFrom(this.#http.post<WriteResult>(`${this.#path(id)}/no-show`, note ? { note } : {})));
  }

  public cancel(id: string, reasonText: string): Promise<WriteResult> {
    return this.#write(firstValueFrom(this.#http.post<WriteResult>(`${this.#path(id)}/cancel`, { reasonText })));
  }

  public backReferral(id: string, request: BackReferralRequest): Promise<WriteResult> {
    return this.#write(firstValueFrom(this.#http.post<WriteResult>(`${this.#path(id)}/back-referral`, request)));
  }

  public async history(id: string): Promise<HistoryEntry[]> {
    const body = await firstValueFrom(this.#http.get<{ history: HistoryEntry[] }>(`${this.#path(id)}/history`));
    return Array.isArray(body?.history) ? body.history : [];
  }

  public async clinicalSummary(id: string): Promise<ClinicalSummary> {
    const body = await firstValueFrom(this.#http.get<{ clinicalSummary?: ClinicalSummary } & ClinicalSummary>(`${this.#path(id)}/clinical-summary`));
    return body.clinicalSummary ?? body;
  }

  async #write(call: Promise<WriteResult | { referral?: Referral }>): Promise<WriteResult> {
    const body = (await call) as Partial<WriteResult> & Partial<Referral>;
    const referral = body.referral ?? (body as Referral);
    return { referral: withDefaults(referral), txId: body.txId };
  }

  #path(id: string): string {
    return `/api/referrals/${encodeURIComponent(id)}`;
  }
}
