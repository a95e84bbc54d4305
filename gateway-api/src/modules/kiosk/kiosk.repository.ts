import type { KioskSession } from './kiosk-session';
import type { Payment } from './payment';
import type { Receipt } from './receipt';
import type { ReceiptSeries } from './receipt-number';

/** Outcome of inserting a payment. */
export type InsertPaymentOutcome = 'inserted' | 'client-key-exists' | 'bill-taken';

/** Off-chain kiosk data: sessions, payments, receipt numbers. Implemented over MongoDB and in memory (tests). */
export interface KioskRepository {
  insertSession(session: KioskSession): Promise<void>;
  session(id: string): Promise<KioskSession | undefined>;
  /** Stores `session` if the stored one still has version `session.version - 1`; false if someone else wrote first. */
  saveSession(session: KioskSession): Promise<boolean>;
  /** Sessions of `hcode` in a live state or with an open assist call, newest first. */
  liveSessions(hcode: string, states: readonly string[]): Promise<KioskSession[]>;

  /** Inserts atomically: fails on a used client key or when the bill already has a pending or paid payment. */
  insertPayment(payment: Payment): Promise<InsertPaymentOutcome>;
  payment(id: string): Promise<Payment | undefined>;
  paymentByClientKey(clientKey: string): Promise<Payment | undefined>;
  paymentByOpenKey(openKey: string): Promise<Payment | undefined>;
  paymentByRef2(ref2: string): Promise<Payment | undefined>;
  paymentByPaidBy(paidBy: string): Promise<Payment | undefined>;
  /** pending → paid, only if still pending with this amount and `paidBy` is unused; the updated payment or undefined. */
  markPaid(id: string, amount: number, paidBy: string, paidAt: string): Promise<Payment | undefined>;
  /** Paid payments of `hcode` with from <= paidAt < to (ISO times), by paidAt. */
  paidPayments(hcode: string, from: string, to: string): Promise<Payment[]>;
  /** pending → cancelled (frees the bill); the updated payment or undefined when it was not pending. */
  cancelPayment(id: string): Promise<Payment | undefined>;

  /**
   * Takes the next number of `series` (1, 2, 3, … with no gap and no duplicate, even under concurrent calls) and
   * stores the receipt `build(seq)` under it in the same atomic insert.
   */
  reserveReceipt(series: ReceiptSeries, build: (seq: number) => Receipt): Promise<Receipt>;
  receipt(series: ReceiptSeries, seq: number): Promise<Receipt | undefined>;
  /** Replaces a receipt if its stored status is still `expectedStatus`. */
  updateReceipt(receipt: Receipt, expectedStatus: Receipt['status']): Promise<boolean>;
  /** All receipts of a series, by sequence. */
  receipts(series: ReceiptSeries): Promise<Receipt[]>;
}
