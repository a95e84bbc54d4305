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
