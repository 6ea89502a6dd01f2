// Two tabs of one browser: a change in one shows in the other at once, also offline, and
// opening the app again and again in two tabs does not grow the stored logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, cuttableContext, postBulletin } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

const entries = (page) => page.evaluate(async () => {
  const db = await new Promise((res, rej) => { const q = indexedDB.open('liandong'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const count = await new Promise((res) => { const r = db.transaction('updates').objectStore('updates').count(); r.onsuccess = () => res(r.result); });
  db.close();
  return count;
});

test('a change in one tab shows in the other at once, also offline; reopening adds nothing', async () => {
  const handle = await cuttableContext(browser, { viewport: { width: 390, height: 844 } });
  const one = await handle.context.newPage();
  await one.goto(relay.logins['damiao station_head']);
  await one.getByTestId('signed-in').waitFor();
  await one.goto(new URL('/bulletins', relay.url).href);
  await one.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  const two = await handle.context.newPage();
  await two.goto(new URL('/bulletins', relay.url).href);
  await two.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });

  handle.cut();
  const title = `两个标签页-${Date.now()}`;
  await postBulletin(one, title);
  await two.getByTestId('bulletin').filter({ hasText: title }).waitFor({ timeout: 3_000 });

  handle.restore();
  await one.evaluate(() => window.dispatchEvent(new Event('online')));
  await two.evaluate(() => window.dispatchEvent(new Event('online')));
  await one.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  await two.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });

  // Reload both tabs ten times without editing: the stored logs stay as they are.
  await one.reload();
  await two.reload();
  await one.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  await two.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  const settled = await entries(one);
  for (let i = 0; i < 10; i++) {
    await Promise.all([one.reload(), two.reload()]);
    await one.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
    await two.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  }
  assert.equal(await entries(one), settled, 'stored entries grew without edits');
  await handle.context.close();
});

test('signing out with changes not yet at the relay asks first', async () => {
  const handle = await cuttableContext(browser);
  const page = await handle.context.newPage();
  await page.goto(relay.logins['desheng liaison']);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/bulletins', relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  handle.cut();
  await postBulletin(page, `未上传-${Date.now()}`);
  await page.getByTestId('sync-badge').filter({ hasText: '1 项修改待上传' }).waitFor({ timeout: 10_000 });
  await page.goto(new URL('/settings', relay.url).href);
  const asked = page.waitForEvent('dialog', { timeout: 10_000 }).then(async (dialog) => {
    const message = dialog.message();
    await dialog.dismiss();
    return message;
  });
  await page.getByRole('button', { name: '退出登录' }).click();
  assert.match(await asked, /1 项修改尚未上传/);
  await page.getByTestId('who').waitFor();
  await handle.context.close();
});
