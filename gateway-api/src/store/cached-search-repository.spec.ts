import type { ReferralFilter } from '../modules/referral-search/referral-filter';
import type { ReferralPage, ReferralSearchRepository } from '../modules/referral-search/referral-search.repository';
import { CachedSearchRepository } from './cached-search-repository';
import { ScopeVersions } from './scope-versions';

/** A store that answers with how many times it was asked, and can be held until released. */
function countingStore(): ReferralSearchRepository & { calls: number; hold: boolean; release: () => void } {
  let waiting: (() => void)[] = [];
  const store = {
    calls: 0,
    hold: false,
    release: () => {
      const w = waiting;
      waiting = [];
      for (const r of w) r();
    },
    search: async (_f: ReferralFilter, page: number): Promise<ReferralPage> => {
      const n = ++store.calls;
      if (store.hold) await new Promise<void>((r) => waiting.push(r));
      return { items: [], total: n * 100 + page };
    },
    findForStats: async () => [],
    findById: async () => undefined,
    countedStats: async () => {
      store.calls++;
      return { overall: {} as never, units: [] };
    },
  };
  return store;
}

const inbox: ReferralFilter = { unit: '10697', direction: 'incoming', statuses: ['requested', 'received'] };

describe('CachedSearchRepository', () => {
  it('answers a repeated list from memory until a change in its scope', async () => {
    const store = countingStore();
    const versions = new ScopeVersions();
    const cache = new CachedSearchRepository(store, versions);
    expect((await cache.search(inbox, 1, 20)).total).toBe(101);
    // same filter, other property order and status order: same answer, no store read
    expect((await cache.search({ statuses: ['received', 'requested'], direction: 'incoming', unit: '10697' }, 1, 20)).total).toBe(101);
    expect(store.calls).toBe(1);
    // a change to another unit's scope leaves it alone; one to its own scope makes it read again
    versions.changed(['10670|incoming', '10670|all']);
    expect((await cache.search(inbox, 1, 20)).total).toBe(101);
    versions.changed(['10697|incoming']);
    expect((await cache.search(inbox, 1, 20)).total).toBe(201);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it('keys province-wide reads on every change', async () => {
    const store = countingStore();
    const versions = new ScopeVersions();
    const cache = new CachedSearchRepository(store, versions);
    await cache.search({ direction: 'all' }, 1, 20);
    await cache.countedStats?.({ direction: 'incoming' }, true);
    versions.changed(['03903|outgoing']);
    await cache.search({ direction: 'all' }, 1, 20);
    await cache.countedStats?.({ direction: 'incoming' }, true);
    expect(store.calls).toBe(4);
  });

  it('shares one store read among concurrent identical requests', async () => {
    const store = countingStore();
    store.hold = true;
    const cache = new CachedSearchRepository(store, new ScopeVersions());
    const answers = Array.from({ length: 32 }, async () => cache.search(inbox, 1, 20));
    store.release();
    await new Promise((r) => setImmediate(r));
    store.release();
    expect(new Set((await Promise.all(answers)).map((a) => a.total))).toEqual(new Set([101]));
    expect(store.calls).toBe(1);
  });

  it('never keeps an answer read across a change as current (the version is taken before the read)', async () => {
    const store = countingStore();
    store.hold = true;
    const versions = new ScopeVersions();
    const cache = new CachedSearchRepository(store, versions);
    const during = cache.search(inbox, 1, 20);
    versions.changed(['10697|incoming']); // lands while the store read is under way
    store.release();
    await during;
    store.hold = false;
    expect((await cache.search(inbox, 1, 20)).total).toBe(201);
  });

  it('forgets failed reads, old answers and the least recently used', async () => {
    let now = 0;
    const store = countingStore();
    const cache = new CachedSearchRepository(store, new ScopeVersions(), { maxEntries: 2, maxAgeMs: 1000, now: () => now });
    const failing = new CachedSearchRepository(
      { ...store, search: async () => Promise.reject(new Error('store down')) },
      new ScopeVersions(),
    );
    await expect(failing.search(inbox, 1, 20)).rejects.toThrow('store down');
    await new Promise((r) => setImmediate(r));
    expect(failing.stats().size).toBe(0);
    await cache.search(inbox, 1, 20);
    now = 1001;
    await cache.search(inbox, 1, 20);
    expect(store.calls).toBe(2);
    await cache.search(inbox, 2, 20);
    await cache.search(inbox, 3, 20);
    expect(cache.stats().size).toBe(2);
    await cache.search(inbox, 1, 20); // dropped as least recently used
    expect(store.calls).toBe(5);
  });
});
