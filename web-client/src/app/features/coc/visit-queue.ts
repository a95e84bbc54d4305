import type { VisitForm } from './coc-models';

/** Where a queued visit stands. */
export type QueueState = 'pending' | 'conflict';

/** A visit recorded on the phone and not yet on the ledger. */
export interface QueuedVisit {
  readonly visit: VisitForm;
  readonly state: QueueState;
  /** When it was queued (ISO). */
  readonly queuedAt: string;
  readonly attempts: number;
  /** For a conflict: the API's code and message; the visit is kept until the user discards it. */
  readonly conflict?: { readonly code: string; readonly message: string; readonly status: number };
}

/** Persistent storage of the queue, keyed by the client-chosen visit id (IndexedDB in the browser). */
export interface QueueStore {
  all(): Promise<QueuedVisit[]>;
  put(item: QueuedVisit): Promise<void>;
  delete(visitId: string): Promise<void>;
}

/** What sending one visit gave: the HTTP status (0 = no network) and the error body, if any. */
export interface SendOutcome {
  readonly status: number;
  readonly error?: { readonly code?: string; readonly message?: string; readonly details?: { readonly sameContent?: boolean } };
}

/** Sends one visit to POST /api/coc/visits. */
export type SendVisit = (visit: VisitForm) => Promise<SendOutcome>;

/** The result of one sync run. */
export interface SyncReport {
  readonly synced: number;
  /** Already on the ledger with the same content (an earlier sync whose answer was lost). */
  readonly alreadyRecorded: number;
  readonly conflicts: number;
  /** Still waiting (offline or the server unavailable). */
  readonly waiting: number;
}

/**
 * The offline visit queue. A visit keeps its client-chosen id from the form to the ledger, so a
 * sync repeated after a lost answer is recognised (409 COC_VISIT_EXISTS with sameContent) and
 * counted as done. A refusal (case closed meanwhile, validation, not on the team) becomes a
 * conflict that keeps the visit for the user to read, copy and discard: nothing is lost silently.
 * No network or a 5xx stops the run and leaves the rest pending.
 */
export class VisitQueue {
  readonly #store: QueueStore;
  readonly #send: SendVisit;
  readonly #now: () => Date;
  #running: Promise<SyncReport> | null = null;

  public constructor(options: Readonly<{ store: QueueStore; send: SendVisit; now?: () => Date }>) {
    this.#store = options.store;
    this.#send = options.send;
    this.#now = options.now ?? (() => new Date());
  }

  /** Queues a visit (replacing a queued one with the same id). */
  public async add(visit: VisitForm): Promise<void> {
    await this.#store.put({ visit, state: 'pending', queuedAt: this.#now().toISOString(), attempts: 0 });
  }

  public async items(): Promise<QueuedVisit[]> {
    return (await this.#store.all()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  /** Drops a conflict the user has read (or a pending visit they no longer want). */
  public async discard(visitId: string): Promise<void> {
    await this.#store.delete(visitId);
  }

  /** Puts a conflict back to pending (e.g. after the case was reopened or the team fixed). */
  public async retry(visitId: string): Promise<void> {
    const item = (await this.#store.all()).find((i) => i.visit.visitId === visitId);
    if (item !== undefined) await this.#store.put({ visit: item.visit, state: 'pending', queuedAt: item.queuedAt, attempts: item.attempts });
  }

  /** Sends every pending visit, oldest first; one run at a time (a second call joins the first). */
  public sync(): Promise<SyncReport> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(): Promise<SyncReport> {
    let synced = 0;
    let alreadyRecorded = 0;
    let conflicts = 0;
    const pending = (await this.items()).filter((i) => i.state === 'pending');
    for (const [index, item] of pending.entries()) {
      let outcome: SendOutcome;
      try {
        outcome = await this.#send(item.visit);
      } catch {
        outcome = { status: 0 };
      }
      if (outcome.status === 201 || outcome.status === 200) {
        await this.#store.delete(item.visit.visitId);
        synced += 1;
      } else if (outcome.status === 409 && outcome.error?.code === 'COC_VISIT_EXISTS' && outcome.error.details?.sameContent === true) {
        await this.#store.delete(item.visit.visitId);
        alreadyRecorded += 1;
      } else if (outcome.status === 0 || outcome.status >= 500 || outcome.status === 401) {
        // offline, server trouble or signed out: keep this and the rest for the next run
        await this.#store.put({ ...item, attempts: item.attempts + 1 });
        return { synced, alreadyRecorded, conflicts, waiting: pending.length - index };
      } else {
        await this.#store.put({
          ...item,
          state: 'conflict',
          attempts: item.attempts + 1,
          conflict: { code: outcome.error?.code ?? `HTTP_${String(outcome.status)}`, message: outcome.error?.message ?? '', status: outcome.status },
        });
        conflicts += 1;
      }
    }
    return { synced, alreadyRecorded, conflicts, waiting: 0 };
  }
}

/** A queue store in memory (tests, and browsers without IndexedDB). */
export class MemoryQueueStore implements QueueStore {
  readonly #items = new Map<string, QueuedVisit>();

  public all(): Promise<QueuedVisit[]> {
    return Promise.resolve([...this.#items.values()]);
  }

  public put(item: QueuedVisit): Promise<void> {
    this.#items.set(item.visit.visitId, item);
    return Promise.resolve();
  }

  public delete(visitId: string): Promise<void> {
    this.#items.delete(visitId);
    return Promise.resolve();
  }
}
