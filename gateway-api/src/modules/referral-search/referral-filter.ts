import type { ReferralDocument, ReferralStatus } from '../../store/read-model';

/** Which side of a referral a unit is on: receiving (`incoming`), sending (`outgoing`) or either. */
export type Direction = 'incoming' | 'outgoing' | 'all';

/** A store-independent description of which referrals to read. */
export interface ReferralFilter {
  /** Only referrals of this unit (on the side given by `direction`); every unit when absent. */
  readonly unit?: string;
  readonly direction: Direction;
  readonly statuses?: readonly ReferralStatus[];
  readonly priority?: number;
  readonly fastTrack?: boolean;
  /** createdAt ≥ this ISO instant. */
  readonly createdFrom?: string;
  /** createdAt < this ISO instant. */
  readonly createdBefore?: string;
  /** Referral id starts with this. */
  readonly idPrefix?: string;
}

/** Inbox order: fast-track first, then priority 1 (most urgent) to 5, then newest first; id breaks ties. */
export const INBOX_ORDER = [
  ['isFastTrack', -1],
  ['priority', 1],
  ['createdAt', -1],
  ['id', 1],
] as const satisfies readonly (readonly [keyof ReferralDocument, 1 | -1])[];

/** Compares two referrals in {@link INBOX_ORDER} (for stores that sort in memory, and tests). */
export function compareInboxOrder(a: ReferralDocument, b: ReferralDocument): number {
  for (const [field, direction] of INBOX_ORDER) {
    const x = a[field] as boolean | number | string | undefined;
    const y = b[field] as boolean | number | string | undefined;
    if (x === y) continue;
    if (x === undefined) return direction; // absent sorts lowest
    if (y === undefined) return -direction;
    return (x < y ? -1 : 1) * direction;
  }
  return 0;
}

/** True when `referral` satisfies `filter` (the in-memory reading of what the Mongo query does). */
export function matchesFilter(filter: ReferralFilter, referral: ReferralDocument): boolean {
  if (filter.unit !== undefined) {
    const incoming = referral.toHcode === filter.unit;
    const outgoing = referral.fromHcode === filter.unit;
    if (filter.direction === 'incoming' && !incoming) return false;
    if (filter.direction === 'outgoing' && !outgoing) return false;
    if (filter.direction === 'all' && !incoming && !outgoing) return false;
  }
  if (filter.statuses !== undefined && !filter.statuses.includes(referral.status as ReferralStatus)) return false;
  if (filter.priority !== undefined && referral.priority !== filter.priority) return false;
  if (filter.fastTrack !== undefined && referral.isFastTrack !== filter.fastTrack) return false;
  if (filter.createdFrom !== undefined && referral.createdAt < filter.createdFrom) return false;
  if (filter.createdBefore !== undefined && referral.createdAt >= filter.createdBefore) return false;
  if (filter.idPrefix !== undefined && !referral.id.startsWith(filter.idPrefix)) return false;
  return true;
}
