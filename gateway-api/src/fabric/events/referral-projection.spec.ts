import type { Checkpointer } from './checkpointer';
import { ApiError } from '../../http/api-error';
import { InMemoryCheckpointer } from '../../store/in-memory-checkpointer';
import { InMemoryReadModel } from '../../store/in-memory-read-model';
import type { ReferralChange } from './block-changes';
import { inWaves, ReferralProjection, type ReferralFetcher } from './referral-projection';
import type { ProjectionStore } from './projection-store';
import { advance, fakeBlock, newReferral } from './test-support/fake-blocks';
import { crashingCheckpointer, crashingStore, deliverFromCheckpoint, snapshot } from './test-support/projection-harness';
import { sampleChain } from './test-support/sample-chain';

const DELIVERED = new Date('2026-11-25T10:00:00.000Z');

function projection(store: ProjectionStore, checkpointer: Checkpointer = new InMemoryCheckpointer(), fetchReferral?: ReferralFetcher, log: string[] = []): ReferralProjection {
  return new ReferralProjection({ store, checkpointer, fetchReferral, log: (line) => log.push(line), now: () => DELIVERED });
}

async function cleanRun(): Promise<ReturnType<typeof snapshot>> {
  const model = new InMemoryReadModel();
  const checkpointer = new InMemoryCheckpointer();
  expect(await deliverFromCheckpoint(projection(model, checkpointer), checkpointer, sampleChain())).toBeUndefined();
  return snapshot(model);
}

describe('ReferralProjection', () => {
  it('projects the chain: latest version per referral, one event per valid change, checkpoint after the last block', async () => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    await deliverFromCheckpoint(projection(model, checkpointer), checkpointer, sampleChain());
    const referrals = model.referrals();
    expect(referrals.map((r) => [r.id, r.status, r.ledger.blockNumber, r.ledger.txIndex])).toEqual([
      ['R-1', 'accepted', 2, 1],
      ['R-2', 'rejected', 3, 0],
      ['R-3', 'requested', 5, 0],
    ]);
    expect(referrals.find((r) => r.id === 'R-2')?.isFastTrack).toBe(true);
    expect(referrals.find((r) => r.id === 'R-1')?.isFastTrack).toBe(false);
    // the invalid cancel (MVCC conflict) is not projected
    expect(model.events().map((e) => `${e.referralId}:${e.action}`)).toEqual(['R-1:create', 'R-2:create', 'R-1:receive', 'R-1:accept', 'R-2:reject', 'R-3:create']);
    expect(model.events()[3]).toMatchObject({ blockNumber: 2, txIndex: 1, status: 'accepted', mspId: 'BuddhasothornMSP', hcode: '10697', role: 'nurse' });
    expect(checkpointer.blockNumber).toBe(6);
  });

  it('applies the same event twice only once', async () => {
    const model = new InMemoryReadModel();
    const p = projection(model);
    const block = sampleChain()[1];
    if (block === undefined) throw new Error('no block');
    const first = await p.applyBlock(1, block.blockData, DELIVERED);
    expect(first).toMatchObject({ changes: 2, applied: 2, duplicates: 0, checkpointed: 0 });
    // delivered again before the block was checkpointed: every transaction is in the checkpoint
    const again = await p.applyBlock(1, block.blockData, DELIVERED);
    expect(again).toMatchObject({ changes: 2, applied: 0, checkpointed: 2 });
    // and with a fresh checkpoint (lost), the store itself recognises the txIds
    const third = await projection(model).applyBlock(1, block.blockData, DELIVERED);
    expect(third).toMatchObject({ applied: 0, duplicates: 2, stale: 2 });
    expect(model.events()).toHaveLength(2);
  });

  it('keeps the newest version when changes arrive out of order', async () => {
    const model = new InMemoryReadModel();
    const chain = sampleChain();
    const p = projection(model);
    for (const block of [...chain].reverse()) await p.applyBlock(block.blockNumber, block.blockData, DELIVERED);
    expect(snapshot(model)).toEqual(await cleanRun());
    // the older versions were written to the history but did not overwrite the referrals
    expect(model.referrals().find((r) => r.id === 'R-1')?.status).toBe('accepted');
  });

  it('orders changes to one referral within a block by transaction index', async () => {
    const model = new InMemoryReadModel();
    const created = newReferral('R-9', 'a'.repeat(64), '2026-11-25T08:00:00.000Z');
    const received = advance(created, 'receive', 'received', 'b'.repeat(64), '2026-11-25T08:00:01.000Z');
    const block = fakeBlock(7, [
      { txId: 'a'.repeat(64), referral: created },
      { txId: 'b'.repeat(64), referral: received },
    ]);
    await projection(model).applyBlock(7, block.blockData, DELIVERED);
    expect(model.referrals()[0]).toMatchObject({ status: 'received', ledger: { blockNumber: 7, txIndex: 1, txId: 'b'.repeat(64) } });
  });

  it.each([
    ['after the referral upsert, before the event insert', 'store', 'recordEvent', 3],
    ['before the referral upsert', 'store', 'saveReferral', 4],
    ['after the event insert, before the checkpoint', 'checkpoint', 'addTransactionId', 2],
    ['after the last transaction of a block, before the block is checkpointed', 'checkpoint', 'setBlockNumber', 3],
  ] as const)('rebuilds the same read model after a crash %s', async (_when, where, method, n) => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    const store = where === 'store' ? crashingStore(model, method as keyof ProjectionStore, n) : model;
    const crashy = where === 'checkpoint' ? crashingCheckpointer(checkpointer, method as 'addTransactionId' | 'setBlockNumber', n) : checkpointer;
    const crashed = await deliverFromCheckpoint(projection(store, crashy), crashy, sampleChain());
    expect(crashed).toBeInstanceOf(Error);
    expect(checkpointer.blockNumber ?? 0).toBeLessThan(6);
    // restart: a new projection resumes from the stored checkpoint
    expect(await deliverFromCheckpoint(projection(model, checkpointer), checkpointer, sampleChain())).toBeUndefined();
    expect(snapshot(model)).toEqual(await cleanRun());
    expect(checkpointer.blockNumber).toBe(6);
  });

  it('replays from block 0 into an empty store and rebuilds the same read model', async () => {
    const live = await cleanRun();
    const replayed = await cleanRun();
    expect(replayed).toEqual(live);
    // and replaying over an existing store changes nothing
    const model = new InMemoryReadModel();
    const first = new InMemoryCheckpointer();
    await deliverFromCheckpoint(projection(model, first), first, sampleChain());
    const fromZero = new InMemoryCheckpointer();
    await deliverFromCheckpoint(projection(model, fromZero), fromZero, sampleChain());
    expect(snapshot(model)).toEqual(live);
  });

  describe('referral source', () => {
    const created = newReferral('R-5', 'c'.repeat(64), '2026-11-25T08:00:00.000Z');
    const change = (payload: unknown, written = new Map<string, unknown>()): ReferralChange => ({
      txId: 'c'.repeat(64),
      blockNumber: 9,
      txIndex: 0,
      timestamp: '2026-11-25T08:00:00.000Z',
      payload,
      written,
    });

    it('takes a full payload as is', async () => {
      const model = new InMemoryReadModel();
      expect((await projection(model).applyChange(change(created), DELIVERED)).outcome).toBe('applied');
      expect(model.referrals()[0]?.status).toBe('requested');
    });

    it('takes a thin payload from the write set', async () => {
      const model = new InMemoryReadModel();
      const fetch = jest.fn<Promise<unknown>, [string]>();
      await projection(model, undefined, fetch).applyChange(change({ id: 'R-5', status: 'requested' }, new Map([['R-5', created]])), DELIVERED);
      expect(model.referrals()[0]?.patientPseudonym).toBe(created.patientPseudonym);
      expect(fetch).not.toHaveBeenCalled();
    });

    it('fetches a thin payload with GetReferral when the write set lacks it', async () => {
      const model = new InMemoryReadModel();
      const fetch = jest.fn<Promise<unknown>, [string]>().mockResolvedValue(created);
      await projection(model, undefined, fetch).applyChange(change({ id: 'R-5', status: 'requested' }), DELIVERED);
      expect(fetch).toHaveBeenCalledWith('R-5');
      expect(model.referrals()).toHaveLength(1);
    });

    it('skips with a warning when the projector identity may not read the referral', async () => {
      const model = new InMemoryReadModel();
      const log: string[] = [];
      const fetch = jest.fn<Promise<unknown>, [string]>().mockRejectedValue(new ApiError('FORBIDDEN_ROLE', 'role service may not read'));
      const result = await projection(model, undefined, fetch, log).applyChange(change({ id: 'R-5' }), DELIVERED);
      expect(result.outcome).toBe('skipped');
      expect(model.referrals()).toHaveLength(0);
      expect(log.join('\n')).toMatch(/WARNING .*GetReferral\(R-5\) refused .*FORBIDDEN_ROLE/);
    });

    it('fails (to be retried) when the ledger cannot be reached', async () => {
      const fetch = jest.fn<Promise<unknown>, [string]>().mockRejectedValue(new ApiError('LEDGER_UNAVAILABLE', 'down'));
      await expect(projection(new InMemoryReadModel(), undefined, fetch).applyChange(change({ id: 'R-5' }), DELIVERED)).rejects.toThrow('down');
    });

    it('skips a payload that names no referral', async () => {
      const log: string[] = [];
      const result = await projection(new InMemoryReadModel(), undefined, undefined, log).applyChange(change({ hello: 1 }), DELIVERED);
      expect(result.outcome).toBe('skipped');
      expect(log[0]).toMatch(/names no referral/);
    });
  });

  it('reports lag from the transaction time and from block delivery', async () => {
    const block = fakeBlock(3, [{ txId: 'd'.repeat(64), referral: newReferral('R-7', 'd'.repeat(64), '2026-11-25T09:59:58.000Z') }]);
    const outcome = await projection(new InMemoryReadModel()).applyBlock(3, block.blockData, new Date('2026-11-25T09:59:59.500Z'));
    expect(outcome.maxLagMs).toBe(2000);
    expect(outcome.maxStoreMs).toBe(500);
  });
});

describe('inWaves', () => {
  it('groups changes so that no referral appears twice in a group, keeping block order', () => {
    const c = (txId: string, id: string): ReferralChange => ({ txId, blockNumber: 1, txIndex: 0, timestamp: '', payload: { id }, written: new Map() });
    const waves = inWaves([c('1', 'A'), c('2', 'B'), c('3', 'A'), c('4', 'C'), c('5', 'C')]);
    expect(waves.map((w) => w.map((x) => x.txId))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(inWaves([c('1', 'A'), c('2', 'B'), c('3', 'C'), c('4', 'D')], 3).map((w) => w.length)).toEqual([3, 1]);
    expect(inWaves([c('1', 'A'), c('2', 'B')], 1).map((w) => w.length)).toEqual([1, 1]);
  });

  it('gives the same read model whether a block is applied one change at a time or several at once', async () => {
    const run = async (parallel: number) => {
      const model = new InMemoryReadModel();
      const checkpointer = new InMemoryCheckpointer();
      const p = new ReferralProjection({ store: model, checkpointer, log: () => undefined, parallel });
      await deliverFromCheckpoint(p, checkpointer, sampleChain());
      return snapshot(model);
    };
    expect(await run(1)).toEqual(await run(8));
  });
});

describe('ReferralProjection.applyBlocks (catch-up batches)', () => {
  const batch = (chain: ReturnType<typeof sampleChain>) => chain.map((b) => ({ blockNumber: b.blockNumber, block: b.blockData, deliveredAt: DELIVERED }));

  it('builds the same read model from the whole chain in one batch as block by block', async () => {
    const model = new InMemoryReadModel();
    const outcome = await projection(model).applyBlocks(batch(sampleChain()));
    expect(snapshot(model)).toEqual(await cleanRun());
    expect(outcome).toMatchObject({ blockNumber: 5, applied: 6, duplicates: 0 });
    // superseded versions in the batch count as stale: R-1 create/receive, R-2 create
    expect(outcome.stale).toBe(3);
  });

  it('repeats a batch harmlessly after a crash in the middle of it', async () => {
    const model = new InMemoryReadModel();
    await expect(projection(crashingStore(model, 'recordEvent', 4)).applyBlocks(batch(sampleChain()))).rejects.toThrow('simulated crash');
    const again = await projection(model).applyBlocks(batch(sampleChain()));
    // the events written before the crash are recognised by their txId, the rest are written now
    expect(again.duplicates).toBeGreaterThanOrEqual(1);
    expect(again.applied).toBeGreaterThanOrEqual(1);
    expect(again.applied + again.duplicates).toBe(6);
    expect(snapshot(model)).toEqual(await cleanRun());
  });

  it('skips the changes the checkpoint already lists', async () => {
    const model = new InMemoryReadModel();
    const checkpointer = new InMemoryCheckpointer();
    const first = sampleChain()[1];
    if (first === undefined) throw new Error('no block');
    await projection(model, checkpointer).applyBlock(1, first.blockData, DELIVERED);
    const outcome = await projection(model, checkpointer).applyBlocks(batch(sampleChain().slice(1)));
    expect(outcome.checkpointed).toBe(2);
    expect(snapshot(model)).toEqual(await cleanRun());
  });

  it('uses the store batch writes when it has them', async () => {
    const model = new InMemoryReadModel();
    const calls: string[] = [];
    const store: ProjectionStore = {
      saveReferral: async (r) => model.saveReferral(r),
      recordEvent: async (e) => model.recordEvent(e),
      saveReferrals: async (rs) => {
        calls.push(`saveReferrals:${rs.length}`);
        return Promise.all(rs.map(async (r) => model.saveReferral(r)));
      },
      recordEvents: async (es) => {
        calls.push(`recordEvents:${es.length}`);
        return Promise.all(es.map(async (e) => model.recordEvent(e)));
      },
    };
    await projection(store).applyBlocks(batch(sampleChain()));
    expect(calls).toEqual(['saveReferrals:3', 'recordEvents:6']);
    expect(snapshot(model)).toEqual(await cleanRun());
  });
});
