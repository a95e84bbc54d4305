import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection, type Model } from 'mongoose';
import { checkpointModel } from './checkpoint-model';
import './document-locks'; // per-document atomic writes on FerretDB too (before any model is compiled)
import { countedModel, counterModel, pendingModel } from './counter-models';
import { referralEventModel } from './referral-event-model';
import { referralModel } from './referral-model';
import { redactedUri } from './store-uri';
import { STORE_POOL_SIZE } from './pool-budget';

/** The collections of the query store. */
export interface StoreModels {
  readonly referrals: Model<Record<string, unknown>>;
  readonly referralEvents: Model<Record<string, unknown>>;
  readonly checkpoints: Model<Record<string, unknown>>;
  /** List bucket sizes and statistics per scope (list-buckets.ts). */
  readonly counters: Model<Record<string, unknown>>;
  /** Stored versions not yet added to the counters. */
  readonly pending: Model<Record<string, unknown>>;
  /** What the counters hold of each referral. */
  readonly counted: Model<Record<string, unknown>>;
}

/** Options of {@link StoreConnection}. */
export interface StoreConnectionOptions {
  readonly uri: string;
  readonly log: (line: string) => void;
  /** First retry delay after a failed connection attempt (doubles up to `maxRetryMs`). */
  readonly initialRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Connections to the store (default 10). */
  readonly maxPoolSize?: number;
}

/**
 * The mongoose connection to the query store (FerretDB speaks the MongoDB wire protocol).
 * Commands are not buffered: while the store is unreachable, reads fail at once instead of hanging.
 * `open()` keeps retrying the first connection with backoff (mongoose does not) until `close()`.
 */
export class StoreConnection {
  public readonly models: StoreModels;
  readonly #options: StoreConnectionOptions;
  readonly #connection: Connection;
  readonly #closing = new AbortController();
  #opening: Promise<void> | undefined;

  public constructor(options: Readonly<StoreConnectionOptions>) {
    this.#options = options;
    this.#connection = mongoose.createConnection();
    this.models = {
      referrals: referralModel(this.#connection),
      referralEvents: referralEventModel(this.#connection),
      checkpoints: checkpointModel(this.#connection),
      counters: counterModel(this.#connection),
      pending: pendingModel(this.#connection),
      counted: countedModel(this.#connection),
    };
  }

  /** True while the driver is connected. */
  public get isConnected(): boolean {
    return this.#connection.readyState === mongoose.ConnectionStates.connected;
  }

  /**
   * Connects (once; later calls share the attempt), retrying with backoff, then creates the indexes.
   *
   * @throws Error when closed before a connection was made
   */
  public async open(): Promise<void> {
    this.#opening ??= this.#connectWithRetry();
    return this.#opening;
  }

  async #connectWithRetry(): Promise<void> {
    const { uri, log } = this.#options;
    let delay = this.#options.initialRetryMs ?? 1000;
    for (;;) {
      if (this.#closing.signal.aborted) throw new Error('store connection closed before it opened');
      try {
        await this.#connection.openUri(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: this.#options.maxPoolSize ?? STORE_POOL_SIZE, appName: 'referral-gateway' });
        log(`store: connected to ${redactedUri(uri)}`);
        break;
      } catch (err) {
        if (this.#closing.signal.aborted) throw new Error('store connection closed before it opened');
        log(`store: cannot connect to ${redactedUri(uri)} (${err instanceof Error ? err.message : String(err)}); retrying in ${delay} ms`);
        try {
          await sleep(delay, undefined, { signal: this.#closing.signal });
        } catch {
          throw new Error('store connection closed before it opened');
        }
        delay = Math.min(delay * 2, this.#options.maxRetryMs ?? 30_000);
      }
    }
    // FerretDB 1.x cannot use B-tree indexes for the equality filters it pushes down (`->' @>`); they
    // would only slow every write. Its read model is served by the GIN indexes store-up.sh adds.
    if (await this.#isFerretDb()) {
      log('store: FerretDB: using the GIN indexes of the embedded store (no B-tree indexes created)');
      return;
    }
    for (const model of Object.values(this.models)) {
      try {
        await model.createIndexes();
      } catch (err) {
        log(`store: indexes of ${model.collection.name} not created: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  async #isFerretDb(): Promise<boolean> {
    try {
      const info = (await this.#connection.db?.admin().command({ buildInfo: 1 })) as Record<string, unknown> | undefined;
      return info !== undefined && 'ferretdbVersion' in info;
    } catch {
      return false;
    }
  }

  /** Stops retrying and closes the connection. */
  public async close(): Promise<void> {
    this.#closing.abort();
    await this.#opening?.catch(() => undefined);
    await this.#connection.close();
  }
}
