import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError, storeUnavailable } from '../../store/mongo-errors';
import type { CaseMessage, CaseStatus, EmsCase, UnitState, VitalReading } from './ems-model';
import type { EmsStore } from './ems-store';
import type { UnitStatus } from './unit-status';
import '../../store/document-locks'; // per-document atomic writes on FerretDB too

type Doc = Record<string, unknown>;
const common = { versionKey: false, strict: false, id: false, bufferCommands: false, autoIndex: false } as const;

/** `ems_cases`: `_id` = case id (unique, so one id is one case). */
const caseSchema = new Schema({ _id: String, status: { type: String, required: true }, receivedAt: { type: String, required: true }, destinationHcode: String, unitId: String }, { ...common, collection: 'ems_cases' });
caseSchema.index({ status: 1, receivedAt: -1 });
caseSchema.index({ destinationHcode: 1, status: 1, receivedAt: -1 });
caseSchema.index({ receivedAt: 1 });

/** `ems_units`: `_id` = unit id; status and case change only by conditional updates. */
const unitSchema = new Schema({ _id: String, status: { type: String, required: true }, caseId: { type: String, default: null } }, { ...common, collection: 'ems_units' });
unitSchema.index({ status: 1 });

/**
 * `ems_locks`: `_id` = what is taken (`unit:<id>`, `dispatch:<case>`, `step:<unit>:<case>:<from status>`). The
 * backend's unique `_id` makes one insert win among concurrent ones; a conditional findOneAndUpdate alone does not
 * (FerretDB runs it as a read then a write, and concurrent claims all "won" in the live-store test).
 */
const lockSchema = new Schema({ _id: String, owner: String, at: String }, { ...common, collection: 'ems_locks' });

/** A lock older than this whose unit is still available is left over from a crash between lock and update. */
const STALE_LOCK_MS = 30_000;

/** `ems_readings`: the vital-sign time series. */
const readingSchema = new Schema({ caseId: String, unitId: String, at: String, code: String, value: Number }, { ...common, collection: 'ems_readings' });
readingSchema.index({ caseId: 1, at: 1 });
readingSchema.index({ unitId: 1, at: 1 });

/** `ems_messages`: teleconsultation chat. */
const messageSchema = new Schema({ caseId: String, at: String }, { ...common, collection: 'ems_messages' });
messageSchema.index({ caseId: 1, at: 1 });

function model(connection: Connection, name: string, schema: Schema): Model<Doc> {
  return (connection.models[name] as Model<Doc> | undefined) ?? connection.model<Doc>(name, schema);
}

const OPEN: CaseStatus[] = ['open', 'dispatched', 'en-route', 'on-scene', 'transporting', 'at-hospital'];

function strip<T>(doc: Doc | null | undefined): T | undefined {
  if (doc === null || doc === undefined) return undefined;
  const { _id: _ignored, ...rest } = doc;
  return rest as T;
}

/** EMS data in the query store (MongoDB wire protocol); races resolved by conditional `findOneAndUpdate`. */
export class MongoEmsStore implements EmsStore {
  readonly #cases: Model<Doc>;
  readonly #units: Model<Doc>;
  readonly #readings: Model<Doc>;
  readonly #messages: Model<Doc>;
  readonly #locks: Model<Doc>;

  public constructor(connection: Connection) {
    this.#locks = model(connection, 'EmsLock', lockSchema);
    this.#cases = model(connection, 'EmsCase', caseSchema);
    this.#units = model(connection, 'EmsUnit', unitSchema);
    this.#readings = model(connection, 'EmsReading', readingSchema);
    this.#messages = model(connection, 'EmsMessage', messageSchema);
  }

  /** Creates the indexes of the four collections. */
  public async ensureIndexes(): Promise<void> {
    await Promise.all([this.#cases, this.#units, this.#readings, this.#messages, this.#locks].map(async (m) => m.createIndexes()));
  }

  /** Takes `key` for `owner`; false when someone holds it. */
  async #acquire(key: string, owner: string): Promise<boolean> {
    try {
      await this.#locks.collection.insertOne({ _id: key, owner, at: new Date().toISOString() } as unknown as Doc);
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw storeUnavailable(err);
    }
  }

  async #release(key: string): Promise<void> {
    await this.#run(async () => this.#locks.deleteOne({ _id: key }));
  }

  /** Removes a unit lock left by a crash between taking it and committing the unit (the unit is still available). */
  async #clearStaleUnitLock(unitId: string): Promise<boolean> {
    const lock = await this.#run(async () => this.#locks.findById(`unit:${unitId}`).lean<Doc>());
    const unit = await this.#run(async () => this.#units.findById(unitId).lean<Doc>());
    if (lock === null || unit?.status !== 'available' || typeof lock.at !== 'string' || Date.now() - Date.parse(lock.at) < STALE_LOCK_MS) return false;
    const removed = await this.#run(async () => this.#locks.deleteOne({ _id: `unit:${unitId}`, at: lock.at }));
    return removed.deletedCount === 1;
  }

  async #run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  public async insertCase(c: EmsCase): Promise<boolean> {
    try {
      await this.#cases.collection.insertOne({ _id: c.caseId, ...c } as unknown as Doc);
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw storeUnavailable(err);
    }
  }

  public async getCase(caseId: string): Promise<EmsCase | undefined> {
    return this.#run(async () => strip<EmsCase>(await this.#cases.findById(caseId).lean<Doc>()));
  }

  public async claimCase(caseId: string, patch: Partial<EmsCase>): Promise<EmsCase | undefined> {
    if (!(await this.#acquire(`dispatch:${caseId}`, patch.unitId ?? ''))) return undefined;
    const updated = await this.updateCase(caseId, ['open'], { ...patch, status: 'dispatched' });
    if (updated === undefined) await this.#release(`dispatch:${caseId}`);
    return updated;
  }

  public async releaseCase(caseId: string): Promise<void> {
    await this.#run(async () =>
      this.#cases.updateOne({ _id: caseId, status: 'dispatched' }, { $set: { status: 'open' }, $unset: { unitId: '', unitLevel: '', lowerLevelReason: '' } }),
    );
    await this.#release(`dispatch:${caseId}`);
  }

  public async updateCase(caseId: string, from: readonly CaseStatus[], patch: Partial<EmsCase>): Promise<EmsCase | undefined> {
    return this.#run(async () =>
      strip<EmsCase>(await this.#cases.findOneAndUpdate({ _id: caseId, status: { $in: [...from] } }, { $set: patch }, { returnDocument: 'after' }).lean<Doc>()),
    );
  }

  public async openCases(filter: { destinationHcode?: string } = {}): Promise<EmsCase[]> {
    const query: Doc = { status: { $in: OPEN } };
    if (filter.destinationHcode !== undefined) query.destinationHcode = filter.destinationHcode;
    return this.#run(async () => (await this.#cases.find(query).sort({ receivedAt: -1 }).limit(500).lean<Doc[]>()).map((d) => strip<EmsCase>(d) as EmsCase));
  }

  public async casesBetween(from: string, to: string): Promise<EmsCase[]> {
    return this.#run(async () => (await this.#cases.find({ receivedAt: { $gte: from, $lt: to } }).lean<Doc[]>()).map((d) => strip<EmsCase>(d) as EmsCase));
  }

  public async seedUnits(unitIds: readonly string[], at: string): Promise<void> {
    await this.#run(async () =>
      this.#units.bulkWrite(
        unitIds.map((unitId) => ({
          updateOne: { filter: { _id: unitId }, update: { $setOnInsert: { unitId, status: 'available', caseId: null, position: null, updatedAt: at } }, upsert: true },
        })),
      ),
    );
  }

  public async units(): Promise<UnitState[]> {
    return this.#run(async () => (await this.#units.find({}).lean<Doc[]>()).map((d) => strip<UnitState>(d) as UnitState));
  }

  public async getUnit(unitId: string): Promise<UnitState | undefined> {
    return this.#run(async () => strip<UnitState>(await this.#units.findById(unitId).lean<Doc>()));
  }

  public async claimUnit(unitId: string, caseId: string, at: string): Promise<UnitState | undefined> {
    if (!(await this.#acquire(`unit:${unitId}`, caseId))) {
      if (!(await this.#clearStaleUnitLock(unitId)) || !(await this.#acquire(`unit:${unitId}`, caseId))) return undefined;
    }
    const claimed = await this.#run(async () =>
      strip<UnitState>(
        await this.#units.findOneAndUpdate({ _id: unitId, status: 'available' }, { $set: { status: 'dispatched', caseId, updatedAt: at } }, { returnDocument: 'after' }).lean<Doc>(),
      ),
    );
    if (claimed === undefined) await this.#release(`unit:${unitId}`);
    return claimed;
  }

  public async releaseUnit(unitId: string, caseId: string, at: string): Promise<void> {
    await this.#run(async () => this.#units.updateOne({ _id: unitId, status: 'dispatched', caseId }, { $set: { status: 'available', caseId: null, updatedAt: at } }));
    await this.#release(`unit:${unitId}`);
  }

  public async moveUnit(unitId: string, caseId: string, from: UnitStatus, to: UnitStatus, at: string): Promise<UnitState | undefined> {
    const step = `step:${unitId}:${caseId}:${from}`;
    if (!(await this.#acquire(step, to))) return undefined;
    const moved = await this.#run(async () =>
      strip<UnitState>(
        await this.#units
          .findOneAndUpdate({ _id: unitId, status: from, caseId }, { $set: { status: to, caseId: to === 'available' ? null : caseId, updatedAt: at } }, { returnDocument: 'after' })
          .lean<Doc>(),
      ),
    );
    if (moved === undefined) {
      await this.#release(step);
      return undefined;
    }
    if (to === 'available') await this.#release(`unit:${unitId}`);
    return moved;
  }

  public async revertMove(unitId: string, caseId: string, from: UnitStatus, to: UnitStatus, at: string): Promise<void> {
    if (to === 'available') await this.#acquire(`unit:${unitId}`, caseId);
    await this.#run(async () =>
      this.#units.updateOne({ _id: unitId, status: to, caseId: to === 'available' ? null : caseId }, { $set: { status: from, caseId, updatedAt: at } }),
    );
    await this.#release(`step:${unitId}:${caseId}:${from}`);
  }

  public async setPosition(unitId: string, position: NonNullable<UnitState['position']>): Promise<void> {
    await this.#run(async () => this.#units.updateOne({ _id: unitId }, { $set: { position } }));
  }

  public async setPositions(positions: ReadonlyMap<string, NonNullable<UnitState['position']>>): Promise<void> {
    if (positions.size === 0) return;
    // one update per unit, sent together (FerretDB v1 handles plain updates better than bulkWrite)
    await this.#run(async () => Promise.all([...positions].map(async ([unitId, position]) => this.#units.updateOne({ _id: unitId }, { $set: { position } }))));
  }

  public async appendReadings(readings: readonly VitalReading[]): Promise<void> {
    if (readings.length === 0) return;
    await this.#run(async () => this.#readings.collection.insertMany(readings.map((r) => ({ ...r })) as unknown as Doc[], { ordered: true }));
  }

  public async readings(caseId: string): Promise<VitalReading[]> {
    return this.#run(async () => (await this.#readings.find({ caseId }).sort({ at: 1 }).limit(100_000).lean<Doc[]>()).map((d) => strip<VitalReading>(d) as VitalReading));
  }

  public async appendMessage(message: CaseMessage): Promise<void> {
    await this.#run(async () => this.#messages.collection.insertOne({ ...message } as unknown as Doc));
  }

  public async messages(caseId: string): Promise<CaseMessage[]> {
    return this.#run(async () => (await this.#messages.find({ caseId }).sort({ at: 1 }).lean<Doc[]>()).map((d) => strip<CaseMessage>(d) as CaseMessage));
  }
}
