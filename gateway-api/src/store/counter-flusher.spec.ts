import type { Model } from 'mongoose';
import { advance, newReferral } from '../fabric/events/test-support/fake-blocks';
import { CounterFlusher } from './counter-flusher';
import { contributionsOf } from './list-buckets';
import { toReferralDocument } from './read-model';

type Doc = Record<string, unknown> & { _id: string };

/** Just enough of a mongoose model, in memory, for the flusher. */
function fakeModel(): { docs: Map<string, Doc>; model: Model<Record<string, unknown>> } {
  const docs = new Map<string, Doc>();
  const setPath = (doc: Record<string, unknown>, path: string, update: (old: unknown) => unknown): void => {
    const parts = path.split('.');
    let at = doc;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    const last = parts.at(-1) as string;
    at[last] = update(at[last]);
  };
  const model = {
    find: () => ({ limit: (n: number) => ({ lean: async () => Promise.resolve([...docs.values()].slice(0, n).map((d) => structuredClone(d))) }) }),
    findById: (id: string) => ({ lean: async () => Promise.resolve(docs.has(id) ? structuredClone(docs.get(id)) : null) }),
    updateOne: async (filter: { _id: string }, update: { $inc: Record<string, number>; $set: Record<string, unknown> }) => {
      const doc = docs.get(filter._id) ?? { _id: filter._id };
      for (const [path, by] of Object.entries(update.$inc)) setPath(doc, path, (old) => (typeof old === 'number' ? old : 0) + by);
      Object.assign(doc, update.$set);
      docs.set(filter._id, doc);
      return Promise.resolve({});
    },
    replaceOne: async (filter: { _id: string }, doc: Doc) => {
      docs.set(filter._id, structuredClone(doc));
      return Promise.resolve({});
    },
    insertMany: async (list: Doc[]) => {
      if (list.some((d) => docs.has(d._id))) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      for (const d of list) docs.set(d._id, structuredClone(d));
      return Promise.resolve(list);
    },
    create: async (doc: Doc) => {
      docs.set(doc._id, structuredClone(doc));
      return Promise.resolve(doc);
    },
    deleteOne: async (filter: { _id: string }) => {
      docs.delete(filter._id);
      return Promise.resolve({});
    },
  };
  return { docs, model: model as unknown as Model<Record<string, unknown>> };
}

describe('CounterFlusher', () => {
  const created = toReferralDocument(newReferral('R-1', 't1', '2026-11-25T08:00:00.000Z'), { blockNumber: 1, txIndex: 0, txId: 't1' });
  const accepted = toReferralDocument(advance(created, 'accept', 'accepted', 't2', '2026-11-25T08:30:00.000Z'), { blockNumber: 2, txIndex: 0, txId: 't2' });
  const pendingOf = (r: typeof created) => ({ _id: r.ledger.txId, referralId: r.id, blockNumber: r.ledger.blockNumber, txIndex: r.ledger.txIndex, contributions: contributionsOf(r) });

  function setup() {
    const counters = fakeModel();
    const pending = fakeModel();
    const counted = fakeModel();
    const flusher = new CounterFlusher({ counters: counters.model, pending: pending.model, counted: counted.model });
    const bucket = (status: string): unknown => (counters.docs.get(`cnt|10697|incoming|${status}`)?.g as Record<string, Record<string, number>> | undefined)?.['0_3']?.['2026-11'];
    return { counters, pending, counted, flusher, bucket };
  }

  it('counts a new referral, then moves it to its new status, and empties the pending list', async () => {
    const { pending, flusher, bucket, counters } = setup();
    await pending.model.create(pendingOf(created));
    await flusher.flush();
    expect(bucket('requested')).toBe(1);
    expect(counters.docs.get('cnt|10697|incoming|requested')).toMatchObject({ kind: 'cnt', scope: '10697|incoming', dir: 'incoming', status: 'requested' });
    await pending.model.create(pendingOf(accepted));
    await flusher.flush();
    expect([bucket('requested'), bucket('accepted')]).toEqual([0, 1]);
    expect(pending.docs.size).toBe(0);
  });

  it('tells which scopes it changed, so the read cache drops their answers', async () => {
    const counters = fakeModel();
    const pending = fakeModel();
    const counted = fakeModel();
    const told: string[][] = [];
    const flusher = new CounterFlusher({ counters: counters.model, pending: pending.model, counted: counted.model }, { onCounted: (scopes) => told.push([...scopes].sort()) });
    await pending.model.create(pendingOf(created));
    await flusher.flush();
    expect(told).toHaveLength(1);
    expect(told[0]).toEqual(expect.arrayContaining(['*', '10697|incoming', '10697|all', `${created.fromHcode}|outgoing`]));
    await flusher.flush(); // nothing pending: nothing changed
    expect(told).toHaveLength(1);
  });

  it('takes the newest version when several are pending, and ignores a version older than the counted one', async () => {
    const { pending, flusher, bucket } = setup();
    await pending.model.create(pendingOf(created));
    await pending.model.create(pendingOf(accepted));
    await flusher.flush();
    expect([bucket('requested'), bucket('accepted')]).toEqual([undefined, 1]);
    await pending.model.create(pendingOf(created)); // redelivered old version
    await flusher.flush();
    expect([bucket('requested'), bucket('accepted')]).toEqual([undefined, 1]);
  });

  it('counts a version queued twice (replay after a crash) once', async () => {
    const { pending, flusher, bucket } = setup();
    await pending.model.create(pendingOf(created));
    await flusher.flush();
    await pending.model.create(pendingOf(created));
    await flusher.flush();
    expect(bucket('requested')).toBe(1);
  });
});
