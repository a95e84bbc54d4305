import { Component, computed, inject, input, model, signal } from '@angular/core';
import { CodesApi } from '../../../core/codes/codes-api';
import type { Icd10Code } from '../../../core/codes/code-systems';
import { I18n } from '../../../core/i18n/i18n';
import type { Diagnosis, VitalSigns } from '../../../shared/referral';
import { type PickerOption, SearchPicker } from '../../../shared/search-picker';

/** Vital-sign fields with their plausible ranges (inputs refuse values outside them). */
const VITALS: readonly { key: keyof VitalSigns; label: 'field.heartRate' | 'field.systolic' | 'field.diastolic' | 'field.respiratoryRate' | 'field.temperature' | 'field.spo2'; min: number; max: number; step: number }[] = [
  { key: 'heartRate', label: 'field.heartRate', min: 0, max: 300, step: 1 },
  { key: 'systolic', label: 'field.systolic', min: 0, max: 300, step: 1 },
  { key: 'diastolic', label: 'field.diastolic', min: 0, max: 200, step: 1 },
  { key: 'respiratoryRate', label: 'field.respiratoryRate', min: 0, max: 80, step: 1 },
  { key: 'temperature', label: 'field.temperature', min: 25, max: 45, step: 0.1 },
  { key: 'spo2', label: 'field.spo2', min: 0, max: 100, step: 1 },
];

/** Diagnoses (ICD-10 picker), vital signs and history: the private clinical summary. */
@Component({
  selector: 'app-clinical-summary-editor',
  imports: [SearchPicker],
  templateUrl: './clinical-summary-editor.html',
})
export class ClinicalSummaryEditor {
  protected readonly i18n = inject(I18n);
  protected readonly codes = inject(CodesApi);

  public readonly diagnoses = model<readonly Diagnosis[]>([]);
  public readonly history = model('');
  public readonly vitals = model<VitalSigns>({});
  public readonly showVitals = input(true);
  public readonly diagnosisRequired = input(false);
  public readonly showErrors = input(false);

  protected readonly vitalFields = VITALS;
  protected readonly icdResults = signal<readonly Icd10Code[]>([]);
  protected readonly icdLoading = signal(false);
  protected readonly icdOptions = computed<PickerOption[]>(() =>
    this.icdResults()
      .filter((c) => !this.diagnoses().some((d) => d.icd10 === c.code))
      .map((c) => ({ value: c.code, label: `${c.code} ${this.i18n.lang() === 'th' && c.th ? c.th : c.display}`, detail: this.i18n.lang() === 'th' && c.th ? c.display : c.th })),
  );
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Debounced ICD-10 search; only the latest answer is shown. */
  protected searchIcd(q: string): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(async () => {
      const seq = ++this.#seq;
      this.icdLoading.set(true);
      const found = await this.codes.searchIcd10(q);
      if (seq === this.#seq) {
        this.icdResults.set(found);
        this.icdLoading.set(false);
      }
    }, 200);
  }

  protected addDiagnosis(option: PickerOption): void {
    const found = this.icdResults().find((c) => c.code === option.value);
    this.diagnoses.update((list) => [...list, { icd10: option.value, display: found?.display ?? option.label }]);
  }

  protected removeDiagnosis(code: string): void {
    this.diagnoses.update((list) => list.filter((d) => d.icd10 !== code));
  }

  protected setVital(key: keyof VitalSigns, raw: string): void {
    const value = raw === '' ? undefined : Number(raw);
    this.vitals.update((v) => {
      const next = { ...v };
      if (value === undefined || Number.isNaN(value)) delete next[key];
      else next[key] = value;
      return next;
    });
  }
}
