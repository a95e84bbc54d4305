import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError, storeUnavailable } from '../../store/mongo-errors';

/** Lifecycle of a staff identity. `pending`: being registered at the CA (a crash leaves it for a retry). */
export type IdentityStatus = 'pending' | 'active' | 'suspended' | 'revoked';

/** A staff account managed by its organisation's administrator (also the status overlay of fixture users). */
export interface AccountDoc {
  readonly username: string;
  readonly orgKey: string;
  readonly mspId: string;
  readonly role: string;
  readonly hcode: string;
  readonly designation?: string | undefined;
  readonly displayName: string;
  readonly status: IdentityStatus;
  /** Password record (argon2id/bcrypt/scrypt) for accounts created here; undefined for fixture users. */
  readonly passwordHash?: string | undefined;
  /** Serial number (hex) of the current enrolment certificate. */
  readonly serial?: string | undefined;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic concurrency: every change is a conditional update on this number. */
  readonly version: number;
}

/** One administrator action, as the auditor reads it. */
export interface AdminActionDoc {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly actorMsp: string;
  readonly action: 'add' | 'change' | 'suspend' | 'reactivate' | 'revoke';
  readonly target: string;
  readonly targetMsp: string;
  readonly outcome: 'done' | 'failed';
  readonly details: Readonly<Record<string, unknown>>;
}

/** Thrown by `insert` when the username exists. */
export class AccountExists extends Error {}

/** Where accounts and the admin log live. */
export interface IdentityStore {
  insert(doc: AccountDoc): Promise<void>;
  get(username: string): Promise<AccountDoc | undefined>;
  /** Applies `changes` only when the stored version is `version`; returns the new document or undefined on a conflict. */
  update(username: string, version: number, changes: Partial<Omit<AccountDoc, 'username' | 'version'>>): Promise<AccountDoc | undefined>;
  remove(username: string, version: number): Promise<void>;
  byOrg(orgKey: string): Promise<AccountDoc[]>;
  /** Every account not `active` (suspended, revoked, pending), to refuse their tokens after a restart. */
  blocked(): Promise<AccountDoc[]>;
  all(): Promise<AccountDoc[]>;
  log(action: AdminActionDoc): Promise<void>;
  actions(filter: Readonly<{ msp?: string; limit: number }>): Promise<AdminActionDoc[]>;
}

/** In-memory store for unit tests. */
export class InMemoryIdentityStore implements IdentityStore {
  readonly #accounts = new Map<string, AccountDoc>();
  readonly #actions: AdminActionDoc[] = [];

  public async insert(doc: AccountDoc): Promise<void> {
    if (this.#accounts.has(doc.username)) throw new AccountExists(doc.username);
    this.#accounts.set(doc.username, doc);
    return Promise.resolve();
  }

  public async get(username: string): Promise<AccountDoc | undefined> {
    return Promise.resolve(this.#accounts.get(username));
  }

  public async update(username: string, version: number, changes: Partial<Omit<AccountDoc, 'username' | 'version'>>): Promise<AccountDoc | undefined> {
    const current = this.#accounts.get(username);
    if (current === undefined || current.version !== version) return Promise.resolve(undefined);
    const next = { ...current, ...changes, version: version + 1 };
    this.#accounts.set(username, next);
    return Promise.resolve(next);
  }

  public async remove(username: string, version: number): Promise<void> {
    if (this.#accounts.get(username)?.version === version) this.#accounts.delete(username);
    return Promise.resolve();
  }

  public async byOrg(orgKey: string): Promise<AccountDoc[]> {
    return Promise.resolve([...this.#accounts.values()].filter((a) => a.orgKey === orgKey));
  }

  public async blocked(): Promise<AccountDoc[]> {
    return Promise.resolve([...this.#accounts.values()].filter((a) => a.status !== 'active'));
  }

  public async all(): Promise<AccountDoc[]> {
    return Promise.resolve([...this.#accounts.values()]);
  }

  public async log(action: AdminActionDoc): Promise<void> {
    this.#actions.push(action);
    return Promise.resolve();
  }

  public async actions(filter: Readonly<{ msp?: string; limit: number }>): Promise<AdminActionDoc[]> {
    return Promise.resolve(this.#actions.filter((a) => filter.msp === undefined || a.actorMsp === filter.msp || a.targetMsp === filter.msp).slice(-filter.limit).reverse());
  }
}

type Raw = Record<string, unknown>;
const opts = { id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false } as const;
const accountSchema = new Schema(
  {
    _id: { type: String, required: true },
    orgKey: { type: String, required: true },
    mspId: { type: String, required: true },
    role: { type: String, required: true },
    hcode: { type: String, required: true },
    designation: { type: String, default: undefined },
    displayName: { type: String, required: true },
    status: { type: String, required: true },
    passwordHash: { type: String, default: undefined },
    serial: { type: String, default: undefined },
    createdBy: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { ...opts, collection: 'identity_accounts' },
);
accountSchema.index({ orgKey: 1, _id: 1 }, { name: 'identity_account_org' });
accountSchema.index({ status: 1 }, { name: 'identity_account_status' });
const actionSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: String, required: true },
    actor: { type: String, required: true },
    actorMsp: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, required: true },
    targetMsp: { type: String, required: true },
    outcome: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { ...opts, collection: 'identity_admin_actions', minimize: false },
);
actionSchema.index({ at: -1 }, { name: 'identity_action_at' });
actionSchema.index({ actorMsp: 1, at: -1 }, { name: 'identity_action_actor_msp' });
actionSchema.index({ targetMsp: 1, at: -1 }, { name: 'identity_action_target_msp' });

const toAccount = (raw: Raw | null): AccountDoc | undefined => {
  if (raw === null) return undefined;
  const { _id, ...rest } = raw;
  return { username: String(_id), ...(rest as Omit<AccountDoc, 'username'>) };
};
const toAction = (raw: Raw): AdminActionDoc => {
  const { _id, ...rest } = raw;
  return { id: String(_id), ...(rest as Omit<AdminActionDoc, 'id'>) };
};

async function guard<T>(call: PromiseLike<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw storeUnavailable(err);
  }
}

/** {@link IdentityStore} on MongoDB / FerretDB: unique `_id` per username, changes conditional on `version`. */
export class MongoIdentityStore implements IdentityStore {
  readonly #accounts: Model<Raw>;
  readonly #actions: Model<Raw>;

  public constructor(connection: Connection) {
    this.#accounts = (connection.models.IdentityAccount as Model<Raw> | undefined) ?? connection.model<Raw>('IdentityAccount', accountSchema);
    this.#actions = (connection.models.IdentityAction as Model<Raw> | undefined) ?? connection.model<Raw>('IdentityAction', actionSchema);
  }

  public async createIndexes(): Promise<void> {
    await this.#accounts.createIndexes();
    await this.#actions.createIndexes();
  }

  public async insert(doc: AccountDoc): Promise<void> {
    const { username, ...rest } = doc;
    try {
      await this.#accounts.collection.insertOne({ _id: username, ...stripUndefined(rest) } as unknown as Raw);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AccountExists(username, { cause: err });
      throw storeUnavailable(err);
    }
  }

  public async get(username: string): Promise<AccountDoc | undefined> {
    return toAccount(await guard(this.#accounts.findById(username).lean<Raw>()));
  }

  public async update(username: string, version: number, changes: Partial<Omit<AccountDoc, 'username' | 'version'>>): Promise<AccountDoc | undefined> {
    // FerretDB: findOneAndUpdate is not atomic, updateOne with the version in the filter is
    const result = await guard(this.#accounts.collection.updateOne({ _id: username, version } as never, { $set: { ...stripUndefined(changes), version: version + 1 } }));
    if (result.modifiedCount !== 1) return undefined;
    return this.get(username);
  }

  public async remove(username: string, version: number): Promise<void> {
    await guard(this.#accounts.collection.deleteOne({ _id: username, version } as never));
  }

  public async byOrg(orgKey: string): Promise<AccountDoc[]> {
    const rows = await guard(this.#accounts.find({ orgKey }).sort({ _id: 1 }).limit(5000).lean<Raw[]>());
    return rows.map((r) => toAccount(r) as AccountDoc);
  }

  public async blocked(): Promise<AccountDoc[]> {
    const rows = await guard(this.#accounts.find({ status: { $in: ['suspended', 'revoked', 'pending'] } }).limit(100_000).lean<Raw[]>());
    return rows.map((r) => toAccount(r) as AccountDoc);
  }

  public async all(): Promise<AccountDoc[]> {
    const rows = await guard(this.#accounts.find({}).limit(100_000).lean<Raw[]>());
    return rows.map((r) => toAccount(r) as AccountDoc);
  }

  public async log(action: AdminActionDoc): Promise<void> {
    const { id, ...rest } = action;
    await guard(this.#actions.collection.insertOne({ _id: id, ...rest } as unknown as Raw));
  }

  public async actions(filter: Readonly<{ msp?: string; limit: number }>): Promise<AdminActionDoc[]> {
    const query = filter.msp === undefined ? {} : { $or: [{ actorMsp: filter.msp }, { targetMsp: filter.msp }] };
    const rows = await guard(this.#actions.find(query).sort({ at: -1 }).limit(filter.limit).lean<Raw[]>());
    return rows.map(toAction);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
