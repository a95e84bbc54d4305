import { Schema, type Connection, type Model } from 'mongoose';
import { storeUnavailable } from '../../store/mongo-errors';
import type { CitizenDoc } from './citizen-store';
import { duplicateKeyOf, guard } from './mongo-booking-store';

/** A registration waiting for its one-time code (collection `wallet_registrations`, expires with its code). */
export interface PendingRegistration {
  readonly id: string;
  readonly citizen: Omit<CitizenDoc, 'id' | 'healthId' | 'createdAt'>;
  /** SHA-256 of `<id>:<code>`; the code itself is never stored. */
  readonly otpHash: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Where pending registrations live between "send the code" and "confirm": in the store, so a gateway restart
 * does not lose them. Each write is one conditional single-document operation.
 */
export interface RegistrationStore {
  insert(pending: PendingRegistration): Promise<void>;
  get(id: string): Promise<PendingRegistration | undefined>;
  /**
   * Claims one of the registration's `max` attempts at its code, before the code is checked: the attempt's number
   * (1..max), or undefined when all are used. Each attempt is a unique key, so concurrent guesses never get more
   * than `max` tries (a counter would not do: FerretDB 1.24 loses concurrent `$inc`s).
   */
  claimAttempt(id: string, max: number): Promise<number | undefined>;
  /** Removes the registration; true only for the call that removed it (a code confirms one account). */
  take(id: string): Promise<boolean>;
  /** Removes registrations expired at `nowMs`. */
  purgeExpired(nowMs: number): Promise<number>;
}

/** {@link RegistrationStore} in memory (tests, a gateway without a store). */
export class InMemoryRegistrationStore implements RegistrationStore {
  readonly #byId = new Map<string, PendingRegistration>();
  readonly #attempts = new Map<string, number>();

  public async insert(pending: PendingRegistration): Promise<void> {
    this.#byId.set(pending.id, { ...pending });
    return Promise.resolve();
  }

  public async get(id: string): Promise<PendingRegistration | undefined> {
    return Promise.resolve(this.#byId.get(id));
  }

  public async claimAttempt(id: string, max: number): Promise<number | undefined> {
    await Promise.resolve();
    const used = this.#attempts.get(id) ?? 0;
    if (used >= max) return undefined;
    this.#attempts.set(id, used + 1);
    return used + 1;
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
  },
  { collection: REGISTRATIONS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false, minimize: false },
);

type Raw = Record<string, unknown>;

const attemptSchema = new Schema(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { collection: `${REGISTRATIONS_COLLECTION}_attempts`, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false },
);

/** The `wallet_registrations` model on `connection` (and its attempts, `wallet_registrations_attempts`). */
export function walletRegistrationModel(connection: Connection): Model<Raw> {
  if (connection.models.WalletRegistrationAttempt === undefined) connection.model<Raw>('WalletRegistrationAttempt', attemptSchema);
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
  readonly #attempts: Model<Raw>;
  #ttl = false;

  public constructor(model: Model<Raw>) {
    this.#model = model;
    this.#attempts = model.db.models.WalletRegistrationAttempt as Model<Raw>;
  }

  /** True when the store accepted the TTL index. */
  public get hasTtlIndex(): boolean {
    return this.#ttl;
  }

  public async createIndexes(): Promise<void> {
    try {
      await this.#model.collection.createIndex({ expiresAt: 1 }, { name: 'registration_expiresAt_ttl', expireAfterSeconds: 0 });
      await this.#attempts.collection.createIndex({ expiresAt: 1 }, { name: 'attempt_expiresAt_ttl', expireAfterSeconds: 0 });
      this.#ttl = true;
    } catch {
      await this.#model.collection.createIndex({ expiresAt: 1 }, { name: 'registration_expiresAt' });
      await this.#attempts.collection.createIndex({ expiresAt: 1 }, { name: 'attempt_expiresAt' });
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

  public async claimAttempt(id: string, max: number): Promise<number | undefined> {
    const pending = await this.get(id);
    const expiresAt = new Date(pending?.expiresAt ?? Date.now());
    const used = await guard(this.#attempts.countDocuments({ _id: { $in: Array.from({ length: max }, (_, i) => `${id}#${String(i + 1)}`) } }));
    for (let n = used + 1; n <= max; n += 1) {
      try {
        await this.#attempts.collection.insertOne({ _id: `${id}#${String(n)}`, expiresAt } as unknown as Raw);
        return n;
      } catch (err) {
        if (duplicateKeyOf(err) === undefined) throw storeUnavailable(err);
        // a concurrent attempt took number n: try the next one
      }
    }
    return undefined;
  }

  public async take(id: string): Promise<boolean> {
    return (await guard(this.#model.deleteOne({ _id: id }))).deletedCount === 1;
  }

  public async purgeExpired(nowMs: number): Promise<number> {
    await guard(this.#attempts.deleteMany({ expiresAt: { $lte: new Date(nowMs) } }));
    return (await guard(this.#model.deleteMany({ expiresAt: { $lte: new Date(nowMs) } }))).deletedCount;
  }
}
