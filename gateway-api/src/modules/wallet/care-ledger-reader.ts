import type { Model } from 'mongoose';
import { guard } from './mongo-booking-store';

/** One ledger step about a citizen's referral, as projected from a committed transaction. */
export interface CareLedgerStep {
  readonly action: string;
  readonly status: string;
  readonly txId: string;
  readonly at: string;
  readonly mspId: string;
  readonly hcode: string;
  readonly role: string;
}

/** A referral about the citizen (public ledger metadata only) with its steps. */
export interface CareReferral {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly fromHcode: string;
  readonly toHcode: string;
  readonly priority: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly steps: readonly CareLedgerStep[];
  /** Block of the latest version. */
  readonly blockNumber: number | null;
}

/** Reads what the ledger holds about one pseudonym (from the query store the projector fills). */
export interface CareLedgerReader {
  referralsAbout(pseudonym: string): Promise<CareReferral[]>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** {@link CareLedgerReader} over the query store's `referrals` collection (index patientPseudonym + createdAt). */
export class StoreCareLedgerReader implements CareLedgerReader {
  readonly #referrals: Model<Record<string, unknown>>;

  public constructor(referrals: Model<Record<string, unknown>>) {
    this.#referrals = referrals;
  }

  public async referralsAbout(pseudonym: string): Promise<CareReferral[]> {
    const rows = await guard(this.#referrals.find({ patientPseudonym: pseudonym }).sort({ createdAt: -1 }).limit(200).lean<Record<string, unknown>[]>());
    return rows.map(toCareReferral);
  }
}

/** Narrows a referral document of the query store to the fields a citizen sees. */
export function toCareReferral(row: Record<string, unknown>): CareReferral {
  const steps = Array.isArray(row.steps) ? (row.steps as Record<string, unknown>[]) : [];
  const ledger = (row.ledger ?? {}) as { blockNumber?: unknown };
  return {
    id: str(row.id),
    kind: str(row.kind) || 'referral',
    status: str(row.status),
    fromHcode: str(row.fromHcode),
    toHcode: str(row.toHcode),
    priority: typeof row.priority === 'number' ? row.priority : 0,
    createdAt: str(row.createdAt),
    updatedAt: str(row.updatedAt),
    blockNumber: typeof ledger.blockNumber === 'number' ? ledger.blockNumber : null,
    steps: steps.map((s) => ({ action: str(s.action), status: str(s.status), txId: str(s.txId), at: str(s.at), mspId: str(s.mspId), hcode: str(s.hcode), role: str(s.role) })),
  };
}
