import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import { getJson, putState } from '../ledger/state';
import { isReferral, withKind, type Referral, type ReferralStep } from './referral';
import { referralKey } from './referral-keys';
import { assertTransition } from './referral-transitions';

/** Name of the chaincode event emitted on every referral change. */
export const REFERRAL_CHANGED_EVENT = 'ReferralChanged';

/**
 * Reads a referral; records stored before `kind` existed read as kind `referral`.
 *
 * @returns undefined when no referral has this id
 * @throws ChaincodeError LEDGER_CORRUPT when the stored value is not a referral
 */
export async function findReferral(ctx: Context, id: string): Promise<Referral | undefined> {
    const key = referralKey(ctx, id);
    const value = await getJson(ctx, key);
    if (value === undefined) {
        return undefined;
    }
    if (!isReferral(value)) {
        throw new ChaincodeError('LEDGER_CORRUPT', `value stored for referral ${id} is not a referral`, { details: { id } });
    }
    return withKind(value);
}

/**
 * Reads a referral that must exist.
 *
 * @throws ChaincodeError REFERRAL_NOT_FOUND when it does not
 */
export async function getReferral(ctx: Context, id: string): Promise<Referral> {
    const referral = await findReferral(ctx, id);
    if (!referral) {
        throw new ChaincodeError('REFERRAL_NOT_FOUND', `referral ${id} does not exist`, { details: { id } });
    }
    return referral;
}

/**
 * Writes a referral and emits `ReferralChanged` whose payload is the stored
 * public referral JSON (the same bytes as the state value).
 *
 * @returns the stored JSON text
 */
export async function saveReferral(ctx: Context, referral: Referral): Promise<string> {
    const json = await putState(ctx, referralKey(ctx, referral.id), referral);
    ctx.stub.setEvent(REFERRAL_CHANGED_EVENT, Buffer.from(json, 'utf8'));
    return json;
}

/**
 * Moves `referral` to `step.status` if the transition table allows it, appends
 * the step, sets `updatedAt` to the step time and saves.
 *
 * @returns the stored JSON text
 * @throws ChaincodeError INVALID_TRANSITION before anything is written
 */
export async function advanceReferral(ctx: Context, referral: Referral, step: ReferralStep): Promise<string> {
    assertTransition(referral.id, referral.status, step.status);
    return saveReferral(ctx, {
        ...referral,
        status: step.status,
        updatedAt: step.at,
        steps: [...referral.steps, step],
    });
}
