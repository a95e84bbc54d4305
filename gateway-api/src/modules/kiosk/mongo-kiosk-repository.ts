import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '../../store/mongo-errors';
import type { InsertPaymentOutcome, KioskRepository } from './kiosk.repository';
import type { KioskSession } from './kiosk-session';
import type { Payment } from './payment';
import type { Receipt } from './receipt';
import { seriesKey, type ReceiptSeries } from './receipt-number';
import '../../store/document-locks'; // per-document atomic writes on FerretDB too
import { STORE_POOL_SIZE } from '../../store/pool-budget';

type Doc = Record<string, unknown> & { _id: string };

const loose = { id: false, versionKey: false, strict: false, timestamps: false, bufferCommands: false, autoIndex: false } as const;

/** `kioskSessions`: one document per session, `_id` = session id; the cashier screen lists by hospital and state. */
const sessionSchema = new Schema({ _id: String, hcode: String, state: String, updatedAt: String, version: Number }, { ...loose, collection: 'kioskSessions' });
sessionSchema.index({ hcode: 1, state: 1, updatedAt: -1 });
sessionSchema.index({ hcode: 1, 'assist.acknowledgedBy': 1 });

/** `kioskPayments`: unique client key, one live payment per bill (openKey), one payment per bank/terminal transaction. */
const paymentSchema = new Schema({ _id: String, clientKey: String, openKey: String, ref2: String, paidBy: String, status: String }, { ...loose, collection: 'kioskPayments' });
paymentSchema.index({ clientKey: 1 }, { unique: true });
// sparse (not partial) unique indexes, more widely supported: the fields are removed, never set to null, when free
paymentSchema.index({ openKey: 1 }, { unique: true, sparse: true });
paymentSchema.index({ paidBy: 1 }, { unique: true, sparse: true });
paymentSchema.index({ ref2: 1 });
paymentSchema.index({ hcode: 1, status: 1, paidAt: 1 });

/**
 * `kioskReceipts`: `_id` = `hcode:fiscalYear:point:seq`. The unique `_id` makes a number exist exactly once; a number
 * exists only as a stored receipt, so a crash can never leave a gap between two numbers.
 */
const receiptSchema = new Schema({ _id: String, hcode: String, fiscalYear: Number, point: String, seq: Number, status: String }, { ...loose, collection: 'kioskReceipts' });
receiptSchema.index({ hcode: 1, fiscalYear: 1, point: 1, seq: -1 });
receiptSchema.index({ paymentId: 1 });

/** The three kiosk models on `connection`. */
export interface KioskModels {
  readonly sessions: Model<Doc>;
  readonly payments: Model<Doc>;
  readonly receipts: Model<Doc>;
}

export function kioskModels(connection: Connection): KioskModels {
  return {
    sessions: connection.model<Doc>('KioskSession', sessionSchema),
    payments: connection.model<Doc>('KioskPayment', paymentSchema),
    receipts: connection.model<Doc>('KioskReceipt', receiptSchema),
  };
}

/** Sets `_id` and drops nulls of sparse unique fields (a stored null would be indexed and collide). */
function toDoc<T extends object>(id: string, value: T, sparse: readonly string[] = []): Doc {
  const doc: Doc = { ...(value as Record<string, unknown>), _id: id };
  for (const field of sparse) if (doc[field] === null) delete doc[field];
  return doc;
}

function fromDoc<T>(doc: Doc | null, sparse: readonly string[] = []): T | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  for (const field of sparse) if (!(field in rest)) rest[field] = null;
  return rest as T;
}

const PAYMENT_SPARSE = ['openKey', 'paidBy'] as const;
const receiptId = (series: ReceiptSeries, seq: number): string => `${seriesKey(series)}:${seq}`;

/** {@link KioskRepository} over MongoDB (or FerretDB) with mongoose; every query has an index. */
export class MongoKioskRepository implements KioskRepository {
  readonly #m: KioskModels;

  public constructor(models: KioskModels) {
    this.#m = models;
  }

  /** Connects to `uri` and creates the indexes. */
  public static async open(uri: string): Promise<{ repository: MongoKioskRepository; close: () => Promise<void> }> {
    const connection = mongoose.createConnection();
    await connection.openUri(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: STORE_POOL_SIZE, appName: 'referral-gateway-kiosk' });
    const models = kioskModels(connection);
    for (const model of Object.values(models)) await model.createIndexes();
    return { repository: new MongoKioskRepository(models), close: async () => connection.close() };
  }

  public async insertSession(session: KioskSession): Promise<void> {
    await this.#m.sessions.create(toDoc(session.id, session));
  }

  public async session(id: string): Promise<KioskSession | undefined> {
    return fromDoc<KioskSession>(await this.#m.sessions.findById(id).lean<Doc>());
  }

  public async saveSession(session: KioskSession): Promise<boolean> {
    const result = await this.#m.sessions.replaceOne({ _id: session.id, version: session.version - 1 }, toDoc(session.id, session));
    return result.modifiedCount === 1;
  }

  public async liveSessions(hcode: string, states: readonly string[]): Promise<KioskSession[]> {
    const docs = await this.#m.sessions
      .find({ hcode, $or: [{ state: { $in: states } }, { assist: { $type: 'object' }, 'assist.acknowledgedBy': null }] })
      .sort({ updatedAt: -1 })
      .limit(200)
      .lean<Doc[]>();
    return docs.map((d) => fromDoc<KioskSession>(d) as KioskSession);
  }

  public async insertPayment(payment: Payment): Promise<InsertPaymentOutcome> {
    try {
      await this.#m.payments.create(toDoc(payment.id, payment, PAYMENT_SPARSE));
      return 'inserted';
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return (await this.paymentByClientKey(payment.clientKey)) === undefined ? 'bill-taken' : 'client-key-exists';
    }
  }

  public async payment(id: string): Promise<Payment | undefined> {
    return fromDoc<Payment>(await this.#m.payments.findById(id).lean<Doc>(), PAYMENT_SPARSE);
  }

  public async paymentByClientKey(clientKey: string): Promise<Payment | undefined> {
    return fromDoc<Payment>(await this.#m.payments.findOne({ clientKey }).lean<Doc>(), PAYMENT_SPARSE);
  }

  public async paymentByOpenKey(openKey: string): Promise<Payment | undefined> {
    return fromDoc<Payment>(await this.#m.payments.findOne({ openKey }).lean<Doc>(), PAYMENT_SPARSE);
  }

  public async paymentByRef2(ref2: string): Promise<Payment | undefined> {
    return fromDoc<Payment>(await this.#m.payments.findOne({ ref2 }).lean<Doc>(), PAYMENT_SPARSE);
  }

  public async paymentByPaidBy(paidBy: string): Promise<Payment | undefined> {
    return fromDoc<Payment>(await this.#m.payments.findOne({ paidBy }).lean<Doc>(), PAYMENT_SPARSE);
  }

  public async markPaid(id: string, amount: number, paidBy: string, paidAt: string): Promise<Payment | undefined> {
    try {
      const doc = await this.#m.payments
        .findOneAndUpdate({ _id: id, status: 'pending', amount }, { $set: { status: 'paid', paidBy, paidAt } }, { returnDocument: 'after' })
        .lean<Doc>();
      return fromDoc<Payment>(doc, PAYMENT_SPARSE);
    } catch (err) {
      if (isDuplicateKeyError(err)) return undefined;
      throw err;
    }
  }

  public async paidPayments(hcode: string, from: string, to: string): Promise<Payment[]> {
    const docs = await this.#m.payments.find({ hcode, status: 'paid', paidAt: { $gte: from, $lt: to } }).sort({ paidAt: 1 }).lean<Doc[]>();
    return docs.map((d) => fromDoc<Payment>(d, PAYMENT_SPARSE) as Payment);
  }

  public async cancelPayment(id: string): Promise<Payment | undefined> {
    const doc = await this.#m.payments
      .findOneAndUpdate({ _id: id, status: 'pending' }, { $set: { status: 'cancelled' }, $unset: { openKey: '' } }, { returnDocument: 'after' })
      .lean<Doc>();
    return fromDoc<Payment>(doc, PAYMENT_SPARSE);
  }

  public async reserveReceipt(series: ReceiptSeries, build: (seq: number) => Receipt): Promise<Receipt> {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const last = await this.#m.receipts
        .findOne({ hcode: series.hcode, fiscalYear: series.fiscalYear, point: series.point })
        .sort({ seq: -1 })
        .select({ seq: 1 })
        .lean<Doc>();
      const seq = (typeof last?.seq === 'number' ? last.seq : 0) + 1;
      const receipt = build(seq);
      try {
        await this.#m.receipts.create(toDoc(receiptId(series, seq), receipt));
        return receipt;
      } catch (err) {
        // another payment took this number first: read the new last number and try the next one
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error(`receipt series ${seriesKey(series)}: no number after 1000 attempts`);
  }

  public async receipt(series: ReceiptSeries, seq: number): Promise<Receipt | undefined> {
    return fromDoc<Receipt>(await this.#m.receipts.findById(receiptId(series, seq)).lean<Doc>());
  }

  public async updateReceipt(receipt: Receipt, expectedStatus: Receipt['status']): Promise<boolean> {
    const result = await this.#m.receipts.replaceOne({ _id: receiptId(receipt, receipt.seq), status: expectedStatus }, toDoc(receiptId(receipt, receipt.seq), receipt));
    return result.modifiedCount === 1;
  }

  public async receipts(series: ReceiptSeries): Promise<Receipt[]> {
    const docs = await this.#m.receipts.find({ hcode: series.hcode, fiscalYear: series.fiscalYear, point: series.point }).sort({ seq: 1 }).lean<Doc[]>();
    return docs.map((d) => fromDoc<Receipt>(d) as Receipt);
  }
}
