import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { type HealthIdCard, type Profile, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';
import { qrMatrix, qrSvgPath } from './qr-code';

/** The Health ID card: a rotating QR (the signed short code) to show instead of the national ID card. */
@Component({
  selector: 'app-wallet-card',
  template: `
    @if (profile(); as p) {
      <section class="wcard health-card" aria-labelledby="wc-title" data-testid="health-card">
        <h2 id="wc-title">{{ w.t('cardTitle') }}</h2>
        <p>{{ p.displayName }} · {{ w.t('age', { age: p.age }) }}</p>
        @if (card(); as c) {
          @if (qr(); as q) {
            <div class="qr">
              <svg [attr.viewBox]="'0 0 ' + q.size + ' ' + q.size" role="img" [attr.aria-label]="w.t('cardTitle') + ' QR'" shape-rendering="crispEdges">
                <rect [attr.width]="q.size" [attr.height]="q.size" fill="#fff" />
                <path [attr.d]="q.path" fill="#000" />
              </svg>
            </div>
          }
          <p>{{ w.t('shortCode') }}</p>
          <p class="short-code" data-testid="short-code" aria-live="polite">{{ c.shortCode }}</p>
          <p>{{ w.t('validUntil', { time: w.date(c.expiresAt, 'time') }) }}</p>
          <button type="button" class="btn" (click)="refresh()">{{ w.t('refresh') }}</button>
        }
        <p class="muted" style="color: #e6f0f4">{{ w.t('cardHint') }}</p>
      </section>
    } @else if (error()) {
      <p class="alert alert-error" role="alert">{{ error() }}</p>
    } @else {
      <p role="status">{{ w.t('loading') }}</p>
    }
  `,
})
export class WalletCard {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly profile = signal<Profile | null>(null);
  protected readonly card = signal<HealthIdCard | null>(null);
  protected readonly error = signal('');
  protected readonly qr = computed(() => {
    const c = this.card();
    return c === null ? null : qrSvgPath(qrMatrix(c.shortCode));
  });

  public constructor() {
    void this.#load();
    // a new code before the old one expires (the server gives 5 minutes)
    const timer = setInterval(() => void this.refresh(), 4 * 60 * 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected async refresh(): Promise<void> {
    try {
      this.card.set(await this.#api.healthId());
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }

  async #load(): Promise<void> {
    try {
      this.profile.set(await this.#api.profile());
      await this.refresh();
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }
}
