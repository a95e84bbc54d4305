import { Component, computed, inject, input, output } from '@angular/core';
import { I18n } from '../core/i18n/i18n';

/** Previous / next page buttons with "page n of m"; hidden when everything fits on one page. */
@Component({
  selector: 'app-pager',
  template: `
    @if (pages() > 1) {
      <nav class="pager" [attr.aria-label]="i18n.t('list.page', { page: page(), pages: pages() })">
        <button type="button" class="btn btn-small" [disabled]="page() <= 1" (click)="go.emit(page() - 1)">‹ {{ i18n.t('list.prev') }}</button>
        <span aria-live="polite">{{ i18n.t('list.page', { page: page(), pages: pages() }) }} · {{ i18n.t('common.results', { n: total() }) }}</span>
        <button type="button" class="btn btn-small" [disabled]="page() >= pages()" (click)="go.emit(page() + 1)">{{ i18n.t('list.next') }} ›</button>
      </nav>
    }
  `,
})
export class Pager {
  protected readonly i18n = inject(I18n);
  public readonly page = input.required<number>();
  public readonly pageSize = input.required<number>();
  public readonly total = input.required<number>();
  public readonly go = output<number>();
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.total() / Math.max(1, this.pageSize()))));
}
