import { ChaincodeError } from '../errors/chaincode-error';
import type { Unit } from '../registry/unit';
import type { CreateReferralPayload } from './create-referral-payload';
import type { Referral, ReferralStatus } from './referral';
import { BACK_REFERRAL_REASON_CODE } from './referral-codes';

/** Statuses of a parent referral from which its receiving unit may back-refer or refer onward. */
export const CONTINUABLE_STATUSES: readonly ReferralStatus[] = ['accepted', 'arrived', 'completed'];

/**
 * Checks a back-referral or onward referral against its parent (the caller's
 * unit is already known to be the parent's receiving unit).
 *
 * @returns the patient pseudonym the new referral inherits from the parent
 * @throws ChaincodeError INVALID_TRANSITION when the parent is not accepted, arrived or completed
 * @throws ChaincodeError INVALID_ARGUMENT when the payload breaks a kind rule or names another patient
 */
export function checkContinuation(parent: Referral, input: CreateReferralPayload, toUnit: Unit): string {
    if (!CONTINUABLE_STATUSES.includes(parent.status)) {
        throw new ChaincodeError(
            'INVALID_TRANSITION',
            `referral ${parent.id} is ${parent.status}; only ${CONTINUABLE_STATUSES.join(', ')} referrals can be continued`,
            { details: { id: parent.id, status: parent.status } },
        );
    }
    if (input.patientPseudonym !== undefined && input.patientPseudonym !== parent.patientPseudonym) {
        throw new ChaincodeError('INVALID_ARGUMENT', 'patientPseudonym must be omitted or equal to the parent referral\'s', {
            details: { field: 'patientPseudonym' },
        });
    }
    if (input.kind === 'back-referral') {
        if (input.reasonCode !== BACK_REFERRAL_REASON_CODE) {
            throw new ChaincodeError('INVALID_ARGUMENT', `reasonCode must be ${BACK_REFERRAL_REASON_CODE} (care close to home) for a back-referral`, {
                details: { field: 'reasonCode' },
            });
        }
        if (toUnit.type !== 'health-centre') {
            throw new ChaincodeError('INVALID_ARGUMENT', `a back-referral goes to a health centre; unit ${toUnit.hcode} is a ${toUnit.type}`, {
                details: { field: 'toHcode' },
            });
        }
    }
    if (input.kind === 'onward' && (toUnit.hcode === parent.fromHcode || toUnit.hcode === parent.toHcode)) {
        throw new ChaincodeError('INVALID_ARGUMENT', `an onward referral goes to a third unit, not ${toUnit.hcode}`, {
            details: { field: 'toHcode' },
        });
    }
    return parent.patientPseudonym;
}
