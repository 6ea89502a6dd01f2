// Liandong's service worker: the app opens and reloads with no network at all, as an
// officer on a rural link needs (DESIGN.md "What it is"). The data is in IndexedDB; this
// keeps the app's own files: the page (every route is the same index.html) and the
// scripts, Wasm and styles Trunk names by content hash.
//
// - A page load asks the network first and stores the answer; with no answer within
//   NETWORK_WAIT_MS (a link that hangs) or none at all, the stored page is used.
// - Other files of the app: the stored copy, else the network (then stored). Their names
//   change with their content, so a stored copy is never stale.
// - The relay's own endpoints (/sync, /session, /healthz, /metrics) are never stored.
const CACHE = 'liandong-app-v1';
const NETWORK_WAIT_MS = 4000;
const LIVE = ['/sync/', '/session', '/healthz', '/metrics'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add('/')).catch(() => {}));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function store(key, response) {
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

async function page(request) {
  const network = fetch(request).then((response) => store('/', response));
  const stored = await caches.match('/');
  if (!stored) return network;
  const late = new Promise((resolve) => setTimeout(() => resolve(stored), NETWORK_WAIT_MS));
  return Promise.race([network.catch(() => stored), late]);
}

async function file(request) {
  const stored = await caches.match(request);
  return stored ?? fetch(request).then((response) => store(request, response));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (LIVE.some((prefix) => url.pathname.startsWith(prefix))) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : file(request));
});
