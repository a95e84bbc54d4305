import { Component, computed, inject, input } from '@angular/core';
import { I18n } from '../core/i18n/i18n';
import { Clock } from '../core/time/clock';
import { elapsedSince, formatDuration } from '../core/time/duration';

/** How long a referral has been in its current status, ticking with the shared clock. */
@Component({
  selector: 'app-time-in-state',
  template: `<time class="time-in-state" [attr.datetime]="since()" [attr.title]="i18n.date(since())">{{ text() }}</time>`,
})
export class TimeInState {
  protected readonly i18n = inject(I18n);
  readonly #clock = inject(Clock);
  public readonly since = input.required<string>();
  protected readonly text = computed(() => formatDuration(elapsedSince(this.since(), this.#clock.now()), this.i18n.lang()));
}
