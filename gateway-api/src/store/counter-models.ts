import { Schema, type Connection, type Model } from 'mongoose';

/** One document per list scope (`cnt|<scope>`): bucket sizes and statistics sums (see list-buckets.ts). */
export const COUNTERS_COLLECTION = 'referral_counters';
/** Changes whose counter contributions are not yet added (`_id` = txId); written by the projector. */
export const PENDING_COLLECTION = 'referral_pending';
/** Per referral, the contributions the counters hold and the version they come from; written by the flusher. */
export const COUNTED_COLLECTION = 'referral_counted';

const options = { id: false, versionKey: false, timestamps: false, bufferCommands: false, autoIndex: false } as const;

const counterSchema = new Schema({ _id: { type: String, required: true }, scope: String, dir: String }, { ...options, collection: COUNTERS_COLLECTION, strict: false });
counterSchema.index({ dir: 1 });

const pendingSchema = new Schema(
  {
    _id: { type: String, required: true },
    referralId: { type: String, required: true },
    blockNumber: { type: Number, required: true },
    txIndex: { type: Number, required: true },
    contributions: { type: [String], default: [] },
  },
  { ...options, collection: PENDING_COLLECTION, strict: true },
);

const countedSchema = new Schema(
  {
    _id: { type: String, required: true },
    blockNumber: { type: Number, required: true },
    txIndex: { type: Number, required: true },
    contributions: { type: [String], default: [] },
  },
  { ...options, collection: COUNTED_COLLECTION, strict: true },
);

type AnyModel = Model<Record<string, unknown>>;

function model(connection: Connection, name: string, schema: Schema): AnyModel {
  return (connection.models[name] as AnyModel | undefined) ?? connection.model<Record<string, unknown>>(name, schema);
}

/** The `referral_counters` model on `connection`. */
export function counterModel(connection: Connection): AnyModel {
  return model(connection, 'ReferralCounter', counterSchema);
}

/** The `referral_pending` model on `connection`. */
export function pendingModel(connection: Connection): AnyModel {
  return model(connection, 'ReferralPending', pendingSchema);
}

/** The `referral_counted` model on `connection`. */
export function countedModel(connection: Connection): AnyModel {
  return model(connection, 'ReferralCounted', countedSchema);
}
