import { Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { cidProblem, normaliseCid } from '../../../core/patient/thai-cid';
import { ProblemAlert } from '../../../shared/problem-alert';
import { ItemsEditor } from '../components/items-editor';
import { PharmacyApi } from '../pharmacy-api';
import { PharmacyText } from '../pharmacy-text';
import { bangkokDay, CHANNELS, type Channel, itemProblems, newPlanId, type RefillItem, type RefillRule, type TmtDrug } from '../refill';

/** A hospital clinician makes a refill plan: patient, first day, interval, cycles, channel, items. */
@Component({
  selector: 'app-plan-form',
  imports: [ItemsEditor, ProblemAlert],
  templateUrl: './plan-form.html',
})
export class PlanForm {
  protected readonly i18n = inject(I18n);
  protected readonly text = inject(PharmacyText);
  readonly #api = inject(PharmacyApi);
  readonly #router = inject(Router);

  protected readonly channels = CHANNELS;
  protected readonly drugs = signal<readonly TmtDrug[]>([]);
  protected readonly rule = signal<RefillRule | null>(null);
  protected readonly cid = signal('');
  protected readonly startDate = signal(bangkokDay(new Date()));
  protected readonly intervalDays = signal(28);
  protected readonly cycleCount = signal(3);
  protected readonly channel = signal<Channel>('hospital-pharmacy');
  protected readonly unitHcode = signal('');
  protected readonly items = signal<RefillItem[]>([]);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  /** One ID per form, so a retry after a lost answer cannot create a second plan. */
  readonly #planId = newPlanId();

  protected readonly cidError = computed(() => {
    const p = this.cid() === '' && !this.submitted() ? null : cidProblem(this.cid());
    return p === null ? '' : this.i18n.t(`cid.${p}`);
  });
  protected readonly itemErrors = computed(() => itemProblems(this.items()).map((p) => this.text.t(`problem.${p}`)));

  public constructor() {
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const [drugs, rules] = await Promise.all([this.#api.drugs(), this.#api.rules()]);
      this.drugs.set(drugs);
      this.rule.set(rules[0] ?? null);
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    if (this.cidError() !== '' || this.itemErrors().length > 0) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const unit = this.unitHcode().trim();
      const result = await this.#api.createPlan({
        planId: this.#planId,
        patient: { cid: normaliseCid(this.cid()) },
        startDate: this.startDate(),
        intervalDays: this.intervalDays(),
        cycleCount: this.cycleCount(),
        channel: this.channel(),
        ...(unit === '' ? {} : { unitHcode: unit }),
        items: this.items(),
      });
      void this.#router.navigate(['/pharmacy/plans', result.plan.planId]);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
