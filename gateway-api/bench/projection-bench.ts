/**
 * Projection benchmark: creates N referrals through a running gateway, then reports how fast and how
 * late they reached its query store, and how fast the whole channel replays from block 0 into an
 * empty database. Prints figures only; asserts nothing.
 *
 * Build and run (from the repository root):
 *   npm run bench:projection        (builds gateway-api/bench-dist, then runs it against a running system)
 * Environment: GATEWAY_URL (http://127.0.0.1:3000), MONGODB_URI (the gateway's store,
 * mongodb://127.0.0.1:27017/referrals), REPLAY_DB (referrals_bench_replay,
 * dropped first), BENCH_N (50), BENCH_CONCURRENCY (10), BENCH_USER (clinician.bangkhla),
 * BENCH_TO (10697), PROJECT_ROOT, RUNTIME_DIR, PROJECTOR_IDENTITY.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayPool } from '../src/fabric/gateway-pool';
import { loadTopology } from '../src/fabric/network-topology';
import { ProjectionListener } from '../src/fabric/events/projection-listener';
import { loadProjectorConfig } from '../src/fabric/events/projector-config';
import { MongoCheckpointer } from '../src/store/mongo-checkpointer';
import { blockStreamOf } from '../src/fabric/events/block-stream';
import { MongoProjectionRepository } from '../src/store/mongo-projection-repository';
import { StoreConnection } from '../src/store/store-connection';

const env = process.env;
const GATEWAY = env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const LIVE_URI = env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/referrals';
const N = Number(env.BENCH_N ?? 50);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 10);
const USER = env.BENCH_USER ?? 'clinician.bangkhla';
const TO = env.BENCH_TO ?? '10697';
const ROOT = path.resolve(env.PROJECT_ROOT ?? path.join(__dirname, '../../..'));
const RUNTIME = path.resolve(env.RUNTIME_DIR ?? path.join(ROOT, '.runtime'));

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function stats(values: number[]): { median: number; p90: number; worst: number; best: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { median, p90: at(0.9), worst: sorted.at(-1) ?? NaN, best: sorted[0] ?? NaN };
}

const fmt = (s: ReturnType<typeof stats>): string => `median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms, worst ${s.worst.toFixed(0)} ms, best ${s.best.toFixed(0)} ms`;

/** A valid 13-digit Thai national ID (mod-11 check digit). */
function randomCid(): string {
  for (;;) {
    const digits = [1 + Math.floor(Math.random() * 8), ...Array.from({ length: 11 }, () => Math.floor(Math.random() * 10))];
    const sum = digits.reduce((acc, d, i) => acc + d * (13 - i), 0);
    const check = (11 - (sum % 11)) % 10;
    return [...digits, check].join('');
  }
}

async function login(): Promise<string> {
  const res = await fetch(`${GATEWAY}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: env.BENCH_PASSWORD ?? 'Referral#2026' }),
  });
  if (res.status !== 200) throw new Error(`login as ${USER} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function live(runId: string): Promise<number> {
  const token = await login();
  const committedAt = new Map<string, number>();
  const ids = Array.from({ length: N }, (_, i) => `R-bench-${runId}-${String(i).padStart(4, '0')}`);
  let next = 0;
  let failures = 0;
  const started = Date.now();
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++];
      if (id === undefined) return;
      const priority = 1 + Math.floor(Math.random() * 5);
      const body = { referralId: id, patient: { cid: randomCid() }, toHcode: TO, reasonCode: '1', priority, ...(Math.random() < 0.2 ? { fastTrack: '02' } : {}) };
      const res = await fetch(`${GATEWAY}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (res.status === 201) committedAt.set(id, Date.now());
      else {
        failures++;
        log(`  ${id}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
      await res.body?.cancel().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, CONCURRENCY) }, worker));
  const submitted = Date.now();
  log(`created ${committedAt.size}/${N} referrals in ${((submitted - started) / 1000).toFixed(1)} s (${((committedAt.size * 1000) / (submitted - started)).toFixed(1)}/s, concurrency ${CONCURRENCY}, ${failures} failed)`);

  const store = new StoreConnection({ uri: LIVE_URI, log: () => undefined });
  await store.open();
  try {
    const prefix = `^R-bench-${runId}-`;
    let events: Record<string, unknown>[] = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      events = await store.models.referralEvents.find({ referralId: { $regex: prefix } }).lean<Record<string, unknown>[]>();
      if (events.length >= committedAt.size) break;
      await sleep(100);
    }
    const projected = events.filter((e) => committedAt.has(String(e.referralId)));
    log(`projected ${projected.length}/${committedAt.size} into ${LIVE_URI}`);
    if (projected.length === 0) return 0;
    const t = (e: Record<string, unknown>, field: string): number => Date.parse(String(e[field]));
    const projectedTimes = projected.map((e) => t(e, 'projectedAt'));
    const first = Math.min(...projectedTimes);
    const last = Math.max(...projectedTimes);
    log(`live projection: ${projected.length} events between first and last store write in ${((last - first) / 1000).toFixed(2)} s → ${((projected.length * 1000) / Math.max(1, last - first)).toFixed(1)} events/s (bounded by the submission rate)`);
    log(`lag commit (POST answered 201) → store: ${fmt(stats(projected.map((e) => t(e, 'projectedAt') - (committedAt.get(String(e.referralId)) ?? NaN))))}`);
    log(`lag block delivered to projector → store: ${fmt(stats(projected.map((e) => t(e, 'projectedAt') - t(e, 'deliveredAt'))))}`);
    log(`lag transaction timestamp (proposal) → store: ${fmt(stats(projected.map((e) => t(e, 'projectedAt') - t(e, 'at'))))}`);
    const checkpoint = await store.models.checkpoints.findById(env.PROJECTOR_NAME ?? 'referral-projector').lean<{ blockNumber: number }>();
    return checkpoint?.blockNumber ?? 0;
  } finally {
    await store.close();
  }
}

async function replay(targetBlock: number): Promise<void> {
  const liveUrl = new URL(LIVE_URI);
  const replayUrl = new URL(LIVE_URI);
  replayUrl.pathname = `/${env.REPLAY_DB ?? 'referrals_bench_replay'}`;
  const store = new StoreConnection({ uri: replayUrl.toString(), log: () => undefined });
  await store.open();
  await store.models.referrals.db.dropDatabase();
  await store.close();
  const fresh = new StoreConnection({ uri: replayUrl.toString(), log: () => undefined });
  await fresh.open();
  const topology = loadTopology(ROOT, RUNTIME);
  const pool = new GatewayPool({ topology, runtimeDir: RUNTIME });
  const identity = loadProjectorConfig(env, RUNTIME).identity;
  let blocks = 0;
  let changes = 0;
  let lastBlock = -1;
  const listener = new ProjectionListener({
    connect: async () => {
      const { network } = await pool.connectionFor(identity);
      return { blocks: async (startBlock: number) => blockStreamOf(network, startBlock) };
    },
    storeReady: async () => fresh.open(),
    store: new MongoProjectionRepository(fresh.models),
    checkpointer: new MongoCheckpointer({ model: fresh.models.checkpoints, name: 'replay' }),
    log: () => undefined,
    onBlock: (o) => {
      blocks++;
      changes += o.changes;
      lastBlock = o.blockNumber;
    },
  });
  const started = Date.now();
  listener.start();
  const deadline = Date.now() + 600_000;
  while (lastBlock < targetBlock - 1 && Date.now() < deadline) await sleep(20);
  const elapsed = (Date.now() - started) / 1000;
  await listener.stop();
  await pool.close();
  log(`replay from block 0 into empty ${replayUrl.pathname.slice(1)} as ${identity.username}: ${blocks} blocks (${changes} referral changes) in ${elapsed.toFixed(2)} s → ${(blocks / elapsed).toFixed(0)} blocks/s, ${(changes / elapsed).toFixed(0)} changes/s (including connecting)`);

  // the replayed read model against the live one, for every referral the replay reached
  const liveStore = new StoreConnection({ uri: liveUrl.toString(), log: () => undefined });
  await liveStore.open();
  try {
    const replayed = await fresh.models.referrals.find({}).lean<Record<string, unknown>[]>();
    const liveDocs = new Map((await liveStore.models.referrals.find({}).lean<Record<string, unknown>[]>()).map((d) => [String(d._id), d]));
    let same = 0;
    const differing: string[] = [];
    for (const doc of replayed) {
      const other = liveDocs.get(String(doc._id));
      const ledger = (d: Record<string, unknown> | undefined): string => JSON.stringify(d?.ledger);
      if (other !== undefined && ledger(other) === ledger(doc) && JSON.stringify(sortKeys(other)) === JSON.stringify(sortKeys(doc))) same++;
      else differing.push(String(doc._id));
    }
    const replayedEvents = await fresh.models.referralEvents.countDocuments({});
    const liveEvents = await liveStore.models.referralEvents.countDocuments({ blockNumber: { $lt: targetBlock } });
    log(`replayed read model: ${same}/${replayed.length} referrals identical to the live store, ${replayedEvents} events (live store: ${liveEvents} below block ${targetBlock})${differing.length > 0 ? `; differing: ${differing.slice(0, 5).join(', ')}` : ''}`);
  } finally {
    await liveStore.close();
    await fresh.close();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

async function main(): Promise<void> {
  const runId = randomUUID().slice(0, 8);
  log(`projection benchmark ${runId}: ${N} referrals ${USER} → ${TO} through ${GATEWAY}`);
  const target = await live(runId);
  await replay(target);
}

main().catch((err: unknown) => {
  log(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
