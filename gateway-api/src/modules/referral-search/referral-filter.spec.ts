import { newReferral } from '../../fabric/events/test-support/fake-blocks';
import { toReferralDocument, type ReferralDocument } from '../../store/read-model';
import { compareInboxOrder, matchesFilter } from './referral-filter';

const doc = (id: string, createdAt: string, priority: number, fastTrack?: string): ReferralDocument =>
  toReferralDocument(newReferral(id, 't', createdAt, { priority, ...(fastTrack === undefined ? {} : { fastTrack }) }), { blockNumber: 1, txIndex: 0, txId: 't' });

describe('inbox order', () => {
  it('puts fast-track first, then priority 1..5, then the newest, then the id', () => {
    const referrals = [
      doc('R-p3-old', '2026-11-20T00:00:00.000Z', 3),
      doc('R-p1', '2026-11-21T00:00:00.000Z', 1),
      doc('R-ft-p4', '2026-11-19T00:00:00.000Z', 4, '01'),
      doc('R-p3-new', '2026-11-22T00:00:00.000Z', 3),
      doc('R-ft-p2', '2026-11-18T00:00:00.000Z', 2, '99'),
      doc('R-p3-new-b', '2026-11-22T00:00:00.000Z', 3),
    ];
    expect(referrals.sort(compareInboxOrder).map((r) => r.id)).toEqual(['R-ft-p2', 'R-ft-p4', 'R-p1', 'R-p3-new', 'R-p3-new-b', 'R-p3-old']);
  });
});

describe('matchesFilter', () => {
  const r = doc('R-abc', '2026-11-20T05:00:00.000Z', 2, '02');
  it('matches on the unit side asked for', () => {
    expect(matchesFilter({ unit: '10697', direction: 'incoming' }, r)).toBe(true);
    expect(matchesFilter({ unit: '10697', direction: 'outgoing' }, r)).toBe(false);
    expect(matchesFilter({ unit: '11138', direction: 'all' }, r)).toBe(true);
    expect(matchesFilter({ unit: '03998', direction: 'all' }, r)).toBe(false);
    expect(matchesFilter({ direction: 'incoming' }, r)).toBe(true);
  });
  it('matches created range [from, before), status, priority, fast-track, id prefix', () => {
    expect(matchesFilter({ direction: 'all', createdFrom: '2026-11-20T05:00:00.000Z', createdBefore: '2026-11-20T05:00:00.001Z' }, r)).toBe(true);
    expect(matchesFilter({ direction: 'all', createdBefore: '2026-11-20T05:00:00.000Z' }, r)).toBe(false);
    expect(matchesFilter({ direction: 'all', statuses: ['accepted'] }, r)).toBe(false);
    expect(matchesFilter({ direction: 'all', priority: 2, fastTrack: true, idPrefix: 'R-a' }, r)).toBe(true);
    expect(matchesFilter({ direction: 'all', fastTrack: false }, r)).toBe(false);
    expect(matchesFilter({ direction: 'all', idPrefix: 'R-b' }, r)).toBe(false);
  });
});
