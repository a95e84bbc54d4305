import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type Benefit, type Catalogue, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

/** What the citizen is entitled to now, why (age, sex, declared risk group) and the rule's source. */
@Component({
  selector: 'app-wallet-benefits',
  imports: [RouterLink],
  template: `
    <section class="wcard" aria-labelledby="wb-title">
      <h2 id="wb-title">{{ w.t('benefitsTitle') }}</h2>
      @if (error()) {
        <p class="alert alert-error" role="alert">{{ error() }}</p>
      }
      @if (benefits(); as list) {
        @if (list.length === 0) {
          <p>{{ w.t('benefitsNone') }}</p>
        }
        <ul class="plain-list" data-testid="benefits">
          @for (b of list; track b.service) {
            <li>
              <h3>{{ w.th ? b.nameTh : b.nameEn }}</h3>
              @for (r of b.rules; track r.id) {
                <p>
                  <strong>{{ w.t('why') }}:</strong> {{ w.th ? r.reasonTh : r.reasonEn }}
                  @if (r.intervalMonths) { · {{ w.t('every', { n: r.intervalMonths }) }} }
                  @if (!r.verified) { <span class="pill pill-warn">{{ w.t('unverified') }}</span> }
                </p>
                <p class="muted"><small>{{ w.t('source') }}: {{ r.source }} ({{ r.id }})</small></p>
              }
              @if (b.bookable) {
                <a class="btn btn-small" routerLink="/wallet/book" [queryParams]="{ service: b.bookable }">{{ w.t('bookThis') }}</a>
              }
            </li>
          }
        </ul>
      } @else {
        <p role="status">{{ w.t('loading') }}</p>
      }
    </section>
    @if (catalogue(); as c) {
      <section class="wcard" aria-labelledby="wb-risk">
        <h2 id="wb-risk">{{ w.t('riskTitle') }}</h2>
        <fieldset class="checks">
          <legend class="visually-hidden">{{ w.t('riskTitle') }}</legend>
          @for (g of c.riskGroups; track g.code) {
            <label class="choice"><input type="checkbox" [checked]="groups().includes(g.code)" (change)="toggle(g.code)" /> {{ w.th ? g.nameTh : g.nameEn }}</label>
          }
        </fieldset>
        <button type="button" class="btn btn-primary" (click)="save()">{{ w.t('save') }}</button>
      </section>
    }
  `,
})
export class WalletBenefits {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly benefits = signal<Benefit[] | null>(null);
  protected readonly catalogue = signal<Catalogue | null>(null);
  protected readonly groups = signal<string[]>([]);
  protected readonly error = signal('');

  public constructor() {
    void this.#load();
  }

  protected toggle(code: string): void {
    this.groups.update((g) => (g.includes(code) ? g.filter((x) => x !== code) : [...g, code]));
  }

  protected async save(): Promise<void> {
    try {
      await this.#api.setRiskGroups(this.groups());
      await this.#load();
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }

  async #load(): Promise<void> {
    try {
      const [benefits, catalogue, profile] = await Promise.all([this.#api.benefits(), this.#api.catalogue(), this.#api.profile()]);
      this.benefits.set(benefits.eligible);
      this.catalogue.set(catalogue);
      this.groups.set(profile.riskGroups);
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }
}
