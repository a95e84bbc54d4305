import type { Model } from 'mongoose';
import { MongoCheckpointer } from './mongo-checkpointer';

/** Just enough of a mongoose model: findById().lean() and updateOne with $set/$addToSet/$setOnInsert. */
function fakeModel(): { model: Model<Record<string, unknown>>; docs: Map<string, Record<string, unknown>>; reads: () => number } {
  const docs = new Map<string, Record<string, unknown>>();
  let reads = 0;
  const model = {
    findById: (id: string) => ({
      lean: async () => {
        reads++;
        return Promise.resolve(docs.get(id) ?? null);
      },
    }),
    updateOne: async (filter: { _id: string }, update: Record<string, Record<string, unknown>>, _options: unknown) => {
      const existing = docs.get(filter._id);
      const doc: Record<string, unknown> = existing ?? { _id: filter._id, ...(update.$setOnInsert ?? {}) };
      Object.assign(doc, update.$set ?? {});
      for (const [field, value] of Object.entries(update.$addToSet ?? {})) {
        const list = (doc[field] as unknown[] | undefined) ?? [];
        if (!list.includes(value)) list.push(value);
        doc[field] = list;
      }
      docs.set(filter._id, doc);
      return Promise.resolve({ acknowledged: true });
    },
  } as unknown as Model<Record<string, unknown>>;
  return { model, docs, reads: () => reads };
}

describe('MongoCheckpointer', () => {
  it('has no block number before the first block', async () => {
    const { model } = fakeModel();
    const checkpointer = new MongoCheckpointer({ model, name: 'p' });
    expect(await checkpointer.getBlockNumber()).toBeUndefined();
    expect(await checkpointer.getTransactionIds()).toEqual(new Set());
    expect(await checkpointer.read()).toBeUndefined();
  });

  it('stores transactions of the current block, then the next block number with an empty list', async () => {
    const { model, docs } = fakeModel();
    const checkpointer = new MongoCheckpointer({ model, name: 'p' });
    await Promise.all([checkpointer.addTransactionId('a'), checkpointer.addTransactionId('b'), checkpointer.addTransactionId('a')]);
    expect(docs.get('p')).toMatchObject({ blockNumber: 0, transactionIds: ['a', 'b'] });
    expect(await checkpointer.getTransactionIds()).toEqual(new Set(['a', 'b']));
    await checkpointer.setBlockNumber(8);
    expect(docs.get('p')).toMatchObject({ blockNumber: 8, transactionIds: [] });
    expect(await checkpointer.getBlockNumber()).toBe(8);
  });

  it('resumes from what is stored (a restart), reading the store once', async () => {
    const { model, docs, reads } = fakeModel();
    docs.set('p', { _id: 'p', blockNumber: 41, transactionIds: ['x'] });
    const checkpointer = new MongoCheckpointer({ model, name: 'p' });
    expect(await checkpointer.getBlockNumber()).toBe(41);
    expect(await checkpointer.getTransactionIds()).toEqual(new Set(['x']));
    expect(reads()).toBe(1);
    docs.set('p', { _id: 'p', blockNumber: 50, transactionIds: [] });
    checkpointer.reload();
    expect(await checkpointer.getBlockNumber()).toBe(50);
  });
});

describe('MongoCheckpointer under concurrent first writes', () => {
  it('retries an upsert that lost the race to create the document', async () => {
    const updateOne = jest
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error('E11000 duplicate key error'), { code: 11000 }))
      .mockResolvedValue({ acknowledged: true });
    const model = { findById: () => ({ lean: async () => Promise.resolve(null) }), updateOne } as unknown as Model<Record<string, unknown>>;
    const checkpointer = new MongoCheckpointer({ model, name: 'p' });
    await checkpointer.addTransactionId('a');
    expect(updateOne).toHaveBeenCalledTimes(2);
    expect(await checkpointer.getTransactionIds()).toEqual(new Set(['a']));
  });
});
