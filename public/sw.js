// Liandong's service worker: the installed app starts with no network at all, as an
// officer on a rural link needs (DESIGN.md "What it is"); the data is in IndexedDB, this
// keeps the app's own files.
//
// - Install: every file of this build (SHELL, stamped by scripts/stamp-shell.sh at build
//   time) goes into the cache `liandong-{BUILD}`. If one fails the install fails and the
//   running version stays as it is, with its cache: a half-downloaded update never shows.
// - Then this version takes over at once; pages already open keep running the version
//   they started with (everything they need is in memory, and the previous build's cache
//   is kept) and offer "新版本已就绪" (src/pwa.rs); the next load runs this build.
// - Activate: removes every older cache but the one just before this build's.
// - Fetch: pages (any route is index.html) and the app's files come from this build's
//   cache first, else the network. The relay's own endpoints (/sync, /session, /healthz,
//   /metrics) and anything but GET from this origin are never touched or stored.
const BUILD = 'dev';
const SHELL = ['/'];
const PREFIX = 'liandong-';
const CACHE = PREFIX + BUILD;
const LIVE = ['/sync/', '/session', '/healthz', '/metrics'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      // `no-cache`: revalidate with the relay, so the files are this build's, not an
      // older copy from the HTTP cache (hashed files just answer 304).
      await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'no-cache' })));
    } catch (e) {
      await caches.delete(CACHE);
      throw e;
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Cache names come back in the order they were made: keep this build's and the one
    // before it (the build that open pages may still be starting), remove the rest.
    const ours = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    for (const name of ours.slice(0, -1)) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function fromNetwork(request, key) {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

async function page(request) {
  const stored = await (await caches.open(CACHE)).match('/');
  if (stored) return stored;
  try {
    return await fromNetwork(request, '/');
  } catch (e) {
    return (await caches.match('/')) ?? Response.error();
  }
}

async function file(request) {
  return (await caches.match(request)) ?? fromNetwork(request, request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (LIVE.some((prefix) => url.pathname.startsWith(prefix))) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : file(request));
});
