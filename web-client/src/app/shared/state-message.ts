import { Component, input } from '@angular/core';

/** A loading or empty state: a spinner (for loading) and a polite live message. */
@Component({
  selector: 'app-state-message',
  template: `
    <div class="state" [class.state-loading]="kind() === 'loading'" role="status" aria-live="polite">
      @if (kind() === 'loading') {
        <span class="spinner" aria-hidden="true"></span>
      } @else {
        <span class="state-icon" aria-hidden="true">∅</span>
      }
      <span>{{ text() }}</span>
    </div>
  `,
})
export class StateMessage {
  public readonly kind = input<'loading' | 'empty'>('loading');
  public readonly text = input.required<string>();
}
