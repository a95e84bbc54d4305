import { Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { isValidThaiCid } from '../../core/patient/thai-cid';
import { WalletApi, WalletProblem } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

/** Registration: national ID (check digit checked here and on the server), then the SMS one-time code. */
@Component({
  selector: 'app-wallet-register',
  template: `
    <section class="wcard" aria-labelledby="wr-title">
      <h2 id="wr-title">{{ w.t('registerTitle') }}</h2>
      @if (registrationId() === null) {
        <form (submit)="start($event)" novalidate data-testid="wallet-register">
          <div class="field">
            <label class="field-label" for="wr-cid">{{ w.t('cid') }}</label>
            <input id="wr-cid" inputmode="numeric" maxlength="13" autocomplete="off" aria-describedby="wr-cid-hint" [attr.aria-invalid]="cidInvalid()"
              [value]="form.cid" (input)="form.cid = $any($event.target).value" />
            <p id="wr-cid-hint" class="field-hint">{{ w.t('cidHint') }}</p>
          </div>
          <div class="field">
            <label class="field-label" for="wr-name">{{ w.t('displayName') }}</label>
            <input id="wr-name" autocomplete="name" [value]="form.displayName" (input)="form.displayName = $any($event.target).value" />
          </div>
          <div class="field">
            <label class="field-label" for="wr-birth">{{ w.t('birthDate') }}</label>
            <input id="wr-birth" type="date" [value]="form.birthDate" (input)="form.birthDate = $any($event.target).value" />
          </div>
          <fieldset class="field">
            <legend class="field-label">{{ w.t('sex') }}</legend>
            <label><input type="radio" name="wr-sex" value="F" [checked]="form.sex === 'F'" (change)="form.sex = 'F'" /> {{ w.t('female') }}</label>
            <label><input type="radio" name="wr-sex" value="M" [checked]="form.sex === 'M'" (change)="form.sex = 'M'" /> {{ w.t('male') }}</label>
          </fieldset>
          <div class="field">
            <label class="field-label" for="wr-mobile">{{ w.t('mobile') }}</label>
            <input id="wr-mobile" type="tel" inputmode="numeric" maxlength="10" autocomplete="tel" [value]="form.mobile" (input)="form.mobile = $any($event.target).value" />
          </div>
          <div class="field">
            <label class="field-label" for="wr-pass">{{ w.t('password') }}</label>
            <input id="wr-pass" type="password" autocomplete="new-password" aria-describedby="wr-pass-hint" [value]="form.password" (input)="form.password = $any($event.target).value" />
            <p id="wr-pass-hint" class="field-hint">{{ w.t('passwordRule') }}</p>
          </div>
          @if (error()) {
            <p class="alert alert-error" role="alert">{{ error() }}</p>
          }
          <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ w.t('sendCode') }}</button>
        </form>
      } @else {
        <form (submit)="confirm($event)" novalidate data-testid="wallet-otp">
          <p role="status">{{ w.t('otpSent', { to: sentTo() }) }}</p>
          <div class="field">
            <label class="field-label" for="wr-otp">{{ w.t('otp') }}</label>
            <input id="wr-otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" [value]="code()" (input)="code.set($any($event.target).value)" />
          </div>
          @if (error()) {
            <p class="alert alert-error" role="alert">{{ error() }}</p>
          }
          <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ w.t('confirm') }}</button>
        </form>
      }
    </section>
  `,
})
export class WalletRegister {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  readonly #router = inject(Router);
  protected readonly form = { cid: '', displayName: '', birthDate: '', sex: 'F', mobile: '', password: '' };
  protected readonly registrationId = signal<string | null>(null);
  protected readonly sentTo = signal('');
  protected readonly code = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly cidInvalid = signal(false);

  protected async start(event: Event): Promise<void> {
    event.preventDefault();
    this.error.set('');
    const cid = this.form.cid.replace(/\D/g, '');
    this.cidInvalid.set(!isValidThaiCid(cid));
    if (this.cidInvalid()) {
      this.error.set(this.w.problem(new WalletProblem(400, 'INVALID_CID', '')));
      return;
    }
    await this.#run(async () => {
      const res = await this.#api.register({ ...this.form, cid });
      this.registrationId.set(res.registrationId);
      this.sentTo.set(res.sentTo);
    });
  }

  protected async confirm(event: Event): Promise<void> {
    event.preventDefault();
    await this.#run(async () => {
      await this.#api.confirm(this.registrationId() ?? '', this.code().trim());
      await this.#router.navigateByUrl('/wallet');
    });
  }

  async #run(fn: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    try {
      await fn();
    } catch (err) {
      this.error.set(this.w.problem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
