import { Component, ViewEncapsulation, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { I18n } from '../../core/i18n/i18n';
import { registerOfflineShell } from '../../core/offline/offline-shell';
import { WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

const LARGE_TEXT_KEY = 'cco.wallet.largeText';

/** The citizen section: title, large-text switch, tabs (when signed in) and the pages. */
@Component({
  selector: 'app-wallet-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  encapsulation: ViewEncapsulation.None,
  styleUrl: './wallet.css',
  template: `
    <div class="wallet" [class.large-text]="largeText()" data-testid="wallet">
      <div class="wallet-head">
        <h1>{{ w.t('title') }}</h1>
        <div class="wallet-tools">
          <button type="button" class="btn btn-ghost btn-small" [attr.aria-pressed]="largeText()" (click)="toggleLargeText()" data-testid="large-text">
            <span aria-hidden="true">ก+</span> {{ w.t('largeText') }}
          </button>
          @if (api.signedIn()) {
            <button type="button" class="btn btn-ghost btn-small" (click)="logout()" data-testid="wallet-logout">{{ w.t('logout') }}</button>
          }
        </div>
      </div>
      @if (api.signedIn()) {
        <nav class="wallet-nav" [attr.aria-label]="w.t('title')">
          <a routerLink="/wallet" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }">{{ w.t('navCard') }}</a>
          <a routerLink="/wallet/benefits" routerLinkActive="active">{{ w.t('navBenefits') }}</a>
          <a routerLink="/wallet/book" routerLinkActive="active">{{ w.t('navBook') }}</a>
          <a routerLink="/wallet/bookings" routerLinkActive="active">{{ w.t('navBookings') }}</a>
          <a routerLink="/wallet/nearest" routerLinkActive="active">{{ w.t('navNearest') }}</a>
          <a routerLink="/wallet/history" routerLinkActive="active">{{ w.t('navHistory') }}</a>
          <a routerLink="/wallet/survey" routerLinkActive="active" data-testid="nav-survey">{{ i18n.lang() === 'th' ? 'แบบสำรวจ' : 'Survey' }}</a>
        </nav>
      }
      <router-outlet />
    </div>
  `,
})
export class WalletShell {
  protected readonly api = inject(WalletApi);
  protected readonly w = inject(WalletI18n);
  protected readonly i18n = inject(I18n);
  readonly #router = inject(Router);
  protected readonly largeText = signal(readLargeText());

  public constructor() {
    // installable PWA: the app's one service worker (ngsw) is registered once a citizen opens the wallet
    registerOfflineShell();
  }

  protected toggleLargeText(): void {
    const next = !this.largeText();
    this.largeText.set(next);
    try {
      localStorage.setItem(LARGE_TEXT_KEY, next ? '1' : '0');
    } catch {
      // the choice lasts for this page only
    }
  }

  protected async logout(): Promise<void> {
    await this.api.logout().catch(() => undefined);
    await this.#router.navigateByUrl('/wallet/login');
  }
}

function readLargeText(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
}
