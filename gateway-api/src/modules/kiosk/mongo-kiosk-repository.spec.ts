import type { Model } from 'mongoose';
import { MongoKioskRepository, type KioskModels } from './mongo-kiosk-repository';
import type { Receipt } from './receipt';

type Doc = Record<string, unknown> & { _id: string };
const duplicate = (): Error => Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
const tick = async (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Just enough of a mongoose receipts model: findOne(filter).sort({seq:-1}).select().lean() and create(), with the
 * unique `_id` of MongoDB, and an event-loop turn between every read and write (so concurrent calls interleave).
 */
function fakeReceipts(): { model: Model<Doc>; docs: Map<string, Doc> } {
  const docs = new Map<string, Doc>();
  const matching = (filter: Record<string, unknown>): Doc[] => [...docs.values()].filter((d) => Object.entries(filter).every(([k, v]) => d[k] === v));
  const model = {
    findOne: (filter: Record<string, unknown>) => {
      const query = {
        sort: () => query,
        select: () => query,
        lean: async () => {
          await tick();
          return matching(filter).sort((a, b) => Number(b.seq) - Number(a.seq))[0] ?? null;
        },
      };
      return query;
    },
    create: async (doc: Doc) => {
      await tick();
      if (docs.has(doc._id)) throw duplicate();
      docs.set(doc._id, doc);
      return doc;
    },
  } as unknown as Model<Doc>;
  return { model, docs };
}

const SERIES = { hcode: '10697', fiscalYear: 2570, point: '01' };
const build = (paymentId: string) => (seq: number): Receipt => ({
  ...SERIES,
  seq,
  receiptNo: `2570-10697-01-${String(seq).padStart(6, '0')}`,
  paymentId,
  status: 'reserved',
  salt: 's',
  content: null,
  hash: null,
  voidReason: null,
  anchorTxId: null,
  voidAnchorTxId: null,
  createdAt: '',
});

describe('MongoKioskRepository.reserveReceipt', () => {
  it('gives 1..n to n concurrent payments: no number shared, none skipped', async () => {
    const { model, docs } = fakeReceipts();
    const repo = new MongoKioskRepository({ receipts: model } as unknown as KioskModels);
    const receipts = await Promise.all(Array.from({ length: 30 }, async (_, i) => repo.reserveReceipt(SERIES, build(`p${i}`))));
    expect(receipts.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(receipts.map((r) => r.paymentId)).size).toBe(30);
    expect([...docs.keys()].sort()).toContain('10697:2570:01:30');
    expect(docs.get('10697:2570:01:7')?.paymentId).toBe(receipts.find((r) => r.seq === 7)?.paymentId);
  });

  it('continues after the last stored number and keeps series apart', async () => {
    const { model } = fakeReceipts();
    const repo = new MongoKioskRepository({ receipts: model } as unknown as KioskModels);
    await repo.reserveReceipt(SERIES, build('a'));
    await repo.reserveReceipt(SERIES, build('b'));
    const other = await repo.reserveReceipt({ ...SERIES, point: '02' }, (seq) => ({ ...build('c')(seq), point: '02' }));
    expect(other.seq).toBe(1);
    expect((await repo.reserveReceipt(SERIES, build('d'))).seq).toBe(3);
  });

  it('passes on errors other than a duplicate key', async () => {
    const { model } = fakeReceipts();
    (model as unknown as { create: () => Promise<never> }).create = async () => Promise.reject(new Error('store down'));
    const repo = new MongoKioskRepository({ receipts: model } as unknown as KioskModels);
    await expect(repo.reserveReceipt(SERIES, build('x'))).rejects.toThrow('store down');
  });
});
