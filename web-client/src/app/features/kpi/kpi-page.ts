import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { StateMessage } from '../../shared/state-message';
import { KpiApi, type KpiQuery } from './kpi-api';
import { KpiChart } from './kpi-chart';
import { formatValue, monthLabel, targetLabel } from './kpi-month';
import type { KpiDashboard, KpiRecords, KpiSeries } from './kpi-models';

const PROVINCIAL_OFFICE = '00024';

/** Months YYYY-MM from `to` back 11 months. */
function defaultWindow(now = new Date()): { from: string; to: string } {
  const bkk = new Date(now.getTime() + 7 * 3_600_000);
  const to = bkk.toISOString().slice(0, 7);
  const start = new Date(Date.UTC(bkk.getUTCFullYear(), bkk.getUTCMonth() - 11, 1));
  return { from: start.toISOString().slice(0, 7), to };
}

/**
 * The provincial KPI dashboard (issue 16): the 12 indicators of the Smart Digital Healthcare report by month with
 * their target lines, for the province (provincial office) or one hospital (its director, or the province picking
 * one), the records behind any figure, and the CSV / PDF report.
 */
@Component({
  selector: 'app-kpi-page',
  imports: [FormsModule, KpiChart, ProblemAlert, StateMessage],
  templateUrl: './kpi-page.html',
  styles: `
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .kpi-filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin: .5rem 0 1rem; }
    .kpi-filters label { display: flex; flex-direction: column; font-size: .9rem; gap: .2rem; }
    .kpi-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
    .kpi-card { border: 1px solid #cbd5e1; border-radius: .5rem; padding: .75rem; background: #fff; }
    .kpi-card h3 { font-size: 1rem; margin: 0 0 .2rem; }
    .kpi-en { font-size: .85rem; color: #475569; margin: 0 0 .4rem; }
    .kpi-figure { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; font-size: .9rem; }
    .kpi-figure strong { font-size: 1.5rem; }
    .kpi-hit { color: #166534; font-weight: 700; }
    .kpi-miss { color: #b91c1c; font-weight: 700; }
    .kpi-nodata { color: #475569; font-style: italic; }
    .kpi-chart { width: 100%; min-height: 170px; }
    .kpi-table table, .kpi-records table, .kpi-hospitals table { border-collapse: collapse; width: 100%; font-size: .85rem; }
    .kpi-table th, .kpi-table td, .kpi-records th, .kpi-records td, .kpi-hospitals th, .kpi-hospitals td { border-bottom: 1px solid #e2e8f0; padding: .2rem .35rem; text-align: left; }
    .kpi-records { border: 2px solid #1d4ed8; border-radius: .5rem; padding: .75rem; margin: 1rem 0; background: #f8fafc; }
    .kpi-records code { font-size: .75rem; word-break: break-all; }
    .link-button { background: none; border: none; color: #1d4ed8; text-decoration: underline; cursor: pointer; padding: 0; font: inherit; }
    .kpi-legend { font-size: .8rem; color: #334155; }
    .kpi-swatch { display: inline-block; width: 1.2rem; height: 0; border-top: 2px solid #1d4ed8; vertical-align: middle; margin-right: .25rem; }
    .kpi-swatch.target { border-top: 2px dashed #b45309; }
  `,
})
export class KpiPage {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(KpiApi);
  readonly #session = inject(Session);

  protected readonly provincial = computed(() => this.#session.user()?.hcode === PROVINCIAL_OFFICE || this.#session.user()?.role === 'auditor');
  protected readonly from = signal(defaultWindow().from);
  protected readonly to = signal(defaultWindow().to);
  protected readonly hospital = signal('');
  protected readonly dashboard = signal<KpiDashboard | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly loadMs = signal<number | null>(null);
  protected readonly records = signal<KpiRecords | null>(null);
  protected readonly recordsFor = signal<KpiSeries | null>(null);
  protected readonly recordsProblem = signal<ApiProblem | null>(null);
  protected readonly exporting = signal(false);
  protected readonly hospitals = computed(() => this.dashboard()?.byHospital ?? []);
  protected readonly hospitalOptions = signal<readonly { hcode: string; nameTh: string; nameEn: string }[]>([]);

  public constructor() {
    void this.load();
  }

  protected th(): boolean {
    return this.i18n.lang() === 'th';
  }

  protected month(m: string, long = true): string {
    return monthLabel(m, this.i18n.lang(), long);
  }

  protected fmt(s: KpiSeries, v: number | null | undefined): string {
    return formatValue(v ?? null, s.definition.unit);
  }

  protected target(s: KpiSeries): string {
    return targetLabel(s.definition.target.kind, s.definition.target.value, s.definition.unit, this.i18n.lang());
  }

  protected hospitalValue(values: Readonly<Record<string, number | null>>, s: KpiSeries): string {
    return formatValue(values[s.indicatorId] ?? null, s.definition.unit);
  }

  protected hospitalSeries(): KpiSeries[] {
    return (this.dashboard()?.series ?? []).filter((s) => s.definition.scope === 'hospital');
  }

  #query(): KpiQuery {
    return { from: this.from(), to: this.to(), ...(this.hospital() === '' ? {} : { hospital: this.hospital() }) };
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    const started = performance.now();
    try {
      const d = await this.#api.dashboard(this.#query());
      this.dashboard.set(d);
      if (d.byHospital.length > 0) this.hospitalOptions.set(d.byHospital.map((h) => ({ hcode: h.hcode, nameTh: h.nameTh, nameEn: h.nameEn })));
      this.loadMs.set(Math.round(performance.now() - started));
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected async drill(s: KpiSeries, month: string): Promise<void> {
    this.recordsFor.set(s);
    this.records.set(null);
    this.recordsProblem.set(null);
    try {
      this.records.set(await this.#api.records(s.indicatorId, month, this.dashboard()?.scope.hcode ?? undefined));
      queueMicrotask(() => document.getElementById('kpi-records-heading')?.focus());
    } catch (e) {
      this.recordsProblem.set(problemOf(e));
    }
  }

  protected async download(format: 'csv' | 'pdf'): Promise<void> {
    this.exporting.set(true);
    try {
      const blob = await this.#api.report(format, this.#query());
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `kpi-${this.dashboard()?.scope.hcode ?? 'province'}-${this.from()}-${this.to()}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.exporting.set(false);
    }
  }
}
