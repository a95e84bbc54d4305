import { Component, computed, inject, signal } from '@angular/core';
import { LIST_POLL_MS, pollWhileVisible } from '../../shared/poll-while-visible';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { REFERRAL_STATUSES, type Referral } from '../../shared/referral';
import { type QuickAction, ReferralList } from '../../shared/referral-list';
import { sortForInbox, statusQuery } from '../../shared/referral-order';
import { ReferralsApi } from '../../shared/referrals-api';
import { Pager } from '../../shared/pager';
import { StateMessage } from '../../shared/state-message';

const PAGE_SIZE = 20;

/**
 * Referrals to the caller's unit, fast track first then by priority; receive and accept in
 * one click, everything else on the referral page. Refreshed every 15 s.
 */
@Component({
  selector: 'app-inbox-page',
  imports: [Pager, ReferralList, ProblemAlert, StateMessage],
  templateUrl: './inbox-page.html',
})
export class InboxPage {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(ReferralsApi);

  protected readonly statuses = REFERRAL_STATUSES;
  protected readonly status = signal<string>('open');
  protected readonly items = signal<readonly Referral[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly lastLoaded = signal<Date | null>(null);
  protected readonly page = signal(1);
  protected readonly total = signal(0);
  protected readonly pageSize = PAGE_SIZE;
  /** The server sorts the same way; sorting again keeps a page in order after a quick action. */
  protected readonly shown = computed(() => sortForInbox(this.items()));

  public constructor() {
    void this.load();
    pollWhileVisible(() => void this.load(true), LIST_POLL_MS, () => this.busyId() === null);
  }

  protected filterBy(status: string): void {
    this.status.set(status);
    this.page.set(1);
    void this.load();
  }

  protected goTo(page: number): void {
    this.page.set(page);
    void this.load();
  }

  protected async load(quiet = false): Promise<void> {
    if (!quiet) this.loading.set(true);
    try {
      const page = await this.#api.list({ direction: 'incoming', status: statusQuery(this.status()), page: this.page(), pageSize: PAGE_SIZE });
      this.items.set(page.items);
      this.total.set(page.total);
      this.problem.set(null);
    } catch (e) {
      if (!quiet || this.items().length === 0) this.problem.set(problemOf(e));
    } finally {
      this.loading.set(false);
      this.lastLoaded.set(new Date());
    }
  }

  protected async quick(q: QuickAction): Promise<void> {
    this.busyId.set(q.referral.id);
    this.actionProblem.set(null);
    this.done.set(null);
    try {
      const { referral } = await this.#api.act(q.referral.id, q.action);
      this.items.update((list) => list.map((r) => (r.id === referral.id ? { ...r, ...referral } : r)));
      this.done.set(`${this.i18n.t('detail.done', { status: this.i18n.status(referral.status) })} · ${referral.id}`);
    } catch (e) {
      this.actionProblem.set(problemOf(e));
    } finally {
      this.busyId.set(null);
    }
  }
}
