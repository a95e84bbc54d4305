import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import { unitRegistry } from '../registry/unit-registry';
import { PARTNER_DRUGSTORES, TMT_DRUGS, type RefillRule } from './pharmacy-rules';
import { isChannel, type Channel, type RefillItem } from './refill-plan';

/** Guards for the arguments and transient inputs of PharmacyContract. Every failure is INVALID_ARGUMENT naming the field, unless stated. */

const PLAN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const PSEUDONYM = /^[0-9a-f]{64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ITEMS = 20;

function invalid(field: string, message: string): ChaincodeError {
    return new ChaincodeError('INVALID_ARGUMENT', message, { details: { field } });
}

/** A plan id: 3-64 characters, letters, digits, `.`, `_`, `-`. */
export function parsePlanId(value: unknown): string {
    if (typeof value !== 'string' || !PLAN_ID.test(value)) {
        throw invalid('planId', 'planId must be 3-64 letters, digits, ".", "_" or "-"');
    }
    return value;
}

/** A cycle number (string argument) between 1 and `cycleCount` when given. */
export function parseCycleNumber(value: unknown, cycleCount?: number): number {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^[1-9]\d{0,2}$/.test(text)) {
        throw invalid('cycle', 'cycle must be a positive whole number');
    }
    const cycle = Number(text);
    if (cycleCount !== undefined && cycle > cycleCount) {
        throw invalid('cycle', `cycle ${String(cycle)} is beyond the plan's ${String(cycleCount)} cycles`);
    }
    return cycle;
}

function integerIn(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw invalid(field, `${field} must be a whole number from ${String(min)} to ${String(max)}`);
    }
    return value;
}

/** A calendar day YYYY-MM-DD that exists. */
export function parseDay(value: unknown, field: string): string {
    if (typeof value !== 'string' || !DAY.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        throw invalid(field, `${field} must be a date YYYY-MM-DD`);
    }
    return value;
}

/** A channel and the unit that serves it, checked against the unit registry and the partner drugstores. */
export interface ChannelTarget {
    readonly channel: Channel;
    readonly unitHcode: string;
}

/**
 * Checks that `unitHcode` can serve `channel`: a hospital for the hospital
 * pharmacy, a health centre for รพ.สต., a partner drugstore for drugstore, a
 * hospital or health centre for post and volunteer delivery. Hospital
 * pharmacy, post and volunteer default to `defaultHcode` (the prescriber).
 *
 * @throws ChaincodeError INVALID_ARGUMENT for an unknown channel or a unit that cannot serve it
 * @throws ChaincodeError UNKNOWN_HCODE for a unit that is in neither list
 */
export function parseChannelTarget(channel: unknown, unitHcode: unknown, defaultHcode: string): ChannelTarget {
    if (!isChannel(channel)) {
        throw invalid('channel', 'channel must be hospital-pharmacy, drugstore, health-centre, post or volunteer');
    }
    if (unitHcode !== undefined && unitHcode !== null && unitHcode !== '' && (typeof unitHcode !== 'string' || !/^\d{5}$/.test(unitHcode))) {
        throw invalid('unitHcode', 'unitHcode must be a 5-digit code');
    }
    let hcode = typeof unitHcode === 'string' && unitHcode !== '' ? unitHcode : undefined;
    if (channel === 'drugstore') {
        if (hcode === undefined || !PARTNER_DRUGSTORES.has(hcode)) {
            throw invalid('unitHcode', 'the drugstore channel needs the code of a partner drugstore');
        }
        return { channel, unitHcode: hcode };
    }
    if (hcode === undefined) {
        if (channel === 'health-centre') throw invalid('unitHcode', 'the health-centre channel needs the hcode of a รพ.สต.');
        hcode = defaultHcode;
    }
    const unit = unitRegistry.get(hcode);
    const fits =
        channel === 'hospital-pharmacy' ? unit.type === 'hospital' : channel === 'health-centre' ? unit.type === 'health-centre' : unit.type !== 'provincial-office';
    if (!fits) {
        throw invalid('unitHcode', `unit ${hcode} (${unit.type}) cannot serve the ${channel} channel`);
    }
    return { channel, unitHcode: hcode };
}

/** The `CreateRefillPlan` payload, narrowed. */
export interface CreatePlanInput {
    readonly planId: string;
    readonly patientPseudonym: string;
    readonly startDate: string;
    readonly intervalDays: number;
    readonly cycleCount: number;
    /** Channel and unit of every cycle, index 0 = cycle 1. */
    readonly schedule: readonly ChannelTarget[];
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
    let value: unknown;
    try {
        value = JSON.parse(text) as unknown;
    } catch {
        throw invalid(what, `${what} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalid(what, `${what} must be a JSON object`);
    }
    return value as Record<string, unknown>;
}

/**
 * Parses the public `CreateRefillPlan` payload: `planId`, `patientPseudonym`,
 * `startDate`, `intervalDays`, `cycleCount`, a default `channel` (+ `unitHcode`)
 * and optional per-cycle `overrides: [{ cycle, channel, unitHcode }]`, within
 * the limits of `rule`.
 */
export function parseCreatePlanPayload(payload: string, prescriberHcode: string, rule: RefillRule): CreatePlanInput {
    const input = parseJsonObject(payload, 'payload');
    const planId = parsePlanId(input.planId);
    if (typeof input.patientPseudonym !== 'string' || !PSEUDONYM.test(input.patientPseudonym)) {
        throw invalid('patientPseudonym', 'patientPseudonym must be 64 lowercase hex characters');
    }
    const startDate = parseDay(input.startDate, 'startDate');
    const intervalDays = integerIn(input.intervalDays, 'intervalDays', rule.minIntervalDays, rule.maxIntervalDays);
    const cycleCount = integerIn(input.cycleCount, 'cycleCount', 1, rule.maxCycles);
    const base = parseChannelTarget(input.channel ?? 'hospital-pharmacy', input.unitHcode, prescriberHcode);
    const schedule: ChannelTarget[] = Array.from({ length: cycleCount }, () => base);
    const overrides = input.overrides ?? [];
    if (!Array.isArray(overrides)) throw invalid('overrides', 'overrides must be an array');
    for (const entry of overrides as unknown[]) {
        if (typeof entry !== 'object' || entry === null) throw invalid('overrides', 'each override must be an object');
        const { cycle, channel, unitHcode } = entry as Record<string, unknown>;
        const number = parseCycleNumber(cycle, cycleCount);
        schedule[number - 1] = parseChannelTarget(channel, unitHcode, prescriberHcode);
    }
    return { planId, patientPseudonym: input.patientPseudonym, startDate, intervalDays, cycleCount, schedule };
}

/**
 * Reads the item list from the transient map (`items`: JSON array of
 * `{ tmtId, quantity, sig? }`), sorted by TMTID.
 *
 * @throws ChaincodeError INVALID_ARGUMENT when absent, malformed, empty, duplicated or a quantity is not a positive whole number
 * @throws ChaincodeError UNKNOWN_DRUG_CODE when a TMTID is not in the TMT subset
 */
export function itemsFromTransient(ctx: Context, rule: RefillRule): RefillItem[] {
    const bytes = ctx.stub.getTransient().get('items');
    if (!bytes || bytes.length === 0) {
        throw invalid('items', 'the item list must be sent in the transient map under "items"');
    }
    let value: unknown;
    try {
        value = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    } catch {
        throw invalid('items', 'items is not JSON');
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ITEMS) {
        throw invalid('items', `items must be a list of 1 to ${String(MAX_ITEMS)} drugs`);
    }
    const seen = new Set<string>();
    const items = (value as unknown[]).map((entry, index): RefillItem => {
        if (typeof entry !== 'object' || entry === null) throw invalid(`items[${String(index)}]`, 'each item must be an object');
        const { tmtId, quantity, sig } = entry as Record<string, unknown>;
        if (typeof tmtId !== 'string' || !TMT_DRUGS.has(tmtId)) {
            throw new ChaincodeError('UNKNOWN_DRUG_CODE', `drug ${String(tmtId)} is not in the TMT subset`, {
                details: { field: `items[${String(index)}].tmtId`, tmtId: typeof tmtId === 'string' ? tmtId : null },
            });
        }
        if (seen.has(tmtId)) throw invalid(`items[${String(index)}].tmtId`, `drug ${tmtId} is listed twice`);
        seen.add(tmtId);
        const count = integerIn(quantity, `items[${String(index)}].quantity`, 1, rule.maxQuantityPerItem);
        if (sig !== undefined && (typeof sig !== 'string' || sig.length > 200)) {
            throw invalid(`items[${String(index)}].sig`, 'sig must be text of at most 200 characters');
        }
        return sig === undefined || sig === '' ? { tmtId, quantity: count } : { tmtId, quantity: count, sig };
    });
    return items.sort((a, b) => a.tmtId.localeCompare(b.tmtId));
}
