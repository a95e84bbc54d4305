import { ApiError } from '../../http/api-error';
import type { ReferralDocument } from '../../store/read-model';
import type { UnitRegistry } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import type { Direction, ReferralFilter } from './referral-filter';
import { referralStats, type ReferralStats, type StatsReferral } from './referral-stats';
import type { ReferralSearchRepository } from './referral-search.repository';
import type { ListReferralsQuery, ReferralStatsQuery } from './referral-search.schemas';
import { canSee, unitInScope } from './referral-visibility';
import { timeInState, type TimeInState } from './time-in-state';

/** A unit as shown beside a referral. */
export interface UnitSummary {
  readonly hcode: string;
  readonly nameTh: string | null;
  readonly nameEn: string | null;
  readonly type: string | null;
}

/** A referral in a list: the public fields, where it sits on the chain, and both units' names. */
export type ReferralListItem = Omit<ReferralDocument, 'isFastTrack'> & { readonly from: UnitSummary; readonly to: UnitSummary };

/** GET /api/referrals answer. */
export interface ReferralList {
  readonly items: readonly ReferralListItem[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** GET /api/referrals/stats answer: the whole scope, and each unit in it. */
export interface ReferralStatsReport {
  readonly direction: Direction;
  readonly from: string | null;
  readonly to: string | null;
  readonly overall: ReferralStats;
  readonly units: readonly (ReferralStats & { readonly unit: UnitSummary })[];
}

/**
 * Lists, statistics and time in state read from the query store (the projection of the ledger),
 * restricted to what the caller may see: their own unit's referrals, or all for provincial auditors.
 */
export class ReferralSearchService {
  readonly #repository: ReferralSearchRepository;
  readonly #units: UnitRegistry;
  readonly #now: () => Date;

  public constructor(deps: Readonly<{ repository: ReferralSearchRepository; units: UnitRegistry; now?: () => Date }>) {
    this.#repository = deps.repository;
    this.#units = deps.units;
    this.#now = deps.now ?? (() => new Date());
  }

  /** The caller's referrals, fast-track first, then by priority, newest first. */
  public async list(caller: Principal, query: ListReferralsQuery): Promise<ReferralList> {
    const filter: ReferralFilter = {
      unit: unitInScope(caller, query.unit),
      direction: query.direction,
      statuses: query.statuses,
      priority: query.priority,
      fastTrack: query.fastTrack,
      createdFrom: query.createdFrom,
      createdBefore: query.createdBefore,
      idPrefix: query.q,
    };
    const page = await this.#repository.search(filter, query.page, query.pageSize);
    return { items: page.items.map((r) => this.#item(r)), page: query.page, pageSize: query.pageSize, total: page.total };
  }

  /** Figures for the caller's unit (auditors: a given unit, or every unit with referrals). */
  public async stats(caller: Principal, query: ReferralStatsQuery): Promise<ReferralStatsReport> {
    const unit = unitInScope(caller, query.unit);
    const filter: ReferralFilter = { unit, direction: query.direction, createdFrom: query.createdFrom, createdBefore: query.createdBefore };
    const counted = await this.#repository.countedStats?.(filter, unit === undefined);
    if (counted !== undefined) {
      return {
        direction: query.direction,
        from: query.createdFrom ?? null,
        to: query.createdBefore ?? null,
        overall: counted.overall,
        units: (unit !== undefined ? [[unit, counted.overall] as const] : [...counted.units].sort(([a], [b]) => a.localeCompare(b))).map(([hcode, stats]) => ({
          unit: this.#summary(hcode),
          ...stats,
        })),
      };
    }
    const referrals = await this.#repository.findForStats(filter);
    const byUnit = new Map<string, StatsReferral[]>();
    if (unit !== undefined) byUnit.set(unit, [...referrals]);
    else {
      for (const referral of referrals) {
        const sides = query.direction === 'incoming' ? [referral.toHcode] : query.direction === 'outgoing' ? [referral.fromHcode] : [referral.fromHcode, referral.toHcode];
        for (const hcode of new Set(sides)) byUnit.set(hcode, [...(byUnit.get(hcode) ?? []), referral]);
      }
    }
    return {
      direction: query.direction,
      from: query.createdFrom ?? null,
      to: query.createdBefore ?? null,
      overall: referralStats(referrals),
      units: [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hcode, list]) => ({ unit: this.#summary(hcode), ...referralStats(list) })),
    };
  }

  /**
   * Time spent in each status, from the projected referral's steps.
   *
   * @throws ApiError REFERRAL_NOT_FOUND when the store has no such referral (yet)
   * @throws ApiError FORBIDDEN_UNIT when the caller's unit is not a party and they are no auditor
   */
  public async timeInState(caller: Principal, id: string): Promise<TimeInState> {
    const referral = await this.#repository.findById(id);
    if (referral === undefined) throw new ApiError('REFERRAL_NOT_FOUND', `referral ${id} is not in the query store`);
    if (!canSee(caller, referral)) throw new ApiError('FORBIDDEN_UNIT', `unit ${caller.hcode} is not a party to referral ${id}`);
    return timeInState(referral, this.#now());
  }

  #item(referral: ReferralDocument): ReferralListItem {
    const { isFastTrack: _derived, ...fields } = referral;
    return { ...fields, from: this.#summary(referral.fromHcode), to: this.#summary(referral.toHcode) };
  }

  #summary(hcode: string): UnitSummary {
    const unit = this.#units.find(hcode);
    return { hcode, nameTh: unit?.nameTh ?? null, nameEn: unit?.nameEn ?? null, type: unit?.type ?? null };
  }
}
