/**
 * Where a block listener is: the next block to read, and the transactions of that block already handled.
 * Kept in the query store (MongoCheckpointer), so the projector resumes exactly where it stopped.
 */
export interface Checkpointer {
  /** The next block to read; undefined before the first block. */
  getBlockNumber(): Promise<number | undefined>;
  /** Transactions of the current block already done. */
  getTransactionIds(): Promise<Set<string>>;
  addTransactionId(transactionId: string): Promise<void>;
  /** Moves to block `blockNumber` (and forgets the done transactions). */
  setBlockNumber(blockNumber: number): Promise<void>;
}

/**
 * Handles one delivered block under a checkpoint: a block before the checkpoint was fully done and is skipped;
 * otherwise `handle` runs (it records each transaction it finishes) and, once it succeeded, the checkpoint
 * moves to the next block. If `handle` fails, the checkpoint stays, and the block is delivered again later.
 *
 * @returns false when the block was skipped
 */
export async function handleCheckpointedBlock(checkpointer: Checkpointer, blockNumber: number, handle: () => Promise<void>): Promise<boolean> {
  const next = await checkpointer.getBlockNumber();
  if (next !== undefined && blockNumber < next) return false;
  if (next !== undefined && blockNumber > next) throw new Error(`block ${blockNumber} delivered while the checkpoint expects block ${next}`);
  await handle();
  await checkpointer.setBlockNumber(blockNumber + 1);
  return true;
}

/**
 * Like handleCheckpointedBlock for consecutive blocks handled together: blocks before the checkpoint are left
 * out, `handle` gets the rest, and the checkpoint moves past the last one once `handle` succeeded.
 *
 * @returns the block numbers handed to `handle` (empty when all were done before)
 */
export async function handleCheckpointedBlocks(checkpointer: Checkpointer, blockNumbers: readonly number[], handle: (todo: readonly number[]) => Promise<void>): Promise<readonly number[]> {
  const next = await checkpointer.getBlockNumber();
  const todo = blockNumbers.filter((n) => next === undefined || n >= next);
  const first = todo[0];
  const last = todo.at(-1);
  if (first === undefined || last === undefined) return [];
  if (next !== undefined && first > next) throw new Error(`block ${first} delivered while the checkpoint expects block ${next}`);
  todo.forEach((n, i) => {
    if (i > 0 && n !== (todo[i - 1] as number) + 1) throw new Error(`blocks ${todo[i - 1]} and ${n} are not consecutive`);
  });
  await handle(todo);
  await checkpointer.setBlockNumber(last + 1);
  return todo;
}
