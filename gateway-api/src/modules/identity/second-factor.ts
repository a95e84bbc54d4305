import { Schema, type Connection, type Model } from 'mongoose';
import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import { isDuplicateKeyError, storeUnavailable } from '../../store/mongo-errors';
import type { KeyWallet } from './key-wallet';
import { matchStep, newSecret, otpauthUri, TOTP, base32Encode } from './totp';

/** Roles that may (and should) protect their sign-in with a second factor: they see or change every organisation's staff. */
export const TOTP_ROLES: readonly string[] = ['admin', 'auditor'];

/** A person's TOTP enrolment. The secret is sealed under the key-encryption key (never stored in clear). */
export interface TotpDoc {
  readonly username: string;
  /** AES-256-GCM box of the 20-byte secret, context `totp:<username>` (KeyWallet.sealBytes). */
  readonly sealed: string;
  /** False between setup and the first good code (enable). */
  readonly enabled: boolean;
  /** The last time step accepted: a code is good once (replay of the same code is refused). */
  readonly lastStep: number;
  readonly updatedAt: string;
  readonly version: number;
}

export interface TotpStore {
  all(): Promise<TotpDoc[]>;
  /** Inserts (expected undefined) or replaces when the stored version is `expected`; false on a conflict. */
  save(doc: TotpDoc, expected: number | undefined): Promise<boolean>;
  remove(username: string, version: number): Promise<void>;
}

export class InMemoryTotpStore implements TotpStore {
  readonly #docs = new Map<string, TotpDoc>();
  public all(): Promise<TotpDoc[]> {
    return Promise.resolve([...this.#docs.values()]);
  }
  public save(doc: TotpDoc, expected: number | undefined): Promise<boolean> {
    const current = this.#docs.get(doc.username);
    if ((expected === undefined && current !== undefined) || (expected !== undefined && current?.version !== expected)) return Promise.resolve(false);
    this.#docs.set(doc.username, doc);
    return Promise.resolve(true);
  }
  public remove(username: string, version: number): Promise<void> {
    if (this.#docs.get(username)?.version === version) this.#docs.delete(username);
    return Promise.resolve();
  }
}

type Raw = Record<string, unknown>;
const totpSchema = new Schema(
  {
    _id: { type: String, required: true },
    sealed: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    lastStep: { type: Number, required: true },
    updatedAt: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false, collection: 'identity_totp' },
);

/** {@link TotpStore} on MongoDB / FerretDB: `_id` = username (unique), every change conditional on `version`. */
export class MongoTotpStore implements TotpStore {
  readonly #docs: Model<Raw>;
  public constructor(connection: Connection) {
    this.#docs = (connection.models.IdentityTotp as Model<Raw> | undefined) ?? connection.model<Raw>('IdentityTotp', totpSchema);
  }
  public async all(): Promise<TotpDoc[]> {
    try {
      const rows = await this.#docs.find({}).limit(100_000).lean<Raw[]>();
      return rows.map(({ _id, ...rest }) => ({ username: String(_id), ...(rest as Omit<TotpDoc, 'username'>) }));
    } catch (err) {
      throw storeUnavailable(err);
    }
  }
  public async save(doc: TotpDoc, expected: number | undefined): Promise<boolean> {
    const { username, ...rest } = doc;
    try {
      if (expected === undefined) {
        await this.#docs.collection.insertOne({ _id: username, ...rest } as unknown as Raw);
        return true;
      }
      const result = await this.#docs.collection.updateOne({ _id: username, version: expected } as never, { $set: rest });
      return result.modifiedCount === 1;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw storeUnavailable(err);
    }
  }
  public async remove(username: string, version: number): Promise<void> {
    try {
      await this.#docs.collection.deleteOne({ _id: username, version } as never);
    } catch (err) {
      throw storeUnavailable(err);
    }
  }
}

/** What the owner sees while setting up: the secret once, as base32 and as an otpauth:// URI for a QR code. */
export interface TotpSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly digits: number;
  readonly period: number;
  readonly algorithm: string;
}

/**
 * TOTP second factor (RFC 6238) for administrators and auditors. A person sets it up (secret shown once), enables it
 * with a first good code, and from then on signs in with password + code (401 TOTP_REQUIRED without one, 401
 * TOTP_INVALID for a wrong or replayed code, which counts as a failed sign-in). Disabling needs a current code.
 * Enrolments are loaded into memory once the store is open; until then an administrator's or auditor's sign-in
 * fails closed (503 STORE_UNAVAILABLE) rather than skipping the second factor.
 */
export class SecondFactor {
  readonly #store: () => TotpStore | undefined;
  readonly #wallet: KeyWallet;
  readonly #now: () => number;
  readonly #docs = new Map<string, TotpDoc>();
  #loaded = false;

  public constructor(options: Readonly<{ store: () => TotpStore | undefined; wallet: KeyWallet; now?: () => number }>) {
    this.#store = options.store;
    this.#wallet = options.wallet;
    this.#now = options.now ?? Date.now;
  }

  public async load(): Promise<void> {
    const docs = await this.#required().all();
    this.#docs.clear();
    for (const d of docs) this.#docs.set(d.username, d);
    this.#loaded = true;
  }

  #required(): TotpStore {
    const store = this.#store();
    if (store === undefined) throw new ApiError('STORE_UNAVAILABLE', 'the identity store is not open yet; try again');
    return store;
  }

  #mayUse(principal: Principal): void {
    if (!TOTP_ROLES.includes(principal.role)) throw new ApiError('FORBIDDEN_ROLE', `a second factor is for ${TOTP_ROLES.join(' and ')} accounts`);
  }

  #secretOf(doc: TotpDoc): Buffer {
    return this.#wallet.openBytes(doc.sealed, `totp:${doc.username}`);
  }

  public status(principal: Principal): { enabled: boolean; pending: boolean } {
    this.#mayUse(principal);
    const doc = this.#docs.get(principal.username);
    return { enabled: doc?.enabled === true, pending: doc !== undefined && !doc.enabled };
  }

  /** A new secret (replaces an unfinished setup). 409 INVALID_TRANSITION when the factor is already on. */
  public async setup(principal: Principal): Promise<TotpSetup> {
    this.#mayUse(principal);
    if (!this.#loaded) await this.load();
    const current = this.#docs.get(principal.username);
    if (current?.enabled === true) throw new ApiError('INVALID_TRANSITION', 'the second factor is already on; turn it off first');
    const secret = newSecret();
    const doc: TotpDoc = { username: principal.username, sealed: this.#wallet.sealBytes(secret, `totp:${principal.username}`), enabled: false, lastStep: 0, updatedAt: new Date(this.#now()).toISOString(), version: (current?.version ?? 0) + 1 };
    if (!(await this.#required().save(doc, current?.version))) throw new ApiError('INVALID_TRANSITION', 'the second factor changed at the same time; try again');
    this.#docs.set(doc.username, doc);
    const setup = { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, principal.username), digits: TOTP.digits, period: TOTP.stepSeconds, algorithm: TOTP.algorithm };
    secret.fill(0);
    return setup;
  }

  /** Turns the factor on with a first good code from the app. */
  public async enable(principal: Principal, code: string): Promise<{ enabled: true }> {
    this.#mayUse(principal);
    const current = this.#docs.get(principal.username);
    if (current === undefined || current.enabled) throw new ApiError('INVALID_TRANSITION', current === undefined ? 'set the second factor up first (POST /api/identity/me/totp)' : 'the second factor is already on');
    await this.#accept(current, code, true);
    return { enabled: true };
  }

  /** Turns the factor off; needs a current code. */
  public async disable(principal: Principal, code: string): Promise<{ enabled: false }> {
    this.#mayUse(principal);
    const current = this.#docs.get(principal.username);
    if (current?.enabled !== true) throw new ApiError('INVALID_TRANSITION', 'the second factor is not on');
    const accepted = await this.#accept(current, code, true);
    await this.#required().remove(accepted.username, accepted.version);
    this.#docs.delete(accepted.username);
    return { enabled: false };
  }

  /**
   * At sign-in, after the password: nothing to do for a person without the factor; otherwise the code must be
   * present (401 TOTP_REQUIRED), right and not used before (401 TOTP_INVALID).
   */
  public async check(username: string, role: string, code: string | undefined): Promise<void> {
    if (!this.#loaded) {
      if (!TOTP_ROLES.includes(role)) return;
      await this.load(); // fails closed (503) while the store is not open
    }
    const current = this.#docs.get(username);
    if (current?.enabled !== true) return;
    if (code === undefined || code === '') throw new ApiError('TOTP_REQUIRED', 'this account signs in with a one-time code from its authenticator app');
    await this.#accept(current, code, false);
  }

  /** Checks a code and records its time step (so it cannot be used again). */
  async #accept(current: TotpDoc, code: string, enabling: boolean): Promise<TotpDoc> {
    const secret = this.#secretOf(current);
    const step = matchStep(secret, code, this.#now());
    secret.fill(0);
    if (step === undefined || step <= current.lastStep) throw new ApiError('TOTP_INVALID', step === undefined ? 'the one-time code is wrong or too old' : 'this one-time code was already used; wait for the next one');
    const next: TotpDoc = { ...current, enabled: current.enabled || enabling, lastStep: step, updatedAt: new Date(this.#now()).toISOString(), version: current.version + 1 };
    // conditional on the version: two sign-ins racing with the same code, only one wins
    if (!(await this.#required().save(next, current.version))) throw new ApiError('TOTP_INVALID', 'this one-time code was already used; wait for the next one');
    this.#docs.set(next.username, next);
    return next;
  }
}
