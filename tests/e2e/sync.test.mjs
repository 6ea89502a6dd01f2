// Local-first sync end to end: the release app served by a real relay, three officers in
// three browser contexts. A (得胜 Desheng liaison) works offline, reloads offline, comes
// back; B (大庙 Damiao officer, same region) sees the change within 5 s; C (麻家渡 Majiadu,
// another region) never does. Then the relay is killed and restarted while A edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRelay, launchBrowser, watchForErrors, screenshot, cuttableContext, postBulletin, proveSynced } from './harness.mjs';

let relay, browser, data;
before(async () => {
  data = mkdtempSync(path.join(tmpdir(), 'liandong-sync-'));
  relay = await startRelay({ demo: true, data });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await relay?.stop();
  rmSync(data, { recursive: true, force: true });
});

const badge = (page) => page.getByTestId('sync-badge');

async function signIn(link, { cuttable = false } = {}) {
  const handle = cuttable ? await cuttableContext(browser, { viewport: { width: 390, height: 844 } }) : { context: await browser.newContext({ viewport: { width: 390, height: 844 } }) };
  const page = await handle.context.newPage();
  const errors = watchForErrors(page);
  await page.goto(link);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/bulletins', relay.url).href);
  await badge(page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
  return { ...handle, page, errors };
}

const post = (page, title) => postBulletin(page, title, { content: `${title}：嫌疑人驾驶白色面包车。` });

const listed = (page, title) => page.getByTestId('bulletin').filter({ hasText: title });

test('with no network at all the app still opens, reloads and shows what is on the device', async () => {
  const a = await signIn(relay.logins['desheng liaison']);
  const title = `断网打开-${Date.now()}`;
  await post(a.page, title);
  await badge(a.page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 10_000 });
  // The service worker has stored the app's files once it controls the page.
  await a.page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await a.page.reload();
  await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await listed(a.page, title).waitFor();

  await a.context.setOffline(true);
  await a.page.reload();
  await listed(a.page, title).waitFor({ timeout: 10_000 });
  await badge(a.page).filter({ hasText: '离线' }).waitFor({ timeout: 10_000 });
  // Another screen opened directly, also with no network.
  await a.page.goto(new URL('/settings', relay.url).href);
  await a.page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
  await screenshot(a.page, 'sync-opened-offline');
  await a.context.close();
});

test('an offline change survives a reload, reaches the region when back online, and never another region', async () => {
  const a = await signIn(relay.logins['desheng liaison'], { cuttable: true });
  const b = await signIn(relay.logins['damiao officer']);
  const c = await signIn(relay.logins['majiadu officer']);
  const title = `离线通报-${Date.now()}`;

  a.cut();
  await badge(a.page).filter({ hasText: '离线' }).waitFor({ timeout: 10_000 });
  await post(a.page, title);
  await badge(a.page).filter({ hasText: '1 项修改待上传' }).waitFor();
  await a.page.reload();
  await listed(a.page, title).waitFor();
  await badge(a.page).filter({ hasText: '1 项修改待上传' }).waitFor({ timeout: 10_000 });
  assert.match(await badge(a.page).textContent(), /起离线/);
  await screenshot(a.page, 'sync-offline-waiting');

  a.restore();
  await a.page.evaluate(() => window.dispatchEvent(new Event('online')));
  const seenAt = Date.now();
  await listed(b.page, title).waitFor({ timeout: 5_000 });
  assert.ok(Date.now() - seenAt <= 5_000, 'B saw it within 5 s');
  await badge(a.page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 10_000 });
  await screenshot(a.page, 'sync-saved');
  await screenshot(b.page, 'sync-other-station');

  // C has everything the relay sent it since A's change was saved there: then nothing of it.
  await proveSynced(browser, relay, c.page, relay.logins['majiadu officer']);
  assert.equal(await listed(c.page, title).count(), 0, 'an officer of another region received it');

  // The browser logs the requests that fail while A is cut off; those are the test's doing.
  for (const o of [a, b, c]) assert.deepEqual(o.errors().filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  for (const o of [a, b, c]) await o.context.close();
});

test('the relay is killed and restarted while A edits: nothing is lost and A resyncs by itself', async () => {
  const a = await signIn(relay.logins['desheng liaison']);
  const b = await signIn(relay.logins['damiao officer']);
  const first = `重启前-${Date.now()}`;
  const second = `重启中-${Date.now()}`;
  await post(a.page, first);
  await listed(b.page, first).waitFor({ timeout: 5_000 });

  const port = relay.port;
  const headLink = relay.logins['damiao station_head'];
  await relay.kill();
  await post(a.page, second);
  await badge(a.page).filter({ hasText: '待上传' }).waitFor({ timeout: 10_000 });
  relay = await startRelay({ data, port });

  await listed(b.page, second).waitFor({ timeout: 30_000 });
  await badge(a.page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 30_000 });
  // A device that was never signed in gets both from the restarted relay's storage.
  const fresh = await signIn(headLink);
  await listed(fresh.page, first).waitFor({ timeout: 10_000 });
  await listed(fresh.page, second).waitFor({ timeout: 10_000 });
  for (const o of [a, b, fresh]) await o.context.close();
});
