import type { ChannelMsps } from './channel-msps';
import type { DecodedEnvelope } from './fabric-envelope';
import type { ReferralWrite } from './referral-writes';

/** A valid referral transaction as the signature and endorsement checks see it. */
export interface TransactionContext {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly envelope: DecodedEnvelope;
  readonly writes: readonly ReferralWrite[];
  /** Channel configuration in effect for this block. */
  readonly msps: ChannelMsps;
}
