// A rural link: after a device was offline, a 600 KB difference is downloaded at 50 kbit/s
// with 600 ms round trips. It must converge over one connection, the one socket all the
// officer's documents share (`/sync/mux`; data still arriving is
// never taken for a dead link), compressed (feature `deflate`: fewer bytes on the wire
// than the difference), and the officer sees progress. A cut in the middle of a second
// catch-up is noticed within seconds once the link is back (without the browser's
// `online` event), and the reconnect does not download again what had arrived.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, screenshot } from './harness.mjs';
import { throttleProxy } from './throttle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The socket every document of the app shares.
const DOC = '/sync/mux';
let relay, browser, proxy;
before(async () => {
  relay = await startRelay({ demo: true });
  proxy = await throttleProxy({ target: `127.0.0.1:${relay.port}`, kbps: 50, rttMs: 600 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await proxy?.close();
  await relay?.stop();
});

/** Resolves once `check()` holds, polling every 100 ms; fails after `ms`. */
async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Another station writes `count` bulletins of `kb` KiB while this device is offline. */
async function bulkWrite(count, kb) {
  const token = decodeURIComponent(relay.logins['desheng liaison'].split('#token=')[1]);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const { stdout } = await promisify(execFile)('node', [
    path.join(here, 'bulk-writer.mjs'), `ws://127.0.0.1:${relay.port}/sync`, 'region/desheng/bulletins', token,
    String(count), String(kb), claims.sub, claims.sub,
  ], { cwd: path.join(here, '../..') });
  return JSON.parse(stdout);
}

/** The KB a catch-up announces: "正在同步 12/190 KB" → 190. */
const announced = (text) => Number(text.match(/\/\s*(\d+)\s*KB/)?.[1] ?? NaN);

test('a 600 KB difference at 50 kbit/s and 600 ms converges compressed over one connection with progress, and a cut resumes', { timeout: 600_000 }, async () => {
  const origin = `http://127.0.0.1:${proxy.port}`;
  const link = relay.logins['damiao officer'].replace(relay.url.replace(/\/$/, ''), origin);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(`${origin}/bulletins`);
  const badge = page.getByTestId('sync-badge');
  await badge.filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });

  // The device goes offline; meanwhile another station writes ~600 KB to the region.
  proxy.setMode('down');
  const written = await bulkWrite(40, 15);
  assert.ok(written.bytes > 600_000, `difference is ${written.bytes} bytes`);

  // Back on a slow link.
  proxy.setMode('throttled');
  const since = Date.now();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await badge.filter({ hasText: '正在同步' }).waitFor({ timeout: 60_000 });
  await screenshot(page, 'slow-link-progress');
  const progress = await badge.textContent();
  await page.getByTestId('bulletin').filter({ hasText: '大批量通报 40/40' }).waitFor({ timeout: 420_000 });
  const seconds = (Date.now() - since) / 1000;
  await badge.filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });

  // All ten documents on one socket: Chromium lets one WebSocket per address be
  // "connecting" at a time, so ten sockets used to open one after another. The catch-up
  // comes over one connection. Around it the app may open one or two more: a reconnect
  // attempt the backoff had just started may be given up by the `online` event before the
  // relay answered (`sync::mux::link_may_be_back`), and on a busy machine that can be an
  // attempt whose upgrade was already on its way, so the next one carries the catch-up;
  // such a connection carries a handshake's few hundred bytes, never the catch-up.
  const opened = proxy.requests.filter((r) => r.at >= since && r.line.includes('/sync/'));
  const carriers = opened.filter((r) => r.down > 10_000);
  assert.equal(carriers.length, 1, `one connection carried the catch-up: ${JSON.stringify(opened)}`);
  assert.ok(opened.length <= 3, `at most two attempts around it: ${JSON.stringify(opened)}`);
  assert.ok(carriers[0].line.includes(DOC), carriers[0].line);
  const down = opened.reduce((sum, r) => sum + r.down, 0);
  assert.ok(down < written.bytes / 2, `${down} bytes on the wire for a ${written.bytes}-byte difference`);
  console.log(`slow link: ${written.bytes} bytes converged in ${seconds.toFixed(1)} s over one connection, ${down} bytes on the wire; progress seen: "${progress}"`);

  // A second week: the link drops in the middle of the catch-up, for a while.
  proxy.setMode('down');
  const second = await bulkWrite(30, 15);
  proxy.setMode('throttled');
  const again = Date.now();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await badge.filter({ hasText: '正在同步' }).waitFor({ timeout: 60_000 });
  const total = announced(await badge.textContent()) * 1024;
  const first = () => proxy.requests.find((r) => r.at >= again && r.line.includes(DOC));
  await until(() => first()?.down > total / 3, 120_000, 'a third of the catch-up');
  const got = first().down;
  proxy.setMode('down');
  const refusedBefore = proxy.refused();
  await until(() => proxy.refused() >= refusedBefore + 25, 60_000, 'reconnect attempts while down');
  proxy.setMode('throttled');
  const back = Date.now();
  const resumed = () => proxy.requests.find((r) => r.at >= back && r.line.includes(DOC));
  await until(resumed, 30_000, 'the documents to reconnect');
  const reconnect = (resumed().at - back) / 1000;
  await page.getByTestId('bulletin').filter({ hasText: '大批量通报 30/30' }).waitFor({ timeout: 300_000 });
  await badge.filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });
  const rest = resumed().down;
  console.log(`cut after ${got} of ${total} bytes: connection back after ${reconnect.toFixed(1)} s, which then downloaded ${rest} bytes`);
  assert.ok(second.bytes > 400_000);
  assert.ok(reconnect < 6, `reconnected ${reconnect} s after the link returned`);
  assert.ok(rest < total - got / 2, `after the cut ${rest} bytes came again; ${got} of ${total} had arrived`);
  await context.close();
});
