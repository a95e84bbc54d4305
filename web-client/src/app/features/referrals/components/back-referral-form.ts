import { Component, computed, inject, input, output, signal } from '@angular/core';
import { CodesApi } from '../../../core/codes/codes-api';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { unitMatches } from '../../../core/units/unit';
import { UnitsApi } from '../../../core/units/units-api';
import { ProblemAlert } from '../../../shared/problem-alert';
import type { Diagnosis, Referral } from '../../../shared/referral';
import { ReferralsApi } from '../../../shared/referrals-api';
import { type PickerOption, SearchPicker } from '../../../shared/search-picker';
import { ClinicalSummaryEditor } from './clinical-summary-editor';

/**
 * Back-referral (reason 4, care close to home) from the receiving unit to a health centre:
 * POST /api/referrals/:id/back-referral with { toHcode, priority, clinicalSummary? }.
 */
@Component({
  selector: 'app-back-referral-form',
  imports: [SearchPicker, ClinicalSummaryEditor, ProblemAlert],
  templateUrl: './back-referral-form.html',
})
export class BackReferralForm {
  protected readonly i18n = inject(I18n);
  protected readonly codes = inject(CodesApi);
  readonly #units = inject(UnitsApi);
  readonly #api = inject(ReferralsApi);

  public readonly parent = input.required<Referral>();
  public readonly done = output<Referral>();
  public readonly cancelled = output<void>();

  protected readonly query = signal('');
  protected readonly chosen = signal('');
  protected readonly priority = signal(5);
  protected readonly diagnoses = signal<readonly Diagnosis[]>([]);
  protected readonly history = signal('');
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  /** The parent's sender when it is a health centre: the usual place to send the patient back to. */
  protected readonly suggested = computed(() => {
    const from = this.#units.find(this.parent().fromHcode);
    return from?.type === 'health-centre' ? from.hcode : '';
  });
  protected readonly toHcode = computed(() => this.chosen() || this.suggested());
  protected readonly toLabel = computed(() => {
    const u = this.#units.find(this.toHcode());
    return u ? `${this.i18n.unitName(u)} (${u.hcode})` : '';
  });
  protected readonly options = computed<PickerOption[]>(() => {
    const q = this.query();
    const th = this.i18n.lang() === 'th';
    return this.#units
      .units()
      .filter((u) => u.type === 'health-centre' && unitMatches(u, q))
      .map((u) => ({ value: u.hcode, label: this.i18n.unitName(u), detail: `${u.hcode} · ${th ? (u.districtTh ?? u.district) : u.district}` }));
  });

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    if (!this.toHcode()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const summary = this.diagnoses().length > 0 ? { diagnoses: this.diagnoses(), ...(this.history().trim() ? { history: this.history().trim() } : {}) } : undefined;
      const { referral } = await this.#api.backReferral(this.parent().id, {
        toHcode: this.toHcode(),
        priority: this.priority(),
        ...(summary ? { clinicalSummary: summary } : {}),
      });
      this.done.emit(referral);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
