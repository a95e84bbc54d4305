import { Schema, type Connection, type Model } from 'mongoose';
import { storeUnavailable } from '../../store/mongo-errors';
import type { CitizenDoc } from './citizen-store';
import { guard } from './mongo-booking-store';

/** A registration waiting for its one-time code (collection `wallet_registrations`, expires with its code). */
export interface PendingRegistration {
  readonly id: string;
  readonly citizen: Omit<CitizenDoc, 'id' | 'healthId' | 'createdAt'>;
  /** SHA-256 of `<id>:<code>`; the code itself is never stored. */
  readonly otpHash: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly failures: number;
}

/**
 * Where pending registrations live between "send the code" and "confirm": in the store, so a gateway restart
 * does not lose them. Each write is one conditional single-document operation.
 */
export interface RegistrationStore {
  insert(pending: PendingRegistration): Promise<void>;
  get(id: string): Promise<PendingRegistration | undefined>;
  /** Counts one wrong code, only while fewer than `max` were counted; the new count, or undefined when none was added. */
  fail(id: string, max: number): Promise<number | undefined>;
  /** Removes the registration; true only for the call that removed it (a code confirms one account). */
  take(id: string): Promise<boolean>;
  /** Removes registrations expired at `nowMs`. */
  purgeExpired(nowMs: number): Promise<number>;
}

/** {@link RegistrationStore} in memory (tests, a gateway without a store). */
export class InMemoryRegistrationStore implements RegistrationStore {
  readonly #byId = new Map<string, PendingRegistration>();

  public async insert(pending: PendingRegistration): Promise<void> {
    this.#byId.set(pending.id, { ...pending });
    return Promise.resolve();
  }

  public async get(id: string): Promise<PendingRegistration | undefined> {
    return Promise.resolve(this.#byId.get(id));
  }

  public async fail(id: string, max: number): Promise<number | undefined> {
    await Promise.resolve();
    const p = this.#byId.get(id);
    if (p === undefined || p.failures >= max) return undefined;
    this.#byId.set(id, { ...p, failures: p.failures + 1 });
    return p.failures + 1;
  }

  public async take(id: string): Promise<boolean> {
    await Promise.resolve();
    return this.#byId.delete(id);
  }

  public async purgeExpired(nowMs: number): Promise<number> {
    let n = 0;
    for (const [id, p] of this.#byId) {
      if (p.expiresAt <= nowMs) {
        this.#byId.delete(id);
        n += 1;
      }
    }
    return Promise.resolve(n);
  }
}

export const REGISTRATIONS_COLLECTION = 'wallet_registrations';

const registrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    citizen: { type: Schema.Types.Mixed, required: true },
    otpHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    failures: { type: Number, required: true },
  },
  { collection: REGISTRATIONS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false, minimize: false },
);

type Raw = Record<string, unknown>;

/** The `wallet_registrations` model on `connection`. */
export function walletRegistrationModel(connection: Connection): Model<Raw> {
  return (connection.models.WalletRegistration as Model<Raw> | undefined) ?? connection.model<Raw>('WalletRegistration', registrationSchema);
}

/**
 * {@link RegistrationStore} on MongoDB / FerretDB. A TTL index on `expiresAt` removes expired registrations
 * where the store supports it (MongoDB; FerretDB from 2.0); FerretDB 1.24 refuses `expireAfterSeconds`, so the
 * index is then a plain one and {@link purgeExpired} (run by the wallet's scheduler) does the removal. Expiry
 * is also checked on every read, so an expired code never confirms.
 */
export class MongoRegistrationStore implements RegistrationStore {
  readonly #model: Model<Raw>;
  #ttl = false;

  public constructor(model: Model<Raw>) {
    this.#model = model;
  }

  /** True when the store accepted the TTL index. */
  public get hasTtlIndex(): boolean {
    return this.#ttl;
  }

  public async createIndexes(): Promise<void> {
    try {
      await this.#model.collection.createIndex({ expiresAt: 1 }, { name: 'registration_expiresAt_ttl', expireAfterSeconds: 0 });
      this.#ttl = true;
    } catch {
      await this.#model.collection.createIndex({ expiresAt: 1 }, { name: 'registration_expiresAt' });
    }
  }

  public async insert(pending: PendingRegistration): Promise<void> {
    const { id, expiresAt, ...rest } = pending;
    try {
      await this.#model.collection.insertOne({ _id: id, ...rest, expiresAt: new Date(expiresAt) } as unknown as Raw);
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  public async get(id: string): Promise<PendingRegistration | undefined> {
    const raw = await guard(this.#model.findById(id).lean<Raw>());
    if (raw === null) return undefined;
    const { _id, expiresAt, ...rest } = raw;
    return { id: String(_id), ...(rest as Omit<PendingRegistration, 'id' | 'expiresAt'>), expiresAt: new Date(expiresAt as string | Date).getTime() };
  }

  public async fail(id: string, max: number): Promise<number | undefined> {
    const res = await guard(this.#model.updateOne({ _id: id, failures: { $lt: max } }, { $inc: { failures: 1 } }));
    if (res.modifiedCount !== 1) return undefined;
    return (await this.get(id))?.failures ?? max;
  }

  public async take(id: string): Promise<boolean> {
    return (await guard(this.#model.deleteOne({ _id: id }))).deletedCount === 1;
  }

  public async purgeExpired(nowMs: number): Promise<number> {
    return (await guard(this.#model.deleteMany({ expiresAt: { $lte: new Date(nowMs) } }))).deletedCount;
  }
}
