import { Schema, type Connection, type Model } from 'mongoose';

/** Name of the collection with one document per committed referral change. */
export const REFERRAL_EVENTS_COLLECTION = 'referral_events';

/** `referral_events`: `_id` = txId, so applying the same transaction twice is detected by the store. */
const referralEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    referralId: { type: String, required: true },
    blockNumber: { type: Number, required: true },
    txIndex: { type: Number, required: true },
    action: String,
    status: String,
    at: String,
    mspId: String,
    hcode: String,
    role: String,
    deliveredAt: String,
    projectedAt: String,
  },
  { collection: REFERRAL_EVENTS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false },
);
referralEventSchema.index({ referralId: 1 });
referralEventSchema.index({ blockNumber: 1, txIndex: 1 });

/** The `referral_events` model on `connection`. */
export function referralEventModel(connection: Connection): Model<Record<string, unknown>> {
  return (
    (connection.models.ReferralEvent as Model<Record<string, unknown>> | undefined) ??
    connection.model<Record<string, unknown>>('ReferralEvent', referralEventSchema)
  );
}
