import type { LedgerReferral } from '../fabric/referral-client';

/** Referral statuses (FHIR Task-like), as in docs/contracts.md. */
export const REFERRAL_STATUSES = ['requested', 'received', 'accepted', 'arrived', 'completed', 'rejected', 'cancelled', 'no-show'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Where on the chain one version of a referral was written. */
export interface LedgerVersion {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly txId: string;
}

/**
 * A document of the `referrals` collection: the public referral JSON of one ledger version, the
 * position of the transaction that wrote it, and `isFastTrack` (derived, for the inbox order).
 */
export type ReferralDocument = LedgerReferral & {
  readonly kind: string;
  readonly isFastTrack: boolean;
  readonly ledger: LedgerVersion;
};

/** A document of the `referral_events` collection: one committed referral change, keyed by txId. */
export interface ReferralEventDocument {
  readonly txId: string;
  readonly referralId: string;
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly action: string;
  readonly status: string;
  readonly at: string;
  readonly mspId: string;
  readonly hcode: string;
  readonly role: string;
  /** When the projector received the block from its peer (after the peer committed it). */
  readonly deliveredAt: string;
  /** When the change was written to the store. */
  readonly projectedAt: string;
}

/** True when `candidate` was written after `current` on the chain (later block, or later in the same block). */
export function isNewerVersion(candidate: Pick<LedgerVersion, 'blockNumber' | 'txIndex'>, current: Pick<LedgerVersion, 'blockNumber' | 'txIndex'>): boolean {
  return candidate.blockNumber > current.blockNumber || (candidate.blockNumber === current.blockNumber && candidate.txIndex > current.txIndex);
}

/** The read-model document for a referral as written by the transaction at `ledger`. */
export function toReferralDocument(referral: LedgerReferral, ledger: LedgerVersion): ReferralDocument {
  const kind = typeof referral.kind === 'string' ? referral.kind : 'referral';
  const fastTrack = referral.fastTrack;
  return { ...referral, kind, isFastTrack: typeof fastTrack === 'string' && fastTrack !== '', ledger: { ...ledger } };
}
