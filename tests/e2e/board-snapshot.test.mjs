// The commander's board at a reload, before the documents are read: it shows from the
// snapshot of its inputs kept on the device (IndexedDB `views`), says so, and commits
// nothing until the documents are read; then the live board takes over. Sign-out removes
// the snapshot with the documents.
//
// To hold the documents back, another page of the same origin (not running the app)
// keeps a read-write transaction open on the `pending` store: a document counts as read
// only once its unconfirmed changes are read from there too. The app's read of its
// snapshots (the `views` store, with the documents' stamps from `updates`) is not held.
// The board is opened in a new page each time (see `reopenHeld`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors, until, screenshot, storedKeys } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

const texts = (page, id) => page.getByTestId(id).allTextContents();

/** The names of the snapshots this device keeps, each with its documents' stamps (IndexedDB `views`). */
const snapshots = (page) => storedKeys(page, 'views');

/** Holds the `pending` store in a read-write transaction from `page` until released. */
const holdDocuments = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const q = indexedDB.open('liandong');
  q.onerror = () => reject(q.error);
  q.onsuccess = () => {
    const db = q.result;
    const store = db.transaction('pending', 'readwrite').objectStore('pending');
    window.__holding = true;
    const spin = () => { if (window.__holding) store.count().onsuccess = spin; else db.close(); };
    spin();
    resolve();
  };
}));

test('a reload shows the board from its snapshot, read-only, until the documents are read; never an outdated one; sign-out removes it', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  let page = await context.newPage();
  const errors = [watchForErrors(page)];
  const board = new URL('/command', relay.url).href;
  /** Closes the app's page and opens the board in a new one while `holder` holds the
   * documents back (a closed page, unlike one navigated away, keeps no connection whose
   * writes could wait behind the hold). */
  const reopenHeld = async () => {
    await page.close();
    await holdDocuments(holder);
    page = await context.newPage();
    errors.push(watchForErrors(page));
    await page.goto(board);
  };
  await page.goto(relay.logins['bureau commander']);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(board);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  await page.getByTestId('station-counts').first().waitFor();
  const live = await texts(page, 'station-counts');
  const findings = await texts(page, 'command-finding');
  assert.ok(live.length >= 2, `the region's station cards: ${live}`);
  // The snapshot is written once the documents have been still for a moment; it is shown
  // only while every document's last stored update is the one it was made from.
  const current = async () => {
    const views = await snapshots(page);
    if (!views.includes('command-board/desheng#stamps')) return false;
    const stamps = await page.evaluate(async () => {
      const db = await new Promise((res, rej) => { const q = indexedDB.open('liandong'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
      const text = await new Promise((res) => { const r = db.transaction('views').objectStore('views').get('command-board/desheng#stamps'); r.onsuccess = () => res(r.result); });
      db.close();
      return text;
    });
    const last = new Map();
    for (const [doc, n] of await storedKeys(page, 'updates')) last.set(doc, Math.max(n, last.get(doc) ?? 0));
    return stamps.trim().split('\n').every((line) => {
      const at = line.lastIndexOf(' ');
      return (last.get(line.slice(0, at)) ?? 0) === Number(line.slice(at + 1));
    });
  };
  await until(current, { timeout: 30_000, every: 250, what: 'the board\'s snapshot written from what storage holds' });
  assert.deepEqual(await snapshots(page), ['command-board/desheng', 'command-board/desheng#stamps']);

  // The holder is a blank page opened by the app's: it has the app's origin (and so its
  // IndexedDB) but runs no app (any URL of the relay's opens the app, offline-first).
  const [holder] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => { window.open('about:blank'); })]);
  await reopenHeld();
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

  // A change made where the board is not open (an item of 得胜 sent for repair on the pool
  // page): the snapshot no longer matches storage, and a reload must not show it.
  await page.getByRole('link', { name: '装备车辆' }).click();
  const item = page.getByTestId('pool-station').filter({ hasText: '得胜' }).getByTestId('pool-item').first();
  await item.getByTestId('item-status').selectOption('1');
  await item.getByTestId('item-state').filter({ hasText: '维修中' }).waitFor();
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  await reopenHeld();
  await page.getByTestId('station-cards').waitFor({ state: 'attached' });
  await page.waitForFunction(() => performance.getEntriesByName('liandong:loaded:views').length > 0);
  // What the snapshot's read set off has run by the second frame after.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await page.getByTestId('board-early').count(), 0, 'no snapshot older than storage');
  assert.deepEqual(await texts(page, 'station-counts'), [], 'no board until the documents are read');
  await holder.evaluate(() => { window.__holding = false; });
  await page.getByTestId('station-counts').first().waitFor();
  const after = await texts(page, 'station-counts');
  assert.notDeepEqual(after, live, `得胜 counts one item fewer: ${after[0]}`);
  await holder.close();

  await page.goto(new URL('/settings', relay.url).href);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'), // once storage is cleared
    page.getByRole('button', { name: '退出登录' }).click(),
  ]);
  assert.deepEqual(await snapshots(page), [], 'sign-out removes the snapshot');
  assert.deepEqual(errors.flatMap((e) => e()), []);
  await context.close();
});
