import { ChaincodeError } from '../errors/chaincode-error';
import type { ReferralStatus } from './referral';

/**
 * Allowed status transitions: current status → statuses it may move to.
 * Add later statuses (arrived, closed, back-referred, …) here.
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
    requested: ['accepted', 'rejected'],
    accepted: [],
    rejected: [],
};

/**
 * @throws ChaincodeError INVALID_TRANSITION when `from` may not move to `to`
 */
export function assertTransition(id: string, from: ReferralStatus, to: ReferralStatus): void {
    if (!REFERRAL_TRANSITIONS[from].includes(to)) {
        throw new ChaincodeError('INVALID_TRANSITION', `referral ${id} cannot go from ${from} to ${to}`, {
            details: { id, from, to },
        });
    }
}
