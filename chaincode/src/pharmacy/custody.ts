import type { Actor } from '../access/actor';
import { ChaincodeError } from '../errors/chaincode-error';
import { sha256Hex } from '../ledger/content-hash';
import { toDeterministicBytes } from '../ledger/deterministic-json';
import type { ActingUnit } from './dispensing-unit';
import { CUSTODY_STEPS, type Channel, type CustodyStatus, type CustodyStep, type RefillCycle } from './refill-plan';

/** Chain of custody of post and volunteer (อสม.) deliveries: transitions, who may record each step, the confirmation code. */

/** Next steps allowed from each status, per delivery channel. */
const NEXT: Readonly<Record<'post' | 'volunteer', Readonly<Record<CustodyStatus, readonly CustodyStep[]>>>> = {
    post: {
        dispensed: ['packed'],
        packed: ['handed-to-post'],
        'handed-to-post': ['delivered', 'returned'],
        'picked-up': [],
        delivered: [],
        returned: [],
    },
    volunteer: {
        dispensed: ['packed', 'picked-up'],
        packed: ['picked-up'],
        'picked-up': ['delivered', 'returned'],
        'handed-to-post': [],
        delivered: [],
        returned: [],
    },
};

/** True for a delivery channel that has a chain of custody. */
export function isDeliveryChannel(channel: Channel): channel is 'post' | 'volunteer' {
    return channel === 'post' || channel === 'volunteer';
}

/** A custody step name, or INVALID_ARGUMENT. */
export function parseCustodyStep(value: unknown): CustodyStep {
    if (typeof value !== 'string' || !(CUSTODY_STEPS as readonly string[]).includes(value)) {
        throw new ChaincodeError('INVALID_ARGUMENT', `step must be one of ${CUSTODY_STEPS.join(', ')}`, { details: { field: 'step' } });
    }
    return value as CustodyStep;
}

/** SHA-256 of the one-time confirmation code, salted by plan and cycle. */
export function confirmationHash(planId: string, cycle: number, code: string): string {
    return sha256Hex(toDeterministicBytes({ planId, cycle, code }));
}

/**
 * The one-time confirmation code from the transient map (`confirmationCode`): 16-64 letters or digits, so its
 * public hash cannot be reversed by trying every code.
 *
 * @throws ChaincodeError INVALID_ARGUMENT when absent or too weak
 */
export function confirmationCodeFrom(transient: Map<string, Uint8Array>): string {
    const bytes = transient.get('confirmationCode');
    const code = bytes === undefined ? '' : Buffer.from(bytes).toString('utf8');
    if (!/^[A-Za-z0-9]{16,64}$/.test(code)) {
        throw new ChaincodeError('INVALID_ARGUMENT', 'a one-time confirmationCode of 16-64 letters or digits must be sent in the transient map', {
            details: { field: 'confirmationCode' },
        });
    }
    return code;
}

/**
 * Checks that `step` may follow the cycle's custody status and that the caller may record it:
 * packing and hand-over to the post by a pharmacist or nurse of the dispensing unit; pick-up by a volunteer
 * of the dispensing organisation; delivery or return by the volunteer who picked it up (volunteer channel) or
 * by the dispensing unit's staff (post).
 *
 * @throws ChaincodeError INVALID_TRANSITION, FORBIDDEN_ROLE or FORBIDDEN_UNIT
 */
export function checkCustodyStep(cycle: RefillCycle, step: CustodyStep, actor: Actor, unit: ActingUnit): void {
    const dispense = cycle.dispense;
    const custody = cycle.custody;
    if (dispense === undefined || custody === undefined || !isDeliveryChannel(dispense.channel)) {
        throw new ChaincodeError('INVALID_TRANSITION', `cycle ${String(cycle.cycle)} of plan ${cycle.planId} is not a post or volunteer delivery`, {
            details: { planId: cycle.planId, cycle: cycle.cycle },
        });
    }
    const allowed = NEXT[dispense.channel][custody.status];
    if (!allowed.includes(step)) {
        throw new ChaincodeError('INVALID_TRANSITION', `a ${dispense.channel} delivery cannot go from ${custody.status} to ${step}`, {
            details: { planId: cycle.planId, cycle: cycle.cycle, status: custody.status, allowed },
        });
    }
    const atDispensingUnit = unit.hcode === dispense.unitHcode && unit.mspId === dispense.unitMsp;
    const staff = actor.role === 'pharmacist' || actor.role === 'nurse';
    const pickedUpBy = custody.steps.find((s) => s.step === 'picked-up')?.by;
    let roleOk: boolean;
    let unitOk: boolean;
    if (step === 'picked-up') {
        roleOk = actor.role === 'volunteer';
        unitOk = actor.mspId === dispense.unitMsp;
    } else if ((step === 'delivered' || step === 'returned') && dispense.channel === 'volunteer') {
        roleOk = actor.role === 'volunteer';
        unitOk = pickedUpBy !== undefined && pickedUpBy.name === actor.name && pickedUpBy.mspId === actor.mspId;
    } else {
        roleOk = staff;
        unitOk = atDispensingUnit;
    }
    if (!roleOk) {
        throw new ChaincodeError('FORBIDDEN_ROLE', `role ${actor.role} may not record ${step}`, { details: { role: actor.role, step } });
    }
    if (!unitOk) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `caller may not record ${step} for cycle ${String(cycle.cycle)} of plan ${cycle.planId}`, {
            details: { planId: cycle.planId, cycle: cycle.cycle, step },
        });
    }
}
