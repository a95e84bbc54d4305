import { Component, inject, input } from '@angular/core';
import { I18n } from '../../../core/i18n/i18n';
import { MESSAGES, type MessageKey } from '../../../core/i18n/messages';
import { UnitsApi } from '../../../core/units/units-api';
import type { HistoryEntry } from '../../../shared/referral';
import { StatusBadge } from '../../../shared/status-badge';

/** The ledger history of a referral: one row per committed transaction. */
@Component({
  selector: 'app-history-table',
  imports: [StatusBadge],
  template: `
    <div class="table-wrap">
      <table class="stack" data-testid="history-table">
        <caption class="visually-hidden-sm">{{ i18n.t('history.title') }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ i18n.t('history.time') }}</th>
            <th scope="col">{{ i18n.t('history.action') }}</th>
            <th scope="col">{{ i18n.t('history.block') }}</th>
            <th scope="col">{{ i18n.t('history.tx') }}</th>
            <th scope="col">{{ i18n.t('history.signer') }}</th>
            <th scope="col">{{ i18n.t('history.unit') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (h of entries(); track h.txId) {
            <tr [attr.data-tx]="h.txId">
              <td [attr.data-label]="i18n.t('history.time')"><div>{{ i18n.date(h.timestamp) }}</div></td>
              <td [attr.data-label]="i18n.t('history.action')"><div>{{ actionLabel(h.action) }} <app-status-badge [status]="h.status" /></div></td>
              <td [attr.data-label]="i18n.t('history.block')"><div data-testid="block-number">{{ h.blockNumber ?? '—' }}</div></td>
              <td [attr.data-label]="i18n.t('history.tx')"><div><code data-testid="tx-id">{{ h.txId }}</code></div></td>
              <td [attr.data-label]="i18n.t('history.signer')"><div>{{ h.actingUnit.mspId }} / {{ h.actingUnit.role }}<br /><span class="muted">{{ h.actingUnit.actor }}</span></div></td>
              <td [attr.data-label]="i18n.t('history.unit')"><div>{{ unitName(h) }} ({{ h.actingUnit.hcode }})</div></td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class HistoryTable {
  protected readonly i18n = inject(I18n);
  readonly #units = inject(UnitsApi);
  public readonly entries = input.required<readonly HistoryEntry[]>();

  /** "create" → "สร้าง" / "Create" (the raw action when the interface has no label). */
  protected actionLabel(action: string): string {
    const key = `action.${action}`;
    return key in MESSAGES ? this.i18n.t(key as MessageKey) : action;
  }

  protected unitName(h: HistoryEntry): string {
    const unit = this.#units.find(h.actingUnit.hcode);
    return unit ? this.i18n.unitName(unit) : (h.actingUnit.name ?? '');
  }
}
