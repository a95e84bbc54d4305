import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { IdentityApi, type StaffMember, type TotpSetup, type TotpStatus } from './identity-api';

/** Roles a hospital administrator may grant (the gateway checks again: ROLE_NOT_GRANTABLE). */
const GRANTABLE = ['clinician', 'nurse', 'pharmacist', 'volunteer', 'cashier', 'kiosk', 'er-physician', 'ems-crew', 'dispatcher', 'auditor'] as const;

const TEXT = {
  title: { th: 'จัดการบุคลากรของหน่วยงาน', en: 'Staff identities of your organisation' },
  add: { th: 'เพิ่มบุคลากร', en: 'Add staff' },
  username: { th: 'ชื่อผู้ใช้', en: 'Username' },
  name: { th: 'ชื่อที่แสดง', en: 'Display name' },
  role: { th: 'บทบาท', en: 'Role' },
  unit: { th: 'รหัสหน่วยบริการ (hcode)', en: 'Unit (hcode)' },
  password: { th: 'รหัสผ่านเริ่มต้น (อย่างน้อย 12 ตัวอักษร)', en: 'Initial password (at least 12 characters)' },
  status: { th: 'สถานะ', en: 'Status' },
  actions: { th: 'การดำเนินการ', en: 'Actions' },
  save: { th: 'บันทึกบทบาท/หน่วย', en: 'Save role/unit' },
  suspend: { th: 'ระงับ', en: 'Suspend' },
  reactivate: { th: 'เปิดใช้งาน', en: 'Reactivate' },
  revoke: { th: 'เพิกถอน', en: 'Revoke' },
  reason: { th: 'เหตุผลการเพิกถอน', en: 'Reason for revocation' },
  done: { th: 'ดำเนินการแล้ว', en: 'Done' },
  filter: { th: 'ค้นหา', en: 'Search' },
  totp: { th: 'การยืนยันตัวตนสองขั้นตอน (TOTP)', en: 'Two-step sign-in (TOTP)' },
  totpOn: { th: 'เปิดใช้อยู่: การเข้าสู่ระบบต้องใช้รหัสจากแอปยืนยันตัวตน', en: 'On: signing in needs a code from your authenticator app' },
  totpOff: { th: 'ยังไม่เปิดใช้', en: 'Off' },
  totpStart: { th: 'เปิดใช้การยืนยันสองขั้นตอน', en: 'Turn on two-step sign-in' },
  totpSecret: { th: 'เพิ่มรหัสลับนี้ในแอปยืนยันตัวตน (แสดงครั้งเดียว)', en: 'Add this secret to your authenticator app (shown once)' },
  totpCode: { th: 'รหัส 6 หลักจากแอป', en: '6-digit code from the app' },
  totpConfirm: { th: 'ยืนยันและเปิดใช้', en: 'Confirm and turn on' },
  totpDisable: { th: 'ปิดการยืนยันสองขั้นตอน', en: 'Turn off two-step sign-in' },
} as const;

/** The organisation administrator's page: list, add, move, suspend, reactivate and revoke staff (issue 15). */
@Component({
  selector: 'app-identity-page',
  imports: [FormsModule, ProblemAlert],
  template: `
    <main class="page">
      <h1>{{ t('title') }}</h1>
      <app-problem-alert [problem]="problem()" />
      @if (notice()) {
        <p role="status" data-testid="identity-notice">{{ notice() }}</p>
      }
      <section aria-labelledby="totp-title" data-testid="totp-section">
        <h2 id="totp-title">{{ t('totp') }}</h2>
        <p role="status" data-testid="totp-status">{{ totp().enabled ? t('totpOn') : t('totpOff') }}</p>
        @if (!totp().enabled && !setup()) {
          <button type="button" (click)="totpStart()" [disabled]="busy()" data-testid="totp-start">{{ t('totpStart') }}</button>
        }
        @if (setup(); as s) {
          <p>{{ t('totpSecret') }}: <code data-testid="totp-secret">{{ s.secret }}</code></p>
          <p><small><code>{{ s.otpauthUri }}</code></small></p>
        }
        @if (setup() || totp().enabled) {
          <form (ngSubmit)="totpFinish()" class="form-grid">
            <label>{{ t('totpCode') }} <input name="totpCode" [(ngModel)]="totpCode" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required data-testid="totp-code" /></label>
            <button type="submit" [disabled]="busy()" data-testid="totp-submit">{{ totp().enabled ? t('totpDisable') : t('totpConfirm') }}</button>
          </form>
        }
      </section>
      <section aria-labelledby="add-staff">
        <h2 id="add-staff">{{ t('add') }}</h2>
        <form (ngSubmit)="add()" class="form-grid" data-testid="add-staff-form">
          <label>{{ t('username') }} <input name="username" [(ngModel)]="form.username" required autocomplete="off" /></label>
          <label>{{ t('name') }} <input name="displayName" [(ngModel)]="form.displayName" required /></label>
          <label>{{ t('role') }}
            <select name="role" [(ngModel)]="form.role">
              @for (r of roles; track r) { <option [value]="r">{{ r }}</option> }
            </select>
          </label>
          <label>{{ t('unit') }} <input name="hcode" [(ngModel)]="form.hcode" required inputmode="numeric" pattern="\\d{5}" /></label>
          <label>{{ t('password') }} <input name="password" type="password" [(ngModel)]="form.password" required minlength="12" autocomplete="new-password" /></label>
          <button type="submit" [disabled]="busy()" data-testid="add-staff-submit">{{ t('add') }}</button>
        </form>
      </section>
      <section aria-labelledby="staff-list">
        <h2 id="staff-list">{{ t('title') }} ({{ shown().length }})</h2>
        <label>{{ t('filter') }} <input name="q" data-testid="staff-filter" [ngModel]="query()" (ngModelChange)="query.set($event)" /></label>
        <table data-testid="staff-table">
          <thead><tr><th scope="col">{{ t('username') }}</th><th scope="col">{{ t('role') }}</th><th scope="col">{{ t('unit') }}</th><th scope="col">{{ t('status') }}</th><th scope="col">{{ t('actions') }}</th></tr></thead>
          <tbody>
            @for (s of shown(); track s.username) {
              <tr data-testid="staff-row" [attr.data-username]="s.username">
                <td>{{ s.username }}<br /><small>{{ s.displayName }}</small></td>
                <td>
                  <select [attr.aria-label]="t('role') + ' ' + s.username" [ngModel]="edits[s.username]?.role ?? s.role" (ngModelChange)="edit(s, 'role', $event)" [disabled]="s.status === 'revoked'">
                    @for (r of roles; track r) { <option [value]="r">{{ r }}</option> }
                    @if (!roles.includes($any(s.role))) { <option [value]="s.role">{{ s.role }}</option> }
                  </select>
                </td>
                <td><input data-testid="staff-hcode" [attr.aria-label]="t('unit') + ' ' + s.username" size="6" [ngModel]="edits[s.username]?.hcode ?? s.hcode" (ngModelChange)="edit(s, 'hcode', $event)" [disabled]="s.status === 'revoked'" /></td>
                <td data-testid="staff-status">{{ s.status }}</td>
                <td>
                  @if (s.status !== 'revoked') {
                    <button type="button" data-testid="staff-save" (click)="save(s)" [disabled]="busy() || !edits[s.username]">{{ t('save') }}</button>
                    @if (s.status === 'active') { <button type="button" data-testid="staff-suspend" (click)="act(s, 'suspend')" [disabled]="busy()">{{ t('suspend') }}</button> }
                    @if (s.status === 'suspended') { <button type="button" data-testid="staff-reactivate" (click)="act(s, 'reactivate')" [disabled]="busy()">{{ t('reactivate') }}</button> }
                    <button type="button" class="danger" data-testid="staff-revoke" (click)="revoke(s)" [disabled]="busy()">{{ t('revoke') }}</button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    </main>
  `,
})
export class IdentityPage {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(IdentityApi);
  protected readonly roles = GRANTABLE;
  protected readonly staff = signal<StaffMember[]>([]);
  protected readonly query = signal('');
  protected readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    return q ? this.staff().filter((s) => `${s.username} ${s.displayName} ${s.hcode} ${s.role}`.toLowerCase().includes(q)) : this.staff();
  });
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected form = { username: '', displayName: '', role: 'nurse', hcode: '', password: '' };
  protected edits: Record<string, { role?: string; hcode?: string }> = {};
  protected readonly totp = signal<TotpStatus>({ enabled: false, pending: false });
  protected readonly setup = signal<TotpSetup | null>(null);
  protected totpCode = '';

  public constructor() {
    void this.load();
    void this.#api.totpStatus().then((s) => this.totp.set(s), () => undefined);
  }

  protected totpStart(): Promise<void> {
    return this.#run(async () => this.setup.set(await this.#api.totpSetup()));
  }

  protected totpFinish(): Promise<void> {
    const code = this.totpCode.trim();
    const enabled = this.totp().enabled;
    return this.#run(async () => {
      if (enabled) await this.#api.totpDisable(code);
      else await this.#api.totpEnable(code);
      this.setup.set(null);
      this.totpCode = '';
      this.totp.set(await this.#api.totpStatus());
    });
  }

  protected t(key: keyof typeof TEXT): string {
    return TEXT[key][this.i18n.lang() === 'en' ? 'en' : 'th'];
  }

  protected edit(s: StaffMember, field: 'role' | 'hcode', value: string): void {
    this.edits = { ...this.edits, [s.username]: { ...this.edits[s.username], [field]: value } };
  }

  async #run(work: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.notice.set('');
    try {
      await work();
      this.notice.set(this.t('done'));
      await this.load();
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async load(): Promise<void> {
    try {
      this.staff.set(await this.#api.staff());
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected add(): Promise<void> {
    return this.#run(async () => {
      await this.#api.add({ ...this.form });
      this.form = { username: '', displayName: '', role: 'nurse', hcode: '', password: '' };
    });
  }

  protected save(s: StaffMember): Promise<void> {
    const change = this.edits[s.username] ?? {};
    return this.#run(async () => {
      await this.#api.change(s.username, { ...(change.role && change.role !== s.role ? { role: change.role } : {}), ...(change.hcode && change.hcode !== s.hcode ? { hcode: change.hcode } : {}) });
      const { [s.username]: _done, ...rest } = this.edits;
      this.edits = rest;
    });
  }

  protected act(s: StaffMember, action: 'suspend' | 'reactivate'): Promise<void> {
    return this.#run(async () => (action === 'suspend' ? this.#api.suspend(s.username) : this.#api.reactivate(s.username)));
  }

  protected revoke(s: StaffMember): Promise<void> {
    const reason = globalThis.prompt(`${this.t('reason')} (${s.username})`);
    if (reason === null || reason.trim() === '') return Promise.resolve();
    return this.#run(async () => this.#api.revoke(s.username, reason.trim()));
  }
}
