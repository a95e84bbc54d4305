import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type NearUnit, type Tambon, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

/** The units nearest to the browser's location or a chosen tambon, with distance, hours and services. */
@Component({
  selector: 'app-wallet-nearest',
  imports: [RouterLink],
  template: `
    <section class="wcard" aria-labelledby="wn-title">
      <h2 id="wn-title">{{ w.t('nearestTitle') }}</h2>
      <div class="row">
        <button type="button" class="btn btn-primary" (click)="locate()" data-testid="use-location">{{ w.t('useLocation') }}</button>
      </div>
      <div class="field">
        <label class="field-label" for="wn-tambon">{{ w.t('orTambon') }}</label>
        <select id="wn-tambon" (change)="byTambon($any($event.target).value)">
          <option value="">—</option>
          @for (t of tambons(); track t.code) {
            <option [value]="t.code">{{ w.th ? t.nameTh + ' (' + t.districtTh + ')' : t.nameEn }}</option>
          }
        </select>
      </div>
      @if (error()) {
        <p class="alert alert-error" role="alert">{{ error() }}</p>
      }
      <ul class="plain-list" data-testid="nearest-units" aria-live="polite">
        @for (u of units(); track u.hcode) {
          <li>
            <strong>{{ w.th ? u.nameTh : u.nameEn }}</strong> · {{ w.t('km', { km: u.distanceKm }) }}
            @if (u.openingHours; as h) {
              <div class="muted">{{ w.t('hours', { open: h.open, close: h.close }) }} · {{ h.noteTh }}</div>
            }
            <div class="chips">
              @for (s of u.services; track s.code) {
                <a class="pill" routerLink="/wallet/book" [queryParams]="{ service: s.code, hcode: u.hcode }">{{ s.nameTh }}</a>
              }
            </div>
          </li>
        }
      </ul>
    </section>
  `,
})
export class WalletNearest {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly tambons = signal<Tambon[]>([]);
  protected readonly units = signal<NearUnit[]>([]);
  protected readonly error = signal('');

  public constructor() {
    void this.#api.tambons().then((r) => this.tambons.set(r.tambons)).catch((err: unknown) => this.error.set(this.w.problem(err)));
  }

  protected locate(): void {
    if (!('geolocation' in navigator)) {
      this.error.set(this.w.t('orTambon'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => void this.#load(`lat=${String(pos.coords.latitude)}&lng=${String(pos.coords.longitude)}`),
      () => this.error.set(this.w.t('orTambon')),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  }

  protected byTambon(code: string): void {
    if (code !== '') void this.#load(`tambon=${encodeURIComponent(code)}`);
  }

  async #load(query: string): Promise<void> {
    this.error.set('');
    try {
      this.units.set((await this.#api.nearest(`${query}&limit=5`)).units);
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }
}
