import type { Model } from 'mongoose';
import { newReferral } from '../fabric/events/test-support/fake-blocks';
import { MongoProjectionRepository } from './mongo-projection-repository';
import { toReferralDocument } from './read-model';

const duplicate = Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });

describe('MongoProjectionRepository', () => {
  const referral = toReferralDocument(newReferral('R-1', 't', '2026-11-25T08:00:00.000Z'), { blockNumber: 7, txIndex: 2, txId: 't' });

  const models = (referrals: Record<string, unknown>) => ({
    referrals: referrals as unknown as Model<Record<string, unknown>>,
    referralEvents: {} as Model<Record<string, unknown>>,
  });
  const stored = (ledger: { blockNumber: number; txIndex: number } | null) => jest.fn().mockReturnValue({ select: () => ({ lean: async () => Promise.resolve(ledger === null ? null : { ledger }) }) });

  it('inserts a referral the store does not have', async () => {
    const create = jest.fn().mockResolvedValue({});
    const repo = new MongoProjectionRepository(models({ findById: stored(null), create }));
    expect(await repo.saveReferral(referral)).toBe('applied');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ _id: 'R-1', id: 'R-1', ledger: { blockNumber: 7, txIndex: 2, txId: 't' } }));
  });

  it('replaces an older version, with a filter that still requires it to be older', async () => {
    const replaceOne = jest.fn().mockResolvedValue({ matchedCount: 1 });
    const repo = new MongoProjectionRepository(models({ findById: stored({ blockNumber: 7, txIndex: 1 }), replaceOne }));
    expect(await repo.saveReferral(referral)).toBe('applied');
    expect(replaceOne).toHaveBeenCalledWith(
      { _id: 'R-1', $or: [{ 'ledger.blockNumber': { $lt: 7 } }, { 'ledger.blockNumber': 7, 'ledger.txIndex': { $lt: 2 } }] },
      expect.objectContaining({ _id: 'R-1' }),
    );
  });

  it('reports stale, writing nothing, when the same or a newer version is stored', async () => {
    const replaceOne = jest.fn();
    expect(await new MongoProjectionRepository(models({ findById: stored({ blockNumber: 7, txIndex: 2 }), replaceOne })).saveReferral(referral)).toBe('stale');
    expect(await new MongoProjectionRepository(models({ findById: stored({ blockNumber: 8, txIndex: 0 }), replaceOne })).saveReferral(referral)).toBe('stale');
    expect(replaceOne).not.toHaveBeenCalled();
  });

  it('reads again when another writer got in between', async () => {
    const findById = jest
      .fn()
      .mockReturnValueOnce({ select: () => ({ lean: async () => Promise.resolve(null) }) })
      .mockReturnValueOnce({ select: () => ({ lean: async () => Promise.resolve({ ledger: { blockNumber: 6, txIndex: 0 } }) }) })
      .mockReturnValueOnce({ select: () => ({ lean: async () => Promise.resolve({ ledger: { blockNumber: 9, txIndex: 0 } }) }) });
    const create = jest.fn().mockRejectedValue(duplicate);
    const replaceOne = jest.fn().mockResolvedValue({ matchedCount: 0 });
    expect(await new MongoProjectionRepository(models({ findById, create, replaceOne })).saveReferral(referral)).toBe('stale');
    expect(findById).toHaveBeenCalledTimes(3);
  });

  it('records events by txId and reports duplicates; other errors propagate', async () => {
    const create = jest.fn().mockResolvedValueOnce({}).mockRejectedValueOnce(duplicate).mockRejectedValueOnce(new Error('store down'));
    const repo = new MongoProjectionRepository({ referrals: {} as Model<Record<string, unknown>>, referralEvents: { create } as unknown as Model<Record<string, unknown>> });
    const event = { txId: 't', referralId: 'R-1', blockNumber: 7, txIndex: 2, action: 'create', status: 'requested', at: 'x', mspId: 'm', hcode: 'h', role: 'r', deliveredAt: 'd', projectedAt: 'p' };
    expect(await repo.recordEvent(event)).toBe('recorded');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ _id: 't', referralId: 'R-1' }));
    expect(create.mock.calls[0][0]).not.toHaveProperty('txId');
    expect(await repo.recordEvent(event)).toBe('duplicate');
    await expect(repo.recordEvent(event)).rejects.toThrow('store down');
  });
});
