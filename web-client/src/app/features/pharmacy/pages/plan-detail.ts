import { Component, computed, inject, input, type OnInit, signal } from '@angular/core';
import { Session } from '../../../core/auth/session';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { ProblemAlert } from '../../../shared/problem-alert';
import { StateMessage } from '../../../shared/state-message';
import { ItemsEditor } from '../components/items-editor';
import { PharmacyApi } from '../pharmacy-api';
import { PharmacyText } from '../pharmacy-text';
import { CHANNELS, type Channel, type CustodyStep, earliestDay, itemProblems, nextCustodySteps, nextOpenCycle, type RefillCycle, type PlanView, type RefillItem, type RefillRule, type TmtDrug } from '../refill';

/**
 * One refill plan: every cycle with its channel, channel changes and dispensing event (the clinician's
 * dispensing history); pharmacists and รพ.สต. nurses dispense the next cycle; staff move a future cycle.
 */
@Component({
  selector: 'app-plan-detail',
  imports: [ItemsEditor, ProblemAlert, StateMessage],
  templateUrl: './plan-detail.html',
})
export class PlanDetail implements OnInit {
  protected readonly i18n = inject(I18n);
  protected readonly text = inject(PharmacyText);
  protected readonly session = inject(Session);
  readonly #api = inject(PharmacyApi);

  /** Route parameter. */
  public readonly planId = input.required<string>();

  protected readonly channels = CHANNELS;
  protected readonly view = signal<PlanView | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly drugs = signal<readonly TmtDrug[]>([]);
  protected readonly rule = signal<RefillRule | null>(null);
  protected readonly notice = signal('');

  protected readonly next = computed(() => nextOpenCycle(this.view()?.cycles ?? []));
  protected readonly canDispense = computed(() => ['pharmacist', 'nurse'].includes(this.session.user()?.role ?? ''));
  protected readonly canChange = computed(() => ['clinician', 'nurse', 'pharmacist'].includes(this.session.user()?.role ?? ''));
  protected readonly isPrescriberOrg = computed(() => this.session.user()?.mspId === this.view()?.plan.prescriberMsp);

  protected readonly dispenseItems = signal<RefillItem[]>([]);
  protected readonly dispenseBusy = signal(false);
  protected readonly dispenseProblem = signal<ApiProblem | null>(null);
  protected readonly dispenseErrors = computed(() => itemProblems(this.dispenseItems()).map((p) => this.text.t(`problem.${p}`)));

  protected readonly changeCycle = signal(0);
  protected readonly changeChannel = signal<Channel>('health-centre');
  protected readonly changeUnit = signal('');
  protected readonly changeOnBehalf = signal(true);
  protected readonly changeBusy = signal(false);
  protected readonly changeProblem = signal<ApiProblem | null>(null);
  protected readonly futureCycles = computed(() => (this.view()?.cycles ?? []).filter((c) => c.status === 'scheduled'));

  protected readonly confirmationCode = signal('');
  protected readonly custodyBusy = signal(false);
  protected readonly custodyProblem = signal<ApiProblem | null>(null);
  protected readonly tracking = signal('');
  protected readonly patientCode = signal('');

  protected steps(c: RefillCycle): CustodyStep[] {
    return c.dispense !== undefined && c.custody !== undefined ? nextCustodySteps(c.dispense.channel, c.custody.status) : [];
  }

  protected stepLabel(step: CustodyStep | 'dispensed'): string {
    return this.text.t(`step.${step}`);
  }

  protected async recordStep(c: RefillCycle, step: CustodyStep): Promise<void> {
    this.custodyBusy.set(true);
    this.custodyProblem.set(null);
    try {
      await this.#api.custody(this.planId(), c.cycle, step, step === 'handed-to-post' ? this.tracking().trim() : '', step === 'delivered' ? this.patientCode().trim() : '');
      this.notice.set(this.stepLabel(step));
      this.tracking.set('');
      this.patientCode.set('');
    } catch (e) {
      this.custodyProblem.set(problemOf(e));
    } finally {
      this.custodyBusy.set(false);
      await this.load();
    }
  }

  public ngOnInit(): void {
    void this.load();
    void this.#loadTables();
  }

  /** First allowed day of a cycle under the current rule (a hint; the ledger decides). */
  protected earliest(cycle: number): string {
    const v = this.view();
    const rule = this.rule();
    if (v === null || rule === null) return '';
    const day = earliestDay(v.plan, v.cycles, cycle, rule.earlyToleranceDays);
    return day === undefined ? '—' : this.i18n.date(day, 'date');
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const view = await this.#api.plan(this.planId());
      this.view.set(view);
      const open = nextOpenCycle(view.cycles);
      if (this.changeCycle() === 0 || !view.cycles.some((c) => c.cycle === this.changeCycle() && c.status === 'scheduled')) {
        this.changeCycle.set(open?.cycle ?? 0);
      }
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.loading.set(false);
    }
  }

  async #loadTables(): Promise<void> {
    try {
      const [drugs, rules] = await Promise.all([this.#api.drugs(), this.#api.rules()]);
      this.drugs.set(drugs);
      this.rule.set(rules[0] ?? null);
    } catch {
      // the plan page works without the tables; the form shows the problem when used
    }
  }

  /** The prescribing organisation's staff can fill the dispense form from the plan's private items. */
  protected async prefill(): Promise<void> {
    try {
      this.dispenseItems.set((await this.#api.items(this.planId())).items.map((i) => ({ ...i })));
    } catch (e) {
      this.dispenseProblem.set(problemOf(e));
    }
  }

  protected async dispense(event: Event): Promise<void> {
    event.preventDefault();
    const cycle = this.next();
    if (cycle === undefined || this.dispenseErrors().length > 0) return;
    this.dispenseBusy.set(true);
    this.dispenseProblem.set(null);
    try {
      const result = await this.#api.dispense(this.planId(), cycle.cycle, this.dispenseItems());
      this.notice.set(this.text.t('dispensed'));
      this.confirmationCode.set(result.confirmationCode ?? '');
      this.dispenseItems.set([]);
    } catch (e) {
      this.dispenseProblem.set(problemOf(e));
    } finally {
      this.dispenseBusy.set(false);
      await this.load();
    }
  }

  protected async change(event: Event): Promise<void> {
    event.preventDefault();
    if (this.changeCycle() === 0) return;
    this.changeBusy.set(true);
    this.changeProblem.set(null);
    try {
      await this.#api.changeChannel(this.planId(), this.changeCycle(), this.changeChannel(), this.changeUnit().trim(), this.changeOnBehalf());
      this.notice.set(this.text.t('changed'));
    } catch (e) {
      this.changeProblem.set(problemOf(e));
    } finally {
      this.changeBusy.set(false);
      await this.load();
    }
  }
}
