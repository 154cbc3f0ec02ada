// The service worker (issue 17): serves the app shell when the network is away. The build
// (scripts/service-worker.mjs) fills in VERSION and FILES (every file vite built).
//   - the shell (index.html, hashed assets, the manifest, the icon): precached on install,
//     served from the cache; a navigation (any page of the app) answers index.html from
//     the network when it can, else from the cache;
//   - /api/ and anything else: the network only. API answers are never cached here: what an
//     assessor takes offline is stored by the page itself, in IndexedDB (lib/offline.ts).
// A new worker waits until the page asks it to take over (the "new version" banner).
const VERSION = '__VERSION__';
const FILES = ['__FILES__'];
const CACHE = `riaya-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith('riaya-shell-') && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/healthz') return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('/index.html'))));
    return;
  }
  if (FILES.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(url.pathname).then((hit) => hit ?? fetch(request))),
    );
  }
});
