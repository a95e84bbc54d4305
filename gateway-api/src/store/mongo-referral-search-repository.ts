import type { Model } from 'mongoose';
import { INBOX_ORDER, type ReferralFilter } from '../modules/referral-search/referral-filter';
import type { StatsReferral } from '../modules/referral-search/referral-stats';
import type { ReferralPage, ReferralSearchRepository } from '../modules/referral-search/referral-search.repository';
import { storeUnavailable } from './mongo-errors';
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
  const { _id: _key, ...referral } = doc;
  return referral as ReferralDocument;
}

/** Reads the `referrals` collection for the search module; store failures become 503s. */
export class MongoReferralSearchRepository implements ReferralSearchRepository {
  readonly #referrals: Model<Record<string, unknown>>;

  public constructor(models: Readonly<{ referrals: Model<Record<string, unknown>> }>) {
    this.#referrals = models.referrals;
  }

  public async search(filter: ReferralFilter, page: number, pageSize: number): Promise<ReferralPage> {
    const query = toMongoFilter(filter);
    try {
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
