import type { AuditProblem } from './audit-report';
import { diffFields } from './field-diff';
import type { LedgerVersion } from './referral-replay';

/** A `referrals` document as read from the query store. */
export type StoreRow = Readonly<Record<string, unknown>> & { readonly _id: unknown };

/**
 * Public referral fields (docs/contracts.md). A store field outside this list and absent from the
 * ledger value is a projector addition and is not compared.
 */
export const PUBLIC_REFERRAL_FIELDS: ReadonlySet<string> = new Set([
  'docType', 'id', 'kind', 'parentReferralId', 'status', 'fromHcode', 'toHcode', 'fromMsp', 'toMsp', 'patientPseudonym',
  'reasonCode', 'priority', 'fastTrack', 'patientCategory', 'careDuringTransfer', 'expectedArrival', 'clinicalSummaryHash',
  'rejection', 'cancellation', 'result', 'createdAt', 'updatedAt', 'steps',
]);

/** Kind of a referral whose ledger value has none. */
const DEFAULT_KIND = 'referral';

const show = (value: unknown): string => (value === undefined ? 'absent' : JSON.stringify(value));

/** The store row's `ledger` position, as the projector recorded it. */
function positionOf(row: StoreRow): Record<string, unknown> {
  const ledger = row.ledger;
  return typeof ledger === 'object' && ledger !== null ? (ledger as Record<string, unknown>) : {};
}

/** True when the store row records an older ledger position than `expected` (the projector is behind). */
export function storeIsBehind(expected: LedgerVersion, row: StoreRow | undefined): boolean {
  if (row === undefined) return true;
  const { blockNumber, txIndex } = positionOf(row);
  if (typeof blockNumber !== 'number' || typeof txIndex !== 'number') return false;
  return blockNumber < expected.blockNumber || (blockNumber === expected.blockNumber && txIndex < expected.txIndex);
}

/**
 * Compares the ledger's latest version of a referral with its store row and names each difference:
 * a missing row, an extra row, or each altered field with the ledger and store values.
 */
export function compareReferral(referralId: string, expected: LedgerVersion | undefined, row: StoreRow | undefined): AuditProblem[] {
  if (expected === undefined && row === undefined) return [];
  if (expected === undefined) {
    return [{ code: 'STORE_ROW_EXTRA', message: `referral ${referralId} is in the store but not on the ledger`, referralId }];
  }
  if (row === undefined) {
    return [{
      code: 'STORE_ROW_MISSING',
      message: `referral ${referralId} is on the ledger (block ${expected.blockNumber}) but not in the store`,
      referralId,
      blockNumber: expected.blockNumber,
      txId: expected.txId,
    }];
  }
  const ledgerValue: Record<string, unknown> = {};
  const storeValue: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expected.value)) {
    ledgerValue[key] = value;
    storeValue[key] = row[key];
  }
  for (const [key, value] of Object.entries(row)) {
    if (PUBLIC_REFERRAL_FIELDS.has(key) && !(key in ledgerValue)) storeValue[key] = value;
  }
  // `kind` defaults to 'referral' (docs/contracts.md); referrals written before it existed lack it on the ledger
  if (expected.value.kind === undefined && storeValue.kind !== undefined) ledgerValue.kind = DEFAULT_KIND;
  const position = positionOf(row);
  ledgerValue.ledger = { blockNumber: expected.blockNumber, txIndex: expected.txIndex, txId: expected.txId };
  storeValue.ledger = { blockNumber: position.blockNumber, txIndex: position.txIndex, txId: position.txId };
  const problems: AuditProblem[] = diffFields(ledgerValue, storeValue, '').map((difference) => ({
    code: 'STORE_FIELD_MISMATCH',
    message: `referral ${referralId}: ${difference.field} is ${show(difference.store)} in the store but ${show(difference.ledger)} on the ledger`,
    referralId,
    blockNumber: expected.blockNumber,
    txId: expected.txId,
    field: difference.field,
    ledger: difference.ledger ?? null,
    store: difference.store ?? null,
  }));
  if (String(row._id) !== referralId) {
    problems.push({ code: 'STORE_FIELD_MISMATCH', message: `referral ${referralId}: the store row's _id is ${show(row._id)}`, referralId, field: '_id', ledger: referralId, store: row._id });
  }
  return problems;
}
