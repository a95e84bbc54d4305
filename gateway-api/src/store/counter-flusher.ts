import type { Model } from 'mongoose';
import { counterDeltas, parseCounterId } from './list-buckets';
import { isNewerVersion } from './read-model';

type AnyModel = Model<Record<string, unknown>>;

/** The collections the flusher reads and writes. */
export interface CounterModels {
  readonly counters: AnyModel;
  readonly pending: AnyModel;
  readonly counted: AnyModel;
}

/** Options of {@link CounterFlusher}. */
export interface CounterFlusherOptions {
  /** Delay between a change and the flush that counts it (ms, default 50). */
  readonly delayMs?: number;
  /** At most this many pending changes per flush (default 500). */
  readonly batch?: number;
  readonly log?: (line: string) => void;
  /** Told which scopes' counts a flush changed (the read cache's invalidation). */
  readonly onCounted?: (scopes: readonly string[]) => void;
}

interface Pending {
  readonly _id: string;
  readonly referralId: string;
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly contributions: readonly string[];
}

const PARALLEL = 32;

async function inChunks<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
  return out;
}

/**
 * Adds pending changes to the scope counters, one flush at a time (the only writer of the counters and
 * of `referral_counted`, so no two writers update one document at once: FerretDB 1.x updates are
 * read-modify-write). For each referral: delta = contributions of its newest pending version minus the
 * contributions counted before; one `$inc` per counter document for the whole batch; then the counted
 * state; then the pending changes are deleted. Repeating a flush after a crash between the last two
 * steps is harmless; a crash between the `$inc` and the counted state counts those referrals twice
 * (docs/store.md: rebuild by replay).
 */
export class CounterFlusher {
  readonly #models: CounterModels;
  readonly #delayMs: number;
  readonly #batch: number;
  readonly #log: (line: string) => void;
  readonly #onCounted: ((scopes: readonly string[]) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  public constructor(models: CounterModels, options: Readonly<CounterFlusherOptions> = {}) {
    this.#models = models;
    this.#delayMs = options.delayMs ?? 50;
    this.#batch = options.batch ?? 500;
    this.#log = options.log ?? (() => undefined);
    this.#onCounted = options.onCounted;
  }

  /** Asks for a flush soon (several requests share one flush). */
  public schedule(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch((err: unknown) => {
        this.#log(`store: counters not flushed (${err instanceof Error ? err.message : String(err)}); retrying`);
        this.schedule();
      });
    }, this.#delayMs);
  }

  /** Flushes until nothing is pending; resolves when done. */
  public async flush(): Promise<void> {
    const run = this.#running.then(async () => {
      for (;;) {
        const n = await this.#flushOnce();
        if (n < this.#batch) break;
      }
    });
    this.#running = run.catch(() => undefined);
    return run;
  }

  /** Stops scheduling and waits for the flush in progress. */
  public async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #flushOnce(): Promise<number> {
    const { counters, pending, counted } = this.#models;
    const changes = await pending.find({}).limit(this.#batch).lean<Pending[]>();
    if (changes.length === 0) return 0;
    const newest = new Map<string, Pending>();
    for (const change of changes) {
      const seen = newest.get(change.referralId);
      if (seen === undefined || isNewerVersion(change, seen)) newest.set(change.referralId, change);
    }
    const latest = [...newest.values()];
    const before = await inChunks(latest, async (c) =>
      counted.findById(c.referralId).lean<{ blockNumber: number; txIndex: number; contributions: string[] }>(),
    );
    const deltas = new Map<string, Map<string, number>>();
    const toRecord: Pending[] = [];
    latest.forEach((change, i) => {
      const was = before[i];
      if (was !== null && was !== undefined && !isNewerVersion(change, was)) return;
      counterDeltas(was?.contributions ?? [], change.contributions, deltas);
      toRecord.push(change);
    });
    await inChunks([...deltas.entries()], async ([id, fields]) => {
      const inc = Object.fromEntries([...fields.entries()].filter(([, by]) => by !== 0));
      if (Object.keys(inc).length === 0) return;
      await counters.updateOne({ _id: id }, { $inc: inc, $set: parseCounterId(id) }, { upsert: true });
    });
    if (deltas.size > 0) this.#onCounted?.([...new Set([...deltas.keys()].map((id) => parseCounterId(id).scope))]);
    // referrals counted for the first time: one insert for all; the others replaced one by one
    const countedBefore = new Map(latest.map((c, i) => [c.referralId, before[i] !== null && before[i] !== undefined]));
    const record = (c: Pending): Record<string, unknown> => ({ _id: c.referralId, blockNumber: c.blockNumber, txIndex: c.txIndex, contributions: [...c.contributions] });
    const firstTime = toRecord.filter((c) => countedBefore.get(c.referralId) !== true);
    let replace = toRecord.filter((c) => countedBefore.get(c.referralId) === true);
    if (firstTime.length > 0) {
      try {
        await counted.insertMany(firstTime.map(record), { ordered: false });
      } catch {
        // one was counted meanwhile (cannot happen with one flusher): fall back to the upserts for all of them
        replace = toRecord;
      }
    }
    await inChunks(replace, async (c) => counted.replaceOne({ _id: c.referralId }, record(c), { upsert: true }));
    // one indexed delete per record: FerretDB would run a `$in` delete as a scan of the whole collection
    await inChunks(changes, async (c) => pending.deleteOne({ _id: c._id }));
    return changes.length;
  }
}
