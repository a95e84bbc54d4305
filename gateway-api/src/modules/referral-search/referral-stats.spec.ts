import { median, percentile, referralStats } from './referral-stats';

describe('referral statistics', () => {
  it('median and nearest-rank p90', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 3])).toBe(2);
    expect(median([1, 2, 10])).toBe(2);
    expect(percentile([], 90)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([4], 90)).toBe(4);
  });

  it('is all zeros and nulls for no referrals', () => {
    const stats = referralStats([]);
    expect(stats).toMatchObject({ total: 0, timeToAcceptance: { count: 0, medianMinutes: null, p90Minutes: null }, rejections: { count: 0, rate: null, byReason: [] } });
    expect(Object.values(stats.byStatus).every((n) => n === 0)).toBe(true);
  });

  it('counts a rejection without a coded reason as "unknown"', () => {
    const stats = referralStats([{ id: 'R', fromHcode: 'a', toHcode: 'b', status: 'rejected', createdAt: '', steps: [] }]);
    expect(stats.rejections).toEqual({ count: 1, rate: 1, byReason: [{ reasonCode: 'unknown', count: 1, share: 1 }] });
  });
});
