import { Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { CodesApi } from '../../../core/codes/codes-api';
import { problemOf } from '../../../core/http/api-problem';
import type { ApiProblem } from '../../../core/http/error-messages';
import { I18n } from '../../../core/i18n/i18n';
import { cidProblem, normaliseCid } from '../../../core/patient/thai-cid';
import { unitMatches } from '../../../core/units/unit';
import { UnitsApi } from '../../../core/units/units-api';
import { ProblemAlert } from '../../../shared/problem-alert';
import type { ClinicalSummary, CreateReferralRequest, Diagnosis, VitalSigns } from '../../../shared/referral';
import { ReferralsApi } from '../../../shared/referrals-api';
import { type PickerOption, SearchPicker } from '../../../shared/search-picker';
import { ClinicalSummaryEditor } from '../components/clinical-summary-editor';
import { RecentReferrals } from '../recent-referrals';

/** A clinician refers a patient: national ID, destination, Thai referral codes, clinical summary. */
@Component({
  selector: 'app-referral-form',
  imports: [SearchPicker, ClinicalSummaryEditor, ProblemAlert],
  templateUrl: './referral-form.html',
})
export class ReferralForm {
  protected readonly i18n = inject(I18n);
  protected readonly codes = inject(CodesApi);
  protected readonly units = inject(UnitsApi);
  readonly #session = inject(Session);
  readonly #api = inject(ReferralsApi);
  readonly #recent = inject(RecentReferrals);
  readonly #router = inject(Router);

  protected readonly cid = signal('');
  protected readonly toHcode = signal('');
  protected readonly unitQuery = signal('');
  protected readonly reasonCode = signal('1');
  protected readonly priority = signal(3);
  protected readonly fastTrack = signal('');
  protected readonly patientCategory = signal('');
  protected readonly care = signal<readonly string[]>([]);
  protected readonly expectedArrival = signal('');
  protected readonly diagnoses = signal<readonly Diagnosis[]>([]);
  protected readonly history = signal('');
  protected readonly vitals = signal<VitalSigns>({});

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  /** One ID per form, so a retry after a lost answer cannot create a second referral. */
  #referralId = newReferralId();

  protected readonly cidState = computed(() => (this.cid() === '' ? null : cidProblem(this.cid())));
  protected readonly cidError = computed(() => {
    const p = this.submitted() ? cidProblem(this.cid()) : this.cidState();
    return p === null ? '' : this.i18n.t(`cid.${p}`);
  });
  protected readonly destination = computed(() => this.units.find(this.toHcode()));
  protected readonly destinationLabel = computed(() => {
    const u = this.destination();
    return u ? `${this.i18n.unitName(u)} (${u.hcode})` : '';
  });
  protected readonly unitOptions = computed<PickerOption[]>(() => {
    const own = this.#session.user()?.hcode;
    const q = this.unitQuery();
    const th = this.i18n.lang() === 'th';
    return this.units
      .units()
      .filter((u) => u.type !== 'provincial-office' && u.hcode !== own && unitMatches(u, q))
      .sort((a, b) => (a.type === b.type ? 0 : a.type === 'hospital' ? -1 : 1))
      .map((u) => ({
        value: u.hcode,
        label: this.i18n.unitName(u),
        detail: `${u.hcode} · ${th ? (u.districtTh ?? u.district) : u.district} · ${this.i18n.t(u.type === 'hospital' ? 'map.hospital' : 'map.healthCentre')}`,
      }));
  });
  protected readonly errors = computed(() => ({
    cid: cidProblem(this.cid()) !== null,
    destination: this.toHcode() === '',
    diagnosis: this.diagnoses().length === 0,
  }));

  public constructor() {
    void this.codes.load();
    void this.units.load();
  }

  protected toggleCare(code: string, on: boolean): void {
    this.care.update((list) => (on ? [...list.filter((c) => c !== code), code].sort() : list.filter((c) => c !== code)));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.problem.set(null);
    const e = this.errors();
    if (e.cid || e.destination || e.diagnosis) {
      queueMicrotask(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const summary: ClinicalSummary = {
      diagnoses: this.diagnoses(),
      ...(this.history().trim() ? { history: this.history().trim() } : {}),
      ...(Object.keys(this.vitals()).length > 0 ? { vitalSigns: this.vitals() } : {}),
    };
    const request: CreateReferralRequest = {
      referralId: this.#referralId,
      patient: { cid: normaliseCid(this.cid()) },
      toHcode: this.toHcode(),
      reasonCode: this.reasonCode(),
      priority: this.priority(),
      ...(this.fastTrack() ? { fastTrack: this.fastTrack() } : {}),
      ...(this.patientCategory() ? { patientCategory: this.patientCategory() } : {}),
      ...(this.care().length > 0 ? { careDuringTransfer: this.care() } : {}),
      ...(this.expectedArrival() ? { expectedArrival: new Date(this.expectedArrival()).toISOString() } : {}),
      clinicalSummary: summary,
    };
    this.busy.set(true);
    try {
      const { referral } = await this.#api.create(request);
      this.#recent.remember(this.#session.user()?.username ?? '', referral.id);
      this.#referralId = newReferralId();
      await this.#router.navigate(['/referrals/outgoing'], { queryParams: { created: referral.id } });
    } catch (err) {
      const p = problemOf(err);
      this.problem.set(p);
      if (p.code === 'REFERRAL_EXISTS') this.#referralId = newReferralId();
    } finally {
      this.busy.set(false);
    }
  }
}

function newReferralId(): string {
  const uuid = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `R-${uuid}`;
}
