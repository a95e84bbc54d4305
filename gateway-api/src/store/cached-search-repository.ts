import type { ReferralFilter } from '../modules/referral-search/referral-filter';
import type { ReferralPage, ReferralSearchRepository } from '../modules/referral-search/referral-search.repository';
import type { StatsReferral } from '../modules/referral-search/referral-stats';
import type { ReferralDocument } from './read-model';
import { PROVINCE_SCOPE, scopeOf } from './list-buckets';
import type { ScopeVersions } from './scope-versions';

/** Options of {@link CachedSearchRepository}. */
export interface SearchCacheOptions {
  /** Answers kept at most (least recently used dropped first; default 2,000). */
  readonly maxEntries?: number;
  /** An answer is read again after this long even if its scope did not change (ms, default 30,000). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly version: number;
  readonly at: number;
  readonly value: Promise<unknown>;
}

/** Hit and miss counts, for the benchmark and /api/health. */
export interface SearchCacheStats {
  hits: number;
  misses: number;
  size: number;
}

/**
 * Lists and statistics served from memory while their scope has not changed (ScopeVersions, raised by the
 * projector and the counter flusher of this process), read from the store otherwise. Concurrent identical
 * reads share one store query. An answer is keyed on the scope's version taken *before* the store read, so a
 * change that lands during the read leaves that answer already outdated: never a stale hit.
 * Only for a gateway whose own projector writes the store (query-store.ts); findById is never cached.
 */
export class CachedSearchRepository implements ReferralSearchRepository {
  readonly #inner: ReferralSearchRepository;
  readonly #versions: ScopeVersions;
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #stats: SearchCacheStats = { hits: 0, misses: 0, size: 0 };
  readonly countedStats?: ReferralSearchRepository['countedStats'];

  public constructor(inner: ReferralSearchRepository, versions: ScopeVersions, options: Readonly<SearchCacheOptions> = {}) {
    this.#inner = inner;
    this.#versions = versions;
    this.#maxEntries = options.maxEntries ?? 2000;
    this.#maxAgeMs = options.maxAgeMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    const counted = inner.countedStats?.bind(inner);
    if (counted !== undefined) {
      this.countedStats = async (filter, perUnit) =>
        this.#cached(`stats|${perUnit}|${key(filter)}`, perUnit ? PROVINCE_SCOPE : scopeOf(filter.unit, filter.direction), async () => counted(filter, perUnit));
    }
  }

  public stats(): SearchCacheStats {
    return { ...this.#stats, size: this.#entries.size };
  }

  public async search(filter: ReferralFilter, page: number, pageSize: number): Promise<ReferralPage> {
    return this.#cached(`list|${page}|${pageSize}|${key(filter)}`, scopeOf(filter.unit, filter.direction), async () => this.#inner.search(filter, page, pageSize));
  }

  public async findForStats(filter: ReferralFilter): Promise<readonly StatsReferral[]> {
    return this.#cached(`all|${key(filter)}`, scopeOf(filter.unit, filter.direction), async () => this.#inner.findForStats(filter));
  }

  public async findById(id: string): Promise<ReferralDocument | undefined> {
    return this.#inner.findById(id);
  }

  async #cached<T>(cacheKey: string, scope: string, read: () => Promise<T>): Promise<T> {
    const version = this.#versions.of(scope);
    const now = this.#now();
    const entry = this.#entries.get(cacheKey);
    if (entry !== undefined && entry.version === version && now - entry.at <= this.#maxAgeMs) {
      // most recently used last
      this.#entries.delete(cacheKey);
      this.#entries.set(cacheKey, entry);
      this.#stats.hits++;
      return entry.value as Promise<T>;
    }
    this.#stats.misses++;
    const value = read();
    const fresh: Entry = { version, at: now, value };
    this.#entries.delete(cacheKey);
    this.#entries.set(cacheKey, fresh);
    // a failed read is not kept
    value.catch(() => {
      if (this.#entries.get(cacheKey) === fresh) this.#entries.delete(cacheKey);
    });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }
}

/** A stable key for a filter (property order and absent fields do not matter). */
function key(filter: ReferralFilter): string {
  const entries = Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? [...(v as unknown[])].sort() : v] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
