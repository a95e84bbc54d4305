import type { ReferralDocument, ReferralEventDocument } from '../../store/read-model';

/** Result of writing a referral version: `stale` when the store already holds that or a later version. */
export type SaveOutcome = 'applied' | 'stale';

/** Result of recording a change: `duplicate` when its txId is already recorded (the change was applied before). */
export type RecordOutcome = 'recorded' | 'duplicate';

/** Where the projector writes the read model (MongoDB in the gateway, in memory in tests). */
export interface ProjectionStore {
  /** Stores `referral` unless the stored version is the same or newer (by block number, then transaction index). */
  saveReferral(referral: ReferralDocument): Promise<SaveOutcome>;
  /** Inserts the change keyed by its txId. */
  recordEvent(event: ReferralEventDocument): Promise<RecordOutcome>;
  /**
   * Batch forms for catching up (several blocks at a time): the same outcome per item as the single calls,
   * in input order. `saveReferrals` gets at most one version per referral. Optional: without them the
   * projection makes the single calls. `createdHere` names the referrals whose creating transaction is in the
   * batch (a hint: the others exist already, unless the store lost them).
   */
  saveReferrals?(referrals: readonly ReferralDocument[], createdHere?: ReadonlySet<string>): Promise<SaveOutcome[]>;
  recordEvents?(events: readonly ReferralEventDocument[]): Promise<RecordOutcome[]>;
}
