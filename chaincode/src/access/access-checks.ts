import { ChaincodeError } from '../errors/chaincode-error';
import type { Unit } from '../registry/unit';
import type { UnitRegistry } from '../registry/unit-registry';
import { AUDITOR_MSP_ID, type Actor, type Role } from './actor';

/**
 * @throws ChaincodeError FORBIDDEN_ROLE unless the caller has one of `allowed`
 */
export function requireRole(actor: Actor, allowed: readonly Role[], action: string): void {
    if (!allowed.includes(actor.role)) {
        throw new ChaincodeError('FORBIDDEN_ROLE', `role ${actor.role} may not ${action}`, {
            details: { role: actor.role, allowed },
        });
    }
}

/**
 * The unit the caller acts for, after checking that the caller's MSP owns it.
 *
 * @throws ChaincodeError FORBIDDEN_UNIT when the caller has no hcode, the hcode
 *   is not registered, or the caller's MSP is not the unit's MSP
 */
export function requireOwnUnit(actor: Actor, registry: UnitRegistry): Unit {
    if (actor.hcode === undefined) {
        throw new ChaincodeError('FORBIDDEN_UNIT', 'caller does not act for a unit');
    }
    const unit = registry.find(actor.hcode);
    if (!unit) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `caller unit ${actor.hcode} is not in the registry`, {
            details: { hcode: actor.hcode },
        });
    }
    if (unit.mspId !== actor.mspId) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `organisation ${actor.mspId} does not act for unit ${unit.hcode}`, {
            details: { hcode: unit.hcode, mspId: actor.mspId },
        });
    }
    return unit;
}

/** True for an auditor of the provincial health office (any hcode it carries must be its own). */
export function isProvincialAuditor(actor: Actor, registry: UnitRegistry): boolean {
    if (actor.role !== 'auditor' || actor.mspId !== AUDITOR_MSP_ID) {
        return false;
    }
    if (actor.hcode === undefined) {
        return true;
    }
    return registry.find(actor.hcode)?.mspId === actor.mspId;
}

/** The two parties of a referral, as stored on it. */
export interface ReferralParties {
    readonly id: string;
    readonly fromHcode: string;
    readonly toHcode: string;
    readonly fromMsp: string;
    readonly toMsp: string;
}

/**
 * Read access: a clinician or nurse of either party (hcode and MSP match that
 * side of the referral), or a provincial auditor.
 *
 * @throws ChaincodeError FORBIDDEN_UNIT otherwise
 */
export function requireReadAccess(actor: Actor, referral: ReferralParties, registry: UnitRegistry): void {
    if (isProvincialAuditor(actor, registry)) {
        return;
    }
    if (actor.role === 'clinician' || actor.role === 'nurse') {
        const fromSide = actor.hcode === referral.fromHcode && actor.mspId === referral.fromMsp;
        const toSide = actor.hcode === referral.toHcode && actor.mspId === referral.toMsp;
        if (fromSide || toSide) {
            return;
        }
    }
    throw new ChaincodeError('FORBIDDEN_UNIT', `caller may not read referral ${referral.id}`, {
        details: { id: referral.id },
    });
}

/**
 * Receiving-side access: the caller acts for the referral's destination unit
 * with the destination's MSP.
 *
 * @throws ChaincodeError FORBIDDEN_UNIT otherwise
 */
export function requireReceiver(actor: Actor, referral: ReferralParties): void {
    if (actor.hcode !== referral.toHcode || actor.mspId !== referral.toMsp) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `only unit ${referral.toHcode} may answer referral ${referral.id}`, {
            details: { id: referral.id, toHcode: referral.toHcode },
        });
    }
}
