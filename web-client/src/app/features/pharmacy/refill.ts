/** Shapes of /api/pharmacy answers and pure helpers for the pharmacy pages (no Angular: unit-tested with jest). */

export const CHANNELS = ['hospital-pharmacy', 'drugstore', 'health-centre', 'post', 'volunteer'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface RefillItem {
  tmtId: string;
  quantity: number;
  sig?: string;
}

export interface Signer {
  readonly name: string;
  readonly role: string;
  readonly mspId: string;
  readonly hcode: string;
}

export interface RefillCycle {
  readonly planId: string;
  readonly cycle: number;
  readonly dueDate: string;
  readonly channel: Channel;
  readonly unitHcode: string;
  readonly status: 'scheduled' | 'dispensed';
  readonly channelChanges: readonly { at: string; by: Signer; onBehalfOfPatient: boolean; from: { channel: Channel; unitHcode: string }; to: { channel: Channel; unitHcode: string } }[];
  readonly dispense?: {
    readonly at: string;
    readonly txId: string;
    readonly dispenser: Signer;
    readonly unitHcode: string;
    readonly unitMsp: string;
    readonly channel: Channel;
    readonly itemsHash: string;
    readonly matchesPlan: boolean;
  };
  readonly custody?: Custody;
  /** Set by the gateway: delivery not confirmed by its confirmBy day. */
  readonly overdue?: boolean;
}

export const CUSTODY_STEPS = ['packed', 'handed-to-post', 'picked-up', 'delivered', 'returned'] as const;
export type CustodyStep = (typeof CUSTODY_STEPS)[number];

export interface Custody {
  readonly status: 'dispensed' | CustodyStep;
  readonly confirmBy: string;
  readonly trackingNumber?: string;
  readonly steps: readonly { step: CustodyStep; at: string; by: Signer; trackingNumber?: string }[];
}

/** Custody steps that may follow `status` on a delivery by `channel` (mirror of the chaincode's table). */
export function nextCustodySteps(channel: Channel, status: Custody['status']): CustodyStep[] {
  const post: Record<string, CustodyStep[]> = { dispensed: ['packed'], packed: ['handed-to-post'], 'handed-to-post': ['delivered', 'returned'] };
  const volunteer: Record<string, CustodyStep[]> = { dispensed: ['packed', 'picked-up'], packed: ['picked-up'], 'picked-up': ['delivered', 'returned'] };
  if (channel === 'post') return post[status] ?? [];
  if (channel === 'volunteer') return volunteer[status] ?? [];
  return [];
}

export interface RefillPlan {
  readonly planId: string;
  readonly patientPseudonym: string;
  readonly prescriberHcode: string;
  readonly prescriberMsp: string;
  readonly prescribedBy: Signer;
  readonly createdAt: string;
  readonly startDate: string;
  readonly intervalDays: number;
  readonly cycleCount: number;
  readonly itemCount: number;
  readonly itemsHash: string;
}

export interface PlanView {
  readonly plan: RefillPlan;
  readonly cycles: readonly RefillCycle[];
}

export interface TmtDrug {
  readonly tmtId: string;
  readonly nameEn: string;
  readonly nameTh: string;
  readonly dispensingUnit: string;
  readonly illustrative: boolean;
}

export interface RefillRule {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly earlyToleranceDays: number;
  readonly minIntervalDays: number;
  readonly maxIntervalDays: number;
  readonly maxCycles: number;
  readonly verified: boolean;
}

export interface PartnerDrugstore {
  readonly code: string;
  readonly nameTh: string;
  readonly nameEn: string;
}

export interface CreatePlanRequest {
  planId: string;
  patient: { cid: string };
  startDate: string;
  intervalDays: number;
  cycleCount: number;
  channel: Channel;
  unitHcode?: string;
  items: RefillItem[];
}

/** `day` (YYYY-MM-DD) plus `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day of an instant in Asia/Bangkok. */
export function bangkokDay(iso: string | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The first cycle not yet dispensed, or undefined when the plan is complete. */
export function nextOpenCycle(cycles: readonly RefillCycle[]): RefillCycle | undefined {
  return [...cycles].sort((a, b) => a.cycle - b.cycle).find((c) => c.status === 'scheduled');
}

/**
 * First day `cycle` may be dispensed under `toleranceDays` (the chaincode's rule): start date less the
 * tolerance for cycle 1, else the previous dispense day plus the interval less the tolerance.
 * Undefined when the previous cycle is not dispensed yet.
 */
export function earliestDay(plan: Pick<RefillPlan, 'startDate' | 'intervalDays'>, cycles: readonly RefillCycle[], cycle: number, toleranceDays: number): string | undefined {
  if (cycle === 1) return addDays(plan.startDate, -toleranceDays);
  const previous = cycles.find((c) => c.cycle === cycle - 1)?.dispense;
  return previous === undefined ? undefined : addDays(bangkokDay(previous.at), plan.intervalDays - toleranceDays);
}

/** Problems of an item list before it is sent: empty list, duplicates, bad quantities. */
export function itemProblems(items: readonly RefillItem[]): ('empty' | 'duplicate' | 'quantity')[] {
  const problems: ('empty' | 'duplicate' | 'quantity')[] = [];
  if (items.length === 0) problems.push('empty');
  if (new Set(items.map((i) => i.tmtId)).size !== items.length) problems.push('duplicate');
  if (items.some((i) => !Number.isInteger(i.quantity) || i.quantity <= 0)) problems.push('quantity');
  return problems;
}

/** A new client-chosen plan id (idempotent retries). */
export function newPlanId(random: () => string = () => crypto.randomUUID()): string {
  return `RX-${random()}`;
}

/** One row of a work list (GET /api/pharmacy/worklist/...). */
export interface WorklistRow {
  readonly id: string;
  readonly planId: string;
  readonly cycle: number;
  readonly dueDate: string;
  readonly channel: Channel;
  readonly unitHcode: string;
  readonly confirmBy?: string;
  readonly custodyStatus?: string;
}
