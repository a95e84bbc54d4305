import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** A staff member as the organisation's administrator sees them (GET /api/identity/staff). */
export interface StaffMember {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly hcode: string;
  readonly designation?: string;
  readonly mspId: string;
  readonly status: 'active' | 'suspended' | 'revoked' | 'pending';
  readonly serial?: string;
  readonly source: 'fixture' | 'admin';
}

export interface NewStaff {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly hcode: string;
  readonly password: string;
}

/** The caller's own TOTP second factor (GET/POST /api/identity/me/totp). */
export interface TotpStatus {
  readonly enabled: boolean;
  readonly pending: boolean;
}
export interface TotpSetup {
  readonly secret: string;
  readonly otpauthUri: string;
}

/** /api/identity: staff onboarding, changes, suspension and revocation by the organisation's administrator. */
@Injectable({ providedIn: 'root' })
export class IdentityApi {
  readonly #http = inject(HttpClient);

  public async staff(): Promise<StaffMember[]> {
    return (await firstValueFrom(this.#http.get<{ staff: StaffMember[] }>('/api/identity/staff'))).staff;
  }

  public async add(body: NewStaff): Promise<StaffMember> {
    return (await firstValueFrom(this.#http.post<{ staff: StaffMember }>('/api/identity/staff', body))).staff;
  }

  public async change(username: string, body: { role?: string; hcode?: string }): Promise<StaffMember> {
    return (await firstValueFrom(this.#http.patch<{ staff: StaffMember }>(`/api/identity/staff/${encodeURIComponent(username)}`, body))).staff;
  }

  public async suspend(username: string): Promise<StaffMember> {
    return (await firstValueFrom(this.#http.post<{ staff: StaffMember }>(`/api/identity/staff/${encodeURIComponent(username)}/suspend`, {}))).staff;
  }

  public async reactivate(username: string): Promise<StaffMember> {
    return (await firstValueFrom(this.#http.post<{ staff: StaffMember }>(`/api/identity/staff/${encodeURIComponent(username)}/reactivate`, {}))).staff;
  }

  public async revoke(username: string, reason: string): Promise<{ staff: StaffMember; effectMs: number }> {
    return firstValueFrom(this.#http.post<{ staff: StaffMember; effectMs: number }>(`/api/identity/staff/${encodeURIComponent(username)}/revoke`, { reason }));
  }

  public async totpStatus(): Promise<TotpStatus> {
    return firstValueFrom(this.#http.get<TotpStatus>('/api/identity/me/totp'));
  }

  public async totpSetup(): Promise<TotpSetup> {
    return firstValueFrom(this.#http.post<TotpSetup>('/api/identity/me/totp', {}));
  }

  public async totpEnable(code: string): Promise<void> {
    await firstValueFrom(this.#http.post('/api/identity/me/totp/enable', { code }));
  }

  public async totpDisable(code: string): Promise<void> {
    await firstValueFrom(this.#http.post('/api/identity/me/totp/disable', { code }));
  }
}
