import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Channel, CreatePlanRequest, CustodyStep, WorklistRow, PartnerDrugstore, PlanView, RefillCycle, RefillItem, RefillRule, TmtDrug } from './refill';

/** /api/pharmacy: refill plans, channel changes, dispensing, rule tables. */
@Injectable({ providedIn: 'root' })
export class PharmacyApi {
  readonly #http = inject(HttpClient);

  public drugs(): Promise<readonly TmtDrug[]> {
    return firstValueFrom(this.#http.get<{ drugs: TmtDrug[] }>('/api/pharmacy/drugs')).then((r) => r.drugs);
  }

  public rules(): Promise<readonly RefillRule[]> {
    return firstValueFrom(this.#http.get<{ rules: RefillRule[] }>('/api/pharmacy/rules')).then((r) => r.rules);
  }

  public drugstores(): Promise<readonly PartnerDrugstore[]> {
    return firstValueFrom(this.#http.get<{ drugstores: PartnerDrugstore[] }>('/api/pharmacy/drugstores')).then((r) => r.drugstores);
  }

  /** Open cycles planned at my unit (pharmacist, รพ.สต. nurse), earliest first. */
  public due(): Promise<readonly WorklistRow[]> {
    return firstValueFrom(this.#http.get<{ items: WorklistRow[] }>('/api/pharmacy/worklist/due')).then((r) => r.items);
  }

  /** Deliveries I picked up (volunteer). */
  public deliveries(): Promise<readonly WorklistRow[]> {
    return firstValueFrom(this.#http.get<{ items: WorklistRow[] }>('/api/pharmacy/worklist/deliveries')).then((r) => r.items);
  }

  public createPlan(request: CreatePlanRequest): Promise<PlanView & { txId: string }> {
    return firstValueFrom(this.#http.post<PlanView & { txId: string }>('/api/pharmacy/plans', request));
  }

  public plan(planId: string): Promise<PlanView> {
    return firstValueFrom(this.#http.get<PlanView>(`/api/pharmacy/plans/${encodeURIComponent(planId)}`));
  }

  public items(planId: string): Promise<{ items: RefillItem[]; matchesLedger: boolean }> {
    return firstValueFrom(this.#http.get<{ items: RefillItem[]; matchesLedger: boolean }>(`/api/pharmacy/plans/${encodeURIComponent(planId)}/items`));
  }

  public dispense(planId: string, cycle: number, items: readonly RefillItem[], channel?: Channel): Promise<{ cycle: RefillCycle; txId: string; confirmationCode?: string }> {
    const body = channel === undefined ? { items } : { items, channel };
    return firstValueFrom(this.#http.post<{ cycle: RefillCycle; txId: string; confirmationCode?: string }>(`/api/pharmacy/plans/${encodeURIComponent(planId)}/cycles/${String(cycle)}/dispense`, body));
  }

  public custody(planId: string, cycle: number, step: CustodyStep, trackingNumber: string, confirmationCode: string): Promise<{ cycle: RefillCycle; txId: string }> {
    const body = { step, ...(trackingNumber === '' ? {} : { trackingNumber }), ...(confirmationCode === '' ? {} : { confirmationCode }) };
    return firstValueFrom(this.#http.post<{ cycle: RefillCycle; txId: string }>(`/api/pharmacy/plans/${encodeURIComponent(planId)}/cycles/${String(cycle)}/custody`, body));
  }

  public changeChannel(planId: string, cycle: number, channel: Channel, unitHcode: string, onBehalfOfPatient: boolean): Promise<{ cycle: RefillCycle; txId: string }> {
    const body = unitHcode === '' ? { channel, onBehalfOfPatient } : { channel, unitHcode, onBehalfOfPatient };
    return firstValueFrom(this.#http.post<{ cycle: RefillCycle; txId: string }>(`/api/pharmacy/plans/${encodeURIComponent(planId)}/cycles/${String(cycle)}/channel`, body));
  }
}
