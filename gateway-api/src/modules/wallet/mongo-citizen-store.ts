import { Schema, type Connection, type Model } from 'mongoose';
import type { CitizenDoc, CitizenStore } from './citizen-store';
import { storeUnavailable } from '../../store/mongo-errors';
import { duplicateKeyOf, guard } from './mongo-booking-store';
import '../../store/document-locks'; // per-document atomic writes on FerretDB too

export const CITIZENS_COLLECTION = 'wallet_citizens';

const citizenSchema = new Schema(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    pseudonym: { type: String, required: true },
    healthId: { type: String, required: true },
    birthDate: { type: String, required: true },
    sex: { type: String, required: true },
    riskGroups: { type: [String], default: [] },
    mobile: { type: String, required: true },
    homeHcode: { type: String, default: null },
    passwordHash: { type: String, required: true },
    createdAt: { type: String, required: true },
    lineUserId: { type: String, default: null },
  },
  { collection: CITIZENS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false },
);
citizenSchema.index({ username: 1 }, { unique: true, name: 'citizen_username_unique' });
citizenSchema.index({ pseudonym: 1 }, { unique: true, name: 'citizen_pseudonym_unique' });
citizenSchema.index({ healthId: 1 }, { unique: true, name: 'citizen_healthId_unique' });

type Raw = Record<string, unknown>;

/** The `wallet_citizens` model on `connection`. */
export function walletCitizenModel(connection: Connection): Model<Raw> {
  return (connection.models.WalletCitizen as Model<Raw> | undefined) ?? connection.model<Raw>('WalletCitizen', citizenSchema);
}

const toCitizen = (raw: Raw | null): CitizenDoc | undefined => {
  if (raw === null) return undefined;
  const { _id, ...rest } = raw;
  return { id: String(_id), ...(rest as Omit<CitizenDoc, 'id'>) };
};

/** {@link CitizenStore} on MongoDB / FerretDB. */
export class MongoCitizenStore implements CitizenStore {
  readonly #model: Model<Raw>;

  public constructor(model: Model<Raw>) {
    this.#model = model;
  }

  public async createIndexes(): Promise<void> {
    await this.#model.createIndexes();
  }

  public async insert(doc: CitizenDoc): Promise<void> {
    const { id, ...rest } = doc;
    try {
      await this.#model.collection.insertOne({ _id: id, ...rest } as unknown as Raw);
    } catch (err) {
      throw duplicateKeyOf(err) ?? storeUnavailable(err);
    }
  }

  public async byId(id: string): Promise<CitizenDoc | undefined> {
    return toCitizen(await guard(this.#model.findById(id).lean<Raw>()));
  }

  public async byUsername(username: string): Promise<CitizenDoc | undefined> {
    return toCitizen(await guard(this.#model.findOne({ username }).lean<Raw>()));
  }

  public async byPseudonym(pseudonym: string): Promise<CitizenDoc | undefined> {
    return toCitizen(await guard(this.#model.findOne({ pseudonym }).lean<Raw>()));
  }

  public async byHealthId(healthId: string): Promise<CitizenDoc | undefined> {
    return toCitizen(await guard(this.#model.findOne({ healthId }).lean<Raw>()));
  }

  public async setRiskGroups(id: string, riskGroups: readonly string[]): Promise<CitizenDoc | undefined> {
    return toCitizen(await guard(this.#model.findOneAndUpdate({ _id: id }, { $set: { riskGroups: [...riskGroups] } }, { returnDocument: 'after' }).lean<Raw>()));
  }

  public async setLineUserId(id: string, lineUserId: string | null): Promise<CitizenDoc | undefined> {
    await guard(this.#model.updateOne({ _id: id }, { $set: { lineUserId } }));
    return this.byId(id);
  }
}
