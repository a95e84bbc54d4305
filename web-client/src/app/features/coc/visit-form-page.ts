import { Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../../core/auth/session';
import { I18n } from '../../core/i18n/i18n';
import { adlGroupOf, BARTHEL_ITEMS, barthelTotal, type Barthel, type BarthelKey, type VisitForm } from './coc-models';
import { CocSync } from './coc-sync';
import { cocText, type CocTextKey } from './coc-text';
import { readCachedDue } from './due-cache';
import { SyncPanel } from './sync-panel';

type VitalKey = 'heartRate' | 'systolic' | 'diastolic' | 'spo2';

/** Today in Thailand (UTC+7), YYYY-MM-DD. */
function thaiToday(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A client-chosen visit id: the same id travels from this form to the ledger, so a repeated sync is recognised. */
function newVisitId(): string {
  const uuid = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `V-${uuid}`;
}

/**
 * The home-visit form for volunteers and officers, made for a phone in a village without signal:
 * the visit is saved on the device (IndexedDB) at once and sent when the signal is back.
 */
@Component({
  selector: 'app-visit-form-page',
  imports: [RouterLink, SyncPanel],
  templateUrl: './visit-form-page.html',
  styles: `.adl-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .25rem .75rem; } .vitals { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .25rem .75rem; } fieldset { border: 1px solid var(--line); border-radius: .5rem; margin: 0 0 .85rem; } legend { font-weight: 600; }`,
})
export class VisitFormPage {
  protected readonly i18n = inject(I18n);
  readonly #sync = inject(CocSync);
  readonly #session = inject(Session);

  /** ?caseId= from the due list. */
  public readonly caseIdParam = input<string | undefined>(undefined, { alias: 'caseId' });

  protected readonly items = BARTHEL_ITEMS;
  protected readonly vitalKeys: readonly VitalKey[] = ['heartRate', 'systolic', 'diastolic', 'spo2'];
  protected readonly myCases = computed(() => {
    const due = readCachedDue(this.#session.user()?.username ?? '');
    return [...new Set((due?.items ?? []).map((i) => i.caseId))];
  });
  protected readonly caseIdTyped = signal('');
  protected readonly caseId = computed(() => this.caseIdTyped() || this.caseIdParam() || '');
  protected readonly visitedOn = signal(thaiToday());
  protected readonly today = thaiToday();
  protected readonly attendees = signal('');
  protected readonly assessAdl = signal(true);
  protected readonly adl = signal<Partial<Barthel>>({});
  protected readonly vitals = signal<Partial<Record<VitalKey, string>>>({});
  protected readonly problems = signal('');
  protected readonly careGiven = signal('');
  protected readonly nextStep = signal('');
  protected readonly errors = signal<readonly string[]>([]);
  protected readonly saved = signal<string | null>(null);
  protected readonly adlScore = computed(() => barthelTotal(this.adl()));
  protected readonly adlComplete = computed(() => this.items.every((i) => this.adl()[i.key] !== undefined));

  protected t(key: CocTextKey, params?: Readonly<Record<string, string | number>>): string {
    return cocText(this.i18n.lang(), key, params);
  }

  protected groupLabel(score: number): string {
    return this.t(adlGroupOf(score));
  }

  protected range(max: number): number[] {
    return Array.from({ length: max + 1 }, (_v, i) => i);
  }

  protected setAdl(key: BarthelKey, value: string): void {
    this.adl.update((a) => ({ ...a, [key]: Number(value) }));
  }

  protected setVital(key: VitalKey, value: string): void {
    this.vitals.update((v) => ({ ...v, [key]: value }));
  }

  protected async save(): Promise<void> {
    this.saved.set(null);
    const errors: string[] = [];
    const attendees = this.attendees().split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (this.caseId() === '') errors.push(this.t('required', { field: this.t('case') }));
    if (attendees.length === 0) errors.push(this.t('required', { field: this.t('attendees') }));
    if (this.careGiven().trim() === '') errors.push(this.t('required', { field: this.t('careGiven') }));
    if (this.assessAdl() && !this.adlComplete()) errors.push(this.t('required', { field: this.t('adl') }));
    this.errors.set(errors);
    if (errors.length > 0) return;
    const vitals: Partial<Record<VitalKey, number>> = {};
    for (const key of this.vitalKeys) {
      const raw = this.vitals()[key];
      if (raw !== undefined && raw.trim() !== '' && Number.isFinite(Number(raw))) vitals[key] = Number(raw);
    }
    const visit: VisitForm = {
      visitId: newVisitId(),
      caseId: this.caseId(),
      visitedOn: this.visitedOn(),
      details: {
        attendees,
        ...(this.assessAdl() ? { adl: this.adl() as Barthel } : {}),
        ...(Object.keys(vitals).length > 0 ? { vitals } : {}),
        ...(this.problems().trim() === '' ? {} : { problems: this.problems().trim() }),
        careGiven: this.careGiven().trim(),
        ...(this.nextStep().trim() === '' ? {} : { nextStep: this.nextStep().trim() }),
      },
    };
    await this.#sync.record(visit);
    this.saved.set(this.t('saved', { id: visit.visitId }));
    this.attendees.set('');
    this.problems.set('');
    this.careGiven.set('');
    this.nextStep.set('');
    this.adl.set({});
    this.vitals.set({});
  }
}
