// The installed app (issue 9): it starts with the relay stopped and shows the officer's
// data from the device; a new deploy is offered ("新版本已就绪") and runs after a reload;
// a deploy that cannot be fully downloaded never replaces the running version; old
// caches go; Chromium finds the app installable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startRelay, launchBrowser, watchForErrors, screenshot, postBulletin, chromiumArgs } from './harness.mjs';
import { nextBuild, currentBuild } from './builds.mjs';

let browser;
const data = mkdtempSync(path.join(tmpdir(), 'liandong-pwa-'));
const builds = [];
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  rmSync(data, { recursive: true, force: true });
  builds.forEach((b) => b.remove());
});

const badge = (page) => page.getByTestId('sync-badge');
const running = (page) => page.evaluate(() => document.querySelector('meta[name=liandong-build]').content);
const cacheNames = (page) => page.evaluate(() => caches.keys());

test('the installed app starts with the relay stopped, then takes each new deploy on reload', async () => {
  let relay = await startRelay({ demo: true, data });
  const origin = relay.url;
  const first = currentBuild();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  try {
    await page.goto(relay.logins['desheng liaison']);
    await page.getByTestId('signed-in').waitFor();
    await page.goto(new URL('/bulletins', origin).href);
    // Synced first: while the first install ran, the lazily loaded form was once seen built
    // a second time, dropping the typed title (2 runs of 8; issue 15's note).
    await badge(page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
    const title = `安装后断网-${Date.now()}`;
    await postBulletin(page, title);
    await badge(page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
    // The whole build is stored before the worker takes control: on a loaded 2-core machine
    // that took more than 30 s once (CI of 2026-12-06), so wait longer; the condition is the same.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90_000 });
    assert.deepEqual(await cacheNames(page), [`liandong-${first}`], 'the first visit stores this build');

    // Every document of the officer has synced once (Settings lists them).
    await page.goto(new URL('/settings', origin).href);
    await page.waitForFunction(() => {
      const list = document.querySelector('[data-testid=doc-list]')?.innerText ?? '';
      return list.includes('最近同步') && !/尚未同步|正在连接/.test(list);
    }, null, { timeout: 30_000 }).catch(async (e) => {
      throw new Error(`${e.message}\n${await page.getByTestId('doc-list').innerText()}`);
    });

    // No relay at all: the app starts from its cache with the officer's data.
    await relay.stop();
    await page.goto(origin);
    await page.getByTestId('who').waitFor({ timeout: 10_000 });
    await page.getByTestId('bulletin').filter({ hasText: title }).waitFor({ timeout: 10_000 });
    await badge(page).filter({ hasText: '离线' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'pwa-started-offline');
    // Screens opened directly, as an installed app's window does, with what they had.
    await page.goto(new URL('/bulletins', origin).href);
    await page.getByTestId('bulletin').filter({ hasText: title }).waitFor({ timeout: 10_000 });
    // The filter is filled ("all" and the region's five stations), offline too.
    assert.equal(await page.locator('select[aria-label="全部派出所"] option').count(), 6, 'the station filter is filled');
    await page.goto(new URL('/settings', origin).href);
    await page.getByTestId('offline-start').filter({ hasText: '已安装到本设备' }).waitFor();
    await page.getByTestId('app-version').filter({ hasText: first }).waitFor();
    // Honest about the last sync (an earlier session's), and regions named as regions.
    const docs = page.getByTestId('doc-list');
    await docs.filter({ hasText: '得胜联动区域 · 区域通报' }).waitFor();
    await page.waitForFunction(() => {
      const list = document.querySelector('[data-testid=doc-list]')?.innerText ?? '';
      return list.includes('最近同步') && !/尚未同步/.test(list);
    }, null, { timeout: 10_000 }).catch(async () => {
      assert.fail(`a document says it never synced:\n${await docs.innerText()}`);
    });
    await screenshot(page, 'pwa-offline-settings');

    // A new deploy: the page that starts keeps its build and offers the new one.
    const second = nextBuild('second deploy');
    builds.push(second);
    relay = await startRelay({ data, port: relay.port, app: second.dir });
    await page.reload();
    await page.getByTestId('update-ready').waitFor({ timeout: 30_000 });
    assert.equal(await running(page), first, 'the open page keeps the build it started with');
    await screenshot(page, 'pwa-update-ready');
    await page.getByTestId('update-ready').getByRole('button', { name: '重新加载' }).click();
    await page.waitForFunction((b) => document.querySelector('meta[name=liandong-build]')?.content === b, second.build);
    await page.getByTestId('app-version').filter({ hasText: second.build }).waitFor();
    const sheet = await page.evaluate(() => document.querySelector('link[rel=stylesheet]').getAttribute('href'));
    assert.equal(sheet, `/${second.css}`, 'the new build\'s stylesheet is in use');
    assert.equal(await page.getByTestId('update-ready').count(), 0, 'no offer once the new build runs');
    assert.deepEqual((await cacheNames(page)).sort(), [`liandong-${first}`, `liandong-${second.build}`].sort());

    // A deploy with a changed file missing cannot be stored whole: the running version stays.
    const broken = nextBuild('broken deploy', { drop: 'css' });
    builds.push(broken);
    await relay.stop();
    relay = await startRelay({ data, port: relay.port, app: broken.dir });
    await page.reload();
    // Wait for the install attempt to end, successful or not: the worker it installs turns
    // `redundant` (it never took over) or `activated` (it did, and the page was told).
    const ended = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update().catch(() => {});
      const worker = registration.installing ?? registration.waiting;
      if (!worker) return 'no install';
      const over = () => worker.state === 'redundant' || worker.state === 'activated';
      if (!over()) await new Promise((resolve) => worker.addEventListener('statechange', () => over() && resolve()));
      // A worker that took over has told the page by now (controllerchange comes first).
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      return worker.state;
    });
    assert.notEqual(ended, 'no install', 'the broken deploy was tried');
    assert.equal(await page.getByTestId('update-ready').count(), 0, `a broken deploy is not offered (its worker: ${ended})`);
    await page.reload();
    assert.equal(await running(page), second.build, 'the running version is untouched');
    await page.getByTestId('app-version').waitFor();
    // An attempt may be under way (the page retries), but the broken build is never whole.
    const whole = await page.evaluate(async (name) => (await caches.has(name)) && !!(await (await caches.open(name)).match('/.liandong-complete')), `liandong-${broken.build}`);
    assert.equal(whole, false, 'the broken deploy is never stored whole');

    // The next good deploy: the cache of the build before last is removed.
    const third = nextBuild('third deploy');
    builds.push(third);
    await relay.stop();
    relay = await startRelay({ data, port: relay.port, app: third.dir });
    // No reload this time: the open app notices the new build when its link comes back.
    await page.getByTestId('update-ready').waitFor({ timeout: 60_000 });
    await page.getByTestId('update-ready').getByRole('button', { name: '重新加载' }).click();
    await page.waitForFunction((b) => document.querySelector('meta[name=liandong-build]')?.content === b, third.build);
    assert.deepEqual((await cacheNames(page)).sort(), [`liandong-${second.build}`, `liandong-${third.build}`].sort());
    await badge(page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(errors().filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|WebSocket/.test(e)), []);
  } finally {
    await context.close();
    await relay.stop();
  }
});

test('Chromium finds the app installable: valid manifest, icons, service worker', async () => {
  const relay = await startRelay({ demo: true });
  // A profile on disk: Chromium never offers to install from an incognito context.
  const profile = mkdtempSync(path.join(tmpdir(), 'liandong-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const page = context.pages()[0] ?? await context.newPage();
  try {
    await page.goto(relay.logins['damiao officer']);
    await page.getByTestId('signed-in').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'manifest errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'installability errors');
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.display, 'standalone');
    assert.equal(parsed.lang, 'zh-CN');
  } finally {
    await context.close();
    await relay.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('on a LAN address the app needs HTTPS; over HTTPS it installs, syncs over wss:// and starts with the relay stopped', async () => {
  // Laptops reach the relay by a name or LAN address, which is no secure context over
  // plain HTTP: Chromium maps the name relay.county.lan to this machine.
  const lan = (url) => url.replace('127.0.0.1', 'relay.county.lan');
  const tls = mkdtempSync(path.join(tmpdir(), 'liandong-tls-'));
  const bin = process.env.LIANDONG_RELAY_BIN ?? path.join(process.cwd(), 'target/relay/liandong-relay');
  // The operator's trial pair (README, "HTTPS for community laptops"); this browser trusts
  // the relay's key the way a laptop with ca.pem installed trusts its certificate.
  const made = execFileSync(bin, ['tls', 'self-signed', '--host', 'relay.county.lan', '--out', tls], { encoding: 'utf8' });
  const spki = made.match(/--ignore-certificate-errors-spki-list=(\S+)\)/)[1];
  const laptop = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: [...chromiumArgs, '--host-resolver-rules=MAP relay.county.lan 127.0.0.1', `--ignore-certificate-errors-spki-list=${spki}`],
  });
  let relay = await startRelay({ demo: true });
  try {
    // Plain HTTP: the app works online but says honestly that it cannot start offline.
    const plain = await laptop.newPage();
    await plain.goto(lan(relay.logins['damiao officer']));
    await plain.getByTestId('signed-in').waitFor();
    await plain.goto(lan(new URL('/settings', relay.url).href));
    await plain.getByTestId('offline-start').filter({ hasText: '不是 HTTPS' }).waitFor();
    assert.equal(await plain.evaluate(() => 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null), false);
    await screenshot(plain, 'pwa-needs-https');
    await plain.close();
    await relay.stop();

    relay = await startRelay({ demo: true, tls: { cert: path.join(tls, 'cert.pem'), key: path.join(tls, 'key.pem') } });
    assert.match(relay.url, /^https:\/\//);
    const page = await laptop.newPage();
    const errors = watchForErrors(page);
    await page.goto(lan(relay.logins['damiao officer']));
    await page.getByTestId('signed-in').waitFor();
    assert.equal(await page.evaluate(() => window.isSecureContext), true);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.goto(lan(new URL('/bulletins', relay.url).href));
    const title = `HTTPS-${Date.now()}`;
    await postBulletin(page, title);
    await badge(page).filter({ hasText: '已保存到县局' }).waitFor({ timeout: 15_000 });
    await relay.stop();
    await page.goto(lan(relay.url));
    await page.getByTestId('bulletin').filter({ hasText: title }).waitFor({ timeout: 10_000 });
    await badge(page).filter({ hasText: '离线' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(errors().filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|WebSocket/.test(e)), []);
  } finally {
    await laptop.close();
    await relay.stop();
    rmSync(tls, { recursive: true, force: true });
  }
});
