import { Component, computed, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n';
import { CocSync } from './coc-sync';
import { cocText, isCocTextKey, type CocTextKey } from './coc-text';

/** What waits on this device to reach the ledger, with sync, retry and discard. */
@Component({
  selector: 'app-coc-sync-panel',
  template: `
    <section class="panel" aria-labelledby="coc-sync-title" data-testid="coc-sync-panel">
      <h2 id="coc-sync-title">{{ t('syncTitle') }}</h2>
      <p role="status" aria-live="polite" data-testid="coc-online">
        @if (sync.online()) {
          <span class="badge status-accepted">{{ t('online') }}</span>
        } @else {
          <span class="badge status-rejected">{{ t('offline') }}</span>
        }
      </p>
      @if (sync.offlineReady() !== null) {
        <p class="field-hint" data-testid="coc-offline-ready">{{ sync.offlineReady() ? t('offlineReady') : t('offlinePreparing') }}</p>
      }
      <p data-testid="coc-pending-count">{{ pending().length === 0 ? t('syncNone') : t('syncPending', { n: pending().length }) }}</p>
      @if (pending().length > 0) {
        <ul class="coc-queue">
          @for (item of pending(); track item.visit.visitId) {
            <li>{{ item.visit.caseId }} · {{ i18n.date(item.visit.visitedOn, 'date') }} · <code>{{ item.visit.visitId }}</code></li>
          }
        </ul>
      }
      @if (conflicts().length > 0) {
        <div class="alert alert-warn" role="alert" data-testid="coc-conflicts">
          <p class="alert-title">{{ t('syncConflicts', { n: conflicts().length }) }}</p>
          @for (item of conflicts(); track item.visit.visitId) {
            <div class="coc-conflict">
              <p>{{ item.visit.caseId }} · {{ i18n.date(item.visit.visitedOn, 'date') }} · <code>{{ item.visit.visitId }}</code></p>
              <p>{{ message(item.conflict?.code ?? '') }} <code>{{ item.conflict?.code }}</code></p>
              <div class="btn-row">
                <button type="button" class="btn btn-small" (click)="sync.retry(item.visit.visitId)">{{ t('retry') }}</button>
                <button type="button" class="btn btn-small btn-danger" (click)="sync.discard(item.visit.visitId)">{{ t('discard') }}</button>
              </div>
            </div>
          }
        </div>
      }
      @if (sync.lastReport(); as r) {
        <p class="field-hint" data-testid="coc-sync-report">{{ t('syncDone', { synced: r.synced, already: r.alreadyRecorded, conflicts: r.conflicts, waiting: r.waiting }) }}</p>
      }
      <button type="button" class="btn btn-small" [disabled]="sync.syncing() || !sync.online() || pending().length === 0" (click)="sync.sync()" data-testid="coc-sync-now">
        {{ sync.syncing() ? t('syncing') : t('syncNow') }}
      </button>
    </section>
  `,
  styles: `.coc-queue { margin: .25rem 0 .5rem; padding-left: 1.2rem; font-size: .9rem; } .coc-conflict { border-top: 1px solid #e0b84d; padding-top: .4rem; margin-top: .4rem; }`,
})
export class SyncPanel {
  protected readonly i18n = inject(I18n);
  protected readonly sync = inject(CocSync);
  protected readonly pending = computed(() => this.sync.items().filter((i) => i.state === 'pending'));
  protected readonly conflicts = computed(() => this.sync.items().filter((i) => i.state === 'conflict'));

  protected t(key: CocTextKey, params?: Readonly<Record<string, string | number>>): string {
    return cocText(this.i18n.lang(), key, params);
  }

  protected message(code: string): string {
    return isCocTextKey(code) ? this.t(code) : '';
  }
}
