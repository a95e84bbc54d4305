import type { ReferralDocument } from '../../store/read-model';
import type { ReferralFilter } from './referral-filter';
import type { ReferralStats, StatsReferral } from './referral-stats';

/** One page of referrals in inbox order, and how many match in all. */
export interface ReferralPage {
  readonly items: readonly ReferralDocument[];
  readonly total: number;
}

/** Reads of the query store the search module needs (MongoDB in the gateway, in memory in tests). */
export interface ReferralSearchRepository {
  /** Referrals matching `filter` in inbox order (INBOX_ORDER), page `page` (from 1) of `pageSize`. */
  search(filter: ReferralFilter, page: number, pageSize: number): Promise<ReferralPage>;
  /** Every referral matching `filter`, with the fields statistics need. */
  findForStats(filter: ReferralFilter): Promise<readonly StatsReferral[]>;
  findById(id: string): Promise<ReferralDocument | undefined>;
  /**
   * Statistics kept by the store itself (counters of the projector), for the scope of `filter` and, when
   * `perUnit`, for every unit on the filter's side; undefined when the store cannot answer this filter
   * that way (the service then computes them from findForStats).
   */
  countedStats?(filter: ReferralFilter, perUnit: boolean): Promise<{ overall: ReferralStats; units: readonly (readonly [string, ReferralStats])[] } | undefined>;
}
