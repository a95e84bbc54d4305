import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Session } from '../../core/auth/session';

export type TriageColour = 'red' | 'yellow' | 'green' | 'white';
export type UnitStatus = 'available' | 'dispatched' | 'en-route' | 'on-scene' | 'transporting' | 'at-hospital';

export interface Question { id: string; type: 'boolean' | 'number'; th: string; en: string; min?: number; max?: number }
export interface Complaint { code: string; th: string; en: string; defaultColour: TriageColour }
export interface ColourInfo { code: TriageColour; th: string; en: string; requiredLevel: string | null; targetResponseMinutes: number | null }
export interface VitalSign { code: 'hr' | 'sbp' | 'dbp' | 'spo2' | 'rr'; loinc: string; th: string; display: string; unit: string; alarm: { low: number | null; high: number | null } }
export interface Criteria {
  criteria: { version: string; effectiveFrom: string; source: string; verified: boolean; colours: ColourInfo[]; questions: Question[]; complaints: Complaint[] };
  vitalSigns: { signs: VitalSign[] };
}
export interface UnitView {
  unitId: string; status: UnitStatus; caseId: string | null; level: 'ALS' | 'BLS' | 'FR'; callSign: string; hcode: string;
  base: { lat: number; lng: number }; position: { lat: number; lng: number; at: string } | null; distanceKm?: number; etaMinutes?: number;
}
export interface FirstAidCard { id: string; title: string; steps: string[]; sms: string }
export interface Milestone { milestone: string; at: string; by: string; mspId: string; transactionId?: string }
export interface EmsCase {
  caseId: string; status: string; receivedAt: string; colour: TriageColour; criteriaVersion: string; complaintCode: string;
  callerNumber?: string; location: { lat: number; lng: number; tambon?: string; landmark?: string };
  unitId?: string; unitLevel?: string; destinationHcode?: string; milestones: Milestone[];
  handover?: { crewSignedBy?: string; receivedBy?: string };
  disposition?: { erDisposition?: string; outcome?: string };
}
export interface Reading { code: VitalSign['code']; value: number; at: string; flags: string[] }
export interface CaseMessage { at: string; from: string; role: string; text: string }
export interface IntakeResult { created: boolean; case: EmsCase; firstAid: FirstAidCard[]; recommendation: UnitView[] }

/** One event of the live stream. */
export interface LiveEvent { type: 'unit' | 'case' | 'vitals' | 'message' | 'signal' | 'hello'; data: unknown }

const BASE = '/api/ems';

/** The EMS API (/api/ems) and its server-sent event stream. */
@Injectable({ providedIn: 'root' })
export class EmsApi {
  readonly #http = inject(HttpClient);
  readonly #session = inject(Session);

  public criteria(): Promise<Criteria> { return firstValueFrom(this.#http.get<Criteria>(`${BASE}/criteria`)); }
  public units(): Promise<{ units: UnitView[] }> { return firstValueFrom(this.#http.get<{ units: UnitView[] }>(`${BASE}/units`)); }
  public cases(): Promise<{ cases: EmsCase[] }> { return firstValueFrom(this.#http.get<{ cases: EmsCase[] }>(`${BASE}/cases`)); }
  public case(id: string): Promise<{ case: EmsCase; readings: Reading[]; messages: CaseMessage[] }> {
    return firstValueFrom(this.#http.get<{ case: EmsCase; readings: Reading[]; messages: CaseMessage[] }>(`${BASE}/cases/${encodeURIComponent(id)}`));
  }
  public intake(body: unknown): Promise<IntakeResult> { return firstValueFrom(this.#http.post<IntakeResult>(`${BASE}/cases`, body)); }
  public recommendation(id: string): Promise<{ units: UnitView[] }> {
    return firstValueFrom(this.#http.get<{ units: UnitView[] }>(`${BASE}/cases/${encodeURIComponent(id)}/recommendation`));
  }
  public dispatch(id: string, unitId: string, lowerLevelReason?: string): Promise<{ case: EmsCase; unit: UnitView }> {
    return firstValueFrom(this.#http.post<{ case: EmsCase; unit: UnitView }>(`${BASE}/cases/${encodeURIComponent(id)}/dispatch`, { unitId, ...(lowerLevelReason ? { lowerLevelReason } : {}) }));
  }
  public sms(id: string, cardId: string): Promise<{ messageId: string; to: string }> {
    return firstValueFrom(this.#http.post<{ messageId: string; to: string }>(`${BASE}/cases/${encodeURIComponent(id)}/first-aid-sms`, { cardId }));
  }
  public status(unitId: string, status: UnitStatus, extra: { destinationHcode?: string; reason?: string } = {}): Promise<{ unit: UnitView; case: EmsCase }> {
    return firstValueFrom(this.#http.post<{ unit: UnitView; case: EmsCase }>(`${BASE}/units/${encodeURIComponent(unitId)}/status`, { status, ...extra }));
  }
  public telemetry(unitId: string, body: unknown): Promise<{ stored: number; flags: Record<string, string[]> }> {
    return firstValueFrom(this.#http.post<{ stored: number; flags: Record<string, string[]> }>(`${BASE}/units/${encodeURIComponent(unitId)}/telemetry`, body));
  }
  public chat(id: string, text: string): Promise<unknown> { return firstValueFrom(this.#http.post(`${BASE}/cases/${encodeURIComponent(id)}/messages`, { kind: 'chat', text })); }
  public signal(id: string, kind: 'offer' | 'answer' | 'ice' | 'hangup', payload: unknown): Promise<unknown> {
    return firstValueFrom(this.#http.post(`${BASE}/cases/${encodeURIComponent(id)}/messages`, { kind, payload }));
  }
  public handOver(id: string): Promise<{ case: EmsCase }> { return firstValueFrom(this.#http.post<{ case: EmsCase }>(`${BASE}/cases/${encodeURIComponent(id)}/handover`, {})); }
  public acceptHandOver(id: string): Promise<{ case: EmsCase }> {
    return firstValueFrom(this.#http.post<{ case: EmsCase }>(`${BASE}/cases/${encodeURIComponent(id)}/handover/accept`, {}));
  }
  public disposition(id: string, body: { erDisposition?: string; outcome?: string }): Promise<{ case: EmsCase }> {
    return firstValueFrom(this.#http.post<{ case: EmsCase }>(`${BASE}/cases/${encodeURIComponent(id)}/disposition`, body));
  }

  /**
   * Opens the live stream (server-sent events; the browser reconnects by itself after a drop). Returns the function
   * that closes it.
   */
  public stream(onEvent: (event: LiveEvent) => void, onState?: (connected: boolean) => void): () => void {
    const token = this.#session.token();
    if (token === null) return () => undefined;
    const source = new EventSource(`${BASE}/stream?access_token=${encodeURIComponent(token)}`);
    for (const type of ['hello', 'unit', 'case', 'vitals', 'message', 'signal'] as const) {
      source.addEventListener(type, (e) => {
        try {
          onEvent({ type, data: JSON.parse((e as MessageEvent<string>).data) as unknown });
        } catch {
          // a malformed frame is skipped
        }
      });
    }
    source.onopen = () => onState?.(true);
    source.onerror = () => onState?.(false);
    return () => source.close();
  }
}
