import { advance, newReferral } from '../fabric/events/test-support/fake-blocks';
import { referralStats } from '../modules/referral-search/referral-stats';
import { statsFromCounter } from './counter-stats';
import { contributionsOf, counterDeltas, type StatsDocument } from './list-buckets';
import { toReferralDocument, type ReferralDocument } from './read-model';

/** The statistics document `sta|<scope>` that the flusher would build from these referrals. */
function statsDoc(referrals: readonly ReferralDocument[], scope: string): StatsDocument {
  const deltas = new Map<string, Map<string, number>>();
  for (const r of referrals) counterDeltas([], contributionsOf(r), deltas);
  const doc: Record<string, unknown> = {};
  for (const [path, n] of deltas.get(`sta|${scope}`) ?? []) {
    const parts = path.split('.');
    let at = doc;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts.at(-1) as string] = n;
  }
  return doc as StatsDocument;
}

describe('statsFromCounter', () => {
  const at = (m: number): string => new Date(Date.parse('2026-11-25T08:00:00.000Z') + m * 60_000).toISOString();
  const referrals = [
    toReferralDocument(advance(newReferral('R-1', 'a', at(0)), 'accept', 'accepted', 'a2', at(12)), { blockNumber: 1, txIndex: 0, txId: 'a2' }),
    toReferralDocument(advance(newReferral('R-2', 'b', at(0)), 'accept', 'accepted', 'b2', at(95)), { blockNumber: 1, txIndex: 1, txId: 'b2' }),
    toReferralDocument(advance(newReferral('R-3', 'c', at(0)), 'reject', 'rejected', 'c2', at(30), {}, { rejection: { reasonCode: 'no-bed' } } as never), { blockNumber: 1, txIndex: 2, txId: 'c2' }),
    toReferralDocument(newReferral('R-4', 'd', at(0)), { blockNumber: 1, txIndex: 3, txId: 'd' }),
  ];

  it('gives the counts, rates and reasons referralStats gives, and time to acceptance to the bin', () => {
    const fromCounter = statsFromCounter(statsDoc(referrals, '10697|incoming'), {});
    const exact = referralStats(referrals);
    expect({ ...fromCounter, timeToAcceptance: undefined }).toEqual({ ...exact, timeToAcceptance: undefined });
    expect(fromCounter.timeToAcceptance.count).toBe(2);
    expect(fromCounter.timeToAcceptance.medianMinutes).toBeCloseTo(exact.timeToAcceptance.medianMinutes ?? 0, -1);
  });

  it('keeps only the months of the filter', () => {
    expect(statsFromCounter(statsDoc(referrals, '*'), { createdFrom: '2026-12-01T00:00:00.000Z' }).total).toBe(0);
    expect(statsFromCounter(statsDoc(referrals, '*'), { createdFrom: '2026-11-01T00:00:00.000Z' }).total).toBe(4);
  });
});
