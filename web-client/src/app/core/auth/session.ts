import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** Staff roles the gateway knows. */
export type Role = 'clinician' | 'nurse' | 'auditor' | 'pharmacist' | 'volunteer' | 'cashier' | 'kiosk' | 'dispatcher' | 'ems-crew' | 'er-physician' | 'medical-director' | 'manager';

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
}

interface LoginResponse {
  readonly token: string;
  readonly expiresIn: number;
  readonly user: SessionUser;
}

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

  /** The bearer token, or null when there is none or it has expired. */
  public token(): string | null {
    const s = this.#state();
    if (s === null) return null;
    if (Date.now() >= s.expiresAt) {
      this.end(true);
      return null;
    }
    return s.token;
  }

  /** Signs in; throws the HTTP error on failure. */
  public async login(username: string, password: string): Promise<SessionUser> {
    const res = await firstValueFrom(this.#http.post<LoginResponse>('/api/auth/login', { username, password }));
    const stored: StoredSession = { token: res.token, expiresAt: Date.now() + res.expiresIn * 1000, user: res.user };
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // without storage the session lasts until reload
    }
    this.expired.set(false);
    this.#state.set(stored);
    return res.user;
  }

  /** Signs out; `expired` says the server or the clock ended the session. */
  public end(expired = false): void {
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
    return s.expiresAt > Date.now() ? (s as StoredSession) : null;
  } catch {
    return null;
  }
}
