import { MONGO_INBOX_SORT, toMongoFilter } from './mongo-referral-search-repository';

describe('toMongoFilter', () => {
  it('is empty for every referral', () => {
    expect(toMongoFilter({ direction: 'all' })).toEqual({});
  });

  it('puts the unit on the side asked for', () => {
    expect(toMongoFilter({ unit: '10697', direction: 'incoming' })).toEqual({ toHcode: '10697' });
    expect(toMongoFilter({ unit: '10697', direction: 'outgoing' })).toEqual({ fromHcode: '10697' });
    expect(toMongoFilter({ unit: '10697', direction: 'all' })).toEqual({ $or: [{ fromHcode: '10697' }, { toHcode: '10697' }] });
  });

  it('combines every criterion with $and', () => {
    expect(
      toMongoFilter({
        unit: '03998',
        direction: 'incoming',
        statuses: ['requested', 'received'],
        priority: 1,
        fastTrack: true,
        createdFrom: '2026-11-20T17:00:00.000Z',
        createdBefore: '2026-11-21T17:00:00.000Z',
        idPrefix: 'R-bdd',
      }),
    ).toEqual({
      $and: [
        { toHcode: '03998' },
        { status: { $in: ['requested', 'received'] } },
        { priority: 1 },
        { isFastTrack: true },
        { createdAt: { $gte: '2026-11-20T17:00:00.000Z', $lt: '2026-11-21T17:00:00.000Z' } },
        { _id: { $regex: '^R-bdd' } },
      ],
    });
  });

  it('sorts fast-track first, then priority, newest, id', () => {
    expect(Object.entries(MONGO_INBOX_SORT)).toEqual([
      ['isFastTrack', -1],
      ['priority', 1],
      ['createdAt', -1],
      ['_id', 1],
    ]);
  });
});
