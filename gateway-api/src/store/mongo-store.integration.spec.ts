/**
 * Runs the MongoDB repositories against a real store (FerretDB or MongoDB) when MONGODB_TEST_URI
 * names a scratch database, e.g. MONGODB_TEST_URI=mongodb://127.0.0.1:27017/referrals_test_projector.
 * The database is dropped before and after. Skipped otherwise.
 */
import { CounterFlusher } from './counter-flusher';
import { InMemoryCheckpointer } from './in-memory-checkpointer';
import { InMemoryReadModel } from './in-memory-read-model';
import { MongoCheckpointer } from './mongo-checkpointer';
import { MongoProjectionRepository } from './mongo-projection-repository';
import { MongoReferralSearchRepository } from './mongo-referral-search-repository';
import type { ReferralEventDocument } from './read-model';
import { ScopeVersions } from './scope-versions';
import { StoreConnection } from './store-connection';
import { ReferralProjection } from '../fabric/events/referral-projection';
import type { ProjectionStore } from '../fabric/events/projection-store';
import { crashingStore, deliverFromCheckpoint, snapshot } from '../fabric/events/test-support/projection-harness';
import { sampleChain } from '../fabric/events/test-support/sample-chain';
import type { ReferralFilter } from '../modules/referral-search/referral-filter';

const uri = process.env.MONGODB_TEST_URI;
const suite = uri === undefined || uri === '' ? describe.skip : describe;

suite('MongoDB repositories against a live store', () => {
  let store: StoreConnection;

  beforeAll(async () => {
    store = new StoreConnection({ uri: uri ?? '', log: () => undefined, initialRetryMs: 100, maxRetryMs: 100 });
    await store.open();
  }, 30_000);

  beforeEach(async () => {
    for (const model of Object.values(store.models)) await model.deleteMany({});
  });

  afterAll(async () => {
    await store.models.referrals.db.dropDatabase();
    await store.close();
  });

  async function mongoSnapshot(): Promise<ReturnType<typeof snapshot>> {
    await new CounterFlusher(store.models).flush(); // the lists read the counters
    const search = new MongoReferralSearchRepository(store.models);
    const page = await search.search({ direction: 'all' }, 1, 100);
    const events = (await store.models.referralEvents.find({}).sort({ blockNumber: 1, txIndex: 1 }).lean<Record<string, unknown>[]>()).map((e) => {
      const { _id, deliveredAt: _d, projectedAt: _p, ...rest } = e;
      return { txId: _id, ...rest } as unknown as Omit<ReferralEventDocument, 'deliveredAt' | 'projectedAt'>;
    });
    return { referrals: [...page.items].sort((a, b) => a.id.localeCompare(b.id)), events };
  }

  async function inMemorySnapshot(): Promise<ReturnType<typeof snapshot>> {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    await deliverFromCheckpoint(new ReferralProjection({ store: model, checkpointer, log: () => undefined }), checkpointer, sampleChain());
    return snapshot(model);
  }

  const projection = (s: ProjectionStore, checkpointer: MongoCheckpointer): ReferralProjection =>
    new ReferralProjection({ store: s, checkpointer, log: () => undefined });

  it('projects the sample chain exactly like the in-memory model, and survives a crash and a replay from 0', async () => {
    const repo = new MongoProjectionRepository(store.models);
    const checkpointer = new MongoCheckpointer({ model: store.models.checkpoints, name: 'it' });
    const crashed = await deliverFromCheckpoint(projection(crashingStore(repo, 'recordEvent', 3), checkpointer), checkpointer, sampleChain());
    expect(crashed).toBeInstanceOf(Error);
    // restart: a new checkpointer instance reads the stored checkpoint
    const resumed = new MongoCheckpointer({ model: store.models.checkpoints, name: 'it' });
    expect((await resumed.read())?.blockNumber).toBe(2);
    expect(await deliverFromCheckpoint(projection(repo, resumed), resumed, sampleChain())).toBeUndefined();
    const expected = await inMemorySnapshot();
    expect(await mongoSnapshot()).toEqual(expected);
    expect(await resumed.read()).toEqual({ blockNumber: 6, transactionIds: [] });
    // replay everything from block 0 over the same store: nothing changes
    const fromZero = new MongoCheckpointer({ model: store.models.checkpoints, name: 'it-replay' });
    expect(await deliverFromCheckpoint(projection(repo, fromZero), fromZero, sampleChain())).toBeUndefined();
    expect(await mongoSnapshot()).toEqual(expected);
  }, 30_000);

  it('keeps the newest version when blocks come in reverse order', async () => {
    const repo = new MongoProjectionRepository(store.models);
    const p = projection(repo, new MongoCheckpointer({ model: store.models.checkpoints, name: 'reverse' }));
    for (const block of [...sampleChain()].reverse()) await p.applyBlock(block.blockNumber, block.blockData, new Date());
    expect(await mongoSnapshot()).toEqual(await inMemorySnapshot());
  }, 30_000);

  it('projects the chain in catch-up batches with insertMany exactly like block by block, twice over harmlessly', async () => {
    // no flusher of its own: mongoSnapshot flushes (two flushers at once would count twice; the gateway has one)
    const repo = new MongoProjectionRepository(store.models);
    const p = projection(repo, new MongoCheckpointer({ model: store.models.checkpoints, name: 'batches' }));
    const blocks = sampleChain().map((b) => ({ blockNumber: b.blockNumber, block: b.blockData, deliveredAt: new Date() }));
    // first half, then everything (the first half again: duplicates and same versions)
    await p.applyBlocks(blocks.slice(0, 3));
    const outcome = await p.applyBlocks(blocks);
    expect(outcome.duplicates).toBeGreaterThan(0);
    expect(await mongoSnapshot()).toEqual(await inMemorySnapshot());
    // the counters count each referral once
    const counted = await new MongoReferralSearchRepository(store.models).search({ direction: 'all' }, 1, 100);
    expect(counted.total).toBe(3);
  }, 30_000);

  it('converges when catch-up batches arrive newest first (a referral updated in a batch that lacks its creation)', async () => {
    const repo = new MongoProjectionRepository(store.models);
    const p = projection(repo, new MongoCheckpointer({ model: store.models.checkpoints, name: 'batches-reversed' }));
    const blocks = sampleChain().map((b) => ({ blockNumber: b.blockNumber, block: b.blockData, deliveredAt: new Date() }));
    for (let end = blocks.length; end > 0; end -= 2) await p.applyBlocks(blocks.slice(Math.max(0, end - 2), end));
    expect(await mongoSnapshot()).toEqual(await inMemorySnapshot());
  }, 30_000);

  it('keeps the auditor per-unit statistics in memory and reads again only the units that changed', async () => {
    const versions = new ScopeVersions();
    const flusher = new CounterFlusher(store.models, { onCounted: (scopes) => versions.changed(scopes) });
    const repo = new MongoProjectionRepository(store.models, flusher, versions);
    const p = projection(repo, new MongoCheckpointer({ model: store.models.checkpoints, name: 'unit-stats' }));
    const chain = sampleChain();
    const blocks = chain.map((b) => ({ blockNumber: b.blockNumber, block: b.blockData, deliveredAt: new Date() }));
    await p.applyBlocks(blocks.slice(0, 2));
    await flusher.flush();
    const memo = new MongoReferralSearchRepository(store.models, versions);
    const plain = new MongoReferralSearchRepository(store.models);
    const totals = async (r: MongoReferralSearchRepository) =>
      Object.fromEntries(((await r.countedStats({ direction: 'incoming' }, true))?.units ?? []).map(([unit, stats]) => [unit, stats.total]));
    expect(await totals(memo)).toEqual(await totals(plain));
    const before = await totals(memo);
    await p.applyBlocks(blocks.slice(2));
    await flusher.flush();
    const after = await totals(memo);
    expect(after).toEqual(await totals(plain));
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBeGreaterThan(Object.values(before).reduce((a, b) => a + b, 0));
    await flusher.stop();
  }, 30_000);

  it('lets exactly one of 20 concurrent conditional updates of one document match (per-document lock plugin)', async () => {
    const model = store.models.checkpoints;
    await model.create({ _id: 'race', blockNumber: 0, transactionIds: [] });
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => model.findOneAndUpdate({ _id: 'race', blockNumber: 0 }, { $set: { blockNumber: i + 1 } }, { returnDocument: 'after' }).lean()),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  }, 30_000);

  it('filters and sorts like the in-memory model', async () => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    await deliverFromCheckpoint(new ReferralProjection({ store: model, checkpointer, log: () => undefined }), checkpointer, sampleChain());
    const repo = new MongoProjectionRepository(store.models);
    for (const referral of model.referrals()) await repo.saveReferral(referral);
    await new CounterFlusher(store.models).flush();
    const search = new MongoReferralSearchRepository(store.models);
    const filters: ReferralFilter[] = [
      { direction: 'all' },
      { unit: '10697', direction: 'incoming' },
      { unit: '11138', direction: 'outgoing' },
      { unit: '11138', direction: 'all', statuses: ['accepted', 'requested'] },
      { direction: 'all', fastTrack: true },
      { direction: 'all', fastTrack: false, priority: 3 },
      { direction: 'all', createdFrom: '2026-11-25T08:00:30.000Z', createdBefore: '2026-11-25T09:00:00.000Z' },
      { direction: 'all', idPrefix: 'R-' },
      { direction: 'all', idPrefix: 'R-3' },
    ];
    for (const filter of filters) {
      const live = await search.search(filter, 1, 2);
      const expected = await model.search(filter, 1, 2);
      expect({ filter, ids: live.items.map((r) => r.id), total: live.total }).toEqual({ filter, ids: expected.items.map((r) => r.id), total: expected.total });
      expect((await search.findForStats(filter)).length).toBe(expected.total);
    }
    expect((await search.findById('R-2'))?.status).toBe('rejected');
    expect(await search.findById('R-404')).toBeUndefined();
  }, 30_000);
});
