import type { Model } from 'mongoose';
import type { ProjectionStore, RecordOutcome, SaveOutcome } from '../fabric/events/projection-store';
import { isDuplicateKeyError } from './mongo-errors';
import { isNewerVersion, type ReferralDocument, type ReferralEventDocument } from './read-model';

const MAX_ATTEMPTS = 5;

/**
 * Writes the projection to MongoDB/FerretDB without transactions: each write is one atomic
 * single-document operation, and each is safe to repeat.
 */
export class MongoProjectionRepository implements ProjectionStore {
  readonly #referrals: Model<Record<string, unknown>>;
  readonly #events: Model<Record<string, unknown>>;

  public constructor(models: Readonly<{ referrals: Model<Record<string, unknown>>; referralEvents: Model<Record<string, unknown>> }>) {
    this.#referrals = models.referrals;
    this.#events = models.referralEvents;
  }

  /**
   * Stores the referral unless a same-or-newer version is there. Read the stored version, then
   * insert (absent) or replace with a filter that still requires an older version; if another writer
   * got in between (duplicate key, or nothing matched), read again. On FerretDB this is several times
   * faster than one conditional upsert, whose insert path is slow there.
   */
  public async saveReferral(referral: ReferralDocument): Promise<SaveOutcome> {
    const { blockNumber, txIndex } = referral.ledger;
    const document = { ...referral, _id: referral.id };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.#referrals.findById(referral.id).select({ ledger: 1 }).lean<{ ledger?: { blockNumber?: unknown; txIndex?: unknown } }>();
      if (stored === null) {
        try {
          await this.#referrals.create(document);
          return 'applied';
        } catch (err) {
          if (isDuplicateKeyError(err)) continue;
          throw err;
        }
      }
      const current = { blockNumber: Number(stored.ledger?.blockNumber ?? -1), txIndex: Number(stored.ledger?.txIndex ?? -1) };
      if (!isNewerVersion(referral.ledger, current)) return 'stale';
      const olderThanThis = {
        _id: referral.id,
        $or: [{ 'ledger.blockNumber': { $lt: blockNumber } }, { 'ledger.blockNumber': blockNumber, 'ledger.txIndex': { $lt: txIndex } }],
      };
      const result = await this.#referrals.replaceOne(olderThanThis, document);
      if (result.matchedCount === 1) return 'applied';
    }
    throw new Error(`referral ${referral.id}: the stored version kept changing while writing version ${blockNumber}:${txIndex}`);
  }

  /** Inserts the change with `_id` = txId; a duplicate key means it was recorded before. */
  public async recordEvent(event: ReferralEventDocument): Promise<RecordOutcome> {
    const { txId, ...rest } = event;
    try {
      await this.#events.create({ _id: txId, ...rest });
      return 'recorded';
    } catch (err) {
      if (isDuplicateKeyError(err)) return 'duplicate';
      throw err;
    }
  }
}
