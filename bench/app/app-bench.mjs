// Benchmark of the app in headless Chromium against a relay on loopback (figures, not a
// pass/fail test). Prints:
// - first render: time from the start of loading the region's bulletins document from
//   IndexedDB to the first bulletin row on screen, with 10,000 bulletins in the document
//   (median of 5 reloads with the relay unreachable, so only IndexedDB serves);
// - catch-up: time from the link coming back to the last of 5,000 updates (made by
//   another station while this device was offline) being on screen and saved.
// Usage: node bench/app/app-bench.mjs   (after scripts/build.sh)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, cuttableContext } from '../../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC = 'region/desheng/bulletins';
const run = promisify(execFile);

const relay = await startRelay({ demo: true });
const browser = await launchBrowser();
const token = decodeURIComponent(relay.logins['desheng liaison'].split('#token=')[1]);
const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

async function write(count, kb) {
  const { stdout } = await run('node', [
    path.join(root, 'tests/e2e/bulk-writer.mjs'), `ws://127.0.0.1:${relay.port}/sync`, DOC, token, String(count), String(kb),
    claims.sub, claims.sub,
  ], { cwd: root, maxBuffer: 1 << 24 });
  return JSON.parse(stdout);
}

const handle = await cuttableContext(browser, { viewport: { width: 1280, height: 900 } });
await handle.context.addInitScript(() => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid=bulletin]')) {
      performance.mark('bench:first-row');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
});
const page = await handle.context.newPage();
await page.goto(relay.logins['desheng liaison']);
await page.getByTestId('signed-in').waitFor();
await page.goto(new URL('/bulletins', relay.url).href);
await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 30_000 });

// 1. First render with 10,000 records.
const t0 = Date.now();
const big = await write(10_000, 0.1);
await page.getByTestId('bulletin').filter({ hasText: '大批量通报 10000/10000' }).waitFor({ timeout: 300_000 });
console.log(`wrote ${big.bulletins} bulletins (${big.bytes} bytes of document) and synced them in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await page.waitForTimeout(2_000);
handle.cut();
const renders = [];
const totals = [];
const loads = [];
for (let i = 0; i < 5; i++) {
  await page.reload();
  await page.getByTestId('bulletin').first().waitFor({ timeout: 30_000 });
  const t = await page.evaluate((doc) => {
    const start = performance.getEntriesByName(`liandong:load-start:${doc}`)[0]?.startTime;
    const row = performance.getEntriesByName('bench:first-row')[0]?.startTime;
    const loaded = performance.getEntriesByName(`liandong:loaded:${doc}`)[0]?.startTime;
    return { fromLoad: row - start, fromNavigation: row, loading: loaded - start };
  }, DOC);
  renders.push(t.fromLoad);
  loads.push(t.loading);
  totals.push(t.fromNavigation);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1b. Filtering and search keystrokes with 10,000 bulletins: time from a key press to the
// list's count showing the new result.
await page.goto(new URL('/bulletins', relay.url).href);
await page.getByTestId('bulletin').first().waitFor({ timeout: 30_000 });
const keystrokes = [];
for (const text of ['批', '批量', '批量通', '批量通报 9', '批量通报 99', '批量通报 999']) {
  // The list updates in microtasks after the input event; a zero timeout runs after them,
  // and the next animation frame is when the result is painted.
  const t = await page.evaluate(async (value) => {
    const input = document.querySelector('input.search');
    const count = document.querySelector('[data-testid=count]');
    const started = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r()));
    return { ms: performance.now() - started, after: count.textContent };
  }, text);
  keystrokes.push(t.ms);
}
const filterStart = await page.evaluate(async () => {
  const select = document.querySelectorAll('.filters select')[1];
  const started = performance.now();
  select.value = 'urgent';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - started;
});

// 2. Catch-up after 5,000 offline updates, on the list as it opens (no search, no filter).
await page.goto(new URL('/bulletins', relay.url).href);
await page.getByTestId('bulletin').first().waitFor({ timeout: 30_000 });
handle.restore();
await page.evaluate(() => window.dispatchEvent(new Event('online')));
await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });
handle.cut();
await page.getByTestId('sync-badge').filter({ hasText: '离线' }).waitFor({ timeout: 30_000 });
const small = await write(5_000, 0.05);
handle.restore();
const started = Date.now();
const onlineAt = await page.evaluate(() => { window.dispatchEvent(new Event('online')); return performance.now(); });
await page.getByTestId('bulletin').filter({ hasText: '大批量通报 5000/5000' }).waitFor({ timeout: 300_000 });
const caughtUp = Date.now() - started;
await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });
const saved = Date.now() - started;
const timeline = await page.evaluate(([doc, t]) => performance.getEntriesByType('mark')
  .filter((e) => e.startTime >= t && e.name.endsWith(doc)).map((e) => `${e.name.split(':')[1]} +${(e.startTime - t).toFixed(0)}`).join(', '), [DOC, onlineAt]);
console.log(`catch-up timeline: ${timeline}`);
const refreshes = await page.evaluate(([doc, t]) => performance.getEntriesByName(`liandong:refresh:${doc}`).filter((e) => e.startTime >= t).length, [DOC, onlineAt]);

console.log('\nLiandong app benchmark (headless Chromium, relay on 127.0.0.1)');
console.log(`  first render of 10,000 bulletins from IndexedDB: median ${median(renders).toFixed(0)} ms from load start `
  + `(runs: ${renders.map((r) => r.toFixed(0)).join(', ')}; of which reading IndexedDB into the document ${median(loads).toFixed(0)} ms); `
  + `${median(totals).toFixed(0)} ms from navigation   goal ≤300 ms`);
console.log(`  catch-up after 5,000 offline updates: ${caughtUp} ms until the last is on screen, `
  + `${saved} ms until saved to relay (${refreshes} list refreshes)   goal ≤1000 ms`);
console.log(`  search keystrokes over 10,000 bulletins: ${keystrokes.map((k) => k.toFixed(0)).join(', ')} ms (max ${Math.max(...keystrokes).toFixed(0)})   goal ≤50 ms`);
console.log(`  changing a filter: ${filterStart.toFixed(0)} ms   goal ≤50 ms`);
await browser.close();
await relay.stop();
