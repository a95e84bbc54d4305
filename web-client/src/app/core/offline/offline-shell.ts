import { type EnvironmentProviders, inject, isDevMode, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { NavigationStart, Router } from '@angular/router';
import { SwUpdate, provideServiceWorker } from '@angular/service-worker';
import { ReplaySubject, filter } from 'rxjs';

/**
 * Angular's service worker (ngsw), the app's one service worker: it keeps the app shell and every lazy
 * chunk on the phone, so the COC screens start without signal and the citizen wallet installs as an app
 * and opens offline. It is registered only in production builds, and only once someone opens the COC
 * screens (volunteers, officers, doctors) or the wallet: other users never get it. It caches no API answer
 * (ngsw-config.json has no dataGroups): the due list the offline form needs is cached per user by the
 * app (due-cache.ts) and the visits wait in IndexedDB (idb-queue-store.ts).
 *
 * A new deploy: ngsw finds the new ngsw.json on a page load and downloads the new version; once it is
 * ready (VERSION_READY) the next in-app navigation loads the page afresh, so an open visit form is never
 * reloaded under the user's fingers. A broken cache (unrecoverable) reloads at once.
 */
const cocOpened = new ReplaySubject<true>(1);

/** Called by the COC screens and the wallet: registers the service worker (no-op when it is disabled). */
export function registerOfflineShell(): void {
  cocOpened.next(true);
}

export function provideOfflineShell(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: () => cocOpened }),
    provideAppInitializer(() => {
      const updates = inject(SwUpdate);
      if (!updates.isEnabled) return;
      const router = inject(Router);
      let newVersionReady = false;
      updates.versionUpdates.pipe(filter((e) => e.type === 'VERSION_READY')).subscribe(() => {
        newVersionReady = true;
      });
      updates.unrecoverable.subscribe(() => {
        window.location.reload();
      });
      router.events.pipe(filter((e): e is NavigationStart => e instanceof NavigationStart)).subscribe((e) => {
        if (newVersionReady) window.location.assign(e.url);
      });
    }),
  ]);
}

/**
 * True when this browser can start the COC screens without signal: ngsw is active and its app cache
 * holds every file of the current build (checked against /ngsw.json when online; offline, a page
 * controlled by ngsw is taken as ready).
 */
export async function offlineShellReady(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || typeof caches === 'undefined') return false;
  const registration = await navigator.serviceWorker.getRegistration('/');
  if (registration?.active?.scriptURL.endsWith('/ngsw-worker.js') !== true) return false;
  if (!navigator.onLine) return navigator.serviceWorker.controller?.scriptURL.endsWith('/ngsw-worker.js') === true;
  const res = await fetch('/ngsw.json?ngsw-bypass=true', { cache: 'no-store' });
  if (!res.ok) return false;
  const manifest = (await res.json()) as { assetGroups?: { name: string; urls: string[] }[] };
  const urls = manifest.assetGroups?.find((g) => g.name === 'app')?.urls ?? [];
  if (urls.length === 0) return false;
  for (const name of (await caches.keys()).filter((n) => n.startsWith('ngsw:') && n.endsWith(':assets:app:cache'))) {
    const cache = await caches.open(name);
    const present = await Promise.all(urls.map(async (u) => (await cache.match(new URL(u, window.location.origin).href)) !== undefined));
    if (present.every(Boolean)) return true;
  }
  return false;
}
