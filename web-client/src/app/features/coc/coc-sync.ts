import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { SwUpdate } from '@angular/service-worker';
import { CocApi } from './coc-api';
import type { VisitForm } from './coc-models';
import { IdbQueueStore } from './idb-queue-store';
import { offlineShellReady, registerOfflineShell } from '../../core/offline/offline-shell';
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
  /** The app shell is on this device (service worker): null while unknown or without a service worker. */
  public readonly offlineReady = signal<boolean | null>(null);

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
    if (inject(SwUpdate).isEnabled) {
      registerOfflineShell();
      void this.#watchOfflineShell();
    }
  }

  /** Polls until the service worker has the whole app shell (about a minute at most). */
  async #watchOfflineShell(): Promise<void> {
    this.offlineReady.set(false);
    for (let i = 0; i < 40; i += 1) {
      const ready = await offlineShellReady().catch(() => false);
      if (ready) {
        this.offlineReady.set(true);
        return;
      }
      await new Promise((r) => setTimeout(r, 1500));
    }
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
