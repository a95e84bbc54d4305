import { InMemoryCheckpointer } from '../../store/in-memory-checkpointer';
import { InMemoryReadModel } from '../../store/in-memory-read-model';
import { ProjectionListener, type BlockStream, type DeliveredBlock, type ProjectorLedger } from './projection-listener';
import type { BlockOutcome } from './referral-projection';
import { crashingStore } from './test-support/projection-harness';
import { sampleChain } from './test-support/sample-chain';

/**
 * A ledger that behaves like the Fabric Gateway block events: each stream delivers the chain from the
 * requested start block, then waits for new blocks until closed (the iteration then ends).
 */
class FakeNetwork implements ProjectorLedger {
  public readonly adds: number[] = [];
  public removes = 0;
  readonly #chain: readonly { blockNumber: number; blockData: unknown }[];

  public constructor(chain: readonly { blockNumber: number; blockData: unknown }[]) {
    this.#chain = chain;
  }

  public async blocks(startBlock: number): Promise<BlockStream> {
    this.adds.push(startBlock);
    const chain = this.#chain.filter((b) => b.blockNumber >= startBlock);
    let closed = false;
    let wake: () => void = () => undefined;
    const closedSignal = new Promise<void>((resolve) => {
      wake = resolve;
    });
    return {
      close: () => {
        if (!closed) this.removes++;
        closed = true;
        wake();
      },
      async *[Symbol.asyncIterator](): AsyncIterator<DeliveredBlock> {
        for (const block of chain) {
          await new Promise((r) => setImmediate(r));
          if (closed) return;
          yield { blockNumber: block.blockNumber, block: block.blockData };
        }
        await closedSignal;
      },
    };
  }
}

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('ProjectionListener', () => {
  it('projects every block from 0, then stops cleanly', async () => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    const fake = new FakeNetwork(sampleChain());
    const seen: BlockOutcome[] = [];
    const log: string[] = [];
    const listener = new ProjectionListener({
      connect: async () => Promise.resolve(fake),
      storeReady: async () => Promise.resolve(),
      store: model,
      checkpointer,
      log: (l) => log.push(l),
      onBlock: (o) => seen.push(o),
    });
    listener.start();
    await waitFor(() => checkpointer.blockNumber === 6);
    await listener.stop();
    expect(seen.map((o) => o.blockNumber)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(model.referrals()).toHaveLength(3);
    expect(listener.status()).toMatchObject({ state: 'stopped', lastBlock: 5, restarts: 0 });
    expect(fake.removes).toBe(1);
    // the sample changes are hours old: the listener reports it is catching up, at most every 5 s
    expect(log.filter((l) => /block \d+: \d referral change\(s\), \d applied; lag tx→store \d+ ms, block delivery→store \d+ ms \(catching up\)/.test(l))).toHaveLength(1);
  });

  it('after a failing block, stops taking blocks and resumes from the checkpoint after a backoff', async () => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    const fake = new FakeNetwork(sampleChain());
    const log: string[] = [];
    const listener = new ProjectionListener({
      connect: async () => Promise.resolve(fake),
      storeReady: async () => Promise.resolve(),
      // the store fails on the 3rd event insert (block 2), once
      store: crashingStore(model, 'recordEvent', 3),
      checkpointer,
      log: (l) => log.push(l),
      initialBackoffMs: 1,
    });
    listener.start();
    await waitFor(() => checkpointer.blockNumber === 6);
    await listener.stop();
    expect(fake.adds).toEqual([0, 2]);
    expect(listener.status().restarts).toBe(1);
    expect(log.some((l) => /listener failed \(simulated crash in recordEvent\); restarting from the checkpoint in 1 ms/.test(l))).toBe(true);
    expect(model.events()).toHaveLength(6);
  });

  it('retries with growing backoff while the ledger cannot be reached', async () => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    const fake = new FakeNetwork(sampleChain());
    let attempts = 0;
    const log: string[] = [];
    const listener = new ProjectionListener({
      connect: async () => {
        attempts++;
        if (attempts < 3) throw new Error('peer unreachable');
        return Promise.resolve(fake);
      },
      storeReady: async () => Promise.resolve(),
      store: model,
      checkpointer,
      log: (l) => log.push(l),
      initialBackoffMs: 2,
    });
    listener.start();
    await waitFor(() => checkpointer.blockNumber === 6);
    await listener.stop();
    expect(attempts).toBe(3);
    expect(log.filter((l) => l.includes('peer unreachable')).map((l) => /in (\d+) ms/.exec(l)?.[1])).toEqual(['2', '4']);
  });

  it('stop() during a backoff returns at once', async () => {
    const listener = new ProjectionListener({
      connect: async () => Promise.reject(new Error('down')),
      storeReady: async () => Promise.resolve(),
      store: new InMemoryReadModel(),
      checkpointer: new InMemoryCheckpointer(),
      log: () => undefined,
      initialBackoffMs: 60_000,
    });
    listener.start();
    await waitFor(() => listener.status().state === 'backing-off');
    const started = Date.now();
    await listener.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('ProjectionListener.stop while the store is unreachable', () => {
  it('returns without waiting for the store', async () => {
    const listener = new ProjectionListener({
      connect: async () => Promise.reject(new Error('not reached')),
      storeReady: async () => new Promise<void>(() => undefined),
      store: new InMemoryReadModel(),
      checkpointer: new InMemoryCheckpointer(),
      log: () => undefined,
    });
    listener.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(listener.status().state).toBe('connecting');
    await listener.stop();
    expect(listener.status().state).toBe('stopped');
  });
});
