import type { Model } from 'mongoose';
import { compareInboxOrder, INBOX_ORDER, matchesFilter, type ReferralFilter } from '../modules/referral-search/referral-filter';
import type { ReferralStats, StatsReferral } from '../modules/referral-search/referral-stats';
import { statsFromCounter, unitOfStats } from './counter-stats';
import { counterId, countersCanAnswer, scopeOf, slotsInOrder, statsId, statusesOf, type CounterDocument, type StatsDocument } from './list-buckets';
import type { ReferralPage, ReferralSearchRepository } from '../modules/referral-search/referral-search.repository';
import { storeUnavailable } from './mongo-errors';
import type { ScopeVersions } from './scope-versions';
import type { ReferralDocument } from './read-model';

/** The MongoDB query for a filter (FerretDB 1.x supports every operator used). */
export function toMongoFilter(filter: ReferralFilter): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (filter.unit !== undefined) {
    if (filter.direction === 'incoming') and.push({ toHcode: filter.unit });
    else if (filter.direction === 'outgoing') and.push({ fromHcode: filter.unit });
    else and.push({ $or: [{ fromHcode: filter.unit }, { toHcode: filter.unit }] });
  }
  if (filter.statuses !== undefined) and.push({ status: { $in: [...filter.statuses] } });
  if (filter.priority !== undefined) and.push({ priority: filter.priority });
  if (filter.fastTrack !== undefined) and.push({ isFastTrack: filter.fastTrack });
  const created: Record<string, string> = {};
  if (filter.createdFrom !== undefined) created.$gte = filter.createdFrom;
  if (filter.createdBefore !== undefined) created.$lt = filter.createdBefore;
  if (Object.keys(created).length > 0) and.push({ createdAt: created });
  if (filter.idPrefix !== undefined) and.push({ _id: { $regex: `^${filter.idPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` } });
  if (and.length === 0) return {};
  return and.length === 1 ? (and[0] ?? {}) : { $and: and };
}

/** The MongoDB sort of the inbox order (`_id` stands for `id`). */
export const MONGO_INBOX_SORT: Record<string, 1 | -1> = Object.fromEntries(INBOX_ORDER.map(([field, dir]) => [field === 'id' ? '_id' : field, dir]));

function fromStore(doc: Record<string, unknown>): ReferralDocument {
  const { _id: _key, listKeys: _keys, ...referral } = doc;
  return referral as ReferralDocument;
}

/**
 * Reads the query store for the search module; store failures become 503s. With the counters
 * (`referral_counters`, kept by the projector's CounterFlusher) a list reads one counter document and
 * then only the buckets holding the page, and statistics read counter documents only; filters the
 * buckets cannot answer (id search, date bounds inside a month) query the referrals directly.
 */
export class MongoReferralSearchRepository implements ReferralSearchRepository {
  readonly #referrals: Model<Record<string, unknown>>;
  readonly #counters: Model<Record<string, unknown>> | undefined;
  readonly #versions: ScopeVersions | undefined;
  /** Per direction, each unit's statistics document as last read, with its scope's version then. */
  readonly #unitStats = new Map<string, Map<string, { version: number; doc: (StatsDocument & { _id: string }) | null }>>();

  /**
   * @param versions when given (a gateway whose projector writes this store), the per-unit statistics
   *   documents an auditor reads are kept in memory and only those of units that changed are read again
   */
  public constructor(models: Readonly<{ referrals: Model<Record<string, unknown>>; counters?: Model<Record<string, unknown>> }>, versions?: ScopeVersions) {
    this.#referrals = models.referrals;
    this.#counters = models.counters;
    this.#versions = versions;
  }

  /** Every unit's statistics document of one side: all of them the first time, then only the changed ones. */
  async #unitStatsDocuments(counters: Model<Record<string, unknown>>, direction: string): Promise<(StatsDocument & { _id: string })[]> {
    const versions = this.#versions;
    if (versions === undefined) return counters.find({ dir: direction, kind: 'sta' }).lean<(StatsDocument & { _id: string })[]>();
    let known = this.#unitStats.get(direction);
    if (known === undefined) {
      const before = new Map(versions.entries());
      const docs = await counters.find({ dir: direction, kind: 'sta' }).lean<(StatsDocument & { _id: string })[]>();
      known = new Map(docs.map((doc) => [String(doc._id).slice('sta|'.length), { version: before.get(String(doc._id).slice('sta|'.length)) ?? 0, doc }]));
      this.#unitStats.set(direction, known);
    } else {
      const memo = known;
      const changed = [...versions.entries()].filter(([scope, version]) => scope.endsWith(`|${direction}`) && memo.get(scope)?.version !== version);
      await Promise.all(
        changed.map(async ([scope, version]) => {
          const doc = await counters.findById(statsId(scope)).lean<StatsDocument & { _id: string }>();
          const now = memo.get(scope);
          if (now === undefined || now.version < version) memo.set(scope, { version, doc });
        }),
      );
    }
    return [...known.values()].flatMap((entry) => (entry.doc === null ? [] : [entry.doc]));
  }

  public async search(filter: ReferralFilter, page: number, pageSize: number): Promise<ReferralPage> {
    try {
      if (this.#counters === undefined || !countersCanAnswer(filter)) return await this.#scan(filter, page, pageSize);
      const scope = scopeOf(filter.unit, filter.direction);
      const counterModel = this.#counters;
      const statuses = statusesOf(filter);
      const counters = await Promise.all(statuses.map(async (status) => counterModel.findById(counterId(scope, status)).lean<CounterDocument>()));
      const slots = slotsInOrder(scope, new Map(statuses.map((status, i) => [status, counters[i]])), filter);
      const total = slots.reduce((acc, slot) => acc + slot.count, 0);
      const offset = (page - 1) * pageSize;
      let before = 0;
      let skipped = 0;
      const keys: string[] = [];
      for (const slot of slots) {
        if (before + slot.count <= offset) {
          before += slot.count;
          skipped = before;
          continue;
        }
        keys.push(...slot.keys);
        before += slot.count;
        if (before >= offset + pageSize) break;
      }
      const buckets = await Promise.all(keys.map(async (key) => this.#referrals.find({ listKeys: key }).lean<Record<string, unknown>[]>()));
      const docs = buckets
        .flat()
        .map(fromStore)
        .filter((doc) => matchesFilter(filter, doc))
        .sort(compareInboxOrder);
      const start = offset - skipped;
      return { items: docs.slice(start, start + pageSize), total };
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  async #scan(filter: ReferralFilter, page: number, pageSize: number): Promise<ReferralPage> {
    const query = toMongoFilter(filter);
    const [docs, total] = await Promise.all([
      this.#referrals
        .find(query)
        .sort(MONGO_INBOX_SORT)
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<Record<string, unknown>[]>(),
      this.#referrals.countDocuments(query),
    ]);
    return { items: docs.map(fromStore), total };
  }

  public async countedStats(
    filter: ReferralFilter,
    perUnit: boolean,
  ): Promise<{ overall: ReferralStats; units: readonly (readonly [string, ReferralStats])[] } | undefined> {
    if (this.#counters === undefined || !countersCanAnswer(filter)) return undefined;
    try {
      const scope = scopeOf(filter.unit, filter.direction);
      const [overall, unitDocs] = await Promise.all([
        this.#counters.findById(statsId(scope)).lean<StatsDocument>(),
        perUnit ? this.#unitStatsDocuments(this.#counters, filter.direction) : Promise.resolve([]),
      ]);
      const units: (readonly [string, ReferralStats])[] = [];
      for (const doc of unitDocs) {
        const hcode = unitOfStats(String(doc._id), filter.direction);
        if (hcode === undefined) continue;
        const stats = statsFromCounter(doc, filter);
        if (stats.total > 0) units.push([hcode, stats]);
      }
      return { overall: statsFromCounter(overall, filter), units };
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  public async findForStats(filter: ReferralFilter): Promise<readonly StatsReferral[]> {
    try {
      const docs = await this.#referrals
        .find(toMongoFilter(filter))
        .select({ id: 1, fromHcode: 1, toHcode: 1, status: 1, createdAt: 1, steps: 1, rejection: 1 })
        .lean<Record<string, unknown>[]>();
      return docs.map((d) => fromStore(d) as StatsReferral);
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  public async findById(id: string): Promise<ReferralDocument | undefined> {
    try {
      const doc = await this.#referrals.findById(id).lean<Record<string, unknown>>();
      return doc === null ? undefined : fromStore(doc);
    } catch (err) {
      throw storeUnavailable(err);
    }
  }
}
