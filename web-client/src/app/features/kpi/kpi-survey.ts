import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { errorMessage, type ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { UnitsApi } from '../../core/units/units-api';
import { WalletApi } from '../wallet/wallet-api';

/**
 * The wallet's short survey (issue 16: sources of the satisfaction and happiness indicators): after a visit
 * (`?booking=<id>&hcode=<unit>`, from the wallet's bookings) or once a month. POST /api/kpi/surveys with the
 * citizen's own token; one answer per question and visit (or month): a second one is 409 KPI_SURVEY_EXISTS.
 */
@Component({
  selector: 'app-kpi-survey',
  imports: [FormsModule, RouterLink],
  template: `
    <section aria-labelledby="survey-title" class="card">
      <h2 id="survey-title">{{ th() ? 'แบบสำรวจสั้น ๆ' : 'A short survey' }}</h2>
      <p>{{ booking() ? (th() ? 'เกี่ยวกับการมารับบริการครั้งนี้' : 'About this visit') : th() ? 'ประจำเดือนนี้' : 'This month' }}</p>
      @if (done()) {
        <p role="status" data-testid="survey-thanks">{{ th() ? 'ขอบคุณที่ตอบแบบสำรวจ' : 'Thank you for answering.' }}</p>
        <a routerLink="/wallet">{{ th() ? 'กลับหน้าบัตร' : 'Back to my card' }}</a>
      } @else {
        <form (submit)="$event.preventDefault(); send()">
          <label>{{ th() ? 'หน่วยบริการ' : 'Health unit' }}
            <select name="hcode" [ngModel]="hcode()" (ngModelChange)="hcode.set($event)" required data-testid="survey-unit">
              <option value="" disabled>{{ th() ? 'เลือกหน่วยบริการ' : 'Choose a unit' }}</option>
              @for (u of hospitals(); track u.hcode) { <option [value]="u.hcode">{{ th() ? u.nameTh : u.nameEn }}</option> }
            </select>
          </label>
          <fieldset>
            <legend>{{ th() ? 'ความพึงพอใจต่อบริการ (1 น้อยที่สุด – 5 มากที่สุด)' : 'Satisfaction with the service (1 lowest – 5 highest)' }}</legend>
            @for (n of [1, 2, 3, 4, 5]; track n) {
              <label class="choice"><input type="radio" name="satisfaction" [value]="n" [ngModel]="satisfaction()" (ngModelChange)="satisfaction.set($event)" [attr.data-testid]="'survey-sat-' + n" /> {{ n }}</label>
            }
          </fieldset>
          <fieldset>
            <legend>{{ th() ? 'โดยรวมคุณมีความสุขแค่ไหน (0 – 10)' : 'Overall, how happy are you (0 – 10)?' }}</legend>
            @for (n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; track n) {
              <label class="choice"><input type="radio" name="happiness" [value]="n" [ngModel]="happiness()" (ngModelChange)="happiness.set($event)" [attr.data-testid]="'survey-hap-' + n" /> {{ n }}</label>
            }
          </fieldset>
          @if (problem(); as p) { <p role="alert" class="error">{{ message(p) }}</p> }
          <button type="submit" class="btn btn-primary" [disabled]="sending() || !ready()" data-testid="survey-send">{{ th() ? 'ส่งคำตอบ' : 'Send' }}</button>
        </form>
      }
    </section>
  `,
  styles: `
    fieldset { border: 1px solid #cbd5e1; border-radius: .4rem; margin: .6rem 0; padding: .4rem .6rem; }
    .choice { display: inline-flex; align-items: center; gap: .2rem; margin: .2rem .5rem .2rem 0; min-height: 2.75rem; }
    label { display: block; }
  `,
})
export class KpiSurvey {
  readonly #i18n = inject(I18n);
  readonly #wallet = inject(WalletApi);
  readonly #units = inject(UnitsApi);
  readonly #params = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly booking = signal(this.#params.get('booking') ?? '');
  protected readonly hcode = signal(this.#params.get('hcode') ?? '');
  protected readonly satisfaction = signal<number | null>(null);
  protected readonly happiness = signal<number | null>(null);
  protected readonly sending = signal(false);
  protected readonly done = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly hospitals = computed(() => this.#units.units().filter((u) => u.type !== 'provincial-office'));
  protected readonly ready = computed(() => this.hcode() !== '' && (this.satisfaction() !== null || this.happiness() !== null));

  public constructor() {
    void this.#units.load();
  }

  protected th(): boolean {
    return this.#i18n.lang() === 'th';
  }

  protected message(p: ApiProblem): string {
    return errorMessage(p.code, this.#i18n.lang());
  }

  protected async send(): Promise<void> {
    this.sending.set(true);
    this.problem.set(null);
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const context = this.booking() === '' ? month : this.booking();
    const answers = [
      ...(this.satisfaction() === null ? [] : [{ kind: 'satisfaction', score: Number(this.satisfaction()) }]),
      ...(this.happiness() === null ? [] : [{ kind: 'happiness', score: Number(this.happiness()) }]),
    ];
    try {
      for (const a of answers) {
        const res = await fetch('/api/kpi/surveys', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#wallet.citizenToken() ?? ''}` },
          body: JSON.stringify({ ...a, hcode: this.hcode(), context }),
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
          // a question already answered is not an error for the citizen: the other one still counts
          if (body?.error?.code === 'KPI_SURVEY_EXISTS' && answers.length > 1) continue;
          this.problem.set({ code: body?.error?.code ?? 'UNKNOWN_ERROR', status: res.status, ...(body?.error?.message === undefined ? {} : { serverMessage: body.error.message }) });
          return;
        }
      }
      this.done.set(true);
    } catch {
      this.problem.set({ code: 'NETWORK_ERROR', status: 0 });
    } finally {
      this.sending.set(false);
    }
  }
}
