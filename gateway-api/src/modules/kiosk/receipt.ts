import { createHash } from 'node:crypto';
import type { PaymentMethod } from './kiosk-session';
import type { ReceiptSeries } from './receipt-number';

/** reserved: number taken for a payment in progress (it is Ref2 of the QR); issued: paid; voided: cancelled with a reason. */
export type ReceiptStatus = 'reserved' | 'issued' | 'voided';

/** What a short-form receipt says (MOF regulation 2562 minimum fields, domain-standards §8). */
export interface ReceiptContent {
  readonly unitNameTh: string;
  readonly unitAddressTh: string;
  readonly taxId: string;
  readonly book: string;
  readonly receiptNo: string;
  readonly issuedAt: string;
  readonly payerNameTh: string;
  readonly hn: string;
  readonly vn: string;
  readonly items: readonly { nameTh: string; amount: number }[];
  readonly amount: number;
  readonly amountTextTh: string;
  readonly method: PaymentMethod;
  readonly right: string;
  readonly authenCode: string | null;
  readonly receivedBy: string;
}

/** One receipt number of a series (MongoDB `kioskReceipts`, _id = series key + seq). */
export interface Receipt extends ReceiptSeries {
  readonly seq: number;
  readonly receiptNo: string;
  readonly paymentId: string;
  readonly status: ReceiptStatus;
  /** Random salt of the hash (the content has guessable fields). */
  readonly salt: string;
  readonly content: ReceiptContent | null;
  readonly hash: string | null;
  readonly voidReason: string | null;
  readonly anchorTxId: string | null;
  readonly voidAnchorTxId: string | null;
  readonly createdAt: string;
}

/** Canonical JSON: object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the receipt's number, salt and content: what is anchored on the ledger. */
export function receiptHash(receipt: Pick<Receipt, 'receiptNo' | 'salt'>, content: ReceiptContent): string {
  return createHash('sha256').update(canonicalJson({ receiptNo: receipt.receiptNo, salt: receipt.salt, content }), 'utf8').digest('hex');
}
