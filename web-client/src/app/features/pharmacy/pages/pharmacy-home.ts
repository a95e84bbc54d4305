import { Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { ProblemAlert } from '../../../shared/problem-alert';
import { PharmacyApi } from '../pharmacy-api';
import { PharmacyText } from '../pharmacy-text';
import type { WorklistRow } from '../refill';

/** Entry page: open a plan by its ID (pharmacists, รพ.สต. nurses, volunteers) or make a new one (clinicians). */
@Component({
  selector: 'app-pharmacy-home',
  imports: [RouterLink, ProblemAlert],
  // phone-width friendly: one tappable row per item
  styles: `.worklist-items { list-style: none; padding: 0; margin: 0; }
    .worklist-items li { padding: .75rem 0; border-bottom: 1px solid #ddd; }
    .worklist-items a { display: inline-block; min-height: 44px; line-height: 44px; }`,
  template: `
    <h1>{{ text.t('title') }}</h1>
    <p class="lead">{{ text.t('lead') }}</p>
    <section class="panel" aria-labelledby="open-title">
      <h2 id="open-title">{{ text.t('open') }}</h2>
      <form class="inline-form" (submit)="open($event)">
        <label class="field-label" for="plan-id">{{ text.t('planId') }}</label>
        <input id="plan-id" autocomplete="off" [value]="planId()" (input)="planId.set($any($event.target).value)" data-testid="plan-id" />
        <button type="submit" class="btn btn-primary" data-testid="open-plan">{{ text.t('openBtn') }}</button>
      </form>
    </section>
    @if (listTitle(); as title) {
      <section class="panel worklist" aria-labelledby="worklist-title">
        <h2 id="worklist-title">{{ title }}</h2>
        <app-problem-alert [problem]="problem()" [retryable]="true" (retry)="load()" />
        @if (rows().length === 0 && problem() === null) { <p class="muted">{{ text.t('empty') }}</p> }
        <ul class="worklist-items" data-testid="worklist">
          @for (r of rows(); track r.id) {
            <li>
              <a [routerLink]="['/pharmacy/plans', r.planId]">{{ r.planId }} · {{ text.t('cycle') }} {{ r.cycle }}</a>
              <span class="muted"> · {{ text.channel(r.channel) }} · {{ i18n.date(r.confirmBy ?? r.dueDate, 'date') }}</span>
            </li>
          }
        </ul>
      </section>
    }
    @if (session.user()?.role === 'clinician') {
      <p><a class="btn" routerLink="/pharmacy/new" data-testid="new-plan">+ {{ text.t('newPlan') }}</a></p>
    }
  `,
})
export class PharmacyHome {
  protected readonly text = inject(PharmacyText);
  protected readonly i18n = inject(I18n);
  protected readonly session = inject(Session);
  readonly #router = inject(Router);
  readonly #api = inject(PharmacyApi);
  protected readonly planId = signal('');
  protected readonly rows = signal<readonly WorklistRow[]>([]);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly listTitle = computed(() => {
    const role = this.session.user()?.role;
    if (role === 'pharmacist' || role === 'nurse') return this.text.t('due.title');
    if (role === 'volunteer') return this.text.t('deliveries.title');
    return '';
  });

  public constructor() {
    void this.load();
  }

  /** Pharmacists and รพ.สต. nurses: refills due at their unit by date; volunteers: deliveries they carry. */
  protected async load(): Promise<void> {
    const role = this.session.user()?.role;
    if (role !== 'pharmacist' && role !== 'nurse' && role !== 'volunteer') return;
    this.problem.set(null);
    try {
      this.rows.set(role === 'volunteer' ? await this.#api.deliveries() : await this.#api.due());
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected open(event: Event): void {
    event.preventDefault();
    const id = this.planId().trim();
    if (id) void this.#router.navigate(['/pharmacy/plans', id]);
  }
}
