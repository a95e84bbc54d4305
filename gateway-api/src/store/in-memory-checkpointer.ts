import type { Checkpointer } from '../fabric/events/checkpointer';

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

  public async getBlockNumber(): Promise<number | undefined> {
    return Promise.resolve(this.#blockNumber);
  }

  public async getTransactionIds(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.#transactionIds));
  }

  public async addTransactionId(transactionId: string): Promise<void> {
    this.#transactionIds.add(transactionId);
    return Promise.resolve();
  }

  public async setBlockNumber(blockNumber: number): Promise<void> {
    this.#blockNumber = blockNumber;
    this.#transactionIds = new Set();
    return Promise.resolve();
  }
}
