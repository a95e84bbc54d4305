import { Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { ProblemAlert } from '../../../shared/problem-alert';
import type { HistoryEntry } from '../../../shared/referral';
import { ReferralsApi } from '../../../shared/referrals-api';
import { StateMessage } from '../../../shared/state-message';
import { HistoryTable } from '../components/history-table';

/** Every committed version of a referral: txId, block number, signer organisation and role. */
@Component({
  selector: 'app-referral-history',
  imports: [RouterLink, HistoryTable, ProblemAlert, StateMessage],
  template: `
    <div class="page-head">
      <h1>{{ i18n.t('history.title') }}</h1>
      <a class="btn btn-small" [routerLink]="['/referrals', id()]">{{ i18n.t('detail.title') }}</a>
    </div>
    <p><code data-testid="history-id">{{ id() }}</code></p>
    <app-problem-alert [problem]="problem()" [retryable]="true" (retry)="load(id())" />
    @if (loading()) {
      <app-state-message kind="loading" [text]="i18n.t('common.loading')" />
    } @else if (!problem() && entries().length === 0) {
      <app-state-message kind="empty" [text]="i18n.t('history.empty')" />
    } @else if (entries().length > 0) {
      <app-history-table [entries]="entries()" />
    }
  `,
})
export class ReferralHistory {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(ReferralsApi);

  public readonly id = input.required<string>();
  protected readonly entries = signal<readonly HistoryEntry[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);

  public constructor() {
    effect(() => void this.load(this.id()));
  }

  protected async load(id: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.entries.set(await this.#api.history(id));
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.loading.set(false);
    }
  }
}
