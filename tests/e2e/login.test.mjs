// Sign-in with a login link that cannot be used: an expired link and an altered (forged)
// one are refused on the login page, which says so and that the county bureau's
// administrator gives out new links; nothing is stored, so the device is not signed in.
// A sign-in that expires later turns the sync badge to "登录已过期" (never "offline"), and
// Settings says how to get a new link. A good link is checked with the relay once, by
// index.html while the Wasm still comes down (src/sync/verdict.rs takes the answer).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startRelay, launchBrowser, watchForErrors, screenshot, until } from './harness.mjs';
import { throttleProxy } from './throttle.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

/** A demo officer's claims, re-signed with the relay's key (HS256) to expire at `exp`. */
function tokenExpiringAt(role, exp) {
  const link = relay.logins[role];
  const token = decodeURIComponent(link.split('#token=')[1]);
  const [header, payload] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp };
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const key = Buffer.from(readFileSync(path.join(relay.dataDir, 'token.key'), 'utf8').trim(), 'hex');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

const loginUrl = (token) => new URL(`/login#token=${encodeURIComponent(token)}`, relay.url).href;
const now = () => Math.floor(Date.now() / 1000);

async function page() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await context.newPage();
  return { context, page: p, errors: watchForErrors(p) };
}

test('a login link is checked with the relay once, while the Wasm still comes down', async () => {
  // At 1 Mbit/s the Wasm takes seconds, so "before it arrived" is not a race.
  const proxy = await throttleProxy({ target: `127.0.0.1:${relay.port}`, kbps: 1000, rttMs: 100 });
  const { context, page: p, errors } = await page();
  try {
    const asked = [];
    let wasmArrived = null;
    p.on('request', (r) => { if (new URL(r.url()).pathname === '/session') asked.push({ at: Date.now(), auth: r.headers().authorization }); });
    p.on('requestfinished', (r) => { if (new URL(r.url()).pathname.endsWith('_bg.wasm')) wasmArrived = Date.now(); });
    proxy.setMode('throttled');
    const origin = `http://127.0.0.1:${proxy.port}`;
    await p.goto(relay.logins['damiao officer'].replace(relay.url.replace(/\/$/, ''), origin));
    await p.getByTestId('signed-in').waitFor({ timeout: 60_000 });
    const token = decodeURIComponent(relay.logins['damiao officer'].split('#token=')[1]);
    assert.deepEqual(asked.map((a) => a.auth), [`Bearer ${token}`], 'one question, with the link\'s token');
    assert.ok(wasmArrived && asked[0].at < wasmArrived, 'asked before the Wasm arrived');
    assert.equal(await p.evaluate(() => window.liandongSession), undefined, 'the app took the answer');
    assert.deepEqual(errors(), []);
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('on a slow link an altered login link is refused by the loader, before the app has come down', async () => {
  const proxy = await throttleProxy({ target: `127.0.0.1:${relay.port}`, kbps: 500, rttMs: 100 });
  const { context, page: p } = await page();
  try {
    const token = decodeURIComponent(relay.logins['damiao officer'].split('#token=')[1]);
    const forged = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    proxy.setMode('throttled');
    await p.goto(`http://127.0.0.1:${proxy.port}/login#token=${forged}`, { waitUntil: 'commit' });
    const loader = p.locator('#boot small[role=alert]');
    await loader.waitFor({ timeout: 30_000 });
    assert.match(await loader.textContent(), /无效.*县局管理员/);
    assert.equal(await p.locator('#boot').count(), 1, 'said while the app still comes down');
    await p.getByTestId('sign-in-refused').waitFor({ timeout: 60_000 });
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('a first sign-in says the data is still coming until the first sync, not "no duty", and installs after it', async () => {
  const proxy = await throttleProxy({ target: `127.0.0.1:${relay.port}`, kbps: 1000, rttMs: 100 });
  const { context, page: p, errors } = await page();
  try {
    proxy.setMode('throttled');
    const origin = `http://127.0.0.1:${proxy.port}`;
    await p.goto(relay.logins['damiao officer'].replace(relay.url.replace(/\/$/, ''), origin));
    await p.getByTestId('signed-in').waitFor({ timeout: 60_000 });
    // The link drops before the first sync could answer.
    proxy.setMode('down');
    await p.getByRole('link', { name: '进入首页' }).click();
    const note = p.getByTestId('first-sync');
    await note.waitFor();
    assert.match(await note.textContent(), /首次同步中/);
    assert.match(await p.getByTestId('my-duty').textContent(), /排班还在从县局接收/);
    assert.doesNotMatch(await p.getByTestId('my-duty').textContent(), /没有排班/);
    // The app's offline copy (about 1 MB) waits for the data: no install yet.
    const registered = () => p.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()));
    assert.equal(await registered(), false, 'no service worker before the first sync');
    await screenshot(p, 'home-first-sync');
    // Once the link is back and the documents arrive, the note goes.
    proxy.setMode('open');
    await p.evaluate(() => dispatchEvent(new Event('online')));
    await note.waitFor({ state: 'detached', timeout: 60_000 });
    assert.doesNotMatch(await p.getByTestId('my-duty').textContent(), /还在从县局接收/);
    await until(registered, { timeout: 30_000, what: 'the service worker registered after the first sync' });
    assert.deepEqual(errors().filter((e) => !/WebSocket|ERR_|Failed to load|fetching the script/.test(e)), []);
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('an expired login link is refused and says how to get a new one', async () => {
  const { context, page: p } = await page();
  await p.goto(loginUrl(tokenExpiringAt('desheng liaison', now() - 3600)));
  const refused = p.getByTestId('sign-in-refused');
  await refused.waitFor();
  assert.match(await refused.textContent(), /已过期/);
  assert.match(await refused.textContent(), /县局管理员/);
  assert.equal(await p.getByTestId('signed-in').count(), 0);
  assert.equal(await p.getByText('已登录为').count(), 0);
  await screenshot(p, 'login-expired');
  await context.close();
});

test('an altered login link is refused as invalid', async () => {
  const { context, page: p } = await page();
  const token = decodeURIComponent(relay.logins['damiao officer'].split('#token=')[1]);
  const [h, claims, sig] = token.split('.');
  const forged = `${h}.${claims}.${sig.slice(0, -4)}${sig.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  await p.goto(loginUrl(forged));
  const refused = p.getByTestId('sign-in-refused');
  await refused.waitFor();
  assert.match(await refused.textContent(), /无效/);
  assert.match(await refused.textContent(), /县局管理员/);
  assert.equal(await p.getByTestId('signed-in').count(), 0);
  await context.close();
});

test('a sign-in that expires later shows "登录已过期", never "offline"', async () => {
  const { context, page: p } = await page();
  const exp = now() + 4;
  await p.goto(loginUrl(tokenExpiringAt('damiao liaison', exp)));
  await p.getByTestId('signed-in').waitFor();
  // Wait (on the browser's clock) until the token is past its expiry, then start again.
  await p.waitForFunction((e) => Date.now() / 1000 > e + 1, exp, { timeout: 20_000, polling: 200 });
  await p.goto(new URL('/settings', relay.url).href);
  await p.getByTestId('sync-badge').filter({ hasText: '登录已过期' }).waitFor({ timeout: 20_000 });
  assert.doesNotMatch(await p.getByTestId('sync-badge').textContent(), /离线/);
  const hint = p.getByTestId('sign-in-expired');
  await hint.waitFor();
  assert.match(await hint.textContent(), /县局管理员/);
  await screenshot(p, 'sign-in-expired-settings');
  await context.close();
});
