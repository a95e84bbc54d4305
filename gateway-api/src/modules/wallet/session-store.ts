import { Schema, type Connection, type Model } from 'mongoose';
import { storeUnavailable } from '../../store/mongo-errors';
import { DuplicateKeyError } from './booking-store';
import { duplicateKeyOf, guard } from './mongo-booking-store';

/**
 * A service session a unit published for one date (collection `wallet_sessions`): its slots are
 * `<hcode>.<service>.<YYYYMMDD>.<HHMM>` for each time, `capacity` seats each, added to the weekly templates.
 */
export interface PublishedSession {
  /** `<hcode>.<service>.<YYYYMMDD>`: one published session per unit, service and date. */
  readonly id: string;
  readonly hcode: string;
  readonly service: string;
  readonly date: string;
  readonly times: readonly string[];
  readonly capacity: number;
  readonly publishedBy: string;
  readonly publishedAt: string;
}

/** Where published sessions live. */
export interface SessionStore {
  /** @throws DuplicateKeyError when the unit already published this service on this date. */
  insert(session: PublishedSession): Promise<void>;
  /** Sessions on or after `fromDate` (all units; the gateway keeps them in its calendar). */
  from(fromDate: string): Promise<PublishedSession[]>;
  /** Removes a session; true only for the call that removed it. */
  remove(id: string): Promise<boolean>;
}

/** {@link SessionStore} in memory. */
export class InMemorySessionStore implements SessionStore {
  readonly #byId = new Map<string, PublishedSession>();

  public async insert(session: PublishedSession): Promise<void> {
    await Promise.resolve();
    if (this.#byId.has(session.id)) throw new DuplicateKeyError('id');
    this.#byId.set(session.id, session);
  }

  public async from(fromDate: string): Promise<PublishedSession[]> {
    return Promise.resolve([...this.#byId.values()].filter((s) => s.date >= fromDate));
  }

  public async remove(id: string): Promise<boolean> {
    await Promise.resolve();
    return this.#byId.delete(id);
  }
}

export const SESSIONS_COLLECTION = 'wallet_sessions';

const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    hcode: { type: String, required: true },
    service: { type: String, required: true },
    date: { type: String, required: true },
    times: { type: [String], required: true },
    capacity: { type: Number, required: true },
    publishedBy: { type: String, required: true },
    publishedAt: { type: String, required: true },
  },
  { collection: SESSIONS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false },
);
sessionSchema.index({ date: 1 }, { name: 'session_date' });

type Raw = Record<string, unknown>;

/** The `wallet_sessions` model on `connection`. */
export function walletSessionModel(connection: Connection): Model<Raw> {
  return (connection.models.WalletSession as Model<Raw> | undefined) ?? connection.model<Raw>('WalletSession', sessionSchema);
}

/** {@link SessionStore} on MongoDB / FerretDB (the `_id` is the unique key). */
export class MongoSessionStore implements SessionStore {
  readonly #model: Model<Raw>;

  public constructor(model: Model<Raw>) {
    this.#model = model;
  }

  public async createIndexes(): Promise<void> {
    await this.#model.createIndexes();
  }

  public async insert(session: PublishedSession): Promise<void> {
    const { id, ...rest } = session;
    try {
      await this.#model.collection.insertOne({ _id: id, ...rest, times: [...rest.times] } as unknown as Raw);
    } catch (err) {
      throw duplicateKeyOf(err) ?? storeUnavailable(err);
    }
  }

  public async from(fromDate: string): Promise<PublishedSession[]> {
    const rows = await guard(this.#model.find({ date: { $gte: fromDate } }).limit(20_000).lean<Raw[]>());
    return rows.map(({ _id, ...rest }) => ({ id: String(_id), ...(rest as Omit<PublishedSession, 'id'>) }));
  }

  public async remove(id: string): Promise<boolean> {
    return (await guard(this.#model.deleteOne({ _id: id }))).deletedCount === 1;
  }
}
