import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type Booking, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';
import type { WalletTextKey } from './wallet-text';

/** The citizen's bookings (newest first) with cancellation, and the waiting lists they are on. */
@Component({
  selector: 'app-wallet-bookings',
  imports: [RouterLink],
  template: `
    <section class="wcard" aria-labelledby="wbk-title">
      <h2 id="wbk-title">{{ w.t('bookingsTitle') }}</h2>
      @if (error()) {
        <p class="alert alert-error" role="alert">{{ error() }}</p>
      }
      @if (bookings(); as list) {
        @if (list.length === 0) {
          <p>{{ w.t('noBookings') }}</p>
        }
        <ul class="plain-list" data-testid="my-bookings">
          @for (b of list; track b.id) {
            <li>
              <strong>{{ b.serviceNameTh ?? b.service }}</strong>
              <div>{{ b.unitNameTh ?? b.hcode }}</div>
              <div>{{ w.date(b.date, 'date') }} {{ b.time }} น. · {{ w.t('seat', { n: b.seat }) }} · <span class="pill">{{ w.t(statusKey(b)) }}</span></div>
              @if (b.status === 'booked') {
                <button type="button" class="btn btn-danger btn-small" (click)="cancel(b)">{{ w.t('cancel') }}</button>
              }
              @if (b.status === 'checked-in') {
                <a class="btn btn-small" routerLink="/wallet/survey" [queryParams]="{ booking: b.id, hcode: b.hcode }" [attr.data-testid]="'survey-' + b.id">{{ w.th ? 'ประเมินบริการครั้งนี้' : 'Rate this visit' }}</a>
              }
            </li>
          }
        </ul>
        @for (x of waiting(); track x.slotId) {
          <p class="muted">{{ w.t('waiting', { n: '·' }) }} {{ x.slotId }}</p>
        }
      } @else {
        <p role="status">{{ w.t('loading') }}</p>
      }
    </section>
  `,
})
export class WalletBookings {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly bookings = signal<Booking[] | null>(null);
  protected readonly waiting = signal<Array<{ slotId: string }>>([]);
  protected readonly error = signal('');

  public constructor() {
    void this.#load();
  }

  protected statusKey(b: Booking): WalletTextKey {
    return `status_${b.status}`;
  }

  protected async cancel(b: Booking): Promise<void> {
    try {
      await this.#api.cancel(b.id);
      await this.#load();
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }

  async #load(): Promise<void> {
    try {
      const res = await this.#api.bookings();
      this.bookings.set(res.bookings);
      this.waiting.set(res.waiting);
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }
}
