import { createHash, verify } from 'node:crypto';
import type { CheckCollector } from './audit-report';
import { subjectCn, validAt } from './channel-msps';
import type { EndorsedAction } from './fabric-envelope';
import type { TransactionContext } from './transaction-context';

/** The organisations whose peers must endorse a change of this referral: sender and receiver. */
export function requiredEndorsers(value: Record<string, unknown>): { field: 'fromMsp' | 'toMsp'; mspId: string }[] | undefined {
  const { fromMsp, toMsp } = value;
  if (typeof fromMsp !== 'string' || typeof toMsp !== 'string') return undefined;
  return [
    { field: 'fromMsp', mspId: fromMsp },
    { field: 'toMsp', mspId: toMsp },
  ];
}

/** Verifies each endorsement of one action; returns the MSPs whose peers validly endorsed it. */
function validEndorsers(tx: TransactionContext, action: EndorsedAction, out: CheckCollector): Set<string> {
  const { envelope, blockNumber } = tx;
  const { txId } = envelope;
  const valid = new Set<string>();
  const proposalHash = createHash('sha256').update(envelope.channelHeader).update(envelope.signatureHeader).update(action.chaincodeProposalPayload).digest();
  if (!proposalHash.equals(action.proposalHash)) {
    out.problem({ code: 'PROPOSAL_HASH_MISMATCH', message: `transaction ${txId}: the endorsements are for another proposal than the one submitted`, blockNumber, txId });
    return valid;
  }
  for (const endorsement of action.endorsements) {
    const { mspId } = endorsement.endorser;
    const at = { blockNumber, txId, mspId };
    const verdict = tx.msps.validate(endorsement.endorser);
    if (!verdict.ok) {
      out.problem({ code: `ENDORSER_${verdict.code}`, message: `transaction ${txId}: endorser rejected: ${verdict.reason}`, ...at });
      continue;
    }
    const who = subjectCn(verdict.certificate);
    if (!tx.msps.hasRole(mspId, verdict, 'peer')) {
      out.problem({ code: 'ENDORSER_NOT_PEER', message: `transaction ${txId}: ${who} of ${mspId} endorsed but is not a peer`, ...at });
      continue;
    }
    if (envelope.timestamp !== undefined && !validAt(verdict.certificate, envelope.timestamp)) {
      out.problem({ code: 'ENDORSER_CERT_NOT_VALID_AT_TX_TIME', message: `transaction ${txId}: ${who}'s certificate was not valid at the transaction time`, ...at });
      continue;
    }
    const signed = Buffer.concat([action.proposalResponsePayload, endorsement.endorserBytes]);
    if (!verify('sha256', signed, verdict.publicKey, endorsement.signature)) {
      out.problem({ code: 'ENDORSEMENT_SIGNATURE_INVALID', message: `transaction ${txId}: the endorsement signature of ${who} (${mspId}) does not verify`, ...at });
      continue;
    }
    valid.add(mspId);
  }
  return valid;
}

/**
 * Checks that a referral transaction was endorsed as its policy requires: every endorsement signature
 * verifies over proposal_response_payload || endorser with a peer certificate of the endorser's MSP, the
 * endorsements belong to the submitted proposal, and for each referral written both the sending (fromMsp)
 * and the receiving (toMsp) organisation endorsed.
 */
export function checkEndorsements(tx: TransactionContext, out: CheckCollector): void {
  const { envelope, blockNumber } = tx;
  const { txId } = envelope;
  out.checked();
  const endorsers = new Set<string>();
  for (const action of envelope.actions) {
    for (const mspId of validEndorsers(tx, action, out)) endorsers.add(mspId);
  }
  for (const write of tx.writes) {
    const referralId = write.referralId;
    if (write.unreadable !== undefined) {
      out.problem({ code: 'REFERRAL_VALUE_UNREADABLE', message: `transaction ${txId}: referral ${referralId}: ${write.unreadable}`, blockNumber, txId, referralId });
      continue;
    }
    if (write.value === null) continue;
    const required = requiredEndorsers(write.value);
    if (required === undefined) {
      out.problem({ code: 'REFERRAL_VALUE_UNREADABLE', message: `transaction ${txId}: referral ${referralId} has no fromMsp/toMsp`, blockNumber, txId, referralId });
      continue;
    }
    for (const { field, mspId } of required) {
      if (endorsers.has(mspId)) continue;
      out.problem({
        code: 'ENDORSEMENT_MISSING',
        message: `transaction ${txId} (block ${blockNumber}): referral ${referralId} changed without a valid endorsement of ${mspId} (${field === 'fromMsp' ? 'sender' : 'receiver'})`,
        blockNumber,
        txId,
        referralId,
        mspId,
        field,
        ledger: [...endorsers].sort(),
      });
    }
  }
}
