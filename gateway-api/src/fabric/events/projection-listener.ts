import { setTimeout as sleep } from 'node:timers/promises';
import { BlockBatches } from './block-batches';
import { handleCheckpointedBlocks, type Checkpointer } from './checkpointer';
import type { BlockOutcome, ReferralFetcher } from './referral-projection';
import { ReferralProjection } from './referral-projection';
import type { ProjectionStore } from './projection-store';

/** One delivered block: its number and its content in the decoded shape of block-shape.ts. */
export interface DeliveredBlock {
  readonly blockNumber: number;
  readonly block: unknown;
}

/** A stream of blocks that can be closed (the Fabric Gateway client's CloseableAsyncIterable). */
export interface BlockStream extends AsyncIterable<DeliveredBlock> {
  close(): void;
}

/** What the listener reaches the ledger through: the projector identity's block stream and a GetReferral. */
export interface ProjectorLedger {
  /** Full blocks in order from `startBlock` on, until closed. */
  blocks(startBlock: number): Promise<BlockStream>;
  readonly fetchReferral?: ReferralFetcher;
}

/** Options of {@link ProjectionListener}. */
export interface ProjectionListenerOptions {
  /** Connects as the projector identity (called again after a failure). */
  readonly connect: () => Promise<ProjectorLedger>;
  /** Resolves once the store is reachable. */
  readonly storeReady: () => Promise<void>;
  readonly store: ProjectionStore;
  readonly checkpointer: Checkpointer & { reload?: () => void };
  readonly log: (line: string) => void;
  /** Retry delays after a failure: starts at `initialBackoffMs`, doubles up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Told about every block handled (the benchmark and tests watch progress through it). */
  readonly onBlock?: (outcome: BlockOutcome) => void;
  /**
   * Other domains' read models fed from the same blocks (e.g. COC cases and visits), applied after the referral
   * changes and before the checkpoint moves on; each must be idempotent, since a block may be applied again.
   */
  readonly domainProjections?: readonly DomainProjection[];
  /** At most this many blocks projected together when the listener is behind (default 256; 1 = block by block). */
  readonly maxBatch?: number;
}

/** A domain's projection of a block into its read model (idempotent). */
export interface DomainProjection {
  readonly name: string;
  apply(blockNumber: number, block: unknown): Promise<void>;
}

/** Where the listener is, for health checks and tests. */
export interface ProjectionStatus {
  readonly state: 'stopped' | 'connecting' | 'listening' | 'backing-off';
  readonly lastBlock: number | undefined;
  readonly lastError: string | undefined;
  readonly restarts: number;
}

/** A change older than this when projected means the listener is catching up, not live. */
const CATCH_UP_AGE_MS = 30_000;
const CATCH_UP_LOG_EVERY_MS = 5_000;

/**
 * Follows the channel as the projector identity through the Fabric Gateway block events (start block 0 the
 * first time, then the checkpoint), and projects each block under the checkpoint.
 * When a block fails (store down, ledger read failed), the stream is closed, so no later block is
 * taken while this one is not done, and opened again from the checkpoint after a backoff.
 * `start()` returns at once; `stop()` waits for the block in progress.
 */
export class ProjectionListener {
  readonly #options: ProjectionListenerOptions;
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;
  #inFlight: Promise<unknown> = Promise.resolve();
  #state: ProjectionStatus['state'] = 'stopped';
  #lastBlock: number | undefined;
  #lastError: string | undefined;
  #restarts = 0;
  #lastCatchUpLog = 0;

  public constructor(options: Readonly<ProjectionListenerOptions>) {
    this.#options = options;
  }

  public status(): ProjectionStatus {
    return { state: this.#state, lastBlock: this.#lastBlock, lastError: this.#lastError, restarts: this.#restarts };
  }

  /** Starts following the ledger in the background. */
  public start(): void {
    this.#running ??= this.#run();
  }

  /** Stops listening and waits for the block being projected. */
  public async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
    await this.#inFlight.catch(() => undefined);
    this.#state = 'stopped';
  }

  async #run(): Promise<void> {
    const { log } = this.#options;
    let backoff = this.#options.initialBackoffMs ?? 1000;
    while (!this.#stopping.signal.aborted) {
      this.#state = 'connecting';
      let failure: unknown;
      try {
        await this.#unlessStopped(this.#options.storeReady());
        const ledger = await this.#unlessStopped(this.#options.connect());
        failure = await this.#listenUntilFailure(ledger, () => {
          backoff = this.#options.initialBackoffMs ?? 1000;
        });
      } catch (err) {
        failure = err;
      }
      if (this.#stopping.signal.aborted) break;
      this.#restarts++;
      this.#lastError = failure instanceof Error ? failure.message : String(failure);
      this.#state = 'backing-off';
      log(`projector: listener failed (${this.#lastError}); restarting from the checkpoint in ${backoff} ms`);
      try {
        await sleep(backoff, undefined, { signal: this.#stopping.signal });
      } catch {
        break;
      }
      backoff = Math.min(backoff * 2, this.#options.maxBackoffMs ?? 30_000);
    }
    this.#state = 'stopped';
  }

  /** `work`, or a rejection as soon as stop() is called (so that stopping never waits for a store or peer that does not answer). */
  async #unlessStopped<T>(work: Promise<T>): Promise<T> {
    const signal = this.#stopping.signal;
    if (signal.aborted) throw new Error('projector stopped');
    let onAbort: () => void = () => undefined;
    const stopped = new Promise<never>((_resolve, reject) => {
      onAbort = () => {
        reject(new Error('projector stopped'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stopped]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Listens until a block fails (resolves with the error) or stop() is called (resolves undefined). */
  async #listenUntilFailure(ledger: ProjectorLedger, onProgress: () => void): Promise<unknown> {
    const { checkpointer, log } = this.#options;
    checkpointer.reload?.();
    const projection = new ReferralProjection({ store: this.#options.store, checkpointer, fetchReferral: ledger.fetchReferral, log });
    const start = (await checkpointer.getBlockNumber()) ?? 0;
    const stream = await ledger.blocks(start);
    const onAbort = (): void => {
      stream.close();
    };
    this.#stopping.signal.addEventListener('abort', onAbort, { once: true });
    this.#state = 'listening';
    log(`projector: listening from block ${start}`);
    try {
      for await (const batch of new BlockBatches(stream, { maxBatch: this.#options.maxBatch ?? 256 })) {
        if (this.#stopping.signal.aborted) return undefined;
        let outcome: BlockOutcome | undefined;
        const work = handleCheckpointedBlocks(
          checkpointer,
          batch.map((b) => b.blockNumber),
          async (todo) => {
            const blocks = batch.filter((b) => todo.includes(b.blockNumber));
            outcome = await projection.applyBlocks(blocks.map((b) => ({ blockNumber: b.blockNumber, block: b.block, deliveredAt: b.deliveredAt })));
            for (const b of blocks) for (const domain of this.#options.domainProjections ?? []) await domain.apply(b.blockNumber, b.block);
          },
        );
        this.#inFlight = work;
        try {
          await work;
        } catch (err) {
          return err;
        }
        if (outcome !== undefined) {
          this.#lastBlock = outcome.blockNumber;
          onProgress();
          this.#report(outcome, batch.length);
        }
      }
      return this.#stopping.signal.aborted ? undefined : new Error('the block stream ended');
    } catch (err) {
      return this.#stopping.signal.aborted ? undefined : err;
    } finally {
      this.#stopping.signal.removeEventListener('abort', onAbort);
      stream.close();
    }
  }

  #report(outcome: BlockOutcome, blocks: number): void {
    this.#options.onBlock?.(outcome);
    if (outcome.changes === 0) return;
    const lag = outcome.maxLagMs;
    const catchingUp = lag !== undefined && lag > CATCH_UP_AGE_MS;
    const now = Date.now();
    if (catchingUp && now - this.#lastCatchUpLog < CATCH_UP_LOG_EVERY_MS) return;
    if (catchingUp) this.#lastCatchUpLog = now;
    const parts = [`${outcome.applied} applied`];
    if (outcome.duplicates > 0) parts.push(`${outcome.duplicates} already applied`);
    if (outcome.stale > 0) parts.push(`${outcome.stale} with the same or a newer version already stored`);
    if (outcome.checkpointed > 0) parts.push(`${outcome.checkpointed} checkpointed before`);
    if (outcome.skipped > 0) parts.push(`${outcome.skipped} skipped`);
    const timing =
      lag === undefined ? '' : `; lag tx→store ${lag} ms, block delivery→store ${outcome.maxStoreMs ?? 0} ms${catchingUp ? ' (catching up)' : ''}`;
    const where = blocks > 1 ? `blocks ${outcome.blockNumber - blocks + 1}–${outcome.blockNumber}` : `block ${outcome.blockNumber}`;
    this.#options.log(`projector: ${where}: ${outcome.changes} referral change(s), ${parts.join(', ')}${timing}`);
  }
}
