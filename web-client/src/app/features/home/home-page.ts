import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { UnitsApi } from '../../core/units/units-api';
import { ProblemAlert } from '../../shared/problem-alert';
import type { Referral } from '../../shared/referral';
import { ReferralList } from '../../shared/referral-list';
import { OPEN_STATUSES, sortForInbox, statusQuery } from '../../shared/referral-order';
import { ReferralsApi } from '../../shared/referrals-api';
import { StateMessage } from '../../shared/state-message';

/** Role-aware start page: what needs doing now, and the way to each journey. */
@Component({
  selector: 'app-home-page',
  imports: [RouterLink, ReferralList, ProblemAlert, StateMessage],
  templateUrl: './home-page.html',
  styleUrl: './home-page.css',
})
export class HomePage {
  protected readonly i18n = inject(I18n);
  protected readonly session = inject(Session);
  readonly #units = inject(UnitsApi);
  readonly #api = inject(ReferralsApi);

  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly items = signal<readonly Referral[]>([]);
  protected readonly open = computed(() => this.items().filter((r) => OPEN_STATUSES.includes(r.status)));
  protected readonly fastOpen = computed(() => this.open().filter((r) => r.fastTrack).length);
  protected readonly top = computed(() => sortForInbox(this.open()).slice(0, 5));
  protected readonly unitName = computed(() => {
    const u = this.session.user();
    return u ? this.i18n.unitName(this.#units.find(u.hcode) ?? { hcode: u.hcode }) : '';
  });
  protected readonly direction = computed(() => (this.session.user()?.role === 'clinician' ? 'outgoing' : 'incoming'));

  public constructor() {
    const role = this.session.user()?.role;
    if (role === 'clinician' || role === 'nurse') void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await this.#api.list({ direction: this.direction(), status: statusQuery('open'), pageSize: 100 });
      this.items.set(page.items);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.loading.set(false);
    }
  }
}
