import type { Context } from 'fabric-contract-api';

/** Object type of the refill plan key. */
export const PLAN_KEY_TYPE = 'pharmacy~plan';
/** Object type of the cycle key (the one key a dispense writes). */
export const CYCLE_KEY_TYPE = 'pharmacy~cycle';

/** Key of plan `planId`. */
export function planKey(ctx: Context, planId: string): string {
    return ctx.stub.createCompositeKey(PLAN_KEY_TYPE, [planId]);
}

/** Key of cycle `cycle` of plan `planId` (cycle zero-padded to 3 digits so keys sort by cycle). */
export function cycleKey(ctx: Context, planId: string, cycle: number): string {
    return ctx.stub.createCompositeKey(CYCLE_KEY_TYPE, [planId, String(cycle).padStart(3, '0')]);
}

/** Name of the implicit private collection of organisation `mspId`. */
export function implicitCollection(mspId: string): string {
    return `_implicit_org_${mspId}`;
}

/** Private key of a dispense's items in the dispensing organisation's collection. */
export function dispensedItemsKey(planId: string, cycle: number): string {
    return `${planId}/${String(cycle).padStart(3, '0')}`;
}
