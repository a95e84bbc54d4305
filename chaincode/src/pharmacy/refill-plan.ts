/** Ledger records of the pharmacy domain: the public refill plan and one record per cycle. */

/** Where a cycle is dispensed. */
export const CHANNELS = ['hospital-pharmacy', 'drugstore', 'health-centre', 'post', 'volunteer'] as const;

/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];

/** True for a known channel. */
export function isChannel(value: unknown): value is Channel {
    return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export const REFILL_PLAN_DOC_TYPE = 'refillPlan';
export const REFILL_CYCLE_DOC_TYPE = 'refillCycle';

/** A person who signed a step (from the certificate). */
export interface Signer {
    readonly name: string;
    readonly role: string;
    readonly mspId: string;
    readonly hcode: string;
}

/** A refill plan as the channel sees it: codes, counts and a salted hash of the items; no item details. */
export interface RefillPlan {
    readonly docType: typeof REFILL_PLAN_DOC_TYPE;
    readonly planId: string;
    readonly patientPseudonym: string;
    readonly prescriberHcode: string;
    readonly prescriberMsp: string;
    readonly prescribedBy: Signer;
    readonly createdAt: string;
    /** Day of cycle 1 (YYYY-MM-DD, Asia/Bangkok). */
    readonly startDate: string;
    readonly intervalDays: number;
    readonly cycleCount: number;
    readonly itemCount: number;
    /** SHA-256 of the deterministic JSON `{ planId, items }` (salted by the plan id). */
    readonly itemsHash: string;
    /** Refill rule version in force when the plan was made. */
    readonly ruleId: string;
}

/** A change of a future cycle's channel. */
export interface ChannelChange {
    readonly at: string;
    readonly by: Signer;
    readonly onBehalfOfPatient: boolean;
    readonly from: { readonly channel: Channel; readonly unitHcode: string };
    readonly to: { readonly channel: Channel; readonly unitHcode: string };
}

/** The dispensing event of a cycle. */
export interface DispenseEvent {
    readonly at: string;
    readonly txId: string;
    readonly dispenser: Signer;
    /** Unit that dispensed (hcode, or a partner drugstore code) and its organisation. */
    readonly unitHcode: string;
    readonly unitMsp: string;
    readonly channel: Channel;
    /** SHA-256 of the deterministic JSON `{ planId, items }` of the dispensed items. */
    readonly itemsHash: string;
    /** True when the dispensed items hash to the plan's itemsHash. */
    readonly matchesPlan: boolean;
}

/** Custody steps of a post or volunteer delivery. */
export const CUSTODY_STEPS = ['packed', 'handed-to-post', 'picked-up', 'delivered', 'returned'] as const;

/** One of {@link CUSTODY_STEPS}. */
export type CustodyStep = (typeof CUSTODY_STEPS)[number];

/** Where a delivery stands: `dispensed` until the first custody step. */
export type CustodyStatus = 'dispensed' | CustodyStep;

/** One signed custody step. */
export interface CustodyEvent {
    readonly step: CustodyStep;
    readonly at: string;
    readonly txId: string;
    readonly by: Signer;
    readonly trackingNumber?: string;
}

/** Chain of custody of a cycle dispensed for post or volunteer delivery. */
export interface Custody {
    readonly status: CustodyStatus;
    /** Last day (Asia/Bangkok) to confirm the delivery (dispense day + the rule table's days); later it is flagged. */
    readonly confirmBy: string;
    /** SHA-256 of `{ planId, cycle, code }` of the one-time confirmation code handed to the patient. */
    readonly confirmationHash: string;
    readonly trackingNumber?: string;
    readonly steps: readonly CustodyEvent[];
}

/** One cycle of a plan: the one key every dispense and channel change of that cycle reads and writes. */
export interface RefillCycle {
    readonly docType: typeof REFILL_CYCLE_DOC_TYPE;
    readonly planId: string;
    readonly cycle: number;
    readonly patientPseudonym: string;
    readonly prescriberHcode: string;
    readonly prescriberMsp: string;
    /** Planned day (startDate + (cycle - 1) × interval). */
    readonly dueDate: string;
    readonly channel: Channel;
    /** Planned dispensing unit (hcode or partner drugstore code). */
    readonly unitHcode: string;
    readonly status: 'scheduled' | 'dispensed';
    readonly channelChanges: readonly ChannelChange[];
    readonly dispense?: DispenseEvent;
    /** Present when the cycle was dispensed for post or volunteer delivery. */
    readonly custody?: Custody;
}

/** One item of a plan or a dispense (private). */
export interface RefillItem {
    readonly tmtId: string;
    readonly quantity: number;
    readonly sig?: string;
}

/** Narrowing guard for a stored plan. */
export function isRefillPlan(value: unknown): value is RefillPlan {
    const plan = value as Partial<RefillPlan> | undefined;
    return typeof plan === 'object' && plan !== null && plan.docType === REFILL_PLAN_DOC_TYPE && typeof plan.planId === 'string' && typeof plan.cycleCount === 'number';
}

/** Narrowing guard for a stored cycle. */
export function isRefillCycle(value: unknown): value is RefillCycle {
    const cycle = value as Partial<RefillCycle> | undefined;
    return typeof cycle === 'object' && cycle !== null && cycle.docType === REFILL_CYCLE_DOC_TYPE && typeof cycle.cycle === 'number' && Array.isArray(cycle.channelChanges);
}
