import { Component, inject, signal } from '@angular/core';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { pollWhileVisible } from '../../shared/poll-while-visible';
import { ProblemAlert } from '../../shared/problem-alert';
import { KioskApi } from './kiosk-api';
import { baht, type DailyClosing, type KioskReceipt, type KioskSession, type ReanchorResult, type ReceiptAudit, type Reconciliation } from './kiosk-models';
import { KIOSK_TEXT, type KioskTextKey } from './kiosk-text';
import { ReceiptView } from './receipt-view';

/** Saves a downloaded file without leaving the page (no browser dialog beyond the download itself). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Thai fiscal year (Buddhist era) of today: 1 October to 30 September. */
export function currentFiscalYearBE(now: Date = new Date()): number {
  return now.getFullYear() + (now.getMonth() >= 9 ? 1 : 0) + 543;
}

/** The cashier screen: live kiosk sessions and assist calls (refreshed every 5 s), void a receipt, gap check. */
@Component({
  selector: 'app-cashier-page',
  imports: [ProblemAlert, ReceiptView],
  templateUrl: './cashier-page.html',
})
export class CashierPage {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(KioskApi);
  readonly #session = inject(Session);

  protected readonly sessions = signal<readonly KioskSession[]>([]);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly receiptNo = signal('');
  protected readonly reason = signal('');
  protected readonly receipt = signal<KioskReceipt | null>(null);
  protected readonly point = signal('01');
  protected readonly fiscalYear = signal(currentFiscalYearBE());
  protected readonly audit = signal<ReceiptAudit | null>(null);
  protected readonly reportDate = signal(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
  protected readonly report = signal<DailyClosing | null>(null);
  protected readonly reconciliation = signal<Reconciliation | null>(null);
  protected readonly reanchored = signal<ReanchorResult | null>(null);
  readonly #statement = signal<string | null>(null);
  protected readonly statementName = signal('');
  protected readonly entries = Object.entries;

  public constructor() {
    void this.refresh();
    pollWhileVisible(() => void this.refresh(), 5000);
  }

  protected t(key: KioskTextKey): string {
    return KIOSK_TEXT[key][this.i18n.lang() === 'th' ? 0 : 1];
  }

  protected money(amount: number | undefined): string {
    return baht(amount ?? 0);
  }

  protected async refresh(): Promise<void> {
    try {
      this.sessions.set(await this.#api.live());
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  protected async acknowledge(id: string): Promise<void> {
    await this.#run(async () => {
      await this.#api.step(id, 'assist/ack');
      await this.refresh();
    });
  }

  protected async find(event: Event): Promise<void> {
    event.preventDefault();
    await this.#run(async () => this.receipt.set(await this.#api.findReceipt(this.receiptNo().trim())));
  }

  protected async voidIt(): Promise<void> {
    await this.#run(async () => this.receipt.set(await this.#api.voidReceipt(this.receiptNo().trim(), this.reason().trim())));
  }

  protected async runAudit(event: Event): Promise<void> {
    event.preventDefault();
    const hcode = this.#session.user()?.hcode ?? '';
    await this.#run(async () => this.audit.set(await this.#api.audit(hcode, this.fiscalYear(), this.point())));
  }

  /** Batch re-anchor of the series' receipts whose anchoring failed; then the audit again. */
  protected async reanchor(): Promise<void> {
    const hcode = this.#session.user()?.hcode ?? '';
    await this.#run(async () => {
      this.reanchored.set(await this.#api.reanchor(hcode, this.fiscalYear(), this.point()));
      this.audit.set(await this.#api.audit(hcode, this.fiscalYear(), this.point()));
    });
  }

  protected async showReport(event: Event): Promise<void> {
    event.preventDefault();
    await this.#run(async () => this.report.set(await this.#api.daily(this.reportDate())));
  }

  /** Downloads the day's closing report (CSV or PDF) without leaving the page. */
  protected async download(format: 'csv' | 'pdf'): Promise<void> {
    await this.#run(async () => save(await this.#api.dailyFile(this.reportDate(), format), `closing-${this.reportDate()}.${format}`));
  }

  protected async downloadSampleStatement(): Promise<void> {
    await this.#run(async () => save(await this.#api.simulatedStatement(this.reportDate()), `statement-${this.reportDate()}.csv`));
  }

  protected async pickStatement(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.reconciliation.set(null);
    if (file === undefined) return;
    this.statementName.set(file.name);
    this.#statement.set(await file.text());
  }

  protected async reconcile(event: Event): Promise<void> {
    event.preventDefault();
    const csv = this.#statement();
    if (csv === null) return;
    await this.#run(async () => this.reconciliation.set(await this.#api.reconcile(this.reportDate(), csv)));
  }

  protected hasStatement(): boolean {
    return this.#statement() !== null;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.problem.set(null);
    try {
      await work();
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }
}
