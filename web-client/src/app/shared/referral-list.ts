import { Component, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n } from '../core/i18n/i18n';
import { UnitsApi } from '../core/units/units-api';
import { PriorityBadge } from './priority-badge';
import type { Referral } from './referral';
import { enteredStateAt } from './referral-order';
import type { SimpleAction } from './referrals-api';
import { StatusBadge } from './status-badge';
import { TimeInState } from './time-in-state';

/** A quick action asked for from a list row. */
export interface QuickAction {
  readonly referral: Referral;
  readonly action: SimpleAction;
}

/**
 * Referrals as cards: priority and fast track, status, the other unit, time in state.
 * `side` says which unit to name (the sender in an inbox, the receiver in an outgoing list).
 */
@Component({
  selector: 'app-referral-list',
  imports: [RouterLink, StatusBadge, PriorityBadge, TimeInState],
  templateUrl: './referral-list.html',
})
export class ReferralList {
  protected readonly i18n = inject(I18n);
  readonly #units = inject(UnitsApi);

  public readonly referrals = input.required<readonly Referral[]>();
  public readonly side = input<'from' | 'to' | 'both'>('both');
  public readonly quickActions = input(false);
  public readonly busyId = input<string | null>(null);
  public readonly testId = input('referral-list');
  public readonly act = output<QuickAction>();

  protected readonly enteredStateAt = enteredStateAt;

  protected unitName(r: Referral, which: 'from' | 'to'): string {
    const summary = which === 'from' ? r.from : r.to;
    const hcode = which === 'from' ? r.fromHcode : r.toHcode;
    return this.i18n.unitName(summary?.nameTh || summary?.nameEn ? summary : (this.#units.find(hcode) ?? { hcode }));
  }

  protected canReceive(r: Referral): boolean {
    return r.status === 'requested';
  }

  protected canAccept(r: Referral): boolean {
    return r.status === 'requested' || r.status === 'received';
  }
}
