import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { StateMessage } from '../../shared/state-message';
import { CocApi } from './coc-api';
import type { DueList, LedgerVisit } from './coc-models';
import { cocText, isCocTextKey, type CocTextKey } from './coc-text';
import { readCachedDue, writeCachedDue } from './due-cache';
import { SyncPanel } from './sync-panel';

/**
 * The COC home of a team member: visits due (overdue first), what waits on this device to sync,
 * and visits awaiting the caller's countersignature. The due list is cached on the device, so a
 * volunteer without signal still sees it.
 */
@Component({
  selector: 'app-coc-page',
  imports: [RouterLink, ProblemAlert, StateMessage, SyncPanel],
  templateUrl: './coc-page.html',
  styles: `.coc-due { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; } .coc-due li { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: .5rem; padding: .55rem .75rem; } .coc-due li.is-overdue { border-left-color: #a4161a; background: #fff6f6; } .coc-due li.is-due { border-left-color: #f0a202; }`,
})
export class CocPage {
  protected readonly i18n = inject(I18n);
  protected readonly session = inject(Session);
  readonly #api = inject(CocApi);

  protected readonly scope = signal<'mine' | 'unit'>('mine');
  protected readonly due = signal<DueList | null>(readCachedDue(this.session.user()?.username ?? ''));
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly awaiting = signal<readonly LedgerVisit[]>([]);
  protected readonly busyId = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly canSeeUnit = computed(() => this.session.user()?.role !== 'volunteer');

  public constructor() {
    void this.load();
  }

  protected t(key: CocTextKey, params?: Readonly<Record<string, string | number>>): string {
    return cocText(this.i18n.lang(), key, params);
  }

  protected label(key: string): string {
    return isCocTextKey(key) ? this.t(key) : key;
  }

  protected show(scope: 'mine' | 'unit'): void {
    this.scope.set(scope);
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    try {
      const due = await this.#api.due(this.scope());
      this.due.set(due);
      if (this.scope() === 'mine') writeCachedDue(this.session.user()?.username ?? '', due);
      this.awaiting.set(await this.#api.awaitingCountersign());
      this.problem.set(null);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected async countersign(visit: LedgerVisit): Promise<void> {
    this.busyId.set(visit.id);
    this.actionProblem.set(null);
    this.done.set(null);
    try {
      const signed = await this.#api.countersign(visit.caseId, visit.id, '');
      this.awaiting.update((list) => list.filter((v) => v.id !== signed.id));
      this.done.set(`${this.t('countersigned')} · ${signed.id}`);
    } catch (e) {
      this.actionProblem.set(problemOf(e));
    } finally {
      this.busyId.set(null);
    }
  }
}
