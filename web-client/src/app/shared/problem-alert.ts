import { Component, computed, inject, input, output } from '@angular/core';
import { I18n } from '../core/i18n/i18n';
import { type ApiProblem, validationDetails } from '../core/http/error-messages';

/** An API problem in the user's language, with the stable code and the server's detail. */
@Component({
  selector: 'app-problem-alert',
  template: `
    @if (problem(); as p) {
      <div class="alert alert-error" role="alert">
        <p class="alert-title">{{ message() }}</p>
        @for (line of fieldLines(); track $index) {
          <p class="alert-detail">{{ line }}</p>
        }
        <p class="alert-meta">
          {{ i18n.t('common.errorCode') }}: <code>{{ p.code }}</code>
          @if (p.serverMessage) { · {{ p.serverMessage }} }
        </p>
        @if (retryable()) {
          <button type="button" class="btn btn-small" (click)="retry.emit()">{{ i18n.t('common.retry') }}</button>
        }
      </div>
    }
  `,
})
export class ProblemAlert {
  protected readonly i18n = inject(I18n);
  public readonly problem = input<ApiProblem | null>(null);
  public readonly retryable = input(false);
  public readonly retry = output<void>();
  protected readonly message = computed(() => {
    const p = this.problem();
    return p ? this.i18n.error(p) : '';
  });
  protected readonly fieldLines = computed(() => validationDetails(this.problem()?.details));
}
