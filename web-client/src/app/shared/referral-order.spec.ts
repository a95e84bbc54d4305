import { enteredStateAt, normaliseReferralPage, sortForInbox, statusQuery } from './referral-order';

describe('inbox order', () => {
  it('puts fast-track first, then priority, then newest', () => {
    const items = [
      { id: 'a', priority: 1, createdAt: '2026-01-01T00:00:00Z' },
      { id: 'b', priority: 3, fastTrack: '02', createdAt: '2026-01-01T00:05:00Z' },
      { id: 'c', priority: 2, fastTrack: '01', createdAt: '2026-01-01T00:10:00Z' },
      { id: 'd', priority: 1, createdAt: '2025-12-31T00:00:00Z' },
      { id: 'e', priority: 5, createdAt: '2025-01-01T00:00:00Z' },
    ];
    expect(sortForInbox(items).map((r) => r.id)).toEqual(['c', 'b', 'a', 'd', 'e']);
    expect(items[0]?.id).toBe('a'); // input untouched
  });

  it('knows when the current state began', () => {
    expect(enteredStateAt({ steps: [], updatedAt: 'u' })).toBe('u');
    expect(enteredStateAt({ steps: [{ at: 'x' }, { at: 'y' }] as never, updatedAt: 'u' })).toBe('y');
  });

  it('reads list answers of several shapes', () => {
    const r = { id: 'R-1', priority: '2', status: 'requested', createdAt: 'c', updatedAt: 'u' };
    expect(normaliseReferralPage({ items: [r], total: 7, page: 2, pageSize: 1 })).toMatchObject({ total: 7, page: 2, items: [{ id: 'R-1', priority: 2, steps: [] }] });
    expect(normaliseReferralPage({ referrals: [r, { nope: 1 }] }).items).toHaveLength(1);
    expect(normaliseReferralPage([r]).total).toBe(1);
    expect(normaliseReferralPage(null).items).toEqual([]);
  });

  it('turns list filters into the status query', () => {
    expect(statusQuery('')).toBeUndefined();
    expect(statusQuery('open')).toBe('requested,received,accepted,arrived');
    expect(statusQuery('rejected')).toBe('rejected');
  });
});
