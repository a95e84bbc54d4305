import { Injectable, computed, inject, signal } from '@angular/core';
import { Session } from '../../core/auth/session';

/** An error answer of the wallet API. */
/** A session a unit published (desk). */
export interface PublishedSession {
  readonly id: string;
  readonly service: string;
  readonly serviceNameTh: string;
  readonly date: string;
  readonly times: string[];
  readonly capacity: number;
  readonly booked: number;
  readonly slots: Array<{ id: string; time: string; capacity: number; booked: number }>;
}

export class WalletProblem extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'WalletProblem';
  }
}

export interface Profile {
  username: string;
  displayName: string;
  healthId: string;
  birthDate: string;
  age: number;
  sex: 'F' | 'M';
  riskGroups: string[];
  homeUnit: { hcode: string; nameTh: string; nameEn: string } | null;
  mobile: string;
}
export interface HealthIdCard {
  healthId: string;
  token: string;
  shortCode: string;
  issuedAt: string;
  expiresAt: string;
}
export interface BenefitRuleView {
  id: string;
  reasonTh: string;
  reasonEn: string;
  intervalMonths: number | null;
  source: string;
  verified: boolean;
}
export interface Benefit {
  service: string;
  nameTh: string;
  nameEn: string;
  bookable: string | null;
  rules: BenefitRuleView[];
}
export interface Catalogue {
  services: Array<{ code: string; nameTh: string; nameEn: string; benefitService: string | null }>;
  riskGroups: Array<{ code: string; nameTh: string; nameEn: string }>;
}
export interface SlotView {
  id: string;
  hcode: string;
  service: string;
  date: string;
  time: string;
  startsAt: string;
  capacity: number;
  booked: number;
  available: number;
}
export interface Booking {
  id: string;
  slotId: string;
  hcode: string;
  service: string;
  date: string;
  time: string;
  startsAt: string;
  seat: number;
  status: 'booked' | 'checked-in' | 'no-show' | 'cancelled';
  via: string;
  unitNameTh: string | null;
  serviceNameTh: string | null;
}
export interface NearUnit {
  hcode: string;
  nameTh: string;
  nameEn: string;
  type: string;
  lat: number;
  lng: number;
  distanceKm: number;
  openingHours: { open: string; close: string; noteTh: string } | null;
  services: Array<{ code: string; nameTh: string }>;
}
export interface Tambon {
  code: string;
  nameTh: string;
  nameEn: string;
  districtTh: string;
}
export interface LedgerEvent {
  referralId: string;
  action: string;
  status: string;
  at: string;
  unitNameTh: string | null;
  role: string;
  mspId: string;
  txId: string;
  textTh: string;
}
export interface History {
  bookings: Booking[];
  referrals: Array<{ id: string; status: string; from: { nameTh: string | null }; to: { nameTh: string | null }; createdAt: string }>;
  ledgerEvents: LedgerEvent[];
  ledgerAvailable: boolean;
}

const STORAGE_KEY = 'cco.wallet';

/**
 * The citizen wallet API (/api/wallet). Uses fetch with the citizen's own token, so it never mixes
 * with the staff session's interceptor; desk calls use the staff token.
 */
@Injectable({ providedIn: 'root' })
export class WalletApi {
  readonly #staff = inject(Session);
  readonly #token = signal<string | null>(readToken());
  /** True while a citizen is signed in on this tab. */
  public readonly signedIn = computed(() => this.#token() !== null);
  /** The citizen's token, for the wallet's survey (features/kpi/kpi-survey.ts, POST /api/kpi/surveys). */
  public citizenToken(): string | null {
    return this.#token();
  }

  public async login(username: string, password: string): Promise<Profile> {
    const res = await this.#call<{ token: string; citizen: Profile }>('POST', '/auth/login', { username, password }, false);
    this.#keep(res.token);
    return res.citizen;
  }

  public async register(body: Record<string, string>): Promise<{ registrationId: string; sentTo: string; expiresAt: string }> {
    return this.#call('POST', '/auth/register', body, false);
  }

  public async confirm(registrationId: string, code: string): Promise<Profile> {
    const res = await this.#call<{ token: string; citizen: Profile }>('POST', '/auth/register/confirm', { registrationId, code }, false);
    this.#keep(res.token);
    return res.citizen;
  }

  public async logout(): Promise<void> {
    try {
      await this.#call('POST', '/auth/logout', undefined, true);
    } finally {
      this.#keep(null);
    }
  }

  public profile = async (): Promise<Profile> => this.#call('GET', '/me');
  public healthId = async (): Promise<HealthIdCard> => this.#call('GET', '/me/health-id');
  public benefits = async (): Promise<{ eligible: Benefit[]; ruleTableVersion: string; age: number }> => this.#call('GET', '/me/benefits');
  public catalogue = async (): Promise<Catalogue> => this.#call('GET', '/services', undefined, false);
  public setRiskGroups = async (riskGroups: string[]): Promise<Profile> => this.#call('PUT', '/me/risk-groups', { riskGroups });
  public slots = async (hcode: string, service: string): Promise<{ slots: SlotView[] }> =>
    this.#call('GET', `/slots?hcode=${encodeURIComponent(hcode)}&service=${encodeURIComponent(service)}`, undefined, false);
  public book = async (slotId: string, requestId: string): Promise<Booking> => this.#call('POST', '/me/bookings', { slotId, requestId });
  public joinWaitingList = async (slotId: string): Promise<{ position: number }> => this.#call('POST', '/me/waiting-list', { slotId });
  public bookings = async (): Promise<{ bookings: Booking[]; waiting: Array<{ slotId: string; since: string }> }> => this.#call('GET', '/me/bookings');
  public cancel = async (id: string): Promise<Booking> => this.#call('POST', `/me/bookings/${encodeURIComponent(id)}/cancel`);
  public history = async (): Promise<History> => this.#call('GET', '/me/history');
  public tambons = async (): Promise<{ tambons: Tambon[] }> => this.#call('GET', '/tambons', undefined, false);
  public nearest = async (query: string): Promise<{ units: NearUnit[]; from: { lat: number; lng: number } }> => this.#call('GET', `/units/nearest?${query}`, undefined, false);

  /** Desk (staff token): open a patient's context from a Health ID proof. */
  public deskResolve = async (proof: string): Promise<{ healthId: string; displayName: string; age: number; sex: string; bookingsToday: Booking[] }> =>
    this.#call('POST', '/desk/resolve', { proof }, 'staff');
  public deskCheckIn = async (proof: string): Promise<Booking> => this.#call('POST', '/desk/check-in', { proof }, 'staff');
  /** Desk: the sessions the staff member's unit published, publish one, withdraw one. */
  public deskSessions = async (): Promise<{ hcode: string; sessions: PublishedSession[] }> => this.#call('GET', '/desk/sessions', undefined, 'staff');
  public publishSession = async (body: { service: string; date: string; times: string[]; capacity: number }): Promise<PublishedSession> =>
    this.#call('POST', '/desk/sessions', body, 'staff');
  public withdrawSession = async (id: string): Promise<unknown> => this.#call('DELETE', `/desk/sessions/${encodeURIComponent(id)}`, undefined, 'staff');

  async #call<T>(method: string, route: string, body?: unknown, auth: boolean | 'staff' = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = auth === 'staff' ? this.#staff.token() : auth ? this.#token() : null;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`/api/wallet${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new WalletProblem(0, 'NETWORK_ERROR', 'no answer');
    }
    if (res.status === 204) return undefined as T;
    const parsed = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      if (res.status === 401 && auth === true) this.#keep(null);
      throw new WalletProblem(res.status, error?.code ?? 'UNKNOWN_ERROR', error?.message ?? res.statusText, error?.details);
    }
    return parsed as T;
  }

  #keep(token: string | null): void {
    try {
      if (token === null) sessionStorage.removeItem(STORAGE_KEY);
      else sessionStorage.setItem(STORAGE_KEY, token);
    } catch {
      // without storage the session lasts until reload
    }
    this.#token.set(token);
  }
}

function readToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
