import type { DeliveredBlock } from './projection-listener';

/** A delivered block and when it arrived. */
export interface ArrivedBlock extends DeliveredBlock {
  readonly deliveredAt: Date;
}

/**
 * Reads a block stream ahead into a bounded buffer and hands out what has arrived in batches: one block at a
 * time while the projector keeps up (so live blocks are never held back), several when it is behind (a replay,
 * or a burst), so the store can write them together. Stops reading ahead when `maxBuffered` blocks wait.
 */
export class BlockBatches implements AsyncIterable<ArrivedBlock[]> {
  readonly #source: AsyncIterator<DeliveredBlock>;
  readonly #maxBatch: number;
  readonly #maxBuffered: number;
  readonly #buffer: ArrivedBlock[] = [];
  #ended = false;
  #failure: { error: unknown } | undefined;
  #wake: (() => void) | undefined;
  #reading: Promise<void> | undefined;
  #roomWaiter: (() => void) | undefined;

  public constructor(source: AsyncIterable<DeliveredBlock>, options: Readonly<{ maxBatch?: number; maxBuffered?: number }> = {}) {
    this.#source = source[Symbol.asyncIterator]();
    this.#maxBatch = Math.max(1, options.maxBatch ?? 64);
    this.#maxBuffered = Math.max(this.#maxBatch, options.maxBuffered ?? this.#maxBatch * 2);
  }

  public [Symbol.asyncIterator](): AsyncIterator<ArrivedBlock[]> {
    this.#reading ??= this.#readAhead();
    return {
      next: async (): Promise<IteratorResult<ArrivedBlock[]>> => {
        for (;;) {
          if (this.#buffer.length > 0) {
            const batch = this.#buffer.splice(0, this.#maxBatch);
            this.#roomWaiter?.();
            return { done: false, value: batch };
          }
          if (this.#failure !== undefined) throw this.#failure.error;
          if (this.#ended) return { done: true, value: undefined };
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
      },
    };
  }

  async #readAhead(): Promise<void> {
    try {
      for (;;) {
        if (this.#buffer.length >= this.#maxBuffered) {
          await new Promise<void>((resolve) => {
            this.#roomWaiter = resolve;
          });
          this.#roomWaiter = undefined;
          continue;
        }
        const next = await this.#source.next();
        if (next.done === true) break;
        this.#buffer.push({ ...next.value, deliveredAt: new Date() });
        this.#notify();
      }
      this.#ended = true;
    } catch (err) {
      this.#failure = { error: err };
    }
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
