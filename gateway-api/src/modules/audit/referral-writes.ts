import type { EndorsedAction } from './fabric-envelope';

/** Namespace (chaincode) of the referral transactions. */
export const REFERRAL_NAMESPACE = 'referral';
/** Composite-key object type of referral records (`\u0000referral\u0000<id>\u0000`). */
const REFERRAL_KEY_PREFIX = '\u0000referral\u0000';

/** A write of one referral record by a transaction. */
export interface ReferralWrite {
  readonly referralId: string;
  /** The public referral JSON written; null for a delete or when it is not a JSON object. */
  readonly value: Record<string, unknown> | null;
  readonly isDelete: boolean;
  /** Set when the written bytes are not a JSON object. */
  readonly unreadable?: string;
}

/** The referral id of a referral record key, or undefined for other keys (indexes, other types). */
export function referralIdOfKey(key: string): string | undefined {
  if (!key.startsWith(REFERRAL_KEY_PREFIX) || !key.endsWith('\u0000')) return undefined;
  const id = key.slice(REFERRAL_KEY_PREFIX.length, -1);
  return id.length > 0 && !id.includes('\u0000') ? id : undefined;
}

/** The referral records a transaction's actions write in the `referral` namespace, in write order. */
export function referralWritesOf(actions: readonly EndorsedAction[]): ReferralWrite[] {
  const writes: ReferralWrite[] = [];
  for (const action of actions) {
    for (const write of action.writes) {
      if (write.namespace !== REFERRAL_NAMESPACE) continue;
      const referralId = referralIdOfKey(write.key);
      if (referralId === undefined) continue;
      if (write.isDelete) {
        writes.push({ referralId, value: null, isDelete: true });
        continue;
      }
      try {
        const parsed = JSON.parse(write.value.toString('utf8')) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          writes.push({ referralId, value: null, isDelete: false, unreadable: 'the value is not a JSON object' });
        } else {
          writes.push({ referralId, value: parsed as Record<string, unknown>, isDelete: false });
        }
      } catch {
        writes.push({ referralId, value: null, isDelete: false, unreadable: 'the value is not JSON' });
      }
    }
  }
  return writes;
}

/** True when the transaction is a referral transaction: it invokes `referral` or writes in its namespace. */
export function isReferralTransaction(chaincodeName: string | undefined, actions: readonly EndorsedAction[]): boolean {
  return (
    chaincodeName === REFERRAL_NAMESPACE ||
    actions.some((action) => action.chaincodeName === REFERRAL_NAMESPACE || action.writes.some((w) => w.namespace === REFERRAL_NAMESPACE))
  );
}
