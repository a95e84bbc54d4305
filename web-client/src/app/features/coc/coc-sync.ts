import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { CocApi } from './coc-api';
import type { VisitForm } from './coc-models';
import { IdbQueueStore } from './idb-queue-store';
import { MemoryQueueStore, VisitQueue, type QueuedVisit, type SyncReport } from './visit-queue';

/**
 * The app-wide offline visit queue: what is waiting is shown on every COC screen, and the queue
 * syncs when the browser comes back online, on start and on request.
 */
@Injectable({ providedIn: 'root' })
export class CocSync {
  readonly #api = inject(CocApi);
  readonly #queue = new VisitQueue({
    store: typeof indexedDB === 'undefined' ? new MemoryQueueStore() : new IdbQueueStore(),
    send: (visit) => this.#api.send(visit),
  });

  public readonly items = signal<readonly QueuedVisit[]>([]);
  public readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  public readonly syncing = signal(false);
  public readonly lastReport = signal<SyncReport | null>(null);

  public constructor() {
    const goOnline = (): void => {
      this.online.set(true);
      void this.sync();
    };
    const goOffline = (): void => {
      this.online.set(false);
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('online', goOnline);
      window.addEventListener('offline', goOffline);
      inject(DestroyRef).onDestroy(() => {
        window.removeEventListener('online', goOnline);
        window.removeEventListener('offline', goOffline);
      });
    }
    void this.refresh().then(() => (this.online() ? this.sync() : undefined));
  }

  /** Queues a visit on this device, then tries to send it when online. */
  public async record(visit: VisitForm): Promise<void> {
    await this.#queue.add(visit);
    await this.refresh();
    if (this.online()) void this.sync();
  }

  public async sync(): Promise<void> {
    this.syncing.set(true);
    try {
      this.lastReport.set(await this.#queue.sync());
    } finally {
      this.syncing.set(false);
      await this.refresh();
    }
  }

  public async discard(visitId: string): Promise<void> {
    await this.#queue.discard(visitId);
    await this.refresh();
  }

  public async retry(visitId: string): Promise<void> {
    await this.#queue.retry(visitId);
    await this.sync();
  }

  public async refresh(): Promise<void> {
    this.items.set(await this.#queue.items());
  }
}
