import { mongo } from 'mongoose';
import type { ReferralStoreReader } from './referral-store-reader';
import type { StoreRow } from './store-comparison';

/** Name of the query store collection holding one row per referral (docs/contracts.md). */
export const REFERRALS_COLLECTION = 'referrals';

/** Database used when the URI names none (docs/contracts.md). */
export const DEFAULT_STORE_DATABASE = 'referrals';

/** The database named in a MongoDB URI (`mongodb://host:port/<db>?…`), or the default. */
export function storeDatabaseOf(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  const name = decodeURIComponent(match?.[1] ?? '');
  return name === '' ? DEFAULT_STORE_DATABASE : name;
}

/** Reads the `referrals` collection of the MongoDB (FerretDB) database named in `uri` (default `referrals`). */
export class MongoReferralStore implements ReferralStoreReader {
  readonly #client: mongo.MongoClient;
  readonly #collection: mongo.Collection<{ _id: string }>;

  private constructor(client: mongo.MongoClient, database: string) {
    this.#client = client;
    this.#collection = client.db(database).collection<{ _id: string }>(REFERRALS_COLLECTION);
  }

  /**
   * Connects to the store.
   *
   * @throws Error when the server cannot be reached within `timeoutMs`
   */
  public static async connect(uri: string, timeoutMs = 5000): Promise<MongoReferralStore> {
    const client = new mongo.MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
    await client.connect();
    try {
      await client.db(storeDatabaseOf(uri)).command({ ping: 1 });
    } catch (err) {
      await client.close();
      throw err;
    }
    return new MongoReferralStore(client, storeDatabaseOf(uri));
  }

  public async forEachRow(visit: (row: StoreRow) => void): Promise<void> {
    for await (const row of this.#collection.find({})) visit(row as unknown as StoreRow);
  }

  public async rowsById(ids: readonly string[]): Promise<StoreRow[]> {
    if (ids.length === 0) return [];
    return (await this.#collection.find({ _id: { $in: [...ids] } }).toArray()) as unknown as StoreRow[];
  }

  public async close(): Promise<void> {
    await this.#client.close();
  }
}
