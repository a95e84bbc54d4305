import { Schema, type Connection, type Model } from 'mongoose';

/** Name of the collection with one checkpoint per ledger listener. */
export const CHECKPOINTS_COLLECTION = 'checkpoints';

/** `checkpoints`: `_id` = listener name; `blockNumber` = next block to read; `transactionIds` = done in that block. */
const checkpointSchema = new Schema(
  {
    _id: { type: String, required: true },
    blockNumber: { type: Number, required: true },
    transactionIds: { type: [String], default: [] },
    updatedAt: String,
  },
  { collection: CHECKPOINTS_COLLECTION, id: false, versionKey: false, strict: true, timestamps: false, bufferCommands: false, autoIndex: false },
);

/** The `checkpoints` model on `connection`. */
export function checkpointModel(connection: Connection): Model<Record<string, unknown>> {
  return (connection.models.Checkpoint as Model<Record<string, unknown>> | undefined) ?? connection.model<Record<string, unknown>>('Checkpoint', checkpointSchema);
}
