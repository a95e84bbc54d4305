// Smart Health Wallet service worker: makes the client installable and keeps the app shell for offline
// start. API calls (/api/...) always go to the network (bookings and Health ID codes must be fresh).
const SHELL = 'cco-wallet-shell-v1';
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(['/', '/manifest.webmanifest', '/wallet-icon.svg'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // network first, the cached shell when offline
  event.respondWith(
    fetch(event.request)
      .then((res) => {
        if (res.ok && (event.request.mode === 'navigate' || url.pathname.endsWith('.js') || url.pathname.endsWith('.css'))) {
          const copy = res.clone();
          void caches.open(SHELL).then((cache) => cache.put(event.request.mode === 'navigate' ? '/' : event.request, copy));
        }
        return res;
      })
      .catch(async () => (await caches.match(event.request.mode === 'navigate' ? '/' : event.request)) ?? Response.error()),
  );
});
