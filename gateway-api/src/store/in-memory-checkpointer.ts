import type { Checkpointer } from 'fabric-network';
import Long from 'long';

/** A `Checkpointer` held in memory: for tests, and for a projection that need not survive a restart. */
export class InMemoryCheckpointer implements Checkpointer {
  #blockNumber: number | undefined;
  #transactionIds = new Set<string>();

  public get blockNumber(): number | undefined {
    return this.#blockNumber;
  }

  public get transactionIds(): readonly string[] {
    return [...this.#transactionIds];
  }

  public async getBlockNumber(): Promise<Long | undefined> {
    return Promise.resolve(this.#blockNumber === undefined ? undefined : Long.fromNumber(this.#blockNumber, true));
  }

  public async getTransactionIds(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.#transactionIds));
  }

  public async addTransactionId(transactionId: string): Promise<void> {
    this.#transactionIds.add(transactionId);
    return Promise.resolve();
  }

  public async setBlockNumber(blockNumber: Long): Promise<void> {
    this.#blockNumber = blockNumber.toNumber();
    this.#transactionIds = new Set();
    return Promise.resolve();
  }
}
