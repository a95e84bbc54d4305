import { Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { type CaseMessage, type Criteria, type EmsCase, EmsApi, type LiveEvent, type Reading, type VitalSign } from './ems-api';
import { COLOUR_STYLE, EmsText } from './ems-text';
import { type ChartSeries, VitalChart } from './vital-chart';
import { VideoCall } from './video-call';

/** Readings kept per case for the trend (5 minutes at 1 Hz). */
const KEEP = 300;
const SERIES_COLOUR: Readonly<Record<string, string>> = { hr: '#b3261e', sbp: '#0e6b8f', dbp: '#5b8fa8', spo2: '#1b7f3b', rr: '#6a1b9a' };

interface Incoming {
  case: EmsCase;
  readings: Reading[];
  messages: CaseMessage[];
}

/**
 * The receiving ER's incoming-patient board: cases heading to the caller's hospital, live vital-sign trends with
 * threshold alarms, the teleconsultation chat, co-signature of the hand-over, and the disposition and outcome.
 */
@Component({
  selector: 'app-er-board',
  imports: [FormsModule, ProblemAlert, VitalChart, VideoCall],
  templateUrl: './er-board.html',
  styleUrl: './ems.css',
})
export class ErBoard {
  protected readonly i18n = inject(I18n);
  protected readonly text = inject(EmsText);
  protected readonly session = inject(Session);
  readonly #api = inject(EmsApi);

  protected readonly colourStyle = COLOUR_STYLE;
  protected readonly incoming = signal<Incoming[]>([]);
  protected readonly signs = signal<VitalSign[]>([]);
  protected readonly live = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected chatText: Record<string, string> = {};
  protected erDisposition: Record<string, string> = {};
  protected outcome: Record<string, string> = {};

  public constructor() {
    void this.load();
    const close = this.#api.stream((e) => this.#onEvent(e), (ok) => this.live.set(ok));
    inject(DestroyRef).onDestroy(close);
  }

  protected async load(): Promise<void> {
    try {
      const criteria: Criteria = await this.#api.criteria();
      this.signs.set(criteria.vitalSigns.signs);
      const { cases } = await this.#api.cases();
      this.incoming.set(await Promise.all(cases.map(async (c) => { const d = await this.#api.case(c.caseId); return { case: d.case, readings: d.readings.slice(-KEEP), messages: d.messages }; })));
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected latest(item: Incoming, code: string): Reading | undefined {
    return item.readings.filter((r) => r.code === code).at(-1);
  }

  protected series(item: Incoming): ChartSeries[] {
    return this.signs()
      .filter((s) => s.code !== 'dbp')
      .map((s) => ({
        code: s.code,
        label: this.i18n.lang() === 'th' ? s.th : s.display,
        colour: SERIES_COLOUR[s.code] ?? '#333',
        low: s.alarm.low,
        high: s.alarm.high,
        points: item.readings.filter((r) => r.code === s.code && !r.flags.includes('IMPLAUSIBLE')).map((r) => ({ t: Date.parse(r.at), v: r.value })),
      }));
  }

  protected alarms(item: Incoming): string[] {
    return this.signs()
      .map((s) => ({ s, r: this.latest(item, s.code) }))
      .filter(({ r }) => r !== undefined && r.flags.some((f) => f.startsWith('ALARM')))
      .map(({ s, r }) => `${this.i18n.lang() === 'th' ? s.th : s.display} ${String(r?.value)} ${s.unit}`);
  }

  protected async accept(item: Incoming): Promise<void> {
    await this.#act(async () => this.#replace((await this.#api.acceptHandOver(item.case.caseId)).case));
  }

  protected async saveDisposition(item: Incoming): Promise<void> {
    const id = item.case.caseId;
    const body = { ...(this.erDisposition[id] ? { erDisposition: this.erDisposition[id] } : {}), ...(this.outcome[id] ? { outcome: this.outcome[id] } : {}) };
    await this.#act(async () => this.#replace((await this.#api.disposition(id, body)).case));
  }

  protected async sendChat(item: Incoming): Promise<void> {
    const text = (this.chatText[item.case.caseId] ?? '').trim();
    if (text === '') return;
    await this.#act(async () => {
      await this.#api.chat(item.case.caseId, text);
      this.chatText[item.case.caseId] = '';
    });
  }

  async #act(fn: () => Promise<void>): Promise<void> {
    this.problem.set(null);
    try {
      await fn();
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  #replace(c: EmsCase): void {
    this.incoming.update((list) => list.map((i) => (i.case.caseId === c.caseId ? { ...i, case: c } : i)));
  }

  #onEvent(event: LiveEvent): void {
    if (event.type === 'case') {
      const c = event.data as EmsCase;
      if (this.incoming().some((i) => i.case.caseId === c.caseId)) this.#replace(c);
      else this.incoming.update((list) => [{ case: c, readings: [], messages: [] }, ...list]);
    } else if (event.type === 'vitals') {
      const v = event.data as { caseId: string | null; at: string; readings: Omit<Reading, 'at'>[] };
      this.incoming.update((list) =>
        list.map((i) => (i.case.caseId === v.caseId ? { ...i, readings: [...i.readings, ...v.readings.map((r) => ({ ...r, at: v.at }))].slice(-KEEP) } : i)),
      );
    } else if (event.type === 'message') {
      const m = event.data as CaseMessage & { caseId: string };
      this.incoming.update((list) => list.map((i) => (i.case.caseId === m.caseId ? { ...i, messages: [...i.messages, m] } : i)));
    }
  }
}
