import { createHash } from 'node:crypto';
import type { CheckCollector } from './audit-report';
import { deterministicJson } from './deterministic-json';
import type { ReferralReplay } from './referral-replay';

/** A clinical document an auditor wants to check against the ledger. */
export interface DocumentToCheck {
  readonly referralId: string;
  readonly document: unknown;
}

/** SHA-256 hex of the document's deterministic JSON: what the chaincode records as clinicalSummaryHash. */
export function clinicalDocumentHash(document: unknown): string {
  return createHash('sha256').update(deterministicJson(document), 'utf8').digest('hex');
}

/** Checks that a clinical document hashes to the clinicalSummaryHash of the referral's latest ledger version. */
export function checkDocument(item: DocumentToCheck, replay: ReferralReplay, out: CheckCollector): void {
  const { referralId } = item;
  out.checked();
  const version = replay.get(referralId);
  if (version === undefined) {
    out.problem({ code: 'DOCUMENT_REFERRAL_NOT_FOUND', message: `referral ${referralId} is not on the ledger (in the audited blocks)`, referralId });
    return;
  }
  const computed = clinicalDocumentHash(item.document);
  const recorded = version.value.clinicalSummaryHash;
  const at = { referralId, blockNumber: version.blockNumber, txId: version.txId, field: 'clinicalSummaryHash' };
  if (typeof recorded !== 'string') {
    out.problem({ code: 'DOCUMENT_HASH_ABSENT', message: `referral ${referralId} has no clinicalSummaryHash on the ledger`, ...at, document: computed });
  } else if (recorded.toLowerCase() !== computed) {
    out.problem({
      code: 'DOCUMENT_HASH_MISMATCH',
      message: `referral ${referralId}: the document hashes to ${computed}, the ledger records ${recorded} (the document was altered)`,
      ...at,
      ledger: recorded,
      document: computed,
    });
  }
}
