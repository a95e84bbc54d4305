import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** Staff roles the gateway knows. */
export type Role = 'clinician' | 'nurse' | 'auditor' | 'pharmacist' | 'volunteer' | 'cashier' | 'kiosk' | 'dispatcher' | 'ems-crew' | 'er-physician' | 'medical-director' | 'admin' | 'manager';

/** The signed-in user as POST /api/auth/login returns it. */
export interface SessionUser {
  readonly username: string;
  readonly role: Role;
  readonly hcode: string;
  readonly mspId: string;
  readonly displayName: string;
}

interface StoredSession {
  readonly token: string;
  readonly expiresAt: number;
  readonly user: SessionUser;
  /** Rotating refresh token (POST /api/auth/refresh); each use returns the next one. */
  readonly refreshToken?: string;
}

interface LoginResponse {
  readonly token: string;
  readonly expiresIn: number;
  readonly user: SessionUser;
  readonly refreshToken?: string;
}

interface RefreshResponse {
  readonly token: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
}

/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;

const STORAGE_KEY = 'cco.session';

/**
 * The signed-in user and their JWT. Kept in sessionStorage (this tab only), dropped when it
 * expires or the API answers 401.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  readonly #http = inject(HttpClient);
  readonly #state = signal<StoredSession | null>(readStored());

  /** The signed-in user, or null. */
  public readonly user = computed(() => this.#state()?.user ?? null);
  /** True while a user is signed in. */
  public readonly signedIn = computed(() => this.#state() !== null);
  /** True when the last sign-out was forced by an expired session. */
  public readonly expired = signal(false);
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  public constructor() {
    this.#schedule();
  }

  /** Refreshes the access token shortly before it expires, so that short-lived tokens do not end the session. */
  #schedule(): void {
    if (this.#refreshTimer !== undefined) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    const s = this.#state();
    if (s?.refreshToken === undefined) return;
    const wait = Math.max(5_000, s.expiresAt - Date.now() - REFRESH_AHEAD_MS);
    this.#refreshTimer = setTimeout(() => void this.refresh(), wait);
  }

  #refreshing: Promise<boolean> | undefined;

  /**
   * Trades the refresh token for a new access token and the next refresh token; on failure the session runs out.
   * Concurrent callers share one request: a refresh token is single-use, and a second use would revoke the family.
   */
  public refresh(): Promise<boolean> {
    this.#refreshing ??= this.#refreshOnce().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<boolean> {
    const s = this.#state();
    if (s?.refreshToken === undefined) return false;
    try {
      const res = await firstValueFrom(this.#http.post<RefreshResponse>('/api/auth/refresh', { refreshToken: s.refreshToken }));
      this.#store({ ...s, token: res.token, expiresAt: Date.now() + res.expiresIn * 1000, refreshToken: res.refreshToken });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A bearer token good for the next minute: refreshed first when it is about to expire (a background tab's
   * timer may have slept). Null when there is no session or it could not be renewed (the session then ends).
   */
  public async freshToken(): Promise<string | null> {
    const s = this.#state();
    if (s === null) return null;
    if (s.refreshToken !== undefined && Date.now() >= s.expiresAt - REFRESH_AHEAD_MS) {
      if (!(await this.refresh()) && Date.now() >= s.expiresAt) {
        this.end(true);
        return null;
      }
    }
    return this.token();
  }

  #store(stored: StoredSession): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // without storage the session lasts until reload
    }
    this.#state.set(stored);
    this.#schedule();
  }

  /** The bearer token, or null when there is none or it has expired. */
  public token(): string | null {
    const s = this.#state();
    if (s === null) return null;
    if (Date.now() >= s.expiresAt) {
      // the interceptor renews it (freshToken); without a refresh token the session is over
      if (s.refreshToken === undefined) this.end(true);
      return null;
    }
    return s.token;
  }

  /** Signs in (with the authenticator code when the account has a second factor); throws the HTTP error on failure. */
  public async login(username: string, password: string, totp?: string): Promise<SessionUser> {
    const res = await firstValueFrom(this.#http.post<LoginResponse>('/api/auth/login', { username, password, ...(totp === undefined ? {} : { totp }) }));
    const stored: StoredSession = { token: res.token, expiresAt: Date.now() + res.expiresIn * 1000, user: res.user, ...(res.refreshToken === undefined ? {} : { refreshToken: res.refreshToken }) };
    this.expired.set(false);
    this.#store(stored);
    return res.user;
  }

  /** Signs out; `expired` says the server or the clock ended the session. */
  public end(expired = false): void {
    const s = this.#state();
    if (s !== null && !expired) {
      // logout revokes the access token and the refresh family at the gateway (best effort)
      this.#http
        .post('/api/auth/logout', s.refreshToken === undefined ? {} : { refreshToken: s.refreshToken }, { headers: { Authorization: `Bearer ${s.token}` } })
        .subscribe({ error: () => undefined });
    }
    if (this.#refreshTimer !== undefined) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    this.expired.set(expired);
    this.#state.set(null);
  }

  /** True when the user has one of `roles`. */
  public hasRole(...roles: Role[]): boolean {
    const u = this.user();
    return u !== null && roles.includes(u.role);
  }
}

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const s = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'number' || typeof s.user?.username !== 'string') return null;
    // an expired access token with a refresh token is renewed on the next call (Session.freshToken)
    return s.expiresAt > Date.now() || typeof s.refreshToken === 'string' ? (s as StoredSession) : null;
  } catch {
    return null;
  }
}
