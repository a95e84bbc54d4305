import type { Actor } from '../access/actor';
import { requireOwnUnit } from '../access/access-checks';
import { ChaincodeError } from '../errors/chaincode-error';
import { unitRegistry } from '../registry/unit-registry';
import { PARTNER_DRUGSTORES } from './pharmacy-rules';
import type { Channel } from './refill-plan';

/** The unit a caller acts for: a registered health unit or a partner drugstore. */
export interface ActingUnit {
    readonly hcode: string;
    readonly mspId: string;
    readonly kind: 'hospital' | 'health-centre' | 'provincial-office' | 'drugstore';
}

/**
 * The caller's unit, after checking that the caller's organisation acts for it
 * (registry units via {@link requireOwnUnit}; partner drugstores via their list).
 *
 * @throws ChaincodeError FORBIDDEN_UNIT otherwise
 */
export function actingUnit(actor: Actor): ActingUnit {
    const store = actor.hcode === undefined ? undefined : PARTNER_DRUGSTORES.get(actor.hcode);
    if (store !== undefined) {
        if (store.mspId !== actor.mspId) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `organisation ${actor.mspId} does not act for drugstore ${store.code}`, {
                details: { hcode: store.code, mspId: actor.mspId },
            });
        }
        return { hcode: store.code, mspId: store.mspId, kind: 'drugstore' };
    }
    const unit = requireOwnUnit(actor, unitRegistry);
    return { hcode: unit.hcode, mspId: unit.mspId, kind: unit.type };
}

/** Channels a unit of each kind can dispense through, the first being its own counter. */
const CHANNELS_OF: Readonly<Record<ActingUnit['kind'], readonly Channel[]>> = {
    hospital: ['hospital-pharmacy', 'post', 'volunteer'],
    'health-centre': ['health-centre', 'post', 'volunteer'],
    drugstore: ['drugstore'],
    'provincial-office': [],
};

/**
 * The channel a dispense goes through: `requested` when given, else the
 * cycle's planned channel when this unit can serve it, else the unit's own counter.
 *
 * @throws ChaincodeError INVALID_ARGUMENT when the unit cannot dispense through the channel
 */
export function dispenseChannel(unit: ActingUnit, requested: Channel | undefined, planned: Channel): Channel {
    const allowed = CHANNELS_OF[unit.kind];
    const channel = requested ?? (allowed.includes(planned) ? planned : allowed[0]);
    if (channel === undefined || !allowed.includes(channel)) {
        throw new ChaincodeError('INVALID_ARGUMENT', `a ${unit.kind} unit cannot dispense through the ${String(channel ?? planned)} channel`, {
            details: { field: 'channel', allowed },
        });
    }
    return channel;
}
