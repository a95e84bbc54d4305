import { BlockBatches } from './block-batches';
import type { DeliveredBlock } from './projection-listener';

/** A stream whose blocks the test releases by hand. */
function manualStream(): { stream: AsyncIterable<DeliveredBlock>; push: (n: number) => void; end: () => void; fail: (e: Error) => void } {
  const queue: (DeliveredBlock | Error | null)[] = [];
  let wake: (() => void) | undefined;
  const release = (item: DeliveredBlock | Error | null): void => {
    queue.push(item);
    wake?.();
  };
  return {
    stream: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          while (queue.length === 0) await new Promise<void>((r) => (wake = r));
          const item = queue.shift();
          if (item === null || item === undefined) return;
          if (item instanceof Error) throw item;
          yield item;
        }
      },
    },
    push: (n) => release({ blockNumber: n, block: { n } }),
    end: () => release(null),
    fail: (e) => release(e),
  };
}

const tick = async (): Promise<void> => new Promise((r) => setImmediate(r));

describe('BlockBatches', () => {
  it('hands out one block at a time while the reader keeps up, and what has piled up when it is behind', async () => {
    const s = manualStream();
    const it = new BlockBatches(s.stream, { maxBatch: 3 })[Symbol.asyncIterator]();
    s.push(0);
    expect((await it.next()).value.map((b: DeliveredBlock) => b.blockNumber)).toEqual([0]);
    for (const n of [1, 2, 3, 4, 5]) s.push(n);
    await tick();
    await tick();
    expect((await it.next()).value.map((b: DeliveredBlock) => b.blockNumber)).toEqual([1, 2, 3]);
    expect((await it.next()).value.map((b: DeliveredBlock) => b.blockNumber)).toEqual([4, 5]);
    s.end();
    expect((await it.next()).done).toBe(true);
  });

  it('gives the blocks read before a stream failure, then the failure', async () => {
    const s = manualStream();
    const it = new BlockBatches(s.stream, { maxBatch: 10 })[Symbol.asyncIterator]();
    s.push(7);
    s.fail(new Error('peer gone'));
    await tick();
    await tick();
    expect((await it.next()).value.map((b: DeliveredBlock) => b.blockNumber)).toEqual([7]);
    await expect(it.next()).rejects.toThrow('peer gone');
  });

  it('stops reading ahead when the buffer is full', async () => {
    let pulled = 0;
    const endless: AsyncIterable<DeliveredBlock> = {
      async *[Symbol.asyncIterator]() {
        for (let n = 0; ; n++) {
          pulled = n + 1;
          yield { blockNumber: n, block: {} };
        }
      },
    };
    const it = new BlockBatches(endless, { maxBatch: 2, maxBuffered: 4 })[Symbol.asyncIterator]();
    expect((await it.next()).value).toHaveLength(1);
    for (let i = 0; i < 20; i++) await tick();
    expect(pulled).toBeLessThanOrEqual(6);
    expect((await it.next()).value.map((b: DeliveredBlock) => b.blockNumber)).toEqual([1, 2]);
  });
});
