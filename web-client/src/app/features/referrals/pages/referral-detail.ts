import { Component, computed, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { rejectionPayload } from '../../../core/codes/code-systems';
import { CodesApi } from '../../../core/codes/codes-api';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { MESSAGES, type MessageKey } from '../../../core/i18n/messages';
import { UnitsApi } from '../../../core/units/units-api';
import { PriorityBadge } from '../../../shared/priority-badge';
import { ProblemAlert } from '../../../shared/problem-alert';
import type { ClinicalSummary, Referral } from '../../../shared/referral';
import { enteredStateAt } from '../../../shared/referral-order';
import { ReferralsApi, type SimpleAction, type WriteResult } from '../../../shared/referrals-api';
import { StateMessage } from '../../../shared/state-message';
import { StatusBadge } from '../../../shared/status-badge';
import { TimeInState } from '../../../shared/time-in-state';
import { BackReferralForm } from '../components/back-referral-form';
import { RecentReferrals } from '../recent-referrals';

/** Forms that need more than one click. */
type FormMode = 'reject' | 'complete' | 'no-show' | 'cancel' | 'back-referral' | null;

/**
 * One referral: codes, both units, the receiving unit's answer, signed steps, the private
 * clinical summary (parties only), and the actions the signed-in user may take now.
 */
@Component({
  selector: 'app-referral-detail',
  imports: [RouterLink, StatusBadge, PriorityBadge, TimeInState, ProblemAlert, StateMessage, BackReferralForm],
  templateUrl: './referral-detail.html',
})
export class ReferralDetail {
  protected readonly i18n = inject(I18n);
  protected readonly codes = inject(CodesApi);
  readonly #units = inject(UnitsApi);
  readonly #session = inject(Session);
  readonly #api = inject(ReferralsApi);
  readonly #recent = inject(RecentReferrals);

  /** Referral ID (route parameter). */
  public readonly id = input.required<string>();

  protected readonly referral = signal<Referral | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<ApiProblem | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly mode = signal<FormMode>(null);
  protected readonly done = signal<{ status: string; txId?: string } | null>(null);
  protected readonly backReferral = signal<Referral | null>(null);
  protected readonly summary = signal<ClinicalSummary | null>(null);
  protected readonly summaryLoading = signal(false);
  protected readonly summaryProblem = signal<ApiProblem | null>(null);

  protected readonly reasonCode = signal('');
  protected readonly text = signal('');
  protected readonly resultCode = signal('1');

  protected readonly enteredStateAt = enteredStateAt;
  protected readonly user = this.#session.user;
  /** The caller's unit receives this referral. */
  protected readonly isReceiver = computed(() => {
    const r = this.referral();
    const u = this.user();
    return r !== null && u !== null && u.hcode === r.toHcode && (u.role === 'clinician' || u.role === 'nurse');
  });
  /** The caller is a clinician of the sending unit. */
  protected readonly isSender = computed(() => {
    const r = this.referral();
    const u = this.user();
    return r !== null && u !== null && u.hcode === r.fromHcode && u.role === 'clinician';
  });
  protected readonly isParty = computed(() => {
    const r = this.referral();
    const u = this.user();
    return r !== null && u !== null && (u.hcode === r.fromHcode || u.hcode === r.toHcode);
  });
  /** Back-referral to a health centre: a clinician or the referral nurse of the receiving hospital may create it. */
  protected readonly canBackRefer = computed(() => {
    const r = this.referral();
    return (
      r !== null &&
      this.isReceiver() &&
      (this.user()?.role === 'clinician' || this.user()?.role === 'nurse') &&
      ['accepted', 'arrived', 'completed'].includes(r.status) &&
      this.#units.find(r.toHcode)?.type === 'hospital'
    );
  });
  protected readonly hasActions = computed(() => {
    const r = this.referral();
    if (r === null) return false;
    const receiverOpen = this.isReceiver() && ['requested', 'received', 'accepted', 'arrived'].includes(r.status);
    const senderOpen = this.isSender() && ['requested', 'received', 'accepted'].includes(r.status);
    return receiverOpen || senderOpen || this.canBackRefer();
  });

  public constructor() {
    void this.codes.load();
    effect(() => {
      const id = this.id();
      void this.load(id);
    });
  }

  protected actionLabel(action: string): string {
    const key = `action.${action}`;
    return key in MESSAGES ? this.i18n.t(key as MessageKey) : action;
  }

  protected unitName(hcode: string, summary?: { nameTh: string | null; nameEn: string | null; hcode: string }): string {
    return this.i18n.unitName(summary?.nameTh || summary?.nameEn ? summary : (this.#units.find(hcode) ?? { hcode }));
  }

  protected async load(id = this.id()): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      const r = await this.#api.get(id);
      this.referral.set(r);
      const user = this.user();
      if (user && user.hcode === r.fromHcode) this.#recent.remember(user.username, r.id);
    } catch (e) {
      this.loadProblem.set(problemOf(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected open(mode: FormMode): void {
    this.mode.set(this.mode() === mode ? null : mode);
    this.text.set('');
    this.actionProblem.set(null);
  }

  protected act(action: SimpleAction): void {
    void this.#run(() => this.#api.act(this.id(), action));
  }

  protected submitForm(event: Event): void {
    event.preventDefault();
    const id = this.id();
    switch (this.mode()) {
      case 'reject':
        if (!this.text().trim()) return this.actionProblem.set({ code: 'VALIDATION_FAILED', status: 0, details: [{ path: 'reasonText', message: this.i18n.t('field.reasonText') }] });
        {
          const reasons = this.codes.systems().rejectionReason;
          const reason = reasons.find((c) => c.code === this.reasonCode()) ?? reasons[0];
          if (reason === undefined) return;
          const { reasonCode, reasonText } = rejectionPayload(reason, this.text());
          void this.#run(() => this.#api.reject(id, reasonCode, reasonText));
        }
        break;
      case 'complete':
        void this.#run(() => this.#api.complete(id, this.resultCode(), this.text().trim()));
        break;
      case 'no-show':
        void this.#run(() => this.#api.noShow(id, this.text().trim()));
        break;
      case 'cancel':
        if (!this.text().trim()) return this.actionProblem.set({ code: 'VALIDATION_FAILED', status: 0, details: [{ path: 'reasonText', message: this.i18n.t('field.reasonText') }] });
        void this.#run(() => this.#api.cancel(id, this.text().trim()));
        break;
      default:
        break;
    }
  }

  protected backReferred(created: Referral): void {
    this.backReferral.set(created);
    this.mode.set(null);
  }

  protected async showSummary(): Promise<void> {
    this.summaryLoading.set(true);
    this.summaryProblem.set(null);
    try {
      this.summary.set(await this.#api.clinicalSummary(this.id()));
    } catch (e) {
      this.summaryProblem.set(problemOf(e));
    } finally {
      this.summaryLoading.set(false);
    }
  }

  async #run(call: () => Promise<WriteResult>): Promise<void> {
    this.busy.set(true);
    this.actionProblem.set(null);
    this.done.set(null);
    try {
      const { referral, txId } = await call();
      this.referral.set(referral);
      this.done.set({ status: referral.status, txId });
      this.mode.set(null);
    } catch (e) {
      this.actionProblem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
