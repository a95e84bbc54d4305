import type { Model } from 'mongoose';
import type { ProjectionStore, RecordOutcome, SaveOutcome } from '../fabric/events/projection-store';
import type { CounterFlusher } from './counter-flusher';
import { contributionsOf, listKeysOf, scopesOfReferral } from './list-buckets';
import type { ScopeVersions } from './scope-versions';
import { isDuplicateKeyError } from './mongo-errors';
import { isNewerVersion, type ReferralDocument, type ReferralEventDocument } from './read-model';

const MAX_ATTEMPTS = 5;
const PARALLEL = 16;

async function inChunks<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
}

/**
 * Inserts every document it can (unordered, raw driver call, no mongoose casting) and returns the indexes
 * refused for a duplicate key; any other error is thrown.
 */
async function insertManyUnordered(model: Model<Record<string, unknown>>, documents: readonly Record<string, unknown>[]): Promise<Set<number>> {
  const duplicates = new Set<number>();
  if (documents.length === 0) return duplicates;
  try {
    await model.collection.insertMany(documents.map((d) => ({ ...d })) as never[], { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors !== undefined ? [writeErrors] : [];
    if (list.length === 0) throw err;
    for (const e of list as { index?: number; code?: number; err?: { index?: number; code?: number } }[]) {
      const index = e.index ?? e.err?.index;
      const code = e.code ?? e.err?.code;
      if (code !== 11000 || index === undefined) throw err;
      duplicates.add(index);
    }
  }
  return duplicates;
}

/**
 * Writes the projection to MongoDB/FerretDB without transactions: each write is one atomic
 * single-document operation, and each is safe to repeat.
 */
export class MongoProjectionRepository implements ProjectionStore {
  readonly #referrals: Model<Record<string, unknown>>;
  readonly #events: Model<Record<string, unknown>>;
  readonly #pending: Model<Record<string, unknown>> | undefined;
  readonly #flusher: CounterFlusher | undefined;
  readonly #versions: ScopeVersions | undefined;

  /**
   * @param models with `pending` (and a `flusher` that adds pending changes to the counters), each
   *   stored version is also queued for the list and statistics counters (docs/store.md)
   * @param versions raised for the scopes of every stored version (the read cache's invalidation)
   */
  public constructor(
    models: Readonly<{ referrals: Model<Record<string, unknown>>; referralEvents: Model<Record<string, unknown>>; pending?: Model<Record<string, unknown>> }>,
    flusher?: CounterFlusher,
    versions?: ScopeVersions,
  ) {
    this.#versions = versions;
    this.#referrals = models.referrals;
    this.#events = models.referralEvents;
    this.#pending = models.pending;
    this.#flusher = flusher;
  }

  /**
   * Stores the referral unless a same-or-newer version is there. Read the stored version, then
   * insert (absent) or replace with a filter that still requires an older version; if another writer
   * got in between (duplicate key, or nothing matched), read again. On FerretDB this is several times
   * faster than one conditional upsert, whose insert path is slow there.
   */
  public async saveReferral(referral: ReferralDocument): Promise<SaveOutcome> {
    const { blockNumber, txIndex } = referral.ledger;
    const document = { ...referral, _id: referral.id, listKeys: listKeysOf(referral) };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.#referrals.findById(referral.id).select({ ledger: 1 }).lean<{ ledger?: { blockNumber?: unknown; txIndex?: unknown } }>();
      if (stored === null) {
        try {
          await this.#referrals.create(document);
          this.#changed(referral);
          await this.#queueCounters(referral);
          return 'applied';
        } catch (err) {
          if (isDuplicateKeyError(err)) continue;
          throw err;
        }
      }
      const current = { blockNumber: Number(stored.ledger?.blockNumber ?? -1), txIndex: Number(stored.ledger?.txIndex ?? -1) };
      if (!isNewerVersion(referral.ledger, current)) {
        // this very version is stored: queue it again, in case a crash came between the two writes
        if (!isNewerVersion(current, referral.ledger)) await this.#queueCounters(referral);
        return 'stale';
      }
      const olderThanThis = {
        _id: referral.id,
        $or: [{ 'ledger.blockNumber': { $lt: blockNumber } }, { 'ledger.blockNumber': blockNumber, 'ledger.txIndex': { $lt: txIndex } }],
      };
      const result = await this.#referrals.replaceOne(olderThanThis, document);
      if (result.matchedCount === 1) {
        this.#changed(referral);
        await this.#queueCounters(referral);
        return 'applied';
      }
    }
    throw new Error(`referral ${referral.id}: the stored version kept changing while writing version ${blockNumber}:${txIndex}`);
  }

  /**
   * Batch form of saveReferral (one version per referral): one `insertMany` (unordered) for the versions
   * whose referral is new (created in the batch, per `createdHere`; without the hint, every version); those
   * whose referral exists already are replaced under the same "older version" filter; whatever neither
   * settles (a newer or the same version stored, a referral the store lacks, a concurrent writer) goes
   * through saveReferral. Then one `insertMany` of the counter records of the applied versions.
   * The hint matters on FerretDB 1.x: one duplicate key in an insert batch makes it insert that whole batch
   * row by row, so inserting versions of existing referrals first cost more than the replaces themselves.
   */
  public async saveReferrals(referrals: readonly ReferralDocument[], createdHere?: ReadonlySet<string>): Promise<SaveOutcome[]> {
    if (referrals.length === 0) return [];
    const outcomes = new Array<SaveOutcome | undefined>(referrals.length);
    const documents = referrals.map((referral) => ({ ...referral, _id: referral.id, listKeys: listKeysOf(referral) }));
    const fresh = documents.map((_, i) => i).filter((i) => createdHere === undefined || createdHere.has(documents[i]?._id ?? ''));
    const refused = await insertManyUnordered(
      this.#referrals,
      fresh.map((i) => documents[i] as (typeof documents)[number]),
    );
    const existing = new Set(documents.map((_, i) => i).filter((i) => createdHere !== undefined && !createdHere.has(documents[i]?._id ?? '')));
    fresh.forEach((i, k) => {
      if (refused.has(k)) existing.add(i);
      else outcomes[i] = 'applied';
    });
    await inChunks([...existing], async (i) => {
      const document = documents[i] as (typeof documents)[number];
      const { blockNumber, txIndex } = document.ledger;
      const olderThanThis = {
        _id: document._id,
        $or: [{ 'ledger.blockNumber': { $lt: blockNumber } }, { 'ledger.blockNumber': blockNumber, 'ledger.txIndex': { $lt: txIndex } }],
      };
      const result = await this.#referrals.replaceOne(olderThanThis, document);
      if (result.matchedCount === 1) outcomes[i] = 'applied';
    });
    const applied = referrals.filter((_, i) => outcomes[i] === 'applied');
    for (const referral of applied) this.#changed(referral);
    if (this.#pending !== undefined && applied.length > 0) {
      await insertManyUnordered(
        this.#pending,
        applied.map((r) => ({ _id: r.ledger.txId, referralId: r.id, blockNumber: r.ledger.blockNumber, txIndex: r.ledger.txIndex, contributions: contributionsOf(r) })),
      );
      this.#flusher?.schedule();
    }
    // the rest: same or newer version stored (re-queues the counters of the same one), or a race
    await inChunks(
      referrals.map((_, i) => i).filter((i) => outcomes[i] === undefined),
      async (i) => {
        outcomes[i] = await this.saveReferral(referrals[i] as ReferralDocument);
      },
    );
    return outcomes as SaveOutcome[];
  }

  /** Batch form of recordEvent: one unordered `insertMany`; a duplicate key means that change was recorded before. */
  public async recordEvents(events: readonly ReferralEventDocument[]): Promise<RecordOutcome[]> {
    if (events.length === 0) return [];
    const duplicates = await insertManyUnordered(
      this.#events,
      events.map(({ txId, ...rest }) => ({ _id: txId, ...rest })),
    );
    return events.map((_, i) => (duplicates.has(i) ? 'duplicate' : 'recorded'));
  }

  #changed(referral: ReferralDocument): void {
    this.#versions?.changed(scopesOfReferral(referral));
  }

  /** Records the version for the counters (`_id` = txId, so repeating it is harmless), then asks for a flush. */
  async #queueCounters(referral: ReferralDocument): Promise<void> {
    if (this.#pending === undefined) return;
    const { blockNumber, txIndex, txId } = referral.ledger;
    try {
      await this.#pending.create({ _id: txId, referralId: referral.id, blockNumber, txIndex, contributions: contributionsOf(referral) });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    this.#flusher?.schedule();
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
