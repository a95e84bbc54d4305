import { DuplicateKeyError } from './booking-store';

/**
 * A citizen account of the wallet (off-chain, collection `wallet_citizens`). The national ID is kept only
 * as the network's keyed pseudonym; the Health ID is random.
 */
export interface CitizenDoc {
  /** Random internal id (UUID); the subject of the citizen's login token. */
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  /** HMAC pseudonym of the national ID, the same one the referral network writes on the ledger. */
  readonly pseudonym: string;
  /** Random Health ID (10 Crockford base32 characters). */
  readonly healthId: string;
  readonly birthDate: string;
  readonly sex: 'F' | 'M';
  readonly riskGroups: readonly string[];
  readonly mobile: string;
  readonly homeHcode: string | null;
  readonly passwordHash: string;
  readonly createdAt: string;
  /** LINE user id the citizen linked for reminders (`U` + 32 hex digits); SMS when absent. */
  readonly lineUserId?: string | null;
}

/** Where citizen accounts live; username, pseudonym and Health ID are unique. */
export interface CitizenStore {
  /** @throws DuplicateKeyError when the username, pseudonym or Health ID is taken. */
  insert(doc: CitizenDoc): Promise<void>;
  byId(id: string): Promise<CitizenDoc | undefined>;
  byUsername(username: string): Promise<CitizenDoc | undefined>;
  byPseudonym(pseudonym: string): Promise<CitizenDoc | undefined>;
  byHealthId(healthId: string): Promise<CitizenDoc | undefined>;
  setRiskGroups(id: string, riskGroups: readonly string[]): Promise<CitizenDoc | undefined>;
  setLineUserId(id: string, lineUserId: string | null): Promise<CitizenDoc | undefined>;
}

/** {@link CitizenStore} in memory (tests and a gateway without a store). */
export class InMemoryCitizenStore implements CitizenStore {
  readonly #byId = new Map<string, CitizenDoc>();

  public async insert(doc: CitizenDoc): Promise<void> {
    await Promise.resolve();
    for (const c of this.#byId.values()) {
      if (c.id === doc.id || c.username === doc.username || c.pseudonym === doc.pseudonym || c.healthId === doc.healthId) throw new DuplicateKeyError('id');
    }
    this.#byId.set(doc.id, { ...doc });
  }

  public async byId(id: string): Promise<CitizenDoc | undefined> {
    return Promise.resolve(this.#byId.get(id));
  }

  public async byUsername(username: string): Promise<CitizenDoc | undefined> {
    return Promise.resolve([...this.#byId.values()].find((c) => c.username === username));
  }

  public async byPseudonym(pseudonym: string): Promise<CitizenDoc | undefined> {
    return Promise.resolve([...this.#byId.values()].find((c) => c.pseudonym === pseudonym));
  }

  public async byHealthId(healthId: string): Promise<CitizenDoc | undefined> {
    return Promise.resolve([...this.#byId.values()].find((c) => c.healthId === healthId));
  }

  public async setRiskGroups(id: string, riskGroups: readonly string[]): Promise<CitizenDoc | undefined> {
    const doc = this.#byId.get(id);
    if (doc === undefined) return undefined;
    const next = { ...doc, riskGroups: [...riskGroups] };
    this.#byId.set(id, next);
    return Promise.resolve(next);
  }

  public async setLineUserId(id: string, lineUserId: string | null): Promise<CitizenDoc | undefined> {
    const doc = this.#byId.get(id);
    if (doc === undefined) return undefined;
    const next = { ...doc, lineUserId };
    this.#byId.set(id, next);
    return Promise.resolve(next);
  }
}
