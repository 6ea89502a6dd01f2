// Liandong's service worker: the installed app starts with no network at all, as an
// officer on a rural link needs (docs/architecture.md "What it is"); the data is in IndexedDB, this
// keeps the app's own files.
//
// - Install: every file of this build (FILES: path → the first 16 hex digits of the SHA-256
//   of its bytes, smallest file first, stamped by scripts/stamp-shell.sh) goes into the
//   cache `liandong-{BUILD}`. A file whose bytes are already stored, in that cache (an
//   earlier attempt that did not finish) or an older build's, is copied, never fetched:
//   a deploy that changed only the Wasm downloads sw.js, index.html and the Wasm. The rest
//   is fetched PARALLEL files at a time (revalidated: the relay answers 304 to a file the
//   HTTP cache holds) and stored as it arrives, and checked against its hash.
// - An install stops after INSTALL_BUDGET_MS (Chromium kills one after 300 s). Stopped, or
//   cut off by the network, it fails but keeps what arrived, and the page asks again
//   (src/pwa.rs) for an attempt that fetches only what is still missing
//   (tests/e2e/deploy.test.mjs cuts one mid-Wasm). A file the relay
//   refuses (404: a broken deploy) fails it and drops the cache; a file whose bytes do not
//   match its hash (cut short) is not stored. Either way the running version stays as it is, with its cache: a
//   half-downloaded update never shows.
// - Then this version takes over at once; pages already open keep running the version
//   they started with (everything they need is in memory, and the previous build's cache
//   is kept) and offer "新版本已就绪" (src/pwa.rs); the next load runs this build.
// - Activate: removes every older cache but the last complete one before this build's
//   (caches of installs that never finished included).
// - Fetch: pages (any route is index.html) and the app's files come from this build's
//   cache first, else the network. The relay's own endpoints (/sync, /session, /healthz,
//   /metrics) and anything but GET from this origin are never touched or stored.
const BUILD = 'dev';
const FILES = { '/': '' };
const PREFIX = 'liandong-';
const CACHE = PREFIX + BUILD;
const LIVE = ['/sync/', '/session', '/healthz', '/metrics'];
// How long one install may fetch, in ms; well under Chromium's 300 s limit, so the
// install ends by itself and keeps what arrived.
const INSTALL_BUDGET_MS = 200_000;
// Files fetched at once during an install (browsers open 6 connections per host over
// HTTP/1.1; the page and its documents keep the others).
const PARALLEL = 4;
// Stored once an install has everything: marks a build that can run.
const COMPLETE = '/.liandong-complete';

// The first 16 hex digits of the SHA-256 of a response's body (the bytes, decoded).
async function hashOf(response) {
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// A stored response for `path` whose bytes hash to `hash`, from the caches `names`.
async function storedCopy(names, path, hash) {
  for (const name of names) {
    const response = await (await caches.open(name)).match(path);
    if (response && await hashOf(response) === hash) return response;
  }
  return null;
}

class Refused extends Error {}

async function install() {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), INSTALL_BUDGET_MS);
  const cache = await caches.open(CACHE);
  // This build's own cache first (resuming), then the newest older build's.
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE).reverse();
  // PARALLEL fetches at a time, smallest file first: the build is a hundred files (the
  // lazy routes' Wasm modules), and one at a time would pay a round trip for each.
  const queue = Object.entries(FILES);
  let failed = null;
  const one = async ([path, hash]) => {
    if (await storedCopy([CACHE], path, hash)) return;
    const copy = await storedCopy(older, path, hash);
    if (copy) { await cache.put(path, copy); return; }
    // `no-cache`: revalidate with the relay, so the file is this build's, not an older
    // copy from the HTTP cache (an unchanged one just answers 304).
    const response = await fetch(new Request(path, { cache: 'no-cache', signal: deadline.signal }));
    if (!response.ok) throw new Refused(`${path}: ${response.status}`);
    // Reading the body here also makes a cut during the download fail this attempt; a
    // body cut short may also just not match, which the next attempt fetches again.
    if (await hashOf(response) !== hash) throw new Error(`${path}: not this build's bytes`);
    await cache.put(path, response);
  };
  const worker = async () => {
    while (queue.length && !failed) {
      try { await one(queue.shift()); } catch (e) { failed ??= e; deadline.abort(); }
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (failed) throw failed;
    await cache.put(COMPLETE, new Response(BUILD));
  } catch (e) {
    // Cut off or out of time: keep what arrived for the next attempt.
    if (e instanceof Refused) await caches.delete(CACHE);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Cache names come back in the order they were made: keep this build's and the last
    // complete one before it (the build that open pages may still be starting; the last
    // one at all if none is marked complete), remove the rest.
    const ours = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    let keep = ours.at(-1);
    for (const name of ours) if (await (await caches.open(name)).match(COMPLETE)) keep = name;
    for (const name of ours) if (name !== keep) await caches.delete(name);
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
