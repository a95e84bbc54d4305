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

/** True when the caller acts for `side` of the referral with that side's MSP. */
function actsFor(actor: Actor, hcode: string, mspId: string): boolean {
    return actor.hcode === hcode && actor.mspId === mspId;
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
    requireParty(actor, referral, 'read');
}

/**
 * Party access (no auditors): a clinician or nurse of either side of the
 * referral, with that side's MSP.
 *
 * @param action - what the caller wants to do, for the message (e.g. `read`)
 * @throws ChaincodeError FORBIDDEN_UNIT otherwise
 */
export function requireParty(actor: Actor, referral: ReferralParties, action: string): void {
    if (actor.role === 'clinician' || actor.role === 'nurse') {
        if (actsFor(actor, referral.fromHcode, referral.fromMsp) || actsFor(actor, referral.toHcode, referral.toMsp)) {
            return;
        }
    }
    throw new ChaincodeError('FORBIDDEN_UNIT', `caller may not ${action} referral ${referral.id}`, {
        details: { id: referral.id },
    });
}

/**
 * Receiving-side access: the caller acts for the referral's destination unit
 * with the destination's MSP.
 *
 * @param action - what the caller wants to do, for the message
 * @throws ChaincodeError FORBIDDEN_UNIT otherwise
 */
export function requireReceiver(actor: Actor, referral: ReferralParties, action = 'answer'): void {
    if (!actsFor(actor, referral.toHcode, referral.toMsp)) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `only unit ${referral.toHcode} may ${action} referral ${referral.id}`, {
            details: { id: referral.id, toHcode: referral.toHcode },
        });
    }
}

/**
 * Sending-side access: the caller acts for the referral's origin unit with the
 * origin's MSP.
 *
 * @param action - what the caller wants to do, for the message
 * @throws ChaincodeError FORBIDDEN_UNIT otherwise
 */
export function requireSender(actor: Actor, referral: ReferralParties, action: string): void {
    if (!actsFor(actor, referral.fromHcode, referral.fromMsp)) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `only unit ${referral.fromHcode} may ${action} referral ${referral.id}`, {
            details: { id: referral.id, fromHcode: referral.fromHcode },
        });
    }
}
