import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError, storeUnavailable } from '../../store/mongo-errors';
import type { CaseFilter, CaseRecord, CocReadModel, VisitFilter, VisitRecord } from './coc.read-model';
import '../../store/document-locks'; // per-document atomic writes on FerretDB too

/** Collections of the COC projection. */
export const COC_CASES_COLLECTION = 'coc_cases';
export const COC_VISITS_COLLECTION = 'coc_visits';

const ledgerPosition = {
  blockNumber: { type: Number, required: true },
  txIndex: { type: Number, required: true },
  txId: { type: String, required: true },
};

/** `coc_cases`: `_id` = case id; every public case field; the ledger position of the version. */
const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    status: { type: String, required: true },
    healthCentreHcode: { type: String, required: true },
    districtHcode: { type: String, required: true },
    districtMsp: { type: String, required: true },
    openedOn: String,
    ledger: ledgerPosition,
  },
  { collection: COC_CASES_COLLECTION, id: false, versionKey: false, strict: false, timestamps: false, bufferCommands: false, autoIndex: false },
);
// one index per query: by district org, by health centre, by team member (each role)
caseSchema.index({ districtMsp: 1, status: 1 });
caseSchema.index({ healthCentreHcode: 1, status: 1 });
caseSchema.index({ 'team.volunteer.username': 1, status: 1 });
caseSchema.index({ 'team.officer.username': 1, status: 1 });
caseSchema.index({ 'team.familyDoctor.username': 1, status: 1 });

/** `coc_visits`: `_id` = visit id (the client-chosen id, unique). */
const visitSchema = new Schema(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    caseId: { type: String, required: true },
    visitedOn: { type: String, required: true },
    ledger: ledgerPosition,
  },
  { collection: COC_VISITS_COLLECTION, id: false, versionKey: false, strict: false, timestamps: false, bufferCommands: false, autoIndex: false },
);
visitSchema.index({ caseId: 1, visitedOn: 1 });

type Doc = Record<string, unknown>;

/** The two COC models on `connection` (call `syncIndexes()` on them at start-up). */
export function cocModels(connection: Connection): { cases: Model<Doc>; visits: Model<Doc> } {
  return {
    cases: (connection.models.CocCase as Model<Doc> | undefined) ?? connection.model<Doc>('CocCase', caseSchema),
    visits: (connection.models.CocVisit as Model<Doc> | undefined) ?? connection.model<Doc>('CocVisit', visitSchema),
  };
}

/** Only replaces a stored version that is older (block, tx index): replays and out-of-order saves are no-ops. */
function olderThan(record: { ledger: { blockNumber: number; txIndex: number } }): Doc {
  return {
    $or: [
      { 'ledger.blockNumber': { $lt: record.ledger.blockNumber } },
      { 'ledger.blockNumber': record.ledger.blockNumber, 'ledger.txIndex': { $lt: record.ledger.txIndex } },
    ],
  };
}

function strip<T>(doc: Doc): T {
  const { _id: _ignored, ...rest } = doc;
  return rest as T;
}

/** The COC read model in MongoDB. */
export class MongoCocReadModel implements CocReadModel {
  readonly #cases: Model<Doc>;
  readonly #visits: Model<Doc>;

  public constructor(models: Readonly<{ cases: Model<Doc>; visits: Model<Doc> }>) {
    this.#cases = models.cases;
    this.#visits = models.visits;
  }

  public async saveCase(record: CaseRecord): Promise<void> {
    await this.#upsert(this.#cases, record.id, record);
  }

  public async saveVisit(record: VisitRecord): Promise<void> {
    await this.#upsert(this.#visits, record.id, record);
  }

  public async findCases(filter: CaseFilter): Promise<CaseRecord[]> {
    const query: Doc = {};
    if (filter.districtMsp !== undefined) query.districtMsp = filter.districtMsp;
    if (filter.healthCentreHcode !== undefined) query.healthCentreHcode = filter.healthCentreHcode;
    if (filter.status !== undefined) query.status = filter.status;
    if (filter.teamUsername !== undefined) {
      query.$or = [{ 'team.volunteer.username': filter.teamUsername }, { 'team.officer.username': filter.teamUsername }, { 'team.familyDoctor.username': filter.teamUsername }];
    }
    try {
      const docs = await this.#cases.find(query).sort({ _id: 1 }).lean<Doc[]>().exec();
      return docs.map((d) => strip<CaseRecord>(d));
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  public async findVisits(filter: VisitFilter): Promise<VisitRecord[]> {
    const visitedOn: Doc = {};
    if (filter.from !== undefined) visitedOn.$gte = filter.from;
    if (filter.to !== undefined) visitedOn.$lte = filter.to;
    const query: Doc = { caseId: { $in: [...filter.caseIds] } };
    if (Object.keys(visitedOn).length > 0) query.visitedOn = visitedOn;
    try {
      const docs = await this.#visits.find(query).sort({ visitedOn: 1, _id: 1 }).lean<Doc[]>().exec();
      return docs.map((d) => strip<VisitRecord>(d));
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  async #upsert(model: Model<Doc>, id: string, record: CaseRecord | VisitRecord): Promise<void> {
    try {
      await model.updateOne({ _id: id, ...olderThan(record) }, { $set: { ...record } }, { upsert: true }).exec();
    } catch (err) {
      // the upsert met a newer stored version (duplicate _id from the filter miss): nothing to do
      if (isDuplicateKeyError(err)) return;
      throw storeUnavailable(err);
    }
  }
}
