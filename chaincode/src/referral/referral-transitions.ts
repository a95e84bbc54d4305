import { ChaincodeError } from '../errors/chaincode-error';
import type { ReferralAction, ReferralStatus } from './referral';

/**
 * Allowed status transitions: current status → statuses it may move to.
 * `completed`, `rejected`, `cancelled` and `no-show` are final.
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
    requested: ['received', 'accepted', 'rejected', 'cancelled'],
    received: ['accepted', 'rejected', 'cancelled'],
    accepted: ['arrived', 'no-show', 'cancelled'],
    arrived: ['completed'],
    completed: [],
    rejected: [],
    cancelled: [],
    'no-show': [],
};

/** The status each step action leads to. */
export const ACTION_STATUS: Readonly<Record<ReferralAction, ReferralStatus>> = {
    create: 'requested',
    receive: 'received',
    accept: 'accepted',
    reject: 'rejected',
    arrive: 'arrived',
    complete: 'completed',
    'no-show': 'no-show',
    cancel: 'cancelled',
};

/** True when `from` may move to `to`. */
export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
    return REFERRAL_TRANSITIONS[from].includes(to);
}

/**
 * @throws ChaincodeError INVALID_TRANSITION when `from` may not move to `to`
 */
export function assertTransition(id: string, from: ReferralStatus, to: ReferralStatus): void {
    if (!canTransition(from, to)) {
        throw new ChaincodeError('INVALID_TRANSITION', `referral ${id} cannot go from ${from} to ${to}`, {
            details: { id, from, to },
        });
    }
}
