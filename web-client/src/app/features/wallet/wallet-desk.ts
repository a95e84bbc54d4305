import { Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { type Booking, type Catalogue, type PublishedSession, WalletApi } from './wallet-api';
import { WalletI18n } from './wallet-i18n';

/** The browser's BarcodeDetector (Chromium); absent elsewhere, then staff type the short code. */
interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorConstructor = new (options: { formats: string[] }) => Detector;

/** Staff desk (registration, check-in, kiosk, pharmacy): scan or type a Health ID, open the context, check in. */
@Component({
  selector: 'app-wallet-desk',
  template: `
    <section class="wcard" aria-labelledby="wd-title">
      <h2 id="wd-title">{{ w.t('deskTitle') }}</h2>
      <div class="row">
        @if (!scanning()) {
          <button type="button" class="btn" (click)="scan()">{{ w.t('scan') }}</button>
        } @else {
          <button type="button" class="btn" (click)="stop()">{{ w.t('stopScan') }}</button>
        }
      </div>
      <video #video [hidden]="!scanning()" playsinline muted aria-hidden="true"></video>
      <form (submit)="open($event)" novalidate>
        <div class="field">
          <label class="field-label" for="wd-proof">{{ w.t('proof') }}</label>
          <input id="wd-proof" autocomplete="off" autocapitalize="characters" spellcheck="false" [value]="proof()" (input)="proof.set($any($event.target).value)" data-testid="desk-proof" />
        </div>
        <button type="submit" class="btn btn-primary">{{ w.t('open') }}</button>
      </form>
      @if (error()) {
        <p class="alert alert-error" role="alert">{{ error() }}</p>
      }
      @if (context(); as c) {
        <div class="wcard" data-testid="desk-context">
          <h3>{{ c.displayName }} · {{ w.t('age', { age: c.age }) }}</h3>
          <p>Health ID: <code>{{ c.healthId }}</code></p>
          <h4>{{ w.t('todayBookings') }}</h4>
          <ul class="plain-list">
            @for (b of c.bookingsToday; track b.id) {
              <li>{{ b.time }} น. · {{ b.serviceNameTh }} · <span class="pill">{{ b.status }}</span></li>
            }
          </ul>
          <button type="button" class="btn btn-primary" (click)="checkIn()">{{ w.t('checkIn') }}</button>
        </div>
      }
      @if (done()) {
        <p class="alert alert-ok" role="status" data-testid="desk-checked-in">{{ w.t('checkedIn') }}</p>
      }
    </section>
    <section class="wcard" aria-labelledby="ws-title" data-testid="desk-sessions">
      <h2 id="ws-title">{{ w.t('sessionsTitle') }}</h2>
      <p class="muted">{{ w.t('sessionsHint') }}</p>
      <form (submit)="publish($event)" novalidate data-testid="publish-session">
        <div class="field">
          <label class="field-label" for="ws-service">{{ w.t('sessionService') }}</label>
          <select id="ws-service" [value]="sService()" (change)="sService.set($any($event.target).value)">
            @for (s of catalogue()?.services ?? []; track s.code) {
              <option [value]="s.code" [selected]="s.code === sService()">{{ w.th ? s.nameTh : s.nameEn }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="ws-date">{{ w.t('sessionDate') }}</label>
          <input id="ws-date" type="date" [value]="sDate()" (input)="sDate.set($any($event.target).value)" />
        </div>
        <div class="field">
          <label class="field-label" for="ws-times">{{ w.t('sessionTimes') }}</label>
          <input id="ws-times" inputmode="numeric" [value]="sTimes()" (input)="sTimes.set($any($event.target).value)" />
        </div>
        <div class="field">
          <label class="field-label" for="ws-capacity">{{ w.t('sessionCapacity') }}</label>
          <input id="ws-capacity" type="number" min="1" max="500" [value]="sCapacity()" (input)="sCapacity.set(+$any($event.target).value)" />
        </div>
        <button type="submit" class="btn btn-primary">{{ w.t('publish') }}</button>
      </form>
      @if (sMessage()) {
        <p class="alert alert-ok" role="status">{{ sMessage() }}</p>
      }
      @if (sError()) {
        <p class="alert alert-error" role="alert">{{ sError() }}</p>
      }
      <ul class="plain-list" data-testid="session-list">
        @for (s of sessions(); track s.id) {
          <li [attr.data-session]="s.id">
            <strong>{{ s.serviceNameTh }}</strong> · {{ w.date(s.date, 'date') }}
            <div>
              @for (x of s.slots; track x.id) {
                <span class="pill">{{ x.time }} น. {{ w.t('sessionSeats', { booked: x.booked, cap: x.capacity }) }}</span>
              }
            </div>
            @if (s.booked === 0) {
              <button type="button" class="btn btn-danger btn-small" (click)="withdraw(s)">{{ w.t('withdraw') }}</button>
            }
          </li>
        } @empty {
          <li class="muted">{{ w.t('noSessions') }}</li>
        }
      </ul>
    </section>
  `,
})
export class WalletDesk {
  protected readonly w = inject(WalletI18n);
  readonly #api = inject(WalletApi);
  protected readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  protected readonly proof = signal('');
  protected readonly scanning = signal(false);
  protected readonly error = signal('');
  protected readonly done = signal(false);
  protected readonly context = signal<{ healthId: string; displayName: string; age: number; bookingsToday: Booking[] } | null>(null);
  #stream: MediaStream | null = null;
  protected readonly catalogue = signal<Catalogue | null>(null);
  protected readonly sessions = signal<PublishedSession[]>([]);
  protected readonly sService = signal('flu-vaccine');
  protected readonly sDate = signal(tomorrowInThailand());
  protected readonly sTimes = signal('09:00, 10:00');
  protected readonly sCapacity = signal(10);
  protected readonly sMessage = signal('');
  protected readonly sError = signal('');

  public constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
    void this.#loadSessions();
  }

  protected async publish(event: Event): Promise<void> {
    event.preventDefault();
    this.sMessage.set('');
    this.sError.set('');
    try {
      const times = this.sTimes()
        .split(/[,\s]+/)
        .map((t) => t.trim())
        .filter((t) => t !== '');
      const s = await this.#api.publishSession({ service: this.sService(), date: this.sDate(), times, capacity: this.sCapacity() });
      this.sMessage.set(`${this.w.t('published')}: ${s.serviceNameTh} ${this.w.date(s.date, 'date')} ${s.times.join(', ')} น.`);
      await this.#loadSessions();
    } catch (err) {
      this.sError.set(this.w.problem(err));
    }
  }

  protected async withdraw(s: PublishedSession): Promise<void> {
    this.sMessage.set('');
    this.sError.set('');
    try {
      await this.#api.withdrawSession(s.id);
      await this.#loadSessions();
    } catch (err) {
      this.sError.set(this.w.problem(err));
    }
  }

  async #loadSessions(): Promise<void> {
    try {
      const [catalogue, list] = await Promise.all([this.#api.catalogue(), this.#api.deskSessions()]);
      this.catalogue.set(catalogue);
      this.sessions.set(list.sessions);
    } catch (err) {
      this.sError.set(this.w.problem(err));
    }
  }

  protected async open(event?: Event): Promise<void> {
    event?.preventDefault();
    this.error.set('');
    this.done.set(false);
    try {
      this.context.set(await this.#api.deskResolve(this.proof().trim()));
    } catch (err) {
      this.context.set(null);
      this.error.set(this.w.problem(err));
    }
  }

  protected async checkIn(): Promise<void> {
    try {
      await this.#api.deskCheckIn(this.proof().trim());
      this.done.set(true);
      await this.open();
      this.done.set(true);
    } catch (err) {
      this.error.set(this.w.problem(err));
    }
  }

  protected async scan(): Promise<void> {
    const Ctor = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
    const video = this.video()?.nativeElement;
    if (Ctor === undefined || video === undefined || !navigator.mediaDevices?.getUserMedia) {
      this.error.set(this.w.t('noCamera'));
      return;
    }
    try {
      this.#stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = this.#stream;
      await video.play();
      this.scanning.set(true);
      const detector = new Ctor({ formats: ['qr_code'] });
      while (this.scanning()) {
        const codes = await detector.detect(video).catch(() => []);
        const first = codes[0];
        if (first !== undefined) {
          this.proof.set(first.rawValue);
          this.stop();
          await this.open();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } catch {
      this.stop();
      this.error.set(this.w.t('noCamera'));
    }
  }

  protected stop(): void {
    this.scanning.set(false);
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = null;
  }
}

/** Tomorrow's date in Thailand (YYYY-MM-DD), the default date of a new session. */
function tomorrowInThailand(): string {
  return new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}
