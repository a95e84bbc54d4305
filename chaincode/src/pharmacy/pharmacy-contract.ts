import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireRole } from '../access/access-checks';
import { getActor, type Actor, type Role } from '../access/actor';
import { requirePeerMember } from '../access/peer-org';
import { ChaincodeError } from '../errors/chaincode-error';
import { sha256Hex } from '../ledger/content-hash';
import { toDeterministicBytes, toDeterministicJson } from '../ledger/deterministic-json';
import { requirePeersOf } from '../ledger/key-endorsement';
import { getPrivateBytes, putPrivateState } from '../ledger/private-data';
import { getJson, putState } from '../ledger/state';
import { txTimestampIso } from '../ledger/tx-time';
import { checkCustodyStep, confirmationCodeFrom, confirmationHash, isDeliveryChannel, parseCustodyStep } from './custody';
import { actingUnit, dispenseChannel, type ActingUnit } from './dispensing-unit';
import { itemsFromTransient, parseChannelTarget, parseCreatePlanPayload, parseCycleNumber, parsePlanId } from './pharmacy-arguments';
import { cycleKey, dispensedItemsKey, implicitCollection, planKey } from './pharmacy-keys';
import { addDays, bangkokDay, refillRuleOn, type RefillRule } from './pharmacy-rules';
import {
    isChannel,
    isRefillCycle,
    isRefillPlan,
    REFILL_CYCLE_DOC_TYPE,
    REFILL_PLAN_DOC_TYPE,
    type RefillCycle,
    type RefillItem,
    type RefillPlan,
    type Signer,
} from './refill-plan';

/** Event emitted by every pharmacy write, carrying the public record(s) written. */
export const PHARMACY_CHANGED_EVENT = 'PharmacyChanged';

/** A plan with its cycles, as the read transactions and CreateRefillPlan return it. */
export interface PlanView {
    readonly plan: RefillPlan;
    readonly cycles: readonly RefillCycle[];
}

/** Roles that may dispense (a nurse only at a รพ.สต., where there is usually no pharmacist). */
const DISPENSER_ROLES: readonly Role[] = ['pharmacist', 'nurse'];
/** Roles that may change the channel of a future cycle. */
const CHANNEL_ROLES: readonly Role[] = ['clinician', 'nurse', 'pharmacist'];
/** Roles that may read plans. */
const READER_ROLES: readonly Role[] = ['clinician', 'nurse', 'pharmacist', 'volunteer', 'auditor'];

function signer(actor: Actor, hcode: string): Signer {
    return { name: actor.name, role: actor.role, mspId: actor.mspId, hcode };
}

/** SHA-256 of the items, salted by the plan id (a drug code alone is guessable). */
export function itemsHash(planId: string, items: readonly RefillItem[]): string {
    return sha256Hex(toDeterministicBytes({ planId, items: items.map((item) => ({ tmtId: item.tmtId, quantity: item.quantity })) }));
}

function ruleAt(day: string): RefillRule {
    const rule = refillRuleOn(day);
    if (rule === undefined) {
        throw new ChaincodeError('INVALID_ARGUMENT', `no refill rule is in force on ${day}`, { details: { day } });
    }
    return rule;
}

async function findPlan(ctx: Context, planId: string): Promise<RefillPlan | undefined> {
    const value = await getJson(ctx, planKey(ctx, planId));
    if (value === undefined) return undefined;
    if (!isRefillPlan(value)) throw new ChaincodeError('LEDGER_CORRUPT', `plan ${planId} is not a refill plan`, { details: { planId } });
    return value;
}

async function getPlan(ctx: Context, planId: string): Promise<RefillPlan> {
    const plan = await findPlan(ctx, planId);
    if (plan === undefined) throw new ChaincodeError('PLAN_NOT_FOUND', `refill plan ${planId} does not exist`, { details: { planId } });
    return plan;
}

async function getCycle(ctx: Context, planId: string, cycle: number): Promise<RefillCycle> {
    const value = await getJson(ctx, cycleKey(ctx, planId, cycle));
    if (!isRefillCycle(value)) {
        throw new ChaincodeError('LEDGER_CORRUPT', `cycle ${String(cycle)} of plan ${planId} is missing or malformed`, { details: { planId, cycle } });
    }
    return value;
}

async function saveCycle(ctx: Context, cycle: RefillCycle): Promise<string> {
    const json = await putState(ctx, cycleKey(ctx, cycle.planId, cycle.cycle), cycle);
    ctx.stub.setEvent(PHARMACY_CHANGED_EVENT, Buffer.from(toDeterministicJson({ cycles: [cycle] }), 'utf8'));
    return json;
}

function alreadyDispensed(cycle: RefillCycle): ChaincodeError {
    return new ChaincodeError('ALREADY_DISPENSED', `cycle ${String(cycle.cycle)} of plan ${cycle.planId} was dispensed at ${cycle.dispense?.at ?? '?'} by unit ${cycle.dispense?.unitHcode ?? '?'}`, {
        details: { planId: cycle.planId, cycle: cycle.cycle, dispensedAt: cycle.dispense?.at, unitHcode: cycle.dispense?.unitHcode },
    });
}

/**
 * Continued-medicine refills: a hospital clinician makes a refill plan (items
 * private to the hospital, their salted hash on the channel), each cycle has a
 * channel (hospital pharmacy, partner drugstore, รพ.สต., post, อสม.) that may
 * change while the cycle is in the future, and any dispensing unit in the
 * province records the dispense of a cycle exactly once. Each cycle is one key:
 * a dispense and a channel change both read and write it, so two concurrent
 * dispenses of one cycle conflict (MVCC) and only one commits; a later one is
 * refused with ALREADY_DISPENSED. A refill before the interval minus the rule
 * table's tolerance is refused with TOO_EARLY.
 */
@Info({ title: 'PharmacyContract', description: 'Continued-medicine refill plans and dispensing events (codes, pseudonyms and hashes only)' })
export class PharmacyContract extends Contract {
    constructor() {
        super('PharmacyContract');
    }

    // Creates a refill plan and its cycles for a patient (pseudonym) from a hospital clinician; the items come in the transient map and stay in the hospital's implicit collection. Returns { plan, cycles }.
    @Transaction()
    @Returns('string')
    public async CreateRefillPlan(ctx: Context, payload: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician'], 'create a refill plan');
        const unit = actingUnit(actor);
        if (unit.kind !== 'hospital') {
            throw new ChaincodeError('FORBIDDEN_UNIT', `unit ${unit.hcode} is not a hospital; refill plans are made by hospital clinicians`, {
                details: { hcode: unit.hcode },
            });
        }
        const at = txTimestampIso(ctx);
        const rule = ruleAt(bangkokDay(at));
        const input = parseCreatePlanPayload(payload, unit.hcode, rule);
        const items = itemsFromTransient(ctx, rule);
        if ((await findPlan(ctx, input.planId)) !== undefined) {
            throw new ChaincodeError('PLAN_EXISTS', `refill plan ${input.planId} already exists`, { details: { planId: input.planId } });
        }
        requirePeerMember(ctx, [unit.mspId], 'store the items of a refill plan');

        const plan: RefillPlan = {
            docType: REFILL_PLAN_DOC_TYPE,
            planId: input.planId,
            patientPseudonym: input.patientPseudonym,
            prescriberHcode: unit.hcode,
            prescriberMsp: unit.mspId,
            prescribedBy: signer(actor, unit.hcode),
            createdAt: at,
            startDate: input.startDate,
            intervalDays: input.intervalDays,
            cycleCount: input.cycleCount,
            itemCount: items.length,
            itemsHash: itemsHash(input.planId, items),
            ruleId: rule.id,
        };
        const cycles = input.schedule.map(
            (target, index): RefillCycle => ({
                docType: REFILL_CYCLE_DOC_TYPE,
                planId: plan.planId,
                cycle: index + 1,
                patientPseudonym: plan.patientPseudonym,
                prescriberHcode: plan.prescriberHcode,
                prescriberMsp: plan.prescriberMsp,
                dueDate: addDays(plan.startDate, index * plan.intervalDays),
                channel: target.channel,
                unitHcode: target.unitHcode,
                status: 'scheduled',
                channelChanges: [],
            }),
        );
        await putState(ctx, planKey(ctx, plan.planId), plan);
        await requirePeersOf(ctx, planKey(ctx, plan.planId), [plan.prescriberMsp]);
        for (const cycle of cycles) {
            await putState(ctx, cycleKey(ctx, plan.planId, cycle.cycle), cycle);
            // a dispense needs a peer of the prescribing organisation (plus the dispenser's own)
            await requirePeersOf(ctx, cycleKey(ctx, plan.planId, cycle.cycle), [plan.prescriberMsp]);
        }
        await putPrivateState(ctx, implicitCollection(plan.prescriberMsp), plan.planId, { planId: plan.planId, items });
        const view: PlanView = { plan, cycles };
        const json = toDeterministicJson(view);
        ctx.stub.setEvent(PHARMACY_CHANGED_EVENT, Buffer.from(json, 'utf8'));
        return json;
    }

    // Changes the channel (and unit) of a cycle that is not yet dispensed; by staff of the prescribing organisation or of the cycle's planned unit, optionally on the patient's request. Returns the cycle.
    @Transaction()
    @Returns('string')
    public async ChangeCycleChannel(ctx: Context, planId: string, cycle: string, channel: string, unitHcode: string, onBehalfOfPatient: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, CHANNEL_ROLES, 'change the channel of a refill');
        const unit = actingUnit(actor);
        const id = parsePlanId(planId);
        if (onBehalfOfPatient !== 'true' && onBehalfOfPatient !== 'false') {
            throw new ChaincodeError('INVALID_ARGUMENT', 'onBehalfOfPatient must be true or false', { details: { field: 'onBehalfOfPatient' } });
        }
        const plan = await getPlan(ctx, id);
        const number = parseCycleNumber(cycle, plan.cycleCount);
        const target = parseChannelTarget(channel, unitHcode, plan.prescriberHcode);
        const current = await getCycle(ctx, id, number);
        if (unit.mspId !== plan.prescriberMsp && unit.hcode !== current.unitHcode) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `only the prescribing organisation or unit ${current.unitHcode} may change cycle ${String(number)} of plan ${id}`, {
                details: { planId: id, cycle: number },
            });
        }
        if (current.status === 'dispensed') throw alreadyDispensed(current);
        const at = txTimestampIso(ctx);
        const updated: RefillCycle = {
            ...current,
            channel: target.channel,
            unitHcode: target.unitHcode,
            channelChanges: [
                ...current.channelChanges,
                {
                    at,
                    by: signer(actor, unit.hcode),
                    onBehalfOfPatient: onBehalfOfPatient === 'true',
                    from: { channel: current.channel, unitHcode: current.unitHcode },
                    to: { channel: target.channel, unitHcode: target.unitHcode },
                },
            ],
        };
        return saveCycle(ctx, updated);
    }

    // Records the dispense of a cycle by a pharmacist (or a รพ.สต. nurse) of any unit or partner drugstore; the dispensed items come in the transient map and go to the dispensing organisation's implicit collection. Refused with ALREADY_DISPENSED or TOO_EARLY. Returns the cycle.
    @Transaction()
    @Returns('string')
    public async DispenseCycle(ctx: Context, planId: string, cycle: string, channel: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, DISPENSER_ROLES, 'dispense a refill');
        const unit = actingUnit(actor);
        if (actor.role === 'nurse' && unit.kind !== 'health-centre') {
            throw new ChaincodeError('FORBIDDEN_ROLE', 'a nurse may dispense refills only at a รพ.สต.', { details: { role: actor.role, hcode: unit.hcode } });
        }
        if (unit.kind === 'provincial-office') {
            throw new ChaincodeError('FORBIDDEN_UNIT', `unit ${unit.hcode} does not dispense`, { details: { hcode: unit.hcode } });
        }
        const id = parsePlanId(planId);
        if (channel !== '' && !isChannel(channel)) {
            throw new ChaincodeError('INVALID_ARGUMENT', 'channel must be hospital-pharmacy, drugstore, health-centre, post or volunteer', { details: { field: 'channel' } });
        }
        const at = txTimestampIso(ctx);
        const today = bangkokDay(at);
        const rule = ruleAt(today);
        const items = itemsFromTransient(ctx, rule);
        const plan = await getPlan(ctx, id);
        const number = parseCycleNumber(cycle, plan.cycleCount);
        // the one key of this cycle: read here, written below
        const current = await getCycle(ctx, id, number);
        if (current.status === 'dispensed') throw alreadyDispensed(current);
        const used = dispenseChannel(unit, channel === '' ? undefined : channel, current.channel);
        const earliest = await this.#earliestDay(ctx, plan, number, rule);
        if (today < earliest) {
            throw new ChaincodeError('TOO_EARLY', `cycle ${String(number)} of plan ${id} may be dispensed from ${earliest} (rule ${rule.id}: ${String(plan.intervalDays)}-day interval, ${String(rule.earlyToleranceDays)} days early at most)`, {
                details: { planId: id, cycle: number, earliest, today, ruleId: rule.id },
            });
        }
        const hash = itemsHash(id, items);
        const code = isDeliveryChannel(used) ? confirmationCodeFrom(ctx.stub.getTransient()) : undefined;
        const updated: RefillCycle = {
            ...current,
            status: 'dispensed',
            dispense: {
                at,
                txId: ctx.stub.getTxID(),
                dispenser: signer(actor, unit.hcode),
                unitHcode: unit.hcode,
                unitMsp: unit.mspId,
                channel: used,
                itemsHash: hash,
                matchesPlan: hash === plan.itemsHash,
            },
            ...(code === undefined || !isDeliveryChannel(used)
                ? {}
                : {
                      custody: {
                          status: 'dispensed' as const,
                          confirmBy: addDays(today, rule.deliveryConfirmDays[used]),
                          confirmationHash: confirmationHash(id, number, code),
                          steps: [],
                      },
                  }),
        };
        const json = await saveCycle(ctx, updated);
        await requirePeersOf(ctx, cycleKey(ctx, id, number), [plan.prescriberMsp, unit.mspId]);
        await putPrivateState(ctx, implicitCollection(unit.mspId), dispensedItemsKey(id, number), { planId: id, cycle: number, items });
        return json;
    }

    // Records a custody step of a post or volunteer delivery (packed, handed-to-post with a tracking number, picked-up, delivered with the patient's one-time code in the transient map, returned) by the person who did it. Returns the cycle.
    @Transaction()
    @Returns('string')
    public async RecordCustodyStep(ctx: Context, planId: string, cycle: string, step: string, trackingNumber: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['pharmacist', 'nurse', 'volunteer'], 'record a delivery step');
        const unit = actingUnit(actor);
        const id = parsePlanId(planId);
        const which = parseCustodyStep(step);
        if (which === 'handed-to-post' && !/^[A-Z0-9]{8,20}$/.test(trackingNumber)) {
            throw new ChaincodeError('INVALID_ARGUMENT', 'handed-to-post needs the post tracking number (8-20 capital letters or digits)', { details: { field: 'trackingNumber' } });
        }
        const plan = await getPlan(ctx, id);
        const number = parseCycleNumber(cycle, plan.cycleCount);
        const current = await getCycle(ctx, id, number);
        checkCustodyStep(current, which, actor, unit);
        const custody = current.custody;
        if (custody === undefined) throw new ChaincodeError('INVALID_TRANSITION', 'no delivery to record');
        if (which === 'delivered' && confirmationHash(id, number, confirmationCodeFrom(ctx.stub.getTransient())) !== custody.confirmationHash) {
            throw new ChaincodeError('CONFIRMATION_MISMATCH', `the confirmation code does not match the one given with cycle ${String(number)} of plan ${id}`, {
                details: { planId: id, cycle: number },
            });
        }
        const event = {
            step: which,
            at: txTimestampIso(ctx),
            txId: ctx.stub.getTxID(),
            by: signer(actor, unit.hcode),
            ...(which === 'handed-to-post' ? { trackingNumber } : {}),
        };
        return saveCycle(ctx, {
            ...current,
            custody: { ...custody, status: which, ...(which === 'handed-to-post' ? { trackingNumber } : {}), steps: [...custody.steps, event] },
        });
    }

    /** First day cycle `number` may be dispensed: the start date (cycle 1) or the previous dispense day plus the interval, less the tolerance. */
    async #earliestDay(ctx: Context, plan: RefillPlan, number: number, rule: RefillRule): Promise<string> {
        if (number === 1) return addDays(plan.startDate, -rule.earlyToleranceDays);
        const previous = await getCycle(ctx, plan.planId, number - 1);
        if (previous.dispense === undefined) {
            throw new ChaincodeError('INVALID_TRANSITION', `cycle ${String(number - 1)} of plan ${plan.planId} has not been dispensed yet`, {
                details: { planId: plan.planId, cycle: number, pendingCycle: number - 1 },
            });
        }
        return addDays(bangkokDay(previous.dispense.at), plan.intervalDays - rule.earlyToleranceDays);
    }

    // Returns a plan and its cycles (with channel changes and dispensing events): the dispensing history of the plan.
    @Transaction(false)
    @Returns('string')
    public async GetRefillPlan(ctx: Context, planId: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, READER_ROLES, 'read refill plans');
        const plan = await getPlan(ctx, parsePlanId(planId));
        const cycles: RefillCycle[] = [];
        for (let number = 1; number <= plan.cycleCount; number += 1) {
            cycles.push(await getCycle(ctx, plan.planId, number));
        }
        const view: PlanView = { plan, cycles };
        return toDeterministicJson(view);
    }

    // Returns the items of a plan from the prescribing organisation's implicit collection, with whether they match the channel's itemsHash; prescribing organisation only.
    @Transaction(false)
    @Returns('string')
    public async GetPlanItems(ctx: Context, planId: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician', 'nurse', 'pharmacist'], 'read refill items');
        const unit: ActingUnit = actingUnit(actor);
        const plan = await getPlan(ctx, parsePlanId(planId));
        if (unit.mspId !== plan.prescriberMsp) {
            throw new ChaincodeError('FORBIDDEN_UNIT', `only organisation ${plan.prescriberMsp} holds the items of plan ${plan.planId}`, { details: { planId: plan.planId } });
        }
        requirePeerMember(ctx, [plan.prescriberMsp], 'read the items of a refill plan');
        const bytes = await getPrivateBytes(ctx, implicitCollection(plan.prescriberMsp), plan.planId);
        if (bytes === undefined) {
            throw new ChaincodeError('PLAN_NOT_FOUND', `this peer holds no items for plan ${plan.planId}`, { details: { planId: plan.planId } });
        }
        const stored = JSON.parse(Buffer.from(bytes).toString('utf8')) as { items: RefillItem[] };
        return toDeterministicJson({ planId: plan.planId, items: stored.items, matchesLedger: itemsHash(plan.planId, stored.items) === plan.itemsHash });
    }
}
