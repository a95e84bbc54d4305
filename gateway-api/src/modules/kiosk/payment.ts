import type { PaymentMethod } from './kiosk-session';

/** A payment of one bill (MongoDB `kioskPayments`). */
export interface Payment {
  readonly id: string;
  /** Chosen by the kiosk; the same key returns the same payment (a kiosk that restarts resumes it). */
  readonly clientKey: string;
  readonly hcode: string;
  readonly point: string;
  readonly sessionId: string;
  readonly vn: string;
  /** `hcode:vn` while pending or paid (unique: one live payment per bill); null once cancelled. */
  readonly openKey: string | null;
  readonly method: PaymentMethod;
  /** The right the bill was computed under (for the daily closing report). */
  readonly right: string;
  readonly amount: number;
  readonly status: 'pending' | 'paid' | 'cancelled';
  readonly fiscalYear: number;
  readonly seq: number;
  readonly receiptNo: string;
  readonly ref1: string;
  readonly ref2: string;
  readonly qrPayload: string | null;
  /** Bank transaction (QR) or terminal reference (card) that paid it; unique. */
  readonly paidBy: string | null;
  readonly paidAt: string | null;
  readonly createdAt: string;
}
