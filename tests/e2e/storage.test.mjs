// Storage failures are shown in plain words and lose nothing: a full quota, and the
// browser deleting the database from under the running app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, cuttableContext, screenshot, postBulletin, until } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

async function officer() {
  const handle = await cuttableContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await handle.context.newPage();
  if (process.env.DEBUG_CONSOLE) page.on('console', (m) => console.log('page', m.type(), m.text().slice(0, 200)));
  await page.goto(relay.logins['desheng liaison']);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/bulletins', relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  const cdp = await handle.context.newCDPSession(page);
  return { ...handle, page, cdp, origin: new URL(relay.url).origin };
}

const post = (page, title) => postBulletin(page, title);

const listed = (page, title) => page.getByTestId('bulletin').filter({ hasText: title });

/**
 * Whether this device's stored document logs (IndexedDB `updates`) hold every one of
 * `titles` (Yjs stores strings as UTF-8). Never creates the database: while it is deleted
 * the answer is false and the app recreates it itself.
 */
const stored = (page, titles) => page.evaluate(async (titles) => {
  const db = await new Promise((resolve) => {
    const q = indexedDB.open('liandong');
    q.onupgradeneeded = () => q.transaction.abort();
    q.onsuccess = () => resolve(q.result);
    q.onerror = () => resolve(null);
  });
  if (!db) return false;
  try {
    if (!db.objectStoreNames.contains('updates')) return false;
    const values = await new Promise((resolve, reject) => {
      const r = db.transaction('updates').objectStore('updates').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const text = values.map((v) => new TextDecoder().decode(v)).join('');
    return titles.every((t) => text.includes(t));
  } catch {
    return false;
  } finally {
    db.close();
  }
}, titles);

test('a full device storage is reported and the changes are kept until they fit', async () => {
  const o = await officer();
  // Fault injection at the browser's API: while the device is "full", IndexedDB refuses
  // every write with QuotaExceededError, exactly as a browser out of quota does. (Chromium's
  // DevTools quota override does not reach a database that is already open.)
  await o.page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    window.__full = true;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const title = `存储已满-${Date.now()}`;
  await post(o.page, title);
  await o.page.getByRole('alert').filter({ hasText: '本机存储已满' }).waitFor({ timeout: 10_000 });
  await listed(o.page, title).waitFor();
  await screenshot(o.page, 'storage-full');

  // Room again: the kept change is written within the retry interval and the message goes.
  await o.page.evaluate(() => { window.__full = false; });
  await o.page.getByRole('alert').filter({ hasText: '本机存储' }).waitFor({ state: 'detached', timeout: 20_000 });
  if (process.env.DEBUG_CONSOLE) console.log('keys', await o.page.evaluate(async () => {
    const db = await new Promise((res, rej) => { const q = indexedDB.open('liandong'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
    return await new Promise((res) => { const r = db.transaction('updates').objectStore('updates').getAllKeys(); r.onsuccess = () => res(JSON.stringify(r.result.filter(k => k[0].includes('bulletins')))); });
  }));
  o.cut();
  await o.page.reload();
  await listed(o.page, title).waitFor({ timeout: 10_000 });
  await o.context.close();
});

test('the database deleted from under the app is recreated and nothing is lost', async () => {
  const o = await officer();
  const before = `删除前-${Date.now()}`;
  const after = `删除后-${Date.now()}`;
  o.cut();
  await post(o.page, before);
  await listed(o.page, before).waitFor();
  // The change is on disk before the database goes, so only the app's memory still has it.
  await until(() => stored(o.page, [before]), { what: 'the first bulletin stored' });
  await o.cdp.send('Storage.clearDataForOrigin', { origin: o.origin, storageTypes: 'indexeddb' });
  await post(o.page, after);
  await listed(o.page, after).waitFor();
  // The app notices the deleted database on its next write, recreates it and stores again
  // what it holds (it retries a failed write after 1 s).
  await until(() => stored(o.page, [before, after]), { timeout: 15_000, what: 'both bulletins stored again' });

  await o.page.reload();
  // Everything comes from this device's storage: the link is still cut.
  await listed(o.page, before).waitFor({ timeout: 10_000 });
  await listed(o.page, after).waitFor({ timeout: 10_000 });
  assert.equal(await o.page.getByRole('alert').count(), 0, 'the problem is over');
  await o.context.close();
});
