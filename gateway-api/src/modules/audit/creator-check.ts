import { createHash, verify } from 'node:crypto';
import type { CheckCollector } from './audit-report';
import { certificateAttributes } from './certificate-attributes';
import { subjectCn, validAt } from './channel-msps';
import type { TransactionContext } from './transaction-context';

interface StepClaim {
  readonly index: number;
  readonly mspId: unknown;
  readonly hcode: unknown;
  readonly role: unknown;
}

/** The step a transaction appended to a referral: the last step, when it carries this transaction's ID. */
function claimedStep(value: Record<string, unknown> | null, txId: string): StepClaim | undefined {
  const steps = value?.steps;
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  const index = steps.length - 1;
  const step = steps[index] as unknown;
  if (typeof step !== 'object' || step === null || (step as { txId?: unknown }).txId !== txId) return undefined;
  const { mspId, hcode, role } = step as Record<string, unknown>;
  return { index, mspId, hcode, role };
}

/**
 * Checks who submitted a referral transaction: the creator's certificate was issued by the CA of the
 * organisation it names and was valid at the transaction time, the creator's signature over the payload
 * verifies (ECDSA P-256 / SHA-256), the transaction ID is derived from the signed nonce and creator, and the
 * organisation, unit and role recorded in the referral step are those of the signer's certificate.
 */
export function checkCreator(tx: TransactionContext, out: CheckCollector): void {
  const { envelope, blockNumber } = tx;
  const { txId, creator } = envelope;
  const at = { blockNumber, txId, mspId: creator.mspId };
  out.checked();
  const verdict = tx.msps.validate(creator);
  if (!verdict.ok) {
    out.problem({ code: `CREATOR_${verdict.code}`, message: `transaction ${txId} (block ${blockNumber}): creator rejected: ${verdict.reason}`, ...at });
    return;
  }
  const who = subjectCn(verdict.certificate);
  if (envelope.timestamp !== undefined && !validAt(verdict.certificate, envelope.timestamp)) {
    out.problem({
      code: 'CREATOR_CERT_NOT_VALID_AT_TX_TIME',
      message: `transaction ${txId}: ${who}'s certificate was not valid at ${envelope.timestamp.toISOString()}`,
      ...at,
    });
  }
  if (!verify('sha256', envelope.payload, verdict.publicKey, envelope.signature)) {
    out.problem({ code: 'CREATOR_SIGNATURE_INVALID', message: `transaction ${txId}: the signature of ${who} (${creator.mspId}) does not verify`, ...at });
  }
  const expectedTxId = createHash('sha256').update(envelope.nonce).update(envelope.creatorBytes).digest('hex');
  if (expectedTxId !== txId) {
    out.problem({ code: 'TX_ID_MISMATCH', message: `transaction ${txId}: the ID is not SHA-256(nonce || creator)`, ...at, ledger: txId, document: expectedTxId });
  }
  const attributes = certificateAttributes(verdict.certificate);
  for (const write of tx.writes) {
    const step = claimedStep(write.value, txId);
    if (step === undefined) continue;
    const referralId = write.referralId;
    if (step.mspId !== creator.mspId) {
      out.problem({
        code: 'CREATOR_MSP_MISMATCH',
        message: `referral ${referralId}: step ${step.index} claims ${String(step.mspId)} but was signed by ${who} of ${creator.mspId}`,
        ...at,
        referralId,
        field: `steps.${step.index}.mspId`,
        ledger: step.mspId,
      });
    }
    for (const name of ['hcode', 'role'] as const) {
      const certified = attributes[name];
      if (certified !== undefined && step[name] !== certified) {
        out.problem({
          code: 'CREATOR_ATTRIBUTE_MISMATCH',
          message: `referral ${referralId}: step ${step.index} claims ${name} ${String(step[name])} but ${who}'s certificate says ${certified}`,
          ...at,
          referralId,
          field: `steps.${step.index}.${name}`,
          ledger: step[name],
          document: certified,
        });
      }
    }
  }
}
