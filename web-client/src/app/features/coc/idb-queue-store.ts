import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedVisit, QueueStore } from './visit-queue';

interface CocOfflineDb extends DBSchema {
  visits: { key: string; value: QueuedVisit };
}

const DB_NAME = 'cco-coc-offline';
const DB_VERSION = 1;

/**
 * The offline visit queue in IndexedDB (via `idb`), one record per client-chosen visit id. Survives
 * reloads, closing the browser and losing the signal. Per browser profile: sign-out does not clear it,
 * so a volunteer's unsynced visits are never lost.
 */
export class IdbQueueStore implements QueueStore {
  #db: Promise<IDBPDatabase<CocOfflineDb>> | null = null;

  async #open(): Promise<IDBPDatabase<CocOfflineDb>> {
    this.#db ??= openDB<CocOfflineDb>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('visits', { keyPath: 'visit.visitId' });
      },
    });
    return this.#db;
  }

  public async all(): Promise<QueuedVisit[]> {
    return (await this.#open()).getAll('visits');
  }

  public async put(item: QueuedVisit): Promise<void> {
    await (await this.#open()).put('visits', item);
  }

  public async delete(visitId: string): Promise<void> {
    await (await this.#open()).delete('visits', visitId);
  }
}
