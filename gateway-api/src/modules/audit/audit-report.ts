/** The five things an audit checks, in report order. */
export const CHECK_NAMES = ['chain', 'signatures', 'endorsements', 'documents', 'store'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** One finding. Names where it is: block, transaction, referral, field, and the differing values. */
export interface AuditProblem {
  /** Stable code, e.g. DATA_HASH_MISMATCH, ENDORSEMENT_MISSING, STORE_FIELD_MISMATCH. */
  readonly code: string;
  readonly message: string;
  readonly blockNumber?: number;
  readonly txId?: string;
  readonly referralId?: string;
  readonly mspId?: string;
  /** Field path inside the referral (e.g. `status`, `steps.1.note`, `ledger.txId`). */
  readonly field?: string;
  /** The value on the ledger (or the hash the ledger holds). */
  readonly ledger?: unknown;
  /** The value in the query store. */
  readonly store?: unknown;
  /** The hash computed from a supplied document. */
  readonly document?: unknown;
}

/** Outcome of one check. */
export interface CheckResult {
  readonly ok: boolean;
  /** How many items the check looked at (blocks, transactions, endorsed transactions, documents, referrals). */
  readonly checked: number;
  readonly problems: readonly AuditProblem[];
  /** Problems found beyond those listed. */
  readonly truncated?: number;
  /** Why the check did not run, when it did not. */
  readonly skipped?: string;
  /** Extra information that is not a problem. */
  readonly notes?: readonly string[];
}

/** The auditor's report. */
export interface AuditReport {
  readonly ok: boolean;
  readonly channel: string;
  readonly fromBlock: number;
  readonly toBlock: number;
  /** Chain height when the audit ended. */
  readonly chainHeight: number;
  readonly checkedBlocks: number;
  /** Valid referral transactions whose creator signature and endorsements were verified. */
  readonly checkedTransactions: number;
  /** Transactions not verified: marked invalid by the peers, or not referral transactions. */
  readonly skippedTransactions: { readonly invalid: number; readonly other: number };
  readonly durationMs: number;
  readonly checks: Readonly<Record<CheckName, CheckResult>>;
}

/** Collects the problems of one check, keeping at most `limit` of them. */
export class CheckCollector {
  readonly #limit: number;
  readonly #problems: AuditProblem[] = [];
  readonly #notes: string[] = [];
  #truncated = 0;
  #checked = 0;
  #skipped: string | undefined;

  public constructor(limit = 500) {
    this.#limit = limit;
  }

  public problem(problem: AuditProblem): void {
    if (this.#problems.length < this.#limit) this.#problems.push(problem);
    else this.#truncated += 1;
  }

  public checked(count = 1): void {
    this.#checked += count;
  }

  public skip(reason: string): void {
    this.#skipped = reason;
  }

  public note(text: string): void {
    this.#notes.push(text);
  }

  public get problemCount(): number {
    return this.#problems.length + this.#truncated;
  }

  public result(): CheckResult {
    return {
      ok: this.problemCount === 0,
      checked: this.#checked,
      problems: [...this.#problems],
      ...(this.#truncated > 0 ? { truncated: this.#truncated } : {}),
      ...(this.#skipped !== undefined ? { skipped: this.#skipped } : {}),
      ...(this.#notes.length > 0 ? { notes: [...this.#notes] } : {}),
    };
  }
}
