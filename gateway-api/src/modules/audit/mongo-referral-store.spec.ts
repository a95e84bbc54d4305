import { mongo } from 'mongoose';
import { MongoReferralStore, storeDatabaseOf } from './mongo-referral-store';

describe('MongoReferralStore', () => {
  it('takes the database from the URI, default referrals', () => {
    expect(storeDatabaseOf('mongodb://127.0.0.1:27017/referrals_dev_audit')).toBe('referrals_dev_audit');
    expect(storeDatabaseOf('mongodb://127.0.0.1:27017/x?directConnection=true')).toBe('x');
    expect(storeDatabaseOf('mongodb://127.0.0.1:27017')).toBe('referrals');
    expect(storeDatabaseOf('mongodb://127.0.0.1:27017/')).toBe('referrals');
  });

  it('fails fast when the store cannot be reached', async () => {
    await expect(MongoReferralStore.connect('mongodb://127.0.0.1:1/referrals', 300)).rejects.toThrow();
  });

  // Opt-in, against a live MongoDB/FerretDB database it may empty: AUDIT_STORE_URI=mongodb://127.0.0.1:27017/<scratch db>
  const uri = process.env.AUDIT_STORE_URI;
  (uri === undefined ? it.skip : it)('reads every row and rows by id from a live store', async () => {
    if (uri === undefined) return;
    const store = await MongoReferralStore.connect(uri, 1000);
    const client = new mongo.MongoClient(uri);
    const rows = client.db(storeDatabaseOf(uri)).collection<{ _id: string; status: string }>('referrals');
    try {
      await rows.deleteMany({});
      await rows.insertMany([
        { _id: 'R-1', status: 'requested' },
        { _id: 'R-2', status: 'accepted' },
      ]);
      const seen: unknown[] = [];
      await store.forEachRow((row) => seen.push(row._id));
      expect(seen.sort()).toEqual(['R-1', 'R-2']);
      expect((await store.rowsById(['R-2', 'R-9'])).map((row) => row.status)).toEqual(['accepted']);
    } finally {
      await rows.deleteMany({});
      await client.close();
      await store.close();
    }
  });
});
