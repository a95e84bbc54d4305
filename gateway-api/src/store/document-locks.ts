import mongoose, { type Schema } from 'mongoose';

/**
 * FerretDB 1.x runs an update as read, change in Go, write back, with nothing that stops a concurrent update
 * of the same document in between: two `findOneAndUpdate({ _id, status: 'pending' }, …)` at once can both
 * match (a payment paid twice, a unit dispatched twice). MongoDB does each of them atomically.
 *
 * This plugin gives the gateway MongoDB's per-document atomicity on any store: every update, replace or delete
 * whose filter names one `_id` waits for the previous such write to the same document (in this process) to
 * finish. The gateway is the only writer of its collections, so that is enough. Registered for every schema
 * (`mongoose.plugin`) when this file is first imported, which the store connection and each module's own
 * connection do. Inserts need no lock: the unique `_id` index already makes one insert win.
 */
const WRITES = ['findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'updateOne', 'replaceOne', 'deleteOne'] as const;

const tails = new Map<string, Promise<void>>();

/** Waits for the writes queued on `key` before this one; resolves with the function that lets the next one go. */
export async function lockDocument(key: string): Promise<() => void> {
  const before = tails.get(key) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = before.then(async () => mine);
  tails.set(key, tail);
  await before;
  return () => {
    release();
    // the last in line cleans up
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/** Documents with a write waiting or running (for tests). */
export function lockedDocuments(): number {
  return tails.size;
}

type LockedQuery = mongoose.Query<unknown, unknown> & { __documentUnlock?: () => void };

function documentKey(query: LockedQuery): string | undefined {
  const id = (query.getFilter() as { _id?: unknown })._id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  return `${query.model.collection.collectionName}\u0000${String(id)}`;
}

function unlock(query: LockedQuery): void {
  const release = query.__documentUnlock;
  query.__documentUnlock = undefined;
  release?.();
}

/** The plugin: per-document serialisation of single-document writes (see above). */
export function serialiseDocumentWrites(schema: Schema): void {
  schema.pre([...WRITES], async function lock(this: LockedQuery) {
    const key = documentKey(this);
    if (key !== undefined) this.__documentUnlock = await lockDocument(key);
  });
  schema.post([...WRITES], function done(this: LockedQuery) {
    unlock(this);
  });
  // an error handler (three parameters): mongoose calls it when the write failed
  const postError = schema.post.bind(schema) as unknown as (ops: string[], fn: (this: LockedQuery, error: unknown, res: unknown, next: (err?: unknown) => void) => void) => void;
  postError([...WRITES], function failed(this: LockedQuery, error: unknown, _res: unknown, next: (err?: unknown) => void) {
    unlock(this);
    next(error);
  });
}

let registered = false;
if (!registered) {
  registered = true;
  mongoose.plugin(serialiseDocumentWrites);
}
