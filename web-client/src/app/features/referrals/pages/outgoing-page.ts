import { Component, computed, inject, input, signal } from '@angular/core';
import { pollWhileVisible } from '../../../shared/poll-while-visible';
import { RouterLink } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { ProblemAlert } from '../../../shared/problem-alert';
import { REFERRAL_STATUSES, type Referral } from '../../../shared/referral';
import { ReferralList } from '../../../shared/referral-list';
import { statusQuery, OPEN_STATUSES } from '../../../shared/referral-order';
import { ReferralsApi } from '../../../shared/referrals-api';
import { Pager } from '../../../shared/pager';
import { StateMessage } from '../../../shared/state-message';
import { RecentReferrals } from '../recent-referrals';

const PAGE_SIZE = 20;

/**
 * The clinician's own outgoing referrals, newest first, refreshed every 15 s. When the server has
 * no list endpoint yet, shows the referrals created on this device (read one by one).
 */
@Component({
  selector: 'app-outgoing-page',
  imports: [Pager, RouterLink, ReferralList, ProblemAlert, StateMessage],
  templateUrl: './outgoing-page.html',
})
export class OutgoingPage {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(ReferralsApi);
  readonly #session = inject(Session);
  readonly #recent = inject(RecentReferrals);

  /** ID of a referral just created (query parameter), announced at the top. */
  public readonly created = input<string | undefined>(undefined);

  protected readonly statuses = REFERRAL_STATUSES;
  protected readonly status = signal<string>('');
  protected readonly items = signal<readonly Referral[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly fallback = signal(false);
  protected readonly lastLoaded = signal<Date | null>(null);
  protected readonly page = signal(1);
  protected readonly total = signal(0);
  protected readonly pageSize = PAGE_SIZE;
  /** Server order (fast track, priority, newest); in fallback mode filtered and sorted here. */
  protected readonly shown = computed(() => {
    if (!this.fallback()) return this.items();
    const s = this.status();
    const list = s === 'open' ? this.items().filter((r) => OPEN_STATUSES.includes(r.status)) : s ? this.items().filter((r) => r.status === s) : this.items();
    return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });

  public constructor() {
    void this.load();
    pollWhileVisible(() => void this.load(true));
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
      const page = await this.#api.list({ direction: 'outgoing', status: statusQuery(this.status()), page: this.page(), pageSize: PAGE_SIZE });
      this.items.set(await this.#withCreated(page.items));
      this.total.set(page.total);
      this.fallback.set(false);
      this.problem.set(null);
    } catch (e) {
      const p = problemOf(e);
      if (p.code === 'NOT_AVAILABLE') await this.#loadRecent();
      else if (!quiet || this.items().length === 0) this.problem.set(p);
    } finally {
      this.loading.set(false);
      this.lastLoaded.set(new Date());
    }
  }

  /**
   * The query store lags the ledger by a moment: a referral just created (query parameter) is
   * read from the ledger and shown first until the list has it.
   */
  async #withCreated(items: readonly Referral[]): Promise<readonly Referral[]> {
    const id = this.created();
    if (!id || this.page() !== 1 || items.some((r) => r.id === id)) return items;
    const created = await this.#api.get(id).catch(() => null);
    return created ? [created, ...items] : items;
  }

  async #loadRecent(): Promise<void> {
    this.fallback.set(true);
    const ids = this.#recent.ids(this.#session.user()?.username ?? '');
    const found = await Promise.all(ids.map((id) => this.#api.get(id).catch(() => null)));
    this.items.set(found.filter((r): r is Referral => r !== null));
    this.total.set(this.items().length);
    this.page.set(1);
  }
}
