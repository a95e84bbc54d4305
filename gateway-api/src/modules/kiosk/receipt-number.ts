/**
 * Thai government fiscal year in the Buddhist era: 1 October to 30 September, named after the year it ends in.
 * 30 November 2026 → fiscal year 2027 CE → 2570 BE.
 */
export function fiscalYearBE(date: Date): number {
  const year = date.getUTCFullYear() + (date.getUTCMonth() >= 9 ? 1 : 0);
  return year + 543;
}

/** The series a receipt belongs to: numbering restarts at 1 for each hospital, fiscal year and cashier point. */
export interface ReceiptSeries {
  readonly hcode: string;
  readonly fiscalYear: number;
  /** Cashier point (kiosk) code, 2 digits. */
  readonly point: string;
}

/** Printed receipt number: `2570-10697-01-000042` (fiscal year, hospital, point, sequence). */
export function formatReceiptNo(series: ReceiptSeries, seq: number): string {
  return `${series.fiscalYear}-${series.hcode}-${series.point}-${String(seq).padStart(6, '0')}`;
}

/** Ref2 of the PromptPay QR: the receipt number's digits (17). */
export function receiptRef2(receiptNo: string): string {
  return receiptNo.replace(/-/g, '');
}

/** Key of a series in the store and on the ledger. */
export function seriesKey(series: ReceiptSeries): string {
  return `${series.hcode}:${series.fiscalYear}:${series.point}`;
}
