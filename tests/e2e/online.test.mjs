// The browser says the network is gone, then back (a laptop's Wi-Fi dropping for a moment):
// the badge shows the officer offline at once, and once the browser is online again it says
// everything is saved as soon as the relay answers, not at the next liveness probe (30 s
// later; a new-user trial saw 23–56 s).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors } from './harness.mjs';

let relay, browser;
before(async () => {
  relay = await startRelay({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await relay?.stop();
});

test('offline for a moment, then online: the badge is back to 已保存到县局 within seconds', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(relay.logins['desheng liaison']);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/bulletins', relay.url).href);
  const badge = page.getByTestId('sync-badge');
  await badge.filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });

  await context.setOffline(true);
  await badge.filter({ hasText: '起离线' }).waitFor({ timeout: 5_000 });
  await context.setOffline(false);
  const back = Date.now();
  await badge.filter({ hasText: '已保存到县局' }).waitFor({ timeout: 10_000 });
  console.log(`back to 已保存到县局 ${((Date.now() - back) / 1000).toFixed(2)} s after the browser was online again`);
  assert.deepEqual(errors().filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});
