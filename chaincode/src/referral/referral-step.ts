import type { Context } from 'fabric-contract-api';
import type { Actor } from '../access/actor';
import type { ReferralAction, ReferralStatus, ReferralStep } from './referral';

/**
 * The audit step for `actor` doing `action` in the current transaction.
 *
 * @param at - the transaction timestamp (ISO-8601)
 * @param note - stored only when non-empty
 */
export function newReferralStep(
    ctx: Context,
    actor: Actor,
    action: ReferralAction,
    status: ReferralStatus,
    at: string,
    note?: string,
): ReferralStep {
    const step: ReferralStep = {
        action,
        status,
        txId: ctx.stub.getTxID(),
        at,
        mspId: actor.mspId,
        hcode: actor.hcode ?? '',
        role: actor.role,
        actor: actor.name,
    };
    if (note !== undefined && note.length > 0) {
        step.note = note;
    }
    return step;
}
