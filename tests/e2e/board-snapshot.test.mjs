// The commander's board at a reload, before the documents are read: it shows from the
// snapshot of its inputs kept on the device (IndexedDB `views`), says so, and commits
// nothing until the documents are read; then the live board takes over. Sign-out removes
// the snapshot with the documents.
//
// To hold the documents back, another page of the same origin keeps a read-write
// transaction open on the `updates` store (where the documents live), which IndexedDB runs
// before the app's loads; the snapshot is in another store and reads at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors, until, screenshot } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

const texts = (page, id) => page.getByTestId(id).allTextContents();

/** The names of the snapshots this device keeps (IndexedDB `views`). */
const snapshots = (page) => page.evaluate(async () => {
  const db = await new Promise((res, rej) => { const q = indexedDB.open('liandong'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const keys = await new Promise((res, rej) => {
    const r = db.transaction('views').objectStore('views').getAllKeys();
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  db.close();
  return keys;
});

/** Holds the `updates` store in a read-write transaction from `page` until released. */
const holdDocuments = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const q = indexedDB.open('liandong');
  q.onerror = () => reject(q.error);
  q.onsuccess = () => {
    const db = q.result;
    const store = db.transaction('updates', 'readwrite').objectStore('updates');
    window.__holding = true;
    const spin = () => { if (window.__holding) store.count().onsuccess = spin; else db.close(); };
    spin();
    resolve();
  };
}));

test('a reload shows the board from its snapshot, read-only, until the documents are read; sign-out removes it', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(relay.logins['bureau commander']);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/command', relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  await page.getByTestId('station-counts').first().waitFor();
  const live = await texts(page, 'station-counts');
  const findings = await texts(page, 'command-finding');
  assert.ok(live.length >= 2, `the region's station cards: ${live}`);
  // The snapshot is written once the board's inputs have been still for a moment.
  await until(async () => (await snapshots(page)).length > 0, { timeout: 15_000, what: 'the board\'s snapshot written' });
  assert.deepEqual(await snapshots(page), ['command-board/desheng']);

  const holder = await context.newPage();
  await holder.goto(new URL('/manifest.webmanifest', relay.url).href);
  await holdDocuments(holder);
  await page.reload();
  const early = page.getByTestId('board-early');
  await early.waitFor({ timeout: 15_000 });
  assert.match(await early.textContent(), /正在读取本机数据/);
  assert.deepEqual(await texts(page, 'station-counts'), live, 'the same station cards as before the reload');
  assert.deepEqual(await texts(page, 'command-finding'), findings, 'the same findings');
  for (const line of await page.getByTestId('short-line').all()) assert.ok(await line.isDisabled(), 'nothing is committed from the snapshot');
  assert.equal(await page.getByText('警情不存在').count(), 0);
  await screenshot(page, 'command-board-snapshot');

  await holder.evaluate(() => { window.__holding = false; });
  await early.waitFor({ state: 'detached', timeout: 15_000 });
  assert.deepEqual(await texts(page, 'station-counts'), live, 'the live board says the same');
  await holder.close();

  await page.goto(new URL('/settings', relay.url).href);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'), // once storage is cleared
    page.getByRole('button', { name: '退出登录' }).click(),
  ]);
  assert.deepEqual(await snapshots(page), [], 'sign-out removes the snapshot');
  assert.deepEqual(errors(), []);
  await context.close();
});
