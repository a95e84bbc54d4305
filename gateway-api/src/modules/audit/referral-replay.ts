import type { ReferralWrite } from './referral-writes';

/** Where a version of a referral was written: block, position in the block, transaction. */
export interface LedgerPosition {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly txId: string;
}

/** The latest version of a referral according to the blocks. */
export interface LedgerVersion extends LedgerPosition {
  readonly referralId: string;
  readonly value: Record<string, unknown>;
}

/** True when position `a` comes after position `b` on the chain. */
export function isAfter(a: LedgerPosition, b: LedgerPosition): boolean {
  return a.blockNumber > b.blockNumber || (a.blockNumber === b.blockNumber && a.txIndex > b.txIndex);
}

/**
 * Rebuilds the expected public state of every referral by replaying, in chain order, the referral
 * writes of valid transactions. Independent of any database.
 */
export class ReferralReplay {
  readonly #versions = new Map<string, LedgerVersion>();
  readonly #deleted = new Set<string>();

  /** Applies the writes of one valid transaction. */
  public apply(position: LedgerPosition, writes: readonly ReferralWrite[]): void {
    for (const write of writes) {
      if (write.isDelete) {
        this.#versions.delete(write.referralId);
        this.#deleted.add(write.referralId);
      } else if (write.value !== null) {
        this.#versions.set(write.referralId, { ...position, referralId: write.referralId, value: write.value });
        this.#deleted.delete(write.referralId);
      }
    }
  }

  public get(referralId: string): LedgerVersion | undefined {
    return this.#versions.get(referralId);
  }

  /** True when the last write of the referral in the replayed blocks deleted it. */
  public wasDeleted(referralId: string): boolean {
    return this.#deleted.has(referralId);
  }

  public get size(): number {
    return this.#versions.size;
  }

  public versions(): IterableIterator<LedgerVersion> {
    return this.#versions.values();
  }
}
