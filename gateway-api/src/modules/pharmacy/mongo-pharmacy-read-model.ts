import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '../../store/mongo-errors';
import type { CycleRow, PharmacyReadModel } from './pharmacy-read-model';
import '../../store/document-locks'; // per-document atomic writes on FerretDB too

/** Collection of the pharmacy read model: one document per cycle, `_id` = `<planId>/<NNN>`. */
export const PHARMACY_CYCLES_COLLECTION = 'pharmacyCycles';

const cycleRowSchema = new Schema(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    planId: { type: String, required: true },
    cycle: { type: Number, required: true },
    version: { type: Number, required: true },
    prescriberHcode: String,
    dueDate: String,
    channel: String,
    unitHcode: String,
    status: String,
    dispensedAt: String,
    dispensedChannel: String,
    dispensedUnitHcode: String,
    custodyStatus: String,
    confirmBy: String,
    pickedUpBy: String,
    closedDay: String,
  },
  { collection: PHARMACY_CYCLES_COLLECTION, versionKey: false, _id: false },
);
// one index per query: due at my unit by date; my deliveries; dispensed rows for the indicators
cycleRowSchema.index({ unitHcode: 1, status: 1, dueDate: 1 });
cycleRowSchema.index({ pickedUpBy: 1, closedDay: 1, confirmBy: 1 });
cycleRowSchema.index({ status: 1 });

/** The mongoose model of the pharmacy read model on `connection`. */
export function pharmacyCycleModel(connection: Connection): Model<Record<string, unknown>> {
  return connection.model<Record<string, unknown>>('PharmacyCycle', cycleRowSchema);
}

const MAX_ATTEMPTS = 5;

/** The pharmacy read model in MongoDB/FerretDB: single-document atomic writes guarded by `version`. */
export class MongoPharmacyReadModel implements PharmacyReadModel {
  readonly #rows: Model<Record<string, unknown>>;

  public constructor(rows: Model<Record<string, unknown>>) {
    this.#rows = rows;
  }

  public async save(row: CycleRow): Promise<'applied' | 'stale'> {
    const document = { ...row, _id: row.id };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.#rows.findById(row.id).select({ version: 1 }).lean<{ version?: number }>();
      if (stored === null) {
        try {
          await this.#rows.create(document);
          return 'applied';
        } catch (err) {
          if (isDuplicateKeyError(err)) continue;
          throw err;
        }
      }
      if ((stored.version ?? -1) >= row.version) return 'stale';
      const result = await this.#rows.replaceOne({ _id: row.id, version: { $lt: row.version } }, document);
      if (result.matchedCount === 1) return 'applied';
    }
    return 'stale';
  }

  public async dueAt(unitHcode: string, limit: number): Promise<CycleRow[]> {
    return this.#rows.find({ unitHcode, status: 'scheduled' }).sort({ dueDate: 1, _id: 1 }).limit(limit).lean<CycleRow[]>();
  }

  public async deliveriesOf(username: string): Promise<CycleRow[]> {
    return this.#rows.find({ pickedUpBy: username, closedDay: { $exists: false } }).sort({ confirmBy: 1 }).lean<CycleRow[]>();
  }

  public async dispensed(): Promise<CycleRow[]> {
    return this.#rows.find({ status: 'dispensed' }).lean<CycleRow[]>();
  }
}
