/**
 * Store benchmark: seeds the query store with a province's referrals through the projector code path
 * (ReferralProjection + MongoProjectionRepository + MongoCheckpointer + CounterFlusher) from synthetic
 * blocks, not Fabric, then measures what the web client and the projector need:
 *   - inbox (incoming, open statuses, page 1 of 20) and outgoing list p50/p95/p99 with N concurrent readers,
 *   - statistics p50/p95/p99 (unit figures, and the auditor's province-wide figures),
 *   - projector lag at a fixed write rate (block delivered → referral stored; → counted in the lists),
 *   - replay from block 0 into an empty database (blocks/s, changes/s),
 *   - the store's size.
 * Prints a table, writes JSON to reports/bench/store-<time>.json. Asserts nothing.
 *
 *   npm run bench:store                   full: 100,000 referrals, 32 readers, 20 s per point
 *   BENCH_SHORT=1 npm run bench:store     short (CI=true too): 1,000 referrals, 3 s per point, 20 tx/s, 100 blocks
 * Environment: BENCH_STORE_URI (default: MONGODB_URI's server, else the embedded store of
 * fixtures/network.json, database referrals_bench, dropped first), BENCH_REFERRALS, BENCH_READERS (32),
 * BENCH_SECONDS, BENCH_PEAK_TPS (100), BENCH_REPLAY_BLOCKS, BENCH_SEED_WORKERS (8), BENCH_KEEP=1 (reuse a
 * seeded database, counting what an interrupted seed left pending), BENCH_ONLY_SEED=1, BENCH_ONLY_REPLAY=1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { LedgerReferral, LedgerStep } from '../src/fabric/referral-client';
import type { ProjectionStore } from '../src/fabric/events/projection-store';
import { ReferralProjection } from '../src/fabric/events/referral-projection';
import { fakeBlock, type FakeTx } from '../src/fabric/events/test-support/fake-blocks';
import type { Principal } from '../src/modules/auth/auth-token';
import { ReferralSearchService } from '../src/modules/referral-search/referral-search.service';
import type { ListReferralsQuery, ReferralStatsQuery } from '../src/modules/referral-search/referral-search.schemas';
import { CachedSearchRepository } from '../src/store/cached-search-repository';
import { CounterFlusher } from '../src/store/counter-flusher';
import { ScopeVersions } from '../src/store/scope-versions';
import { MongoCheckpointer } from '../src/store/mongo-checkpointer';
import { MongoProjectionRepository } from '../src/store/mongo-projection-repository';
import { MongoReferralSearchRepository } from '../src/store/mongo-referral-search-repository';
import { StoreConnection } from '../src/store/store-connection';
import { UnitRegistry, type Unit } from '../src/units/unit-registry';

const env = process.env;
const ROOT = path.resolve(env.PROJECT_ROOT ?? path.join(__dirname, '../../..'));
const SHORT = env.BENCH_SHORT === '1' || env.CI === 'true';
const N = Number(env.BENCH_REFERRALS ?? (SHORT ? 1000 : 100_000));
const READERS = Number(env.BENCH_READERS ?? 32);
const SECONDS = Number(env.BENCH_SECONDS ?? (SHORT ? 3 : 20));
const PEAK_TPS = Number(env.BENCH_PEAK_TPS ?? (SHORT ? 20 : 100));
const REPLAY_BLOCKS = Number(env.BENCH_REPLAY_BLOCKS ?? (SHORT ? 100 : 2000));
const SEED_BLOCK = 50;
const OPEN = ['requested', 'received', 'accepted', 'arrived'] as const;
const BUSIEST = '10697';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function storeUri(dbName: string): string {
  const configured = env.BENCH_STORE_URI ?? env.MONGODB_URI;
  let base = configured;
  if (base === undefined || base === '') {
    const network = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/network.json'), 'utf8')) as { store?: { port?: number } };
    base = `mongodb://127.0.0.1:${network.store?.port ?? 27017}/x`;
  }
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same province. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond?: number;
}

function summarise(values: number[], seconds?: number): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(s.at(-1) ?? NaN), ...(seconds === undefined ? {} : { perSecond: r(s.length / seconds) }) };
}

/** The synthetic province: who refers to whom, how referrals end, when. */
class Province {
  readonly units: Unit[];
  readonly #random: () => number;
  readonly #hospitals: Unit[];
  readonly #centres: Unit[];

  public constructor(units: UnitRegistry, seed: number) {
    this.units = units.all();
    this.#random = rng(seed);
    this.#hospitals = this.units.filter((u) => u.type === 'hospital');
    this.#centres = this.units.filter((u) => u.type === 'health-centre');
  }

  #pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#random() * list.length)] as T;
  }

  /** Health centres refer to their hospital (70 %), hospitals to the provincial hospital (25 %), back-referrals (5 %). */
  public route(): [Unit, Unit] {
    const r = this.#random();
    const provincial = this.units.find((u) => u.hcode === BUSIEST) ?? this.#pick(this.#hospitals);
    if (r < 0.7) {
      const from = this.#pick(this.#centres);
      const to = this.units.find((u) => u.hcode === from.parentHcode && u.type === 'hospital') ?? provincial;
      return [from, to];
    }
    if (r < 0.95) {
      const from = this.#pick(this.#hospitals.filter((h) => h.hcode !== provincial.hcode));
      return [from, provincial];
    }
    return [provincial, this.#pick(this.#hospitals.filter((h) => h.hcode !== provincial.hcode))];
  }

  /** A referral created at `createdMs` and the steps it has taken by `nowMs`. */
  public referral(id: string, txBase: string, createdMs: number, nowMs: number): LedgerReferral {
    const [from, to] = this.route();
    const rand = this.#random;
    const priority = rand() < 0.05 ? 1 : rand() < 0.2 ? 2 : rand() < 0.6 ? 3 : rand() < 0.85 ? 4 : 5;
    const fastTrack = rand() < 0.08 ? ['01', '02', '03', '04'][Math.floor(rand() * 4)] : undefined;
    const at = (ms: number): string => new Date(ms).toISOString();
    const steps: LedgerStep[] = [
      { action: 'create', status: 'requested', txId: `${txBase}-0`, at: at(createdMs), mspId: from.mspId, hcode: from.hcode, role: 'clinician', actor: 'bench' },
    ];
    // the lifecycle, with minutes between steps; a referral is only as far as the time since its creation allows
    const plan: [string, string, number][] = [['receive', 'received', 5 + rand() * 55]];
    const end = rand();
    if (end < 0.08) plan.push(['reject', 'rejected', 10 + rand() * 120]);
    else if (end < 0.12) plan.push(['cancel', 'cancelled', 30 + rand() * 600]);
    else {
      plan.push(['accept', 'accepted', 10 + rand() * 240]);
      if (end < 0.16) plan.push(['no-show', 'no-show', 60 * 24]);
      else plan.push(['arrive', 'arrived', 60 + rand() * 60 * 24], ['complete', 'completed', 60 + rand() * 60 * 72]);
    }
    let t = createdMs;
    let status = 'requested';
    let rejection: unknown;
    for (const [action, next, minutes] of plan) {
      t += minutes * 60_000;
      if (t > nowMs) break;
      const by = action === 'cancel' ? from : to;
      steps.push({ action, status: next, txId: `${txBase}-${steps.length}`, at: at(t), mspId: by.mspId, hcode: by.hcode, role: 'nurse', actor: 'bench' });
      status = next;
      if (action === 'reject') rejection = { reasonCode: ['no-bed', 'no-specialist', 'incomplete', 'other'][Math.floor(rand() * 4)] };
    }
    const last = steps.at(-1) as LedgerStep;
    return {
      docType: 'referral',
      id,
      kind: 'referral',
      status,
      fromHcode: from.hcode,
      toHcode: to.hcode,
      fromMsp: from.mspId,
      toMsp: to.mspId,
      patientPseudonym: id.padEnd(64, '0').slice(0, 64),
      reasonCode: '1',
      priority,
      ...(fastTrack === undefined ? {} : { fastTrack }),
      ...(rejection === undefined ? {} : { rejection }),
      createdAt: at(createdMs),
      updatedAt: last.at,
      steps,
    } as LedgerReferral;
  }
}

/** The referral as it stood after its first `k` steps. */
function upTo(referral: LedgerReferral, k: number): LedgerReferral {
  const steps = referral.steps.slice(0, k);
  const last = steps.at(-1) as LedgerStep;
  const { rejection: _r, ...rest } = referral as LedgerReferral & { rejection?: unknown };
  return { ...rest, ...(last.status === 'rejected' ? { rejection: (referral as { rejection?: unknown }).rejection } : {}), status: last.status, updatedAt: last.at, steps } as LedgerReferral;
}

function projector(store: StoreConnection, name: string, flusher: CounterFlusher, parallel: number, versions?: ScopeVersions, withoutHint = false): { projection: ReferralProjection; checkpointer: MongoCheckpointer } {
  const checkpointer = new MongoCheckpointer({ model: store.models.checkpoints, name });
  const repository = new MongoProjectionRepository(store.models, flusher, versions);
  // the baseline of the replay: the batch write as it was before the "created here" hint
  const target: ProjectionStore = withoutHint
    ? { saveReferral: async (r) => repository.saveReferral(r), recordEvent: async (e) => repository.recordEvent(e), recordEvents: async (e) => repository.recordEvents(e), saveReferrals: async (r) => repository.saveReferrals(r) }
    : repository;
  const projection = new ReferralProjection({ store: target, checkpointer, log: () => undefined, parallel });
  return { projection, checkpointer };
}

/**
 * Applies consecutive blocks the way the projection listener does (handleCheckpointedBlocks): one block while
 * it keeps up, a batch of what has piled up when it is behind; then the checkpoint moves past the last one.
 */
async function apply(p: ReturnType<typeof projector>, ...blocks: { blockNumber: number; blockData: unknown }[]): Promise<number> {
  const deliveredAt = new Date();
  const outcome = await p.projection.applyBlocks(blocks.map((b) => ({ blockNumber: b.blockNumber, block: b.blockData, deliveredAt })));
  await p.checkpointer.setBlockNumber((blocks.at(-1)?.blockNumber ?? -1) + 1);
  return outcome.changes;
}

/** Blocks the listener hands out together when it is behind (its default maxBatch). */
const CATCH_UP_BATCH = Number(env.BENCH_BATCH ?? 256);

async function openStore(db: string, pool = 40): Promise<StoreConnection> {
  const store = new StoreConnection({ uri: storeUri(db), log: () => undefined, maxPoolSize: pool });
  await store.open();
  return store;
}

async function fresh(db: string): Promise<StoreConnection> {
  const first = await openStore(db);
  await first.models.referrals.db.dropDatabase();
  await first.close();
  return openStore(db);
}

async function seed(store: StoreConnection, province: Province, nowMs: number): Promise<Record<string, number>> {
  const flusher = new CounterFlusher(store.models, { delayMs: 200 });
  const workers = Number(env.BENCH_SEED_WORKERS ?? 8);
  const yearMs = 365 * 24 * 3600 * 1000;
  const started = performance.now();
  let changes = 0;
  let blocks = 0;
  const total = Math.ceil(N / SEED_BLOCK);
  // the blocks, in order; each seeding projector (own checkpoint) takes every `workers`-th block
  const blockOf = (b: number): { blockNumber: number; blockData: unknown } => {
    const txs: FakeTx[] = [];
    for (let i = b * SEED_BLOCK; i < Math.min(N, (b + 1) * SEED_BLOCK); i++) {
      const createdMs = nowMs - yearMs + (i / N) * yearMs;
      const referral = province.referral(`R-B${String(i).padStart(7, '0')}`, `tx${i}`, createdMs, nowMs);
      // one synthetic event per referral carrying its current state (the projector stores the latest version)
      txs.push({ txId: `seed-${i}`, referral: { ...referral, steps: referral.steps.map((s, k) => (k === referral.steps.length - 1 ? { ...s, txId: `seed-${i}` } : s)) } });
    }
    return fakeBlock(b, txs);
  };
  const chain = Array.from({ length: total }, (_, b) => blockOf(b));
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const p = projector(store, `bench-seed-${w}`, flusher, SEED_BLOCK);
      for (let b = w; b < total; b += workers) {
        const n = await apply(p, chain[b] as { blockNumber: number; blockData: unknown });
        changes += n;
        blocks++;
        if (blocks % 100 === 0) log(`  seeded ${changes} referrals (${((changes * 1000) / (performance.now() - started)).toFixed(0)}/s)`);
      }
    }),
  );
  const storedMs = performance.now() - started;
  await flusher.flush();
  await flusher.stop();
  const totalMs = performance.now() - started;
  return { referrals: changes, blocks, workers, seconds: Math.round(totalMs / 100) / 10, changesPerSecond: Math.round((changes * 1000) / storedMs), countersFlushedAfterMs: Math.round(totalMs - storedMs) };
}

const principal = (unit: Unit, role = 'nurse'): Principal => ({ username: `bench.${unit.hcode}`, role: role as Principal['role'], hcode: unit.hcode, mspId: unit.mspId });

/**
 * `count` readers, each reading again as soon as its answer came (after `thinkMs`, and always after yielding to
 * I/O, so that answers from memory cannot starve the projector of the event loop).
 */
async function readers(seconds: number, count: number, read: (i: number) => Promise<unknown>, thinkMs = 0): Promise<Stats & { errors: number }> {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await read(i);
          times.push(performance.now() - t);
        } catch {
          errors++;
        }
        await (thinkMs > 0 ? sleep(thinkMs) : new Promise((resolve) => setImmediate(resolve)));
      }
    }),
  );
  return { ...summarise(times, (performance.now() - started) / 1000), errors };
}

function listQuery(direction: 'incoming' | 'outgoing', statuses?: readonly string[]): ListReferralsQuery {
  return { direction, statuses, page: 1, pageSize: 20 } as unknown as ListReferralsQuery;
}

async function lagUnderLoad(store: StoreConnection, province: Province, search: ReferralSearchService, units: Unit[], nowMs: number, versions: ScopeVersions): Promise<Record<string, unknown>> {
  const flusher = new CounterFlusher(store.models, { delayMs: 50, onCounted: (scopes) => versions.changed(scopes) });
  const p = projector(store, 'bench-live', flusher, 4, versions);
  const blockMs = 500;
  const perBlock = Math.max(1, Math.round((PEAK_TPS * blockMs) / 1000));
  const blocks = Math.max(4, Math.round((SECONDS * 1000) / blockMs));
  const storeLag: number[] = [];
  const listLag: number[] = [];
  let stop = false;
  // 8 readers each refreshing an inbox every 100 ms: ~80 reads/s, about ten times the province's 129 inboxes at 15 s
  const background = readers(
    SECONDS + 1,
    8,
    async (i) => {
      if (stop) return;
      const unit = units[(i + Math.floor(Math.random() * units.length)) % units.length] as Unit;
      await search.list(principal(unit), listQuery('incoming', OPEN));
    },
    100,
  );
  const start = performance.now();
  let next = 0;
  for (let b = 0; b < blocks; b++) {
    const due = start + b * blockMs;
    if (performance.now() < due) await sleep(due - performance.now());
    const txs: FakeTx[] = [];
    for (let k = 0; k < perBlock; k++) {
      const i = next++;
      const referral = province.referral(`R-L${String(i).padStart(7, '0')}`, `live${i}`, nowMs + b * blockMs, nowMs + b * blockMs);
      txs.push({ txId: `live-${i}`, referral: upTo({ ...referral, steps: [{ ...(referral.steps[0] as LedgerStep), txId: `live-${i}` }] }, 1) });
    }
    const block = fakeBlock(1_000_000 + b, txs);
    await apply(p, block);
    storeLag.push(performance.now() - due);
    // visible in the lists' counts: the counter flush that follows
    const counted = (async (): Promise<void> => {
      await flusher.flush();
      listLag.push(performance.now() - due);
    })();
    void counted;
  }
  await flusher.flush();
  stop = true;
  const readsWhileWriting = await background;
  await flusher.stop();
  return {
    readsWhileWriting,
    rateTps: (perBlock * 1000) / blockMs,
    blockEveryMs: blockMs,
    txPerBlock: perBlock,
    blocks,
    deliveredToStoredMs: summarise(storeLag),
    deliveredToCountedMs: summarise(listLag),
    fellBehind: storeLag.some((l) => l > blockMs * 4),
  };
}

async function replay(province: Province, nowMs: number, withoutHint = false): Promise<Record<string, number>> {
  // a chain shaped like the network's: 1–5 transactions per block, each a step of a referral
  const chain: { blockNumber: number; blockData: unknown }[] = [];
  const lifecycles: LedgerReferral[] = [];
  let pending: { referral: LedgerReferral; k: number }[] = [];
  let made = 0;
  let txs = 0;
  for (let b = 0; b < REPLAY_BLOCKS; b++) {
    const size = 1 + (b % 5);
    const block: FakeTx[] = [];
    const used = new Set<string>();
    while (block.length < size) {
      const ready = pending.find((x) => !used.has(x.referral.id));
      if (ready !== undefined && Math.random() < 0.6) {
        ready.k++;
        block.push({ txId: `${ready.referral.steps[ready.k - 1]?.txId}`, referral: upTo(ready.referral, ready.k) });
        used.add(ready.referral.id);
        if (ready.k >= ready.referral.steps.length) pending = pending.filter((x) => x !== ready);
      } else {
        const referral = province.referral(`R-P${String(made).padStart(7, '0')}`, `rp${made}`, nowMs - 30 * 24 * 3600 * 1000, nowMs);
        made++;
        lifecycles.push(referral);
        block.push({ txId: `${referral.steps[0]?.txId}`, referral: upTo(referral, 1) });
        used.add(referral.id);
        if (referral.steps.length > 1) pending.push({ referral, k: 1 });
      }
    }
    txs += block.length;
    chain.push(fakeBlock(b, block));
  }
  const store = await fresh('referrals_bench_replay');
  const flusher = new CounterFlusher(store.models, { delayMs: 50 });
  const p = projector(store, 'bench-replay', flusher, 4, undefined, withoutHint);
  const started = performance.now();
  let changes = 0;
  // from block 0 the listener is behind all the way: it takes what the stream has read ahead, up to a batch
  for (let b = 0; b < chain.length; b += CATCH_UP_BATCH) changes += await apply(p, ...chain.slice(b, b + CATCH_UP_BATCH));
  const seconds = (performance.now() - started) / 1000;
  await flusher.flush();
  const flushed = (performance.now() - started) / 1000;
  await flusher.stop();
  await store.models.referrals.db.dropDatabase();
  await store.close();
  return { blocks: chain.length, changes, txs, referrals: lifecycles.length, seconds: Math.round(seconds * 100) / 100, blocksPerSecond: Math.round(chain.length / seconds), changesPerSecond: Math.round(changes / seconds), countersDoneSeconds: Math.round(flushed * 100) / 100 };
}

async function main(): Promise<void> {
  const units = UnitRegistry.fromFile(path.join(ROOT, 'fixtures/units.json'));
  const province = new Province(units, 2026);
  const nowMs = Date.parse('2026-11-30T00:00:00.000Z');
  const db = 'referrals_bench';
  log(`store benchmark (${SHORT ? 'short' : 'full'}): ${N} referrals, ${READERS} readers, ${SECONDS} s per point, store ${storeUri(db)}`);
  if (env.BENCH_ONLY_REPLAY === '1') {
    log(`replay from block 0 only (${REPLAY_BLOCKS} blocks), then the baseline (every version inserted first)…`);
    const now = await replay(province, nowMs);
    const before = await replay(province, nowMs, true);
    log(`  ${JSON.stringify(now)}\n  baseline ${JSON.stringify(before)}\n  ratio ${Math.round((now.blocksPerSecond ?? 0) / (before.blocksPerSecond ?? 1) * 100) / 100}`);
    return;
  }
  const result: Record<string, unknown> = { at: new Date().toISOString(), mode: SHORT ? 'short' : 'full', referrals: N, readers: READERS, secondsPerPoint: SECONDS, loadAverage: (await import('node:os')).loadavg() };

  let store: StoreConnection;
  if (env.BENCH_KEEP === '1') {
    store = await openStore(db);
    // count what a previous (interrupted) seed left pending
    const flushStart = performance.now();
    const flusher = new CounterFlusher(store.models, { log });
    await flusher.flush();
    await flusher.stop();
    result.seed = { reused: await store.models.referrals.estimatedDocumentCount(), pendingFlushedInSeconds: Math.round((performance.now() - flushStart) / 100) / 10 };
  } else {
    store = await fresh(db);
    log('seeding through the projector…');
    result.seed = await seed(store, province, nowMs);
  }
  log(`seed: ${JSON.stringify(result.seed)}`);
  if (env.BENCH_ONLY_SEED === '1') {
    await store.close();
    return;
  }
  // as the gateway serves them: the read cache in front of the store, invalidated by the projector and flusher
  const versions = new ScopeVersions();
  const stored = new MongoReferralSearchRepository(store.models, versions);
  const cache = new CachedSearchRepository(stored, versions);
  const search = new ReferralSearchService({ repository: cache, units });
  const uncached = new ReferralSearchService({ repository: new MongoReferralSearchRepository(store.models), units });
  const all = units.all().filter((u) => u.type !== 'provincial-office');
  const busiest = all.find((u) => u.hcode === BUSIEST) ?? (all[0] as Unit);
  const pickUnit = (i: number): Unit => (i % 2 === 0 ? busiest : (all[(i * 7919 + Math.floor(Math.random() * all.length)) % all.length] as Unit));
  const auditor: Principal = { username: 'bench.auditor', role: 'auditor' as Principal['role'], hcode: '00000', mspId: 'ProvincialHealthOfficeMSP' };

  const points: [string, (i: number) => Promise<unknown>][] = [
    ['inbox: incoming, open, page 1 (half at 10697)', async (i) => search.list(principal(pickUnit(i)), listQuery('incoming', OPEN))],
    ['inbox: incoming, open, 10697 only', async () => search.list(principal(busiest), listQuery('incoming', OPEN))],
    ['outgoing: open, page 1', async (i) => search.list(principal(pickUnit(i + 1)), listQuery('outgoing', OPEN))],
    ['incoming: all statuses, page 1', async (i) => search.list(principal(pickUnit(i)), listQuery('incoming'))],
    ['stats: a unit, incoming', async (i) => search.stats(principal(pickUnit(i)), { direction: 'incoming' } as ReferralStatsQuery)],
    ['stats: auditor, province + every unit', async () => search.stats(auditor, { direction: 'incoming' } as ReferralStatsQuery)],
    // the store alone (every read a miss): what the first read of a scope after a change costs
    ['store only: inbox, open, page 1 (half at 10697)', async (i) => uncached.list(principal(pickUnit(i)), listQuery('incoming', OPEN))],
    ['store only: stats, a unit', async (i) => uncached.stats(principal(pickUnit(i)), { direction: 'incoming' } as ReferralStatsQuery)],
    ['store only: stats, auditor', async () => uncached.stats(auditor, { direction: 'incoming' } as ReferralStatsQuery)],
  ];
  const reads: Record<string, unknown> = {};
  for (const [name, read] of points) {
    await readers(1, READERS, read); // warm-up
    const stats = await readers(SECONDS, READERS, read);
    reads[name] = stats;
    log(`  ${name}: p50 ${stats.p50} ms, p95 ${stats.p95} ms, p99 ${stats.p99} ms, ${stats.perSecond}/s, ${stats.errors} errors`);
  }
  result.reads = reads;
  result.cache = cache.stats();
  log(`  read cache: ${JSON.stringify(result.cache)}`);
  log('projector lag at the peak write rate (8 readers through the cache meanwhile)…');
  result.lag = await lagUnderLoad(store, province, search, all, nowMs, versions);
  log(`  ${JSON.stringify(result.lag)}`);
  const dbStats = (await store.models.referrals.db.db?.command({ dbStats: 1 })) as { dataSize?: number; storageSize?: number; indexSize?: number; totalSize?: number } | undefined;
  result.storeSize = { dataMB: Math.round((dbStats?.dataSize ?? 0) / 1e5) / 10, indexMB: Math.round((dbStats?.indexSize ?? 0) / 1e5) / 10, totalMB: Math.round((dbStats?.totalSize ?? (dbStats?.storageSize ?? 0) + (dbStats?.indexSize ?? 0)) / 1e5) / 10 };
  await store.close();
  log('replay from block 0…');
  result.replay = await replay(province, nowMs);
  log(`  ${JSON.stringify(result.replay)}`);
  log('replay baseline (every version inserted first, as before the "created here" hint)…');
  result.replayBaseline = await replay(province, nowMs, true);
  log(`  ${JSON.stringify(result.replayBaseline)}`);

  const r = (name: string): Stats => reads[name] as Stats;
  const lag = result.lag as { deliveredToStoredMs: Stats; deliveredToCountedMs: Stats; readsWhileWriting: Stats };
  const replayed = result.replay as { blocksPerSecond: number; changesPerSecond: number };
  const rows: [string, string, string][] = [
    ['inbox list p95 (32 readers, open, page 1)', `${r(points[0]?.[0] ?? '').p95} ms`, '≤ 100 ms'],
    ['inbox list p95, busiest unit only', `${r(points[1]?.[0] ?? '').p95} ms`, '≤ 100 ms'],
    ['outgoing list p95', `${r(points[2]?.[0] ?? '').p95} ms`, '≤ 100 ms'],
    ['incoming, all statuses p95', `${r(points[3]?.[0] ?? '').p95} ms`, '—'],
    ['stats p95 (unit)', `${r(points[4]?.[0] ?? '').p95} ms`, '≤ 300 ms'],
    ['stats p95 (auditor, all units)', `${r(points[5]?.[0] ?? '').p95} ms`, '≤ 300 ms'],
    ['store only: inbox p95 (no cache)', `${r(points[6]?.[0] ?? '').p95} ms`, '—'],
    ['store only: stats p95, unit / auditor (no cache)', `${r(points[7]?.[0] ?? '').p95} / ${r(points[8]?.[0] ?? '').p95} ms`, '—'],
    [`inbox p95 while writing at ${PEAK_TPS} tx/s (~80 reads/s)`, `${lag.readsWhileWriting.p95} ms`, '—'],
    [`projector lag p95 at ${PEAK_TPS} tx/s (stored)`, `${lag.deliveredToStoredMs.p95} ms`, '≤ 500 ms'],
    ['projector lag p95 (in list counts)', `${lag.deliveredToCountedMs.p95} ms`, '—'],
    ['replay from block 0', `${replayed.blocksPerSecond} blocks/s (${replayed.changesPerSecond} changes/s); ${Math.round((replayed.blocksPerSecond / (result.replayBaseline as { blocksPerSecond: number }).blocksPerSecond) * 100) / 100}× the baseline`, '≥ 200 blocks/s'],
    ['store size', `${(result.storeSize as { totalMB: number }).totalMB} MB`, '—'],
  ];
  const w = Math.max(...rows.map(([a]) => a.length));
  log(`\nstore benchmark, ${N} referrals (load average ${(result.loadAverage as number[]).map((x) => x.toFixed(1)).join(' ')})`);
  for (const [a, b, c] of rows) log(`  ${a.padEnd(w)}  ${b.padStart(34)}  target ${c}`);
  result.table = rows.map(([measure, value, target]) => ({ measure, value, target }));
  const dir = path.join(ROOT, 'reports/bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `store-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`\nJSON: ${path.relative(ROOT, file)}`);
}

main().catch((err: unknown) => {
  log(`store benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
