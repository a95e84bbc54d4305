import { Component, computed, inject, input, signal } from '@angular/core';
import { type Catalogue, type NearUnit, type Profile, type SlotView, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

/** Book a service: pick the service and a unit (home unit first, then the nearest), then a free slot. */
@Component({
  selector: 'app-wallet-book',
  template: `
    <section class="wcard" aria-labelledby="wk-title">
      <h2 id="wk-title">{{ w.t('bookTitle') }}</h2>
      <div class="field">
        <label class="field-label" for="wk-service">{{ w.t('service') }}</label>
        <select id="wk-service" [value]="chosenService()" (change)="chooseService($any($event.target).value)">
          @for (s of catalogue()?.services ?? []; track s.code) {
            <option [value]="s.code" [selected]="s.code === chosenService()">{{ w.th ? s.nameTh : s.nameEn }}</option>
          }
        </select>
      </div>
      <div class="field">
        <label class="field-label" for="wk-unit">{{ w.t('unit') }}</label>
        <select id="wk-unit" [value]="chosenUnit()" (change)="chooseUnit($any($event.target).value)">
          @for (u of units(); track u.hcode) {
            <option [value]="u.hcode" [selected]="u.hcode === chosenUnit()">{{ w.th ? u.nameTh : u.nameEn }} ({{ w.t('km', { km: u.distanceKm }) }})</option>
          }
        </select>
      </div>
      @if (message()) {
        <p class="alert alert-ok" role="status">{{ message() }}</p>
      }
      @if (error()) {
        <p class="alert alert-error" role="alert">{{ error() }}</p>
      }
      @if (slots(); as list) {
        @if (list.length === 0) {
          <p>{{ w.t('noSlots') }}</p>
        }
        @for (day of days(); track day.date) {
          <h3>{{ w.date(day.date, 'date') }}</h3>
          <ul class="slot-list">
            @for (s of day.slots; track s.id) {
              <li>
                <div><strong>{{ s.time }} น.</strong></div>
                <div class="muted">{{ s.available > 0 ? w.t('seats', { n: s.available, cap: s.capacity }) : w.t('full') }}</div>
                @if (s.available > 0) {
                  <button type="button" class="btn btn-primary btn-small" [disabled]="busy()" (click)="book(s)" [attr.data-slot]="s.id">{{ w.t('book') }}</button>
                } @else {
                  <button type="button" class="btn btn-small" [disabled]="busy()" (click)="wait(s)">{{ w.t('waitList') }}</button>
                }
              </li>
            }
          </ul>
        }
      }
    </section>
  `,
})
export class WalletBook {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  /** Preselected service (query parameter). */
  public readonly service = input<string | undefined>(undefined);
  /** Preselected unit (query parameter). */
  public readonly hcode = input<string | undefined>(undefined);
  protected readonly catalogue = signal<Catalogue | null>(null);
  protected readonly units = signal<NearUnit[]>([]);
  protected readonly chosenService = signal('flu-vaccine');
  protected readonly chosenUnit = signal('');
  protected readonly slots = signal<SlotView[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  protected readonly error = signal('');
  protected readonly days = computed(() => {
    const byDate = new Map<string, SlotView[]>();
    for (const s of this.slots() ?? []) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    return [...byDate.entries()].map(([date, slots]) => ({ date, slots }));
  });

  public constructor() {
    void this.#init();
  }

  protected async chooseService(code: string): Promise<void> {
    this.chosenService.set(code);
    await this.#loadUnits();
  }

  protected async chooseUnit(hcode: string): Promise<void> {
    this.chosenUnit.set(hcode);
    await this.#loadSlots();
  }

  protected async book(slot: SlotView): Promise<void> {
    await this.#run(async () => {
      const b = await this.#api.book(slot.id, crypto.randomUUID());
      this.message.set(this.w.t('booked', { what: `${b.serviceNameTh ?? b.service} ${this.w.date(b.date, 'date')} ${b.time} น. · ${this.w.t('seat', { n: b.seat })}` }));
    });
  }

  protected async wait(slot: SlotView): Promise<void> {
    await this.#run(async () => {
      const r = await this.#api.joinWaitingList(slot.id);
      this.message.set(this.w.t('waiting', { n: r.position }));
    });
  }

  async #run(fn: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.message.set('');
    this.error.set('');
    try {
      await fn();
    } catch (err) {
      this.error.set(this.w.problem(err));
    } finally {
      this.busy.set(false);
      await this.#loadSlots();
    }
  }

  async #init(): Promise<void> {
    try {
      const [catalogue, profile] = await Promise.all([this.#api.catalogue(), this.#api.profile()]);
      this.catalogue.set(catalogue);
      this.#profile = profile;
      if (this.service() !== undefined) this.chosenService.set(this.service() ?? 'flu-vaccine');
      await this.#loadUnits();
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }

  #profile: Profile | null = null;

  async #loadUnits(): Promise<void> {
    const home = this.#profile?.homeUnit?.hcode ?? '10697';
    const near = await this.#api.nearest(`tambon=${home}&service=${encodeURIComponent(this.chosenService())}&limit=8`).catch(async () =>
      this.#api.nearest(`lat=13.6889&lng=101.0774&service=${encodeURIComponent(this.chosenService())}&limit=8`),
    );
    this.units.set(near.units);
    const wanted = this.hcode();
    this.chosenUnit.set(wanted !== undefined && near.units.some((u) => u.hcode === wanted) ? wanted : (near.units[0]?.hcode ?? ''));
    await this.#loadSlots();
  }

  async #loadSlots(): Promise<void> {
    if (this.chosenUnit() === '') {
      this.slots.set([]);
      return;
    }
    try {
      this.slots.set((await this.#api.slots(this.chosenUnit(), this.chosenService())).slots);
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }
}
