import { cycleSchema, type LedgerCycle } from './pharmacy.schemas';

/**
 * The pharmacy read model: one row per cycle, projected from `PharmacyChanged` events (payload
 * `{ plan?, cycles: [...] }`) by the shared projector, for work lists and indicators. Rows carry a
 * `version` that only grows along a cycle's life, so applying an event twice or out of order is harmless.
 */

/** One cycle as stored for queries. */
export interface CycleRow {
  readonly id: string;
  readonly planId: string;
  readonly cycle: number;
  readonly version: number;
  readonly prescriberHcode: string;
  readonly dueDate: string;
  readonly channel: string;
  readonly unitHcode: string;
  readonly status: 'scheduled' | 'dispensed';
  readonly dispensedAt?: string;
  readonly dispensedChannel?: string;
  readonly dispensedUnitHcode?: string;
  readonly custodyStatus?: string;
  readonly confirmBy?: string;
  /** Username (certificate CN) of the volunteer who picked the delivery up. */
  readonly pickedUpBy?: string;
  /** Day (Bangkok) the delivery was confirmed or returned. */
  readonly closedDay?: string;
}

/** Where the rows live (MongoDB in production, memory in tests). */
export interface PharmacyReadModel {
  /** Stores the row unless a same-or-newer version is there. */
  save(row: CycleRow): Promise<'applied' | 'stale'>;
  /** Open cycles planned at `unitHcode`, by due date. */
  dueAt(unitHcode: string, limit: number): Promise<CycleRow[]>;
  /** Deliveries picked up by `username` and not yet delivered or returned. */
  deliveriesOf(username: string): Promise<CycleRow[]>;
  /** Every dispensed row (for the indicators). */
  dispensed(): Promise<CycleRow[]>;
}

/** Monotonic version of a cycle: every write adds a channel change, the dispense or a custody step. */
export function cycleVersion(cycle: LedgerCycle): number {
  return cycle.channelChanges.length + (cycle.dispense === undefined ? 0 : 1) + (cycle.custody?.steps.length ?? 0);
}

const bangkokDay = (iso: string): string => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

/** The row of one ledger cycle. */
export function rowOf(cycle: LedgerCycle, prescriberHcode: string): CycleRow {
  const steps = cycle.custody?.steps ?? [];
  const closing = steps.find((s) => s.step === 'delivered' || s.step === 'returned');
  const pickedUp = steps.find((s) => s.step === 'picked-up');
  return {
    id: `${cycle.planId}/${String(cycle.cycle).padStart(3, '0')}`,
    planId: cycle.planId,
    cycle: cycle.cycle,
    version: cycleVersion(cycle),
    prescriberHcode,
    dueDate: cycle.dueDate,
    channel: cycle.channel,
    unitHcode: cycle.unitHcode,
    status: cycle.status,
    ...(cycle.dispense === undefined ? {} : { dispensedAt: cycle.dispense.at, dispensedChannel: cycle.dispense.channel, dispensedUnitHcode: cycle.dispense.unitHcode }),
    ...(cycle.custody === undefined ? {} : { custodyStatus: cycle.custody.status, confirmBy: cycle.custody.confirmBy }),
    ...(pickedUp === undefined ? {} : { pickedUpBy: pickedUp.by.name }),
    ...(closing === undefined ? {} : { closedDay: bangkokDay(closing.at) }),
  };
}

/**
 * Rows of a `PharmacyChanged` event payload (`{ plan, cycles }` on plan creation, `{ cycles: [cycle] }`
 * afterwards; the cycle carries `prescriberHcode`). Malformed payloads give no rows.
 */
export function rowsOfEvent(payload: unknown): CycleRow[] {
  const cycles = (payload as { cycles?: unknown } | null)?.cycles;
  if (!Array.isArray(cycles)) return [];
  return cycles.flatMap((raw: unknown) => {
    const parsed = cycleSchema.safeParse(raw);
    const prescriber = (raw as { prescriberHcode?: unknown } | null)?.prescriberHcode;
    return parsed.success && typeof prescriber === 'string' ? [rowOf(parsed.data, prescriber)] : [];
  });
}

/** The dashboard indicators of the issue. */
export interface PharmacyIndicators {
  readonly dispensed: number;
  readonly dispensedOutsideHospital: number;
  /** Share of dispensed refills not at a hospital pharmacy counter (null without data). */
  readonly outsideHospitalShare: number | null;
  readonly deliveries: number;
  readonly deliveredOnTime: number;
  /** Delivered by confirmBy / deliveries that are closed or past their confirmBy day (null without data). */
  readonly onTimeDeliveryRate: number | null;
  readonly overdue: number;
}

/** Computes the indicators from dispensed rows on `today` (YYYY-MM-DD, Bangkok). */
export function indicatorsOf(rows: readonly CycleRow[], today: string): PharmacyIndicators {
  const dispensed = rows.filter((r) => r.status === 'dispensed');
  const outside = dispensed.filter((r) => r.dispensedChannel !== 'hospital-pharmacy');
  const deliveries = dispensed.filter((r) => r.confirmBy !== undefined);
  const onTime = deliveries.filter((r) => r.custodyStatus === 'delivered' && r.closedDay !== undefined && r.confirmBy !== undefined && r.closedDay <= r.confirmBy);
  const overdue = deliveries.filter((r) => r.closedDay === undefined && r.confirmBy !== undefined && today > r.confirmBy);
  const judged = deliveries.filter((r) => r.closedDay !== undefined || (r.confirmBy !== undefined && today > r.confirmBy));
  return {
    dispensed: dispensed.length,
    dispensedOutsideHospital: outside.length,
    outsideHospitalShare: dispensed.length === 0 ? null : outside.length / dispensed.length,
    deliveries: deliveries.length,
    deliveredOnTime: onTime.length,
    onTimeDeliveryRate: judged.length === 0 ? null : onTime.length / judged.length,
    overdue: overdue.length,
  };
}

/** The read model in memory (tests and development without a store). */
export class InMemoryPharmacyReadModel implements PharmacyReadModel {
  readonly #rows = new Map<string, CycleRow>();

  public save(row: CycleRow): Promise<'applied' | 'stale'> {
    const stored = this.#rows.get(row.id);
    if (stored !== undefined && stored.version >= row.version) return Promise.resolve('stale');
    this.#rows.set(row.id, row);
    return Promise.resolve('applied');
  }

  public dueAt(unitHcode: string, limit: number): Promise<CycleRow[]> {
    return Promise.resolve(
      [...this.#rows.values()]
        .filter((r) => r.status === 'scheduled' && r.unitHcode === unitHcode)
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
        .slice(0, limit),
    );
  }

  public deliveriesOf(username: string): Promise<CycleRow[]> {
    return Promise.resolve(
      [...this.#rows.values()].filter((r) => r.pickedUpBy === username && r.closedDay === undefined).sort((a, b) => (a.confirmBy ?? '').localeCompare(b.confirmBy ?? '')),
    );
  }

  public dispensed(): Promise<CycleRow[]> {
    return Promise.resolve([...this.#rows.values()].filter((r) => r.status === 'dispensed'));
  }
}
