import { Schema, type Connection, type Model } from 'mongoose';
import { storeUnavailable } from '../../store/mongo-errors';
import { DuplicateKeyError, type BookingDoc, type BookingStatus, type BookingStore, type UniqueIndex, type WaitingDoc } from './booking-store';
import '../../store/document-locks'; // per-document atomic writes on FerretDB too

export const BOOKINGS_COLLECTION = 'wallet_bookings';
export const WAITING_COLLECTION = 'wallet_waiting';

const options = { id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false } as const;

const bookingSchema = new Schema(
  {
    _id: { type: String, required: true },
    citizenId: { type: String, required: true },
    slotId: { type: String, required: true },
    hcode: { type: String, required: true },
    service: { type: String, required: true },
    date: { type: String, required: true },
    time: { type: String, required: true },
    startsAt: { type: String, required: true },
    seat: { type: Number, required: true },
    status: { type: String, required: true },
    seatKey: { type: String, required: true },
    holderKey: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    reminderQueuedAt: { type: String, default: null },
    rescheduledFrom: { type: String, default: null },
    via: { type: String, required: true },
  },
  { ...options, collection: BOOKINGS_COLLECTION },
);
// the two guarantees: one booking per seat, one active booking per citizen and slot
bookingSchema.index({ seatKey: 1 }, { unique: true, name: 'seatKey_unique' });
bookingSchema.index({ holderKey: 1 }, { unique: true, name: 'holderKey_unique' });
// one index per query
bookingSchema.index({ slotId: 1, status: 1 }, { name: 'slot_status' });
bookingSchema.index({ citizenId: 1, startsAt: -1 }, { name: 'citizen_startsAt' });
bookingSchema.index({ hcode: 1, date: 1, startsAt: 1 }, { name: 'unit_date' });
bookingSchema.index({ status: 1, reminderQueuedAt: 1, startsAt: 1 }, { name: 'reminders_due' });

const waitingSchema = new Schema(
  {
    _id: { type: String, required: true },
    citizenId: { type: String, required: true },
    slotId: { type: String, required: true },
    holderKey: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  { ...options, collection: WAITING_COLLECTION },
);
waitingSchema.index({ holderKey: 1 }, { unique: true, name: 'waiting_holderKey_unique' });
waitingSchema.index({ slotId: 1, createdAt: 1 }, { name: 'waiting_slot_createdAt' });
waitingSchema.index({ citizenId: 1 }, { name: 'waiting_citizen' });

// exactly-once claims (`exit:<booking>:<from>`, `reminder:<booking>`): on FerretDB 1.24 a conditional update is
// not atomic (the document is read, changed and written back), but an insert on a unique key is
const claimSchema = new Schema({ _id: { type: String, required: true }, at: { type: String, required: true } }, { ...options, collection: 'wallet_booking_claims' });

type Raw = Record<string, unknown>;

/** Awaits a store call: duplicate keys become DuplicateKeyError, other failures 503 STORE_UNAVAILABLE. */
export async function guard<T>(call: PromiseLike<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw duplicateKeyOf(err) ?? storeUnavailable(err);
  }
}

/** The wallet's booking models on `connection` (created once per connection). */
export function walletBookingModels(connection: Connection): { bookings: Model<Raw>; waiting: Model<Raw>; claims?: Model<Raw> } {
  return {
    claims: (connection.models.WalletBookingClaim as Model<Raw> | undefined) ?? connection.model<Raw>('WalletBookingClaim', claimSchema),
    bookings: (connection.models.WalletBooking as Model<Raw> | undefined) ?? connection.model<Raw>('WalletBooking', bookingSchema),
    waiting: (connection.models.WalletWaiting as Model<Raw> | undefined) ?? connection.model<Raw>('WalletWaiting', waitingSchema),
  };
}

/** Maps a MongoDB E11000 error to the unique index it hit; other errors pass through. */
export function duplicateKeyOf(err: unknown): DuplicateKeyError | undefined {
  if (typeof err !== 'object' || err === null || (err as { code?: unknown }).code !== 11000) return undefined;
  const pattern = (err as { keyPattern?: Record<string, unknown> }).keyPattern;
  const message = err instanceof Error ? err.message : '';
  let index: UniqueIndex = 'id';
  if ((pattern !== undefined && 'seatKey' in pattern) || message.includes('seatKey')) index = 'seat';
  else if ((pattern !== undefined && 'holderKey' in pattern) || message.includes('holderKey')) index = 'holder';
  return new DuplicateKeyError(index, { cause: err });
}

/** True when a duplicate-key error says which index it hit (MongoDB does, FerretDB does not). */
function namesIndex(err: unknown): boolean {
  const pattern = (err as { keyPattern?: unknown }).keyPattern;
  return (typeof pattern === 'object' && pattern !== null) || (err instanceof Error && / index: /.test(err.message));
}

const toBooking = (raw: Raw): BookingDoc => {
  const { _id, ...rest } = raw;
  return { id: String(_id), ...(rest as Omit<BookingDoc, 'id'>) };
};
const toWaiting = (raw: Raw): WaitingDoc => {
  const { _id, ...rest } = raw;
  return { id: String(_id), ...(rest as Omit<WaitingDoc, 'id'>) };
};

/** {@link BookingStore} on MongoDB / FerretDB: the unique indexes make concurrent bookings safe. */
export class MongoBookingStore implements BookingStore {
  readonly #bookings: Model<Raw>;
  readonly #waiting: Model<Raw>;
  readonly #claims: Model<Raw> | undefined;

  public constructor(models: Readonly<{ bookings: Model<Raw>; waiting: Model<Raw>; claims?: Model<Raw> }>) {
    this.#bookings = models.bookings;
    this.#waiting = models.waiting;
    this.#claims = models.claims;
  }

  /** True for the one caller that inserts `key` (false when it exists); always true without a claims collection. */
  async #claim(key: string): Promise<boolean> {
    if (this.#claims === undefined) return true;
    try {
      await this.#claims.collection.insertOne({ _id: key, at: new Date().toISOString() } as unknown as Raw);
      return true;
    } catch (err) {
      if (duplicateKeyOf(err) === undefined) throw storeUnavailable(err);
      return false;
    }
  }

  /** Creates the indexes (call once after connecting; the guarantees depend on them). */
  public async createIndexes(): Promise<void> {
    await this.#bookings.createIndexes();
    await this.#waiting.createIndexes();
    await this.#claims?.createIndexes();
  }

  public async insert(doc: BookingDoc): Promise<void> {
    const { id, ...rest } = doc;
    try {
      await this.#bookings.collection.insertOne({ _id: id, ...rest } as unknown as Raw);
    } catch (err) {
      const duplicate = duplicateKeyOf(err);
      if (duplicate === undefined) throw storeUnavailable(err);
      if (duplicate.index !== 'id' || namesIndex(err)) throw duplicate;
      // FerretDB reports E11000 without naming the index: find out which key collided
      throw new DuplicateKeyError(await this.#collidingKey(doc), { cause: err });
    }
  }

  /** Which unique key of `doc` is already taken: its id, the citizen's hold on the slot, else the seat. */
  async #collidingKey(doc: BookingDoc): Promise<UniqueIndex> {
    if ((await guard(this.#bookings.exists({ _id: doc.id }))) !== null) return 'id';
    if ((await guard(this.#bookings.exists({ holderKey: doc.holderKey }))) !== null) return 'holder';
    return 'seat';
  }

  public async get(id: string): Promise<BookingDoc | undefined> {
    const raw = await guard(this.#bookings.findById(id).lean<Raw>());
    return raw === null ? undefined : toBooking(raw);
  }

  public async transition(
    id: string,
    from: readonly BookingStatus[],
    changes: Partial<Pick<BookingDoc, 'status' | 'seatKey' | 'holderKey' | 'updatedAt'>>,
  ): Promise<BookingDoc | undefined> {
    // only the caller that claims the exit moves the booking out of `from` (FerretDB's conditional updates are not atomic)
    const current = await this.get(id);
    if (current === undefined || !from.includes(current.status)) return undefined;
    if (!(await this.#claim(`exit:${id}:${[...from].sort().join('|')}`))) return undefined;
    try {
      const res = await this.#bookings.updateOne({ _id: id, status: { $in: [...from] } }, { $set: changes });
      if (res.modifiedCount !== 1) return undefined;
    } catch (err) {
      throw duplicateKeyOf(err) ?? storeUnavailable(err);
    }
    return this.get(id);
  }

  public async takenSeats(slotId: string): Promise<number[]> {
    const rows = await guard(this.#bookings.find({ slotId, status: { $in: ['booked', 'checked-in'] } }, { seat: 1, _id: 0 }).lean<Array<{ seat: number }>>());
    return rows.map((r) => r.seat);
  }

  public async countActive(slotIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await guard(
      this.#bookings.aggregate<{ _id: string; n: number }>([
        { $match: { slotId: { $in: [...slotIds] }, status: { $in: ['booked', 'checked-in'] } } },
        { $group: { _id: '$slotId', n: { $sum: 1 } } },
      ]),
    );
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  public async byCitizen(citizenId: string): Promise<BookingDoc[]> {
    return (await guard(this.#bookings.find({ citizenId }).sort({ startsAt: -1 }).limit(500).lean<Raw[]>())).map(toBooking);
  }

  public async byUnitAndDate(hcode: string, date: string): Promise<BookingDoc[]> {
    return (await guard(this.#bookings.find({ hcode, date }).sort({ startsAt: 1, seat: 1 }).limit(2000).lean<Raw[]>())).map(toBooking);
  }

  public async dueReminders(from: string, to: string): Promise<BookingDoc[]> {
    return (await guard(this.#bookings.find({ status: 'booked', reminderQueuedAt: null, startsAt: { $gte: from, $lt: to } }).limit(5000).lean<Raw[]>())).map(toBooking);
  }

  public async markReminded(id: string, at: string): Promise<boolean> {
    if (!(await this.#claim(`reminder:${id}`))) return false;
    const res = await guard(this.#bookings.updateOne({ _id: id, reminderQueuedAt: null }, { $set: { reminderQueuedAt: at } }));
    return res.modifiedCount === 1;
  }

  public async insertWaiting(doc: WaitingDoc): Promise<void> {
    const { id, ...rest } = doc;
    try {
      await this.#waiting.collection.insertOne({ _id: id, ...rest } as unknown as Raw);
    } catch (err) {
      throw duplicateKeyOf(err) ?? storeUnavailable(err);
    }
  }

  public async waitingFor(slotId: string): Promise<WaitingDoc[]> {
    return (await guard(this.#waiting.find({ slotId }).sort({ createdAt: 1, _id: 1 }).limit(100).lean<Raw[]>())).map(toWaiting);
  }

  public async waitingOf(citizenId: string): Promise<WaitingDoc[]> {
    return (await guard(this.#waiting.find({ citizenId }).limit(500).lean<Raw[]>())).map(toWaiting);
  }

  public async removeWaiting(id: string): Promise<boolean> {
    const res = await guard(this.#waiting.deleteOne({ _id: id }));
    return res.deletedCount === 1;
  }
}
