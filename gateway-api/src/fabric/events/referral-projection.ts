import type { Checkpointer } from './checkpointer';
import { z } from 'zod';
import { ApiError } from '../../http/api-error';
import { ledgerReferralSchema, type LedgerReferral } from '../referral-client';
import { isNewerVersion, toReferralDocument, type ReferralDocument, type ReferralEventDocument } from '../../store/read-model';
import { referralChangesOf, type ChangeSelector, type ReferralChange } from './block-changes';
import type { ProjectionStore } from './projection-store';

/** The chaincode, event and key type the projector follows. */
export const REFERRAL_CHANGES: ChangeSelector = { chaincode: 'referral', eventName: 'ReferralChanged', keyType: 'referral' };

/** Reads a referral from the ledger as the projector's identity (GetReferral); for thin event payloads. */
export type ReferralFetcher = (id: string) => Promise<unknown>;

/** What happened to one change. */
export type ChangeOutcome = 'applied' | 'duplicate' | 'skipped' | 'checkpointed';

/** Summary of one block, for the logs and the benchmark. */
export interface BlockOutcome {
  readonly blockNumber: number;
  readonly changes: number;
  readonly applied: number;
  /** Changes already in the store (replayed after a crash, or delivered twice). */
  readonly duplicates: number;
  /** Changes whose referral version was already stored, or older than the stored one (recorded in the history only). */
  readonly stale: number;
  /** Changes already done according to the checkpoint. */
  readonly checkpointed: number;
  readonly skipped: number;
  /** Largest delay from transaction timestamp to store write (ms), over applied changes. */
  readonly maxLagMs: number | undefined;
  /** Largest delay from block delivery to store write (ms), over applied changes. */
  readonly maxStoreMs: number | undefined;
}

/** Options of {@link ReferralProjection}. */
export interface ReferralProjectionOptions {
  readonly store: ProjectionStore;
  readonly checkpointer: Checkpointer;
  /** Used only when neither the event payload nor the transaction's write set holds the referral. */
  readonly fetchReferral?: ReferralFetcher;
  readonly log: (line: string) => void;
  readonly selector?: ChangeSelector;
  readonly now?: () => Date;
  /** How many changes of one block (to different referrals) are applied at the same time (default 4). */
  readonly parallel?: number;
}

const thinPayloadSchema = z.object({ id: z.string().min(1) }).passthrough();

/** The referral a change is about, as far as can be told before resolving it. */
function referralKeyOf(change: ReferralChange): string {
  const thin = thinPayloadSchema.safeParse(change.payload);
  if (thin.success) return thin.data.id;
  return [...change.written.keys()][0] ?? change.txId;
}

/** `work` on every item, at most `limit` at a time; results in input order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i] as T);
      }
    }),
  );
  return out;
}

/** Splits block-ordered changes into consecutive groups of at most `size` in which no referral appears twice. */
export function inWaves(changes: readonly ReferralChange[], size = Number.POSITIVE_INFINITY): ReferralChange[][] {
  const waves: ReferralChange[][] = [];
  let keys = new Set<string>();
  for (const change of changes) {
    const key = referralKeyOf(change);
    const wave = waves.at(-1);
    if (wave === undefined || keys.has(key) || wave.length >= size) {
      waves.push([change]);
      keys = new Set([key]);
    } else {
      wave.push(change);
      keys.add(key);
    }
  }
  return waves;
}

/**
 * Projects referral changes into the read model, exactly once in effect. For each valid
 * `ReferralChanged` transaction of a block that the checkpoint does not list yet (changes to
 * different referrals concurrently, a referral's own changes in block order):
 * (1) store the referral if this version is newer than the stored one,
 * (2) record the change keyed by txId (a duplicate key means it was applied before),
 * (3) add the txId to the checkpoint. The caller (handleCheckpointedBlock, in the projection listener)
 * advances the checkpoint's block number once the block is done. A crash between any two steps
 * leaves writes that the replay of the block repeats harmlessly.
 */
export class ReferralProjection {
  readonly #store: ProjectionStore;
  readonly #checkpointer: Checkpointer;
  readonly #fetchReferral: ReferralFetcher | undefined;
  readonly #log: (line: string) => void;
  readonly #selector: ChangeSelector;
  readonly #now: () => Date;
  readonly #parallel: number;

  public constructor(options: Readonly<ReferralProjectionOptions>) {
    this.#store = options.store;
    this.#checkpointer = options.checkpointer;
    this.#fetchReferral = options.fetchReferral;
    this.#log = options.log;
    this.#selector = options.selector ?? REFERRAL_CHANGES;
    this.#now = options.now ?? (() => new Date());
    this.#parallel = Math.max(1, options.parallel ?? 4);
  }

  /**
   * Applies every referral change of a full block (in the decoded shape of block-shape.ts).
   *
   * @param deliveredAt when the peer delivered the block
   * @throws the store's error; nothing of the failed change is checkpointed, so a retry redoes it
   */
  public async applyBlock(blockNumber: number, block: unknown, deliveredAt: Date): Promise<BlockOutcome> {
    const changes = referralChangesOf(blockNumber, block, this.#selector, (line) => {
      this.#log(`projector: ${line}`);
    });
    const counts = { applied: 0, duplicates: 0, stale: 0, checkpointed: 0, skipped: 0 };
    let maxLagMs: number | undefined;
    let maxStoreMs: number | undefined;
    const one = async (change: ReferralChange): Promise<void> => {
      const done = await this.#checkpointer.getTransactionIds();
      if (done.has(change.txId)) {
        counts.checkpointed++;
        return;
      }
      const result = await this.applyChange(change, deliveredAt);
      await this.#checkpointer.addTransactionId(change.txId);
      if (result.outcome === 'applied') {
        counts.applied++;
        maxLagMs = Math.max(maxLagMs ?? 0, result.lagMs);
        maxStoreMs = Math.max(maxStoreMs ?? 0, result.storeMs);
      } else if (result.outcome === 'duplicate') counts.duplicates++;
      else counts.skipped++;
      if (result.stale) counts.stale++;
    };
    // changes to different referrals are independent: apply them together; a referral's changes in turn
    for (const wave of inWaves(changes, this.#parallel)) {
      const results = await Promise.allSettled(wave.map(one));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
    return { blockNumber, changes: changes.length, ...counts, maxLagMs, maxStoreMs };
  }

  /**
   * Applies the referral changes of several consecutive blocks at once (the listener's catch-up path): every
   * change is resolved, only the newest version of each referral is stored, every change is recorded in the
   * history, with batch writes where the store has them. Does not record transaction ids in the checkpoint:
   * the caller moves the checkpoint past the last block once this resolved, and a crash before that repeats
   * the whole batch, which is harmless (versions are compared, events and counter records are keyed by txId).
   * Changes the checkpoint already lists (a block left half-done by the per-change path) are skipped.
   *
   * @throws the store's error; nothing is checkpointed then
   */
  public async applyBlocks(blocks: readonly Readonly<{ blockNumber: number; block: unknown; deliveredAt: Date }>[]): Promise<BlockOutcome> {
    const done = await this.#checkpointer.getTransactionIds();
    const counts = { applied: 0, duplicates: 0, stale: 0, checkpointed: 0, skipped: 0 };
    const changes: { change: ReferralChange; deliveredAt: Date }[] = [];
    for (const { blockNumber, block, deliveredAt } of blocks) {
      for (const change of referralChangesOf(blockNumber, block, this.#selector, (line) => {
        this.#log(`projector: ${line}`);
      })) {
        if (done.has(change.txId)) counts.checkpointed++;
        else changes.push({ change, deliveredAt });
      }
    }
    const resolved = await inParallel(changes, this.#parallel * 4, async ({ change }) => this.#resolve(change));
    const newest = new Map<string, ReferralDocument>();
    const createdHere = new Set<string>();
    const events: ReferralEventDocument[] = [];
    const eventOf: { index: number; referralId: string; lagMs: number; storeMs: number }[] = [];
    const projectedAt = this.#now();
    changes.forEach(({ change, deliveredAt }, index) => {
      const referral = resolved[index];
      if (referral === undefined) {
        counts.skipped++;
        return;
      }
      const document = toReferralDocument(referral, { blockNumber: change.blockNumber, txIndex: change.txIndex, txId: change.txId });
      const seen = newest.get(referral.id);
      if (seen === undefined || isNewerVersion(document.ledger, seen.ledger)) newest.set(referral.id, document);
      if (referral.steps[0]?.txId === change.txId) createdHere.add(referral.id);
      events.push(this.#eventOf(change, referral, deliveredAt, projectedAt));
      eventOf.push({ index, referralId: referral.id, lagMs: projectedAt.getTime() - Date.parse(change.timestamp), storeMs: projectedAt.getTime() - deliveredAt.getTime() });
    });
    const versions = [...newest.values()];
    // the referrals and the history are independent writes: both at once
    const [saved, recorded] = await Promise.all([
      this.#store.saveReferrals !== undefined ? this.#store.saveReferrals(versions, createdHere) : inParallel(versions, this.#parallel, async (v) => this.#store.saveReferral(v)),
      this.#store.recordEvents !== undefined ? this.#store.recordEvents(events) : inParallel(events, this.#parallel, async (e) => this.#store.recordEvent(e)),
    ]);
    const appliedVersion = new Set(versions.filter((_, i) => saved[i] === 'applied').map((v) => v.ledger.txId));
    let maxLagMs: number | undefined;
    let maxStoreMs: number | undefined;
    eventOf.forEach((meta, i) => {
      const event = events[i] as ReferralEventDocument;
      if (!appliedVersion.has(event.txId)) counts.stale++;
      if (recorded[i] === 'recorded') {
        counts.applied++;
        maxLagMs = Math.max(maxLagMs ?? 0, meta.lagMs);
        maxStoreMs = Math.max(maxStoreMs ?? 0, meta.storeMs);
      } else counts.duplicates++;
    });
    return { blockNumber: blocks.at(-1)?.blockNumber ?? -1, changes: changes.length + counts.checkpointed, ...counts, maxLagMs, maxStoreMs };
  }

  #eventOf(change: ReferralChange, referral: LedgerReferral, deliveredAt: Date, projectedAt: Date): ReferralEventDocument {
    const step = referral.steps.find((s) => s.txId === change.txId) ?? referral.steps.at(-1);
    return {
      txId: change.txId,
      referralId: referral.id,
      blockNumber: change.blockNumber,
      txIndex: change.txIndex,
      action: step?.action ?? 'unknown',
      status: step?.status ?? referral.status,
      at: step?.at ?? change.timestamp,
      mspId: step?.mspId ?? '',
      hcode: step?.hcode ?? '',
      role: step?.role ?? '',
      deliveredAt: deliveredAt.toISOString(),
      projectedAt: projectedAt.toISOString(),
    };
  }

  /** Applies one change (steps 1 and 2 above); does not touch the checkpoint. */
  public async applyChange(change: ReferralChange, deliveredAt: Date): Promise<{ outcome: ChangeOutcome; stale: boolean; lagMs: number; storeMs: number }> {
    const referral = await this.#resolve(change);
    if (referral === undefined) return { outcome: 'skipped', stale: false, lagMs: 0, storeMs: 0 };
    const saved = await this.#store.saveReferral(toReferralDocument(referral, { blockNumber: change.blockNumber, txIndex: change.txIndex, txId: change.txId }));
    const projectedAt = this.#now();
    const event = this.#eventOf(change, referral, deliveredAt, projectedAt);
    const recorded = await this.#store.recordEvent(event);
    return {
      outcome: recorded === 'recorded' ? 'applied' : 'duplicate',
      stale: saved === 'stale',
      lagMs: projectedAt.getTime() - Date.parse(change.timestamp),
      storeMs: projectedAt.getTime() - deliveredAt.getTime(),
    };
  }

  /** The referral as this transaction left it: event payload, else write set, else GetReferral. */
  async #resolve(change: ReferralChange): Promise<LedgerReferral | undefined> {
    const full = ledgerReferralSchema.safeParse(change.payload);
    if (full.success) return full.data;
    const thin = thinPayloadSchema.safeParse(change.payload);
    const id = thin.success ? thin.data.id : change.written.size === 1 ? [...change.written.keys()][0] : undefined;
    if (id === undefined) {
      this.#log(`projector: WARNING tx ${change.txId} (block ${change.blockNumber}): event payload names no referral; skipped`);
      return undefined;
    }
    const written = ledgerReferralSchema.safeParse(change.written.get(id));
    if (written.success) return written.data;
    if (this.#fetchReferral !== undefined) {
      try {
        const fetched = ledgerReferralSchema.safeParse(await this.#fetchReferral(id));
        if (fetched.success) return fetched.data;
        this.#log(`projector: WARNING tx ${change.txId}: GetReferral(${id}) returned no referral; skipped`);
      } catch (err) {
        // refused or unknown: the projector identity may not read it, skip; anything else: retry later
        if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 404)) throw err;
        this.#log(`projector: WARNING tx ${change.txId}: GetReferral(${id}) refused for the projector identity (${err.code}); skipped`);
      }
      return undefined;
    }
    this.#log(`projector: WARNING tx ${change.txId}: referral ${id} not in the event nor the write set; skipped`);
    return undefined;
  }
}
