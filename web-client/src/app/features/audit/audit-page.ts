import { Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { MESSAGES, type MessageKey } from '../../core/i18n/messages';
import { Pager } from '../../shared/pager';
import { ProblemAlert } from '../../shared/problem-alert';
import type { Referral } from '../../shared/referral';
import { ReferralList } from '../../shared/referral-list';
import { ReferralsApi } from '../../shared/referrals-api';
import { StateMessage } from '../../shared/state-message';
import { AuditApi } from './audit-api';
import { type AuditView, readAuditReport } from './audit-report';

/** The auditor runs the ledger verification, reads its report, and opens any referral's history. */
@Component({
  selector: 'app-audit-page',
  imports: [Pager, RouterLink, ProblemAlert, StateMessage, ReferralList],
  templateUrl: './audit-page.html',
})
export class AuditPage {
  protected readonly i18n = inject(I18n);
  readonly #audit = inject(AuditApi);
  readonly #referrals = inject(ReferralsApi);
  readonly #router = inject(Router);

  protected readonly running = signal(false);
  protected readonly report = signal<unknown>(undefined);
  protected readonly view = computed<AuditView | null>(() => (this.report() === undefined ? null : readAuditReport(this.report())));
  protected readonly raw = computed(() => JSON.stringify(this.report(), null, 2));
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly tookMs = signal<number | null>(null);

  protected readonly items = signal<readonly Referral[]>([]);
  protected readonly listLoading = signal(true);
  protected readonly listProblem = signal<ApiProblem | null>(null);
  protected readonly query = signal('');
  protected readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    const list = [...this.items()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return q ? list.filter((r) => [r.id, r.fromHcode, r.toHcode, r.from?.nameEn, r.from?.nameTh, r.to?.nameEn, r.to?.nameTh].some((x) => x?.toLowerCase().includes(q))) : list;
  });
  protected readonly openId = signal('');
  protected readonly page = signal(1);
  protected readonly pageSize = 20;
  protected readonly pageItems = computed(() => this.shown().slice((this.page() - 1) * this.pageSize, this.page() * this.pageSize));
  protected readonly findingLimit = 50;

  /** A label for a report key (check or figure) when the interface has one, else the key itself. */
  protected label(prefix: 'audit.check.' | 'audit.fact.', key: string): string {
    const k = `${prefix}${key}`;
    return k in MESSAGES ? this.i18n.t(k as MessageKey) : key;
  }

  protected search(q: string): void {
    this.query.set(q);
    this.page.set(1);
  }

  public constructor() {
    void this.loadList();
  }

  protected async run(): Promise<void> {
    this.running.set(true);
    this.problem.set(null);
    const started = performance.now();
    try {
      this.report.set(await this.#audit.verify());
      this.tookMs.set(Math.round(performance.now() - started));
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.running.set(false);
    }
  }

  protected async loadList(): Promise<void> {
    this.listLoading.set(true);
    this.listProblem.set(null);
    try {
      this.items.set((await this.#referrals.list({ direction: 'all', pageSize: 100 })).items);
    } catch (e) {
      this.listProblem.set(problemOf(e));
    } finally {
      this.listLoading.set(false);
    }
  }

  protected openHistory(event: Event): void {
    event.preventDefault();
    const id = this.openId().trim();
    if (id) void this.#router.navigate(['/referrals', id, 'history']);
  }
}
