// End-to-end harness: starts the relay serving the built app on a free 127.0.0.1 port,
// launches Debian's headless Chromium through playwright-core, and watches pages for
// panics and console errors. Used by the *.test.mjs files beside it (node --test).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as pause } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'test-artifacts');

/** Chromium flags for this closed network (docs/toolchain.md "Tests in Chromium"). */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

/**
 * Starts `liandong-relay serve` with the built app (dist/) on 127.0.0.1 (`port`, default a
 * free one) and a data folder (`data`, default a fresh one), seeding the demo county when
 * `demo` is set; `log` sets the relay's log level (default warn, or RUST_LOG); `app` serves
 * another build folder than dist/ (see builds.mjs); `tls: { cert, key }` serves HTTPS.
 * Resolves to { url, process, dataDir, port, logins, stop() } once it prints the address
 * it listens on; `logins` maps "station role" (e.g. "desheng liaison") to the
 * demo login links it printed, the second of a role at a station as "station role 2"
 * (e.g. "damiao station_head 2", the deputy head).
 */
export async function startRelay({ data, demo = false, port = 0, log: level, app, tls } = {}) {
  const bin = process.env.LIANDONG_RELAY_BIN ?? path.join(root, 'target/relay/liandong-relay');
  const dataDir = data ?? mkdtempSync(path.join(tmpdir(), 'liandong-e2e-'));
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--data', dataDir, '--static', app ?? path.join(root, 'dist')];
  if (demo) args.push('--demo');
  if (tls) args.push('--tls-cert', tls.cert, '--tls-key', tls.key);
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: level ?? process.env.RUST_LOG ?? 'warn' },
  });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 20 s:\n${out}\n${log}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Open (https?:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`relay exited with ${code}:\n${out}\n${log}`)); });
  });
  const stop = async (signal = 'SIGTERM') => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.on('exit', r));
    child.kill(signal);
    await exited;
    if (!data) rmSync(dataDir, { recursive: true, force: true });
  };
  const logins = {};
  const lines = out.split('\n');
  lines.forEach((line, i) => {
    const link = lines[i + 1]?.trim();
    if (!link?.includes('/login#token=')) return;
    const token = link.split('#token=')[1];
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const key = `${claims.station ?? 'bureau'} ${claims.role}`;
    logins[key in logins ? `${key} 2` : key] = link;
  });
  const kill = async () => stop('SIGKILL');
  return { url, process: child, dataDir, port: Number(new URL(url).port), logins, stop, kill, log: () => log };
}

/**
 * A browser context whose relay link can be cut and restored: while cut, WebSockets to
 * the relay are refused (existing ones dropped) and `/session` fails, as when the network
 * is down; the app's own files still load, as the installed app's cache would serve them.
 */
export async function cuttableContext(browser, options = {}) {
  const context = await browser.newContext(options);
  let cut = false;
  const open = new Set();
  await context.routeWebSocket(/\/sync\//, (ws) => {
    if (cut) { ws.close().catch(() => {}); return; }
    const server = ws.connectToServer();
    open.add({ ws, server });
  });
  await context.route('**/session', (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
  return {
    context,
    cut() {
      cut = true;
      for (const { ws, server } of open) {
        ws.close().catch(() => {});
        server.close().catch(() => {});
      }
      open.clear();
    },
    restore() { cut = false; },
  };
}

/**
 * Opens a new browser context of `viewport`, signs in with `login` (a demo login link),
 * goes to `path` of `relay` and waits until the sync badge says everything is saved to the
 * county relay. Resolves to { context, page, errors } (`errors()` as of watchForErrors).
 */
export async function openSignedIn(browser, relay, login, path, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(login);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL(path, relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  return { context, page, errors };
}

/**
 * Like `openSignedIn`, in a context whose relay link can be cut (`cuttableContext`), in
 * English when `english` (the badge is then awaited in English too). Resolves to
 * { context, cut, restore, page, errors }.
 */
export async function cuttableSignedIn(browser, relay, login, path, { viewport = { width: 390, height: 844 }, english = false } = {}) {
  const handle = await cuttableContext(browser, { viewport });
  if (english) await handle.context.addInitScript(() => localStorage.setItem('liandong.locale', '"en"'));
  const page = await handle.context.newPage();
  const errors = watchForErrors(page);
  await page.goto(login);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL(path, relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: /已保存到县局|Saved to relay/ }).waitFor({ timeout: 20_000 });
  return { ...handle, page, errors };
}

/** Launches headless Chromium (Debian's, never a downloaded one). */
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

/**
 * Records console errors, uncaught exceptions and Rust panics of `page`; call the returned
 * function at the end of a test to get them (an empty list means a clean run).
 */
export function watchForErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return () => errors;
}

/** Saves a full-page screenshot as test-artifacts/{name}.png. */
export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * Posts a bulletin the way an officer does, from the bulletin list: 发布通报, title (and
 * content), 发布; waits for the bulletin's page to say it is saved on this device, then goes
 * back to the list. Does not wait for storage: a full quota still shows the bulletin.
 */
export async function postBulletin(page, title, { content } = {}) {
  await page.getByRole('link', { name: '发布通报' }).click();
  // The form's code may still be on its way: until it shows, the list (with its search
  // box, also labelled with 标题) is still on screen.
  await page.getByTestId('bulletin-form').waitFor();
  await page.getByLabel(/^标题/).fill(title);
  if (content) await page.getByLabel('内容').fill(content);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  try {
    await page.getByTestId('bulletin-detail').waitFor();
  } catch (e) {
    // Say what the officer would see instead (a rare failure in CI left nothing to read).
    await screenshot(page, `post-failed-${Date.now()}`).catch(() => {});
    const seen = await page.evaluate(() => ({
      url: location.href,
      alerts: [...document.querySelectorAll('[role=alert],[role=status]')].map((el) => el.textContent.trim()).filter(Boolean),
      busy: document.querySelector('main.page')?.getAttribute('aria-busy'),
      button: document.querySelector('[data-testid=bulletin-form] button[type=submit]')?.textContent,
    })).catch((err) => String(err));
    throw new Error(`posting "${title}": no bulletin page after 发布; the page showed ${JSON.stringify(seen)}`, { cause: e });
  }
  await page.getByRole('link', { name: '返回通报列表' }).first().click();
  await page.getByTestId('bulletin').filter({ hasText: title }).waitFor();
}

/** The keys of object store `store` of the app's IndexedDB database, as `page` sees them. */
export const storedKeys = (page, store) => page.evaluate(async (store) => {
  const db = await new Promise((res, rej) => { const q = indexedDB.open('liandong'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const keys = await new Promise((res, rej) => {
    const r = db.transaction(store).objectStore(store).getAllKeys();
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  db.close();
  return keys;
}, store);

/**
 * Resolves once `check()` (sync or async) gives a truthy value, asking again every `every`
 * ms; throws after `timeout` ms, naming `what`. For conditions no event announces (what
 * IndexedDB or the Cache API hold), where Playwright's waitForFunction cannot await.
 */
export async function until(check, { timeout = 10_000, every = 100, what = 'the condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not met within ${timeout} ms`);
    await pause(every);
  }
}

/**
 * Proves that `page` (an officer's bulletin list) has received everything the relay sent
 * it so far, before a test asserts it received nothing: another device signed in with
 * `login` (an officer of `page`'s region) posts a bulletin, and `page` must list it. Call it
 * once the writer of what must not arrive has its change confirmed by the relay (badge
 * 已保存到县局, or another reader got it): the relay passes a change on to a document's
 * readers before it confirms it, and all of a device's documents share one socket
 * (/sync/mux), so what the relay sent `page` then went out on that socket before this
 * bulletin did. An absence checked afterwards is not merely a slow receiver.
 */
export async function proveSynced(browser, relay, page, login) {
  const writer = await openSignedIn(browser, relay, login, '/bulletins', { width: 390, height: 844 });
  const marker = `同步确认-${Date.now()}`;
  await postBulletin(writer.page, marker);
  await page.getByTestId('bulletin').filter({ hasText: marker }).waitFor({ timeout: 10_000 });
  await writer.context.close();
}
