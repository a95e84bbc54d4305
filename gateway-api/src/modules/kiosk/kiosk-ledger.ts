import { z } from 'zod';
import type { LedgerAccess } from '../../fabric/ledger-contract';
import { jsonOf } from '../../fabric/ledger-contract';
import type { StaffIdentity } from '../../fabric/staff-identity';
import type { ReceiptSeries } from './receipt-number';

/** The contract of the `referral` chaincode that anchors kiosk receipts and right events. */
export const KIOSK_CONTRACT = 'KioskContract';

/** A receipt as anchored on the channel: number, hash and void event; no patient data. */
export const receiptAnchorSchema = z.object({
  docType: z.literal('kioskReceipt'),
  hcode: z.string(),
  fiscalYear: z.number(),
  point: z.string(),
  seq: z.number(),
  receiptNo: z.string(),
  /** null for a number voided before it was ever issued (an abandoned payment). */
  hash: z.string().nullable(),
  status: z.enum(['issued', 'voided']),
  voidReason: z.string().nullable(),
  anchoredAt: z.string(),
  anchoredBy: z.string(),
});
export type ReceiptAnchor = z.infer<typeof receiptAnchorSchema>;

/** A right opened or closed for a visit, with the patient's pseudonym and a keyed hash of the Authen Code. */
export interface RightEvent {
  readonly sessionId: string;
  readonly hcode: string;
  readonly patientPseudonym: string;
  readonly claimType: string;
  readonly kind: 'opened' | 'closed';
  readonly authenCodeHash: string;
}

/** Typed client of KioskContract, written only against {@link LedgerAccess} (each call signed by the caller). */
export class KioskLedger {
  readonly #ledger: LedgerAccess;

  public constructor(ledger: LedgerAccess) {
    this.#ledger = ledger;
  }

  /** AnchorReceipt: number + hash of an issued receipt (idempotent for the same hash). */
  public async anchorReceipt(staff: StaffIdentity, anchor: ReceiptSeries & { seq: number; receiptNo: string; hash: string }): Promise<string> {
    const contract = await this.#ledger.contractFor(staff, KIOSK_CONTRACT);
    return (await contract.submit('AnchorReceipt', { arguments: [JSON.stringify(anchor)] })).transactionId;
  }

  /** VoidReceipt: marks an anchored (or never issued) number as voided with a reason; nothing is deleted. */
  public async voidReceipt(staff: StaffIdentity, series: ReceiptSeries, seq: number, receiptNo: string, reason: string): Promise<string> {
    const contract = await this.#ledger.contractFor(staff, KIOSK_CONTRACT);
    return (await contract.submit('VoidReceipt', { arguments: [JSON.stringify({ ...series, seq, receiptNo, reason })] })).transactionId;
  }

  /** RecordRightEvent: the right opened or closed for a visit (pseudonymous). */
  public async recordRightEvent(staff: StaffIdentity, event: RightEvent): Promise<string> {
    const contract = await this.#ledger.contractFor(staff, KIOSK_CONTRACT);
    return (await contract.submit('RecordRightEvent', { arguments: [JSON.stringify(event)] })).transactionId;
  }

  /** GetReceiptAnchors: the anchors of seq fromSeq..toSeq of a series (missing numbers are absent). */
  public async receiptAnchors(staff: StaffIdentity, series: ReceiptSeries, fromSeq: number, toSeq: number): Promise<ReceiptAnchor[]> {
    const contract = await this.#ledger.contractFor(staff, KIOSK_CONTRACT);
    const bytes = await contract.evaluate('GetReceiptAnchors', { arguments: [series.hcode, String(series.fiscalYear), series.point, String(fromSeq), String(toSeq)] });
    return z.array(receiptAnchorSchema).parse(jsonOf(bytes));
  }

  /** GetReceiptHead: the highest sequence number anchored in a series (0 when none). */
  public async receiptHead(staff: StaffIdentity, series: ReceiptSeries): Promise<number> {
    const contract = await this.#ledger.contractFor(staff, KIOSK_CONTRACT);
    const bytes = await contract.evaluate('GetReceiptHead', { arguments: [series.hcode, String(series.fiscalYear), series.point] });
    return z.object({ head: z.number().int().nonnegative() }).parse(jsonOf(bytes)).head;
  }
}
