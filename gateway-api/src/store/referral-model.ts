import { Schema, type Connection, type Model } from 'mongoose';

/** Name of the collection holding the latest projected version of each referral. */
export const REFERRALS_COLLECTION = 'referrals';

const stepSchema = new Schema(
  { action: String, status: String, txId: String, at: String, mspId: String, hcode: String, role: String, actor: String, note: String },
  { _id: false, id: false, strict: false },
);

/**
 * `referrals`: `_id` = referral id, every public referral field (unknown future fields are kept),
 * `isFastTrack` and `ledger: { blockNumber, txIndex, txId }` of the version stored.
 */
const referralSchema = new Schema(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    kind: String,
    status: { type: String, required: true },
    fromHcode: { type: String, required: true },
    toHcode: { type: String, required: true },
    fromMsp: String,
    toMsp: String,
    priority: Number,
    fastTrack: String,
    isFastTrack: Boolean,
    createdAt: String,
    updatedAt: String,
    steps: [stepSchema],
    /** The list buckets the referral is in (list-buckets.ts). */
    listKeys: { type: [String], default: undefined },
    ledger: {
      blockNumber: { type: Number, required: true },
      txIndex: { type: Number, required: true },
      txId: { type: String, required: true },
    },
  },
  { collection: REFERRALS_COLLECTION, id: false, versionKey: false, strict: false, timestamps: false, bufferCommands: false, autoIndex: false },
);
// the lists read one bucket at a time (FerretDB: a GIN index on listKeys, made by store-up.sh)
referralSchema.index({ listKeys: 1 });
// for MongoDB, and for the id search and other filters the buckets do not answer: unit + direction +
// status, then the inbox order (fast-track, priority, created date)
referralSchema.index({ toHcode: 1, status: 1, isFastTrack: -1, priority: 1, createdAt: -1 });
referralSchema.index({ fromHcode: 1, status: 1, isFastTrack: -1, priority: 1, createdAt: -1 });
referralSchema.index({ toHcode: 1, isFastTrack: -1, priority: 1, createdAt: -1 });
referralSchema.index({ fromHcode: 1, isFastTrack: -1, priority: 1, createdAt: -1 });
// the wallet's "referrals about me" (a citizen finds their referrals through their pseudonym)
referralSchema.index({ patientPseudonym: 1, createdAt: -1 });
referralSchema.index({ isFastTrack: -1, priority: 1, createdAt: -1 });
referralSchema.index({ createdAt: -1 });

/** The `referrals` model on `connection`. */
export function referralModel(connection: Connection): Model<Record<string, unknown>> {
  return (connection.models.Referral as Model<Record<string, unknown>> | undefined) ?? connection.model<Record<string, unknown>>('Referral', referralSchema);
}
