import { Component, computed, inject, input } from '@angular/core';
import { I18n } from '../core/i18n/i18n';

/** A referral status as a coloured label (text, not colour alone, carries the meaning). */
@Component({
  selector: 'app-status-badge',
  template: `<span class="badge" [class]="'badge status-' + status()">{{ label() }}</span>`,
})
export class StatusBadge {
  readonly #i18n = inject(I18n);
  public readonly status = input.required<string>();
  protected readonly label = computed(() => this.#i18n.status(this.status()));
}
