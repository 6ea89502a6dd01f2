// A rural link: after a device was offline, a 600 KB difference is downloaded at 50 kbit/s
// with 600 ms round trips. It must converge over one connection (data still arriving is
// never taken for a dead link) and the officer sees progress.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, screenshot } from './harness.mjs';
import { throttleProxy } from './throttle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
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

test('a 600 KB difference at 50 kbit/s and 600 ms converges over one connection with progress', { timeout: 600_000 }, async () => {
  const origin = `http://127.0.0.1:${proxy.port}`;
  const link = relay.logins['damiao officer'].replace(relay.url.replace(/\/$/, ''), origin);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(`${origin}/bulletins`);
  const badge = page.getByTestId('sync-badge');
  await badge.filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });

  // The device goes offline; meanwhile another station writes ~600 KB to the region.
  proxy.setMode('down');
  const token = decodeURIComponent(relay.logins['desheng liaison'].split('#token=')[1]);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const { stdout } = await promisify(execFile)('node', [
    path.join(here, 'bulk-writer.mjs'), `ws://127.0.0.1:${relay.port}/sync`, 'region/desheng/bulletins', token, '40', '15',
    claims.sub, claims.sub,
  ], { cwd: path.join(here, '../..') });
  const written = JSON.parse(stdout);
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

  const bulletinConnections = proxy.requests.filter((r) => r.at >= since && r.line.includes('/sync/region/desheng/bulletins'));
  assert.equal(bulletinConnections.length, 1, `connections: ${JSON.stringify(bulletinConnections)}`);
  console.log(`slow link: ${written.bytes} bytes converged in ${seconds.toFixed(1)} s over one connection; progress seen: "${progress}"`);
  await context.close();
});
