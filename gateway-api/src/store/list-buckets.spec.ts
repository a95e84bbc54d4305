import { advance, newReferral } from '../fabric/events/test-support/fake-blocks';
import {
  acceptanceBin,
  contributionsOf,
  counterDeltas,
  countersCanAnswer,
  listKeysOf,
  parseCounterId,
  scopesOfReferral,
  slotsInOrder,
  type CounterDocument,
} from './list-buckets';
import { toReferralDocument } from './read-model';

const ledger = { blockNumber: 1, txIndex: 0, txId: 't1' };
const created = newReferral('R-1', 't1', '2026-11-25T08:00:00.000Z', { priority: 2 });
const doc = toReferralDocument(created, ledger);

describe('list buckets', () => {
  it('lists a referral in five scopes: both sides, either side, and the province', () => {
    expect(scopesOfReferral(doc)).toEqual(['10697|incoming', '11138|outgoing', '10697|all', '11138|all', '*']);
    expect(listKeysOf(doc)).toContain('10697|incoming|requested|0|2|2026-11');
    expect(listKeysOf(doc)).toContain('*|requested|0|2|2026-11');
  });

  it('counts a referral once per scope in its bucket and in the statistics', () => {
    const c = contributionsOf(doc);
    expect(c).toContain('cnt|10697|incoming|requested#g.0_2.2026-11');
    expect(c).toContain('sta|10697|incoming#s.2026-11.st.requested');
    expect(c.filter((x) => x.startsWith('cnt|'))).toHaveLength(5);
  });

  it('moves the counts when the status changes, and records time to acceptance and answers', () => {
    const accepted = toReferralDocument(advance(advance(created, 'receive', 'received', 't2', '2026-11-25T08:10:00.000Z'), 'accept', 'accepted', 't3', '2026-11-25T09:07:00.000Z'), {
      blockNumber: 3,
      txIndex: 0,
      txId: 't3',
    });
    const deltas = counterDeltas(contributionsOf(doc), contributionsOf(accepted));
    expect(deltas.get('cnt|10697|incoming|requested')?.get('g.0_2.2026-11')).toBe(-1);
    expect(deltas.get('cnt|10697|incoming|accepted')?.get('g.0_2.2026-11')).toBe(1);
    expect(deltas.get('sta|*')?.get('s.2026-11.answered')).toBe(1);
    expect(deltas.get('sta|*')?.get(`s.2026-11.tta.${acceptanceBin(67)}`)).toBe(1);
    expect(counterDeltas(contributionsOf(accepted), contributionsOf(accepted)).size).toBe(0);
  });

  it('bins time to acceptance coarser as it grows', () => {
    expect([acceptanceBin(7), acceptanceBin(67), acceptanceBin(300), acceptanceBin(2000)]).toEqual([5, 60, 300, 1800]);
  });

  it('orders slots fast-track first, then priority, then newest month, and merges statuses of a slot', () => {
    const counters = new Map<string, CounterDocument>([
      ['requested', { g: { '0_3': { '2026-10': 4, '2026-11': 2 }, '1_5': { '2026-09': 1 } } }],
      ['accepted', { g: { '0_3': { '2026-11': 3 }, '0_1': { '2026-01': 0 } } }],
    ]);
    expect(slotsInOrder('u|incoming', counters, { direction: 'incoming' })).toEqual([
      { keys: ['u|incoming|requested|1|5|2026-09'], count: 1 },
      { keys: ['u|incoming|requested|0|3|2026-11', 'u|incoming|accepted|0|3|2026-11'], count: 5 },
      { keys: ['u|incoming|requested|0|3|2026-10'], count: 4 },
    ]);
    expect(slotsInOrder('u|incoming', counters, { direction: 'incoming', fastTrack: false, createdBefore: '2026-11-01T00:00:00.000Z' })).toEqual([
      { keys: ['u|incoming|requested|0|3|2026-10'], count: 4 },
    ]);
  });

  it('leaves id searches and date bounds inside a month to the referral queries', () => {
    expect(countersCanAnswer({ createdFrom: '2026-11-01T00:00:00.000Z' })).toBe(true);
    expect(countersCanAnswer({ createdFrom: '2026-11-20T17:00:00.000Z' })).toBe(false);
    expect(countersCanAnswer({ idPrefix: 'R-' })).toBe(false);
  });

  it('reads kind, scope, side and status back from a counter id', () => {
    expect(parseCounterId('cnt|10697|incoming|requested')).toEqual({ kind: 'cnt', scope: '10697|incoming', dir: 'incoming', status: 'requested' });
    expect(parseCounterId('sta|*')).toEqual({ kind: 'sta', scope: '*', dir: 'province' });
  });
});
