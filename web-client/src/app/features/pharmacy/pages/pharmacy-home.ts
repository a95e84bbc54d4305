import { Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { PharmacyText } from '../pharmacy-text';

/** Entry page: open a plan by its ID (pharmacists, รพ.สต. nurses, volunteers) or make a new one (clinicians). */
@Component({
  selector: 'app-pharmacy-home',
  imports: [RouterLink],
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
    @if (session.user()?.role === 'clinician') {
      <p><a class="btn" routerLink="/pharmacy/new" data-testid="new-plan">+ {{ text.t('newPlan') }}</a></p>
    }
  `,
})
export class PharmacyHome {
  protected readonly text = inject(PharmacyText);
  protected readonly session = inject(Session);
  readonly #router = inject(Router);
  protected readonly planId = signal('');

  protected open(event: Event): void {
    event.preventDefault();
    const id = this.planId().trim();
    if (id) void this.#router.navigate(['/pharmacy/plans', id]);
  }
}
