import type { ProjectionStore, RecordOutcome, SaveOutcome } from '../fabric/events/projection-store';
import { compareInboxOrder, matchesFilter, type ReferralFilter } from '../modules/referral-search/referral-filter';
import type { StatsReferral } from '../modules/referral-search/referral-stats';
import type { ReferralPage, ReferralSearchRepository } from '../modules/referral-search/referral-search.repository';
import { isNewerVersion, type ReferralDocument, type ReferralEventDocument } from './read-model';

/**
 * The read model in memory, with the same rules as the MongoDB repositories: version-checked
 * referral writes, events unique by txId, inbox order. For unit tests and tools.
 */
export class InMemoryReadModel implements ProjectionStore, ReferralSearchRepository {
  readonly #referrals = new Map<string, ReferralDocument>();
  readonly #events = new Map<string, ReferralEventDocument>();

  /** Every stored referral, by id order (a copy). */
  public referrals(): ReferralDocument[] {
    return [...this.#referrals.values()].sort((a, b) => a.id.localeCompare(b.id)).map((r) => structuredClone(r));
  }

  /** Every recorded event, by chain order (a copy). */
  public events(): ReferralEventDocument[] {
    return [...this.#events.values()].sort((a, b) => a.blockNumber - b.blockNumber || a.txIndex - b.txIndex).map((e) => ({ ...e }));
  }

  public async saveReferral(referral: ReferralDocument): Promise<SaveOutcome> {
    const current = this.#referrals.get(referral.id);
    if (current !== undefined && !isNewerVersion(referral.ledger, current.ledger)) return Promise.resolve('stale');
    this.#referrals.set(referral.id, structuredClone(referral));
    return Promise.resolve('applied');
  }

  public async recordEvent(event: ReferralEventDocument): Promise<RecordOutcome> {
    if (this.#events.has(event.txId)) return Promise.resolve('duplicate');
    this.#events.set(event.txId, { ...event });
    return Promise.resolve('recorded');
  }

  public async search(filter: ReferralFilter, page: number, pageSize: number): Promise<ReferralPage> {
    const matching = [...this.#referrals.values()].filter((r) => matchesFilter(filter, r)).sort(compareInboxOrder);
    return Promise.resolve({ items: matching.slice((page - 1) * pageSize, page * pageSize).map((r) => structuredClone(r)), total: matching.length });
  }

  public async findForStats(filter: ReferralFilter): Promise<readonly StatsReferral[]> {
    return Promise.resolve([...this.#referrals.values()].filter((r) => matchesFilter(filter, r)).map((r) => structuredClone(r)));
  }

  public async findById(id: string): Promise<ReferralDocument | undefined> {
    const found = this.#referrals.get(id);
    return Promise.resolve(found === undefined ? undefined : structuredClone(found));
  }
}
