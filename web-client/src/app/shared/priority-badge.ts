import { Component, computed, inject, input } from '@angular/core';
import { I18n } from '../core/i18n/i18n';

/** Priority 1..5 and the fast-track group, as short labels with full text for screen readers. */
@Component({
  selector: 'app-priority-badge',
  host: { class: 'badge-group' },
  template: `
    @if (fastTrack()) {
      <span class="badge fast-track" [attr.title]="fastTrackLabel()">⚡ {{ fastTrackLabel() }}</span>
    }
    <span class="badge" [class]="'badge priority-' + priority()" [attr.title]="priorityLabel()">
      P{{ priority() }}<span class="visually-hidden-sm"> {{ priorityLabel() }}</span>
    </span>
  `,
})
export class PriorityBadge {
  readonly #i18n = inject(I18n);
  public readonly priority = input.required<number>();
  public readonly fastTrack = input<string | undefined>(undefined);
  protected readonly priorityLabel = computed(() => this.#i18n.code('priority', this.priority()));
  protected readonly fastTrackLabel = computed(() => this.#i18n.code('fastTrack', this.fastTrack()));
}
