import { Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

const DEMO = [
  { username: 'citizen.somchai', th: 'สมชาย อายุ 71 ปี โรคเรื้อรัง', en: 'Somchai, 71, chronic disease' },
  { username: 'citizen.malee', th: 'มาลี หญิง 45 ปี', en: 'Malee, woman, 45' },
  { username: 'citizen.nida', th: 'นิดา ตั้งครรภ์ 28 ปี', en: 'Nida, pregnant, 28' },
  { username: 'citizen.anan', th: 'อนันต์ ชาย 25 ปี', en: 'Anan, man, 25' },
];

/** Citizen sign-in with the national ID (or a demo username) and password. */
@Component({
  selector: 'app-wallet-login',
  imports: [RouterLink],
  template: `
    <section class="wcard" aria-labelledby="wl-title">
      <h2 id="wl-title">{{ w.t('loginTitle') }}</h2>
      <p class="muted">{{ w.t('subtitle') }}</p>
      <form (submit)="submit($event)" novalidate data-testid="wallet-login">
        <div class="field">
          <label class="field-label" for="wl-user">{{ w.t('loginUser') }}</label>
          <input id="wl-user" autocomplete="username" autocapitalize="none" spellcheck="false" [value]="username()" (input)="username.set($any($event.target).value)" />
        </div>
        <div class="field">
          <label class="field-label" for="wl-pass">{{ w.t('password') }}</label>
          <input id="wl-pass" type="password" autocomplete="current-password" [value]="password()" (input)="password.set($any($event.target).value)" />
        </div>
        @if (error()) {
          <p class="alert alert-error" role="alert">{{ error() }}</p>
        }
        <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ w.t('signIn') }}</button>
      </form>
      <p><a routerLink="/wallet/register">{{ w.t('noAccount') }}</a></p>
      <h3>{{ w.t('demo') }}</h3>
      <ul class="plain-list">
        @for (d of demo; track d.username) {
          <li>
            <button type="button" class="btn btn-ghost btn-small" (click)="pick(d.username)" [attr.data-user]="d.username">
              <code>{{ d.username }}</code> · {{ w.th ? d.th : d.en }}
            </button>
          </li>
        }
      </ul>
    </section>
  `,
})
export class WalletLogin {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  readonly #router = inject(Router);
  protected readonly demo = DEMO;
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected pick(username: string): void {
    this.username.set(username);
    this.password.set('Referral#2026');
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.error.set('');
    try {
      await this.#api.login(this.username().trim(), this.password());
      await this.#router.navigateByUrl('/wallet');
    } catch (err) {
      this.error.set(this.w.problem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
