import type { Checkpointer } from '../fabric/events/checkpointer';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { isDuplicateKeyError } from './mongo-errors';

const checkpointSchema = z.object({ blockNumber: z.number().int().nonnegative(), transactionIds: z.array(z.string()).default([]) });

/** A listener's position: the next block to read and the transactions already done in it. */
export interface CheckpointState {
  readonly blockNumber: number;
  readonly transactionIds: readonly string[];
}

/**
 * Projector `Checkpointer` kept in the `checkpoints` collection (`_id` = listener name).
 * Writes go straight to the store (each one atomic); reads come from a copy loaded once, since one
 * listener owns its checkpoint. Safe for the concurrent `addTransactionId` calls the projection makes
 * within a block (`$addToSet`).
 */
export class MongoCheckpointer implements Checkpointer {
  readonly #model: Model<Record<string, unknown>>;
  readonly #name: string;
  #state: { blockNumber: number | undefined; transactionIds: Set<string> } | undefined;

  public constructor(options: Readonly<{ model: Model<Record<string, unknown>>; name: string }>) {
    this.#model = options.model;
    this.#name = options.name;
  }

  /** The stored checkpoint, read from the store (not the cached copy); undefined before the first block. */
  public async read(): Promise<CheckpointState | undefined> {
    const doc = await this.#model.findById(this.#name).lean();
    if (doc === null) return undefined;
    const parsed = checkpointSchema.parse(doc);
    return { blockNumber: parsed.blockNumber, transactionIds: parsed.transactionIds };
  }

  /** Forgets the cached copy, so the next read comes from the store (after a restart of the listener). */
  public reload(): void {
    this.#state = undefined;
  }

  public async getBlockNumber(): Promise<number | undefined> {
    const { blockNumber } = await this.#load();
    return blockNumber;
  }

  public async getTransactionIds(): Promise<Set<string>> {
    return new Set((await this.#load()).transactionIds);
  }

  public async addTransactionId(transactionId: string): Promise<void> {
    const state = await this.#load();
    const add = async (): Promise<unknown> =>
      this.#model.updateOne(
        { _id: this.#name },
        { $addToSet: { transactionIds: transactionId }, $setOnInsert: { blockNumber: state.blockNumber ?? 0 }, $set: { updatedAt: new Date().toISOString() } },
        { upsert: true },
      );
    try {
      await add();
    } catch (err) {
      // two concurrent first upserts: the other one created the document, so this one is an update now
      if (!isDuplicateKeyError(err)) throw err;
      await add();
    }
    state.transactionIds.add(transactionId);
  }

  public async setBlockNumber(blockNumber: number): Promise<void> {
    const state = await this.#load();
    const next = blockNumber;
    await this.#model.updateOne(
      { _id: this.#name },
      { $set: { blockNumber: next, transactionIds: [], updatedAt: new Date().toISOString() } },
      { upsert: true },
    );
    state.blockNumber = next;
    state.transactionIds = new Set();
  }

  async #load(): Promise<{ blockNumber: number | undefined; transactionIds: Set<string> }> {
    if (this.#state === undefined) {
      const stored = await this.read();
      this.#state ??= { blockNumber: stored?.blockNumber, transactionIds: new Set(stored?.transactionIds ?? []) };
    }
    return this.#state;
  }
}
