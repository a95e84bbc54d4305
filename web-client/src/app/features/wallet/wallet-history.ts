import { Component, inject, signal } from '@angular/core';
import { type History, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

/** Bookings and visits, referrals about me, and every ledger event about me with its transaction ID. */
@Component({
  selector: 'app-wallet-history',
  template: `
    @if (error()) {
      <p class="alert alert-error" role="alert">{{ error() }}</p>
    }
    @if (history(); as h) {
      <section class="wcard" aria-labelledby="wh-ledger">
        <h2 id="wh-ledger">{{ w.t('ledgerTitle') }}</h2>
        <p class="muted">{{ w.t('ledgerHint') }}</p>
        @if (!h.ledgerAvailable) {
          <p class="alert alert-warn" role="status">{{ w.t('ledgerDown') }}</p>
        } @else if (h.ledgerEvents.length === 0) {
          <p>{{ w.t('ledgerNone') }}</p>
        }
        <ol class="plain-list" data-testid="ledger-events">
          @for (e of h.ledgerEvents; track e.txId) {
            <li>
              <div><strong>{{ w.date(e.at, 'datetime') }}</strong></div>
              <div>{{ e.textTh }}</div>
              <div class="tx">Transaction ID: {{ e.txId }}</div>
            </li>
          }
        </ol>
      </section>
      @if (h.referrals.length > 0) {
        <section class="wcard" aria-labelledby="wh-ref">
          <h2 id="wh-ref">{{ w.t('referrals') }}</h2>
          <ul class="plain-list">
            @for (r of h.referrals; track r.id) {
              <li>{{ r.id }}: {{ r.from.nameTh }} → {{ r.to.nameTh }} · <span class="pill">{{ r.status }}</span> · {{ w.date(r.createdAt, 'date') }}</li>
            }
          </ul>
        </section>
      }
      <section class="wcard" aria-labelledby="wh-book">
        <h2 id="wh-book">{{ w.t('bookingsTitle') }}</h2>
        @if (h.bookings.length === 0) {
          <p>{{ w.t('noBookings') }}</p>
        }
        <ul class="plain-list">
          @for (b of h.bookings; track b.id) {
            <li>{{ w.date(b.date, 'date') }} {{ b.time }} น. · {{ b.serviceNameTh }} · {{ b.unitNameTh }} · <span class="pill">{{ b.status }}</span></li>
          }
        </ul>
      </section>
    } @else if (!error()) {
      <p role="status">{{ w.t('loading') }}</p>
    }
  `,
})
export class WalletHistory {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly history = signal<History | null>(null);
  protected readonly error = signal('');

  public constructor() {
    void this.#api
      .history()
      .then((h) => this.history.set(h))
      .catch((err: unknown) => this.error.set(this.w.problem(err)));
  }
}
