// The Wasm split per page (issue 15, src/routes.rs): a first visit downloads only the module
// Home and the nav need; a page's module comes the first time the page opens. Offline before
// the service worker stored the whole build, a page not opened yet says it must be
// downloaded and opens by itself when the link returns; the app keeps running meanwhile.
// While a page's code is on its way, it says so and the page shown so far takes no input.
// Once the build is stored, every module is loaded in the background.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startRelay, launchBrowser, screenshot } from './harness.mjs';

const zh = JSON.parse(readFileSync(new URL('../../locales/zh.json', import.meta.url), 'utf8'));
let relay, browser;
before(async () => {
  relay = await startRelay({ demo: true });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await relay?.stop(); });

/** The Wasm files this page fetched so far, by name. */
const wasmFetched = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => new URL(e.name).pathname.slice(1)).filter((name) => name.endsWith('.wasm')));

async function signedInWithoutServiceWorker() {
  // No service worker: nothing is stored ahead, as during a first visit on a slow link.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(relay.logins['damiao officer']);
  await page.getByTestId('signed-in').waitFor();
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: zh.nav_home }).click();
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  return { context, page };
}

test('a first visit fetches only the main module; a page fetches its own when first opened', async () => {
  const { context, page } = await signedInWithoutServiceWorker();
  try {
    const first = await wasmFetched(page);
    assert.equal(first.length, 1, `first visit: ${first.join(', ')}`);
    assert.match(first[0], /^liandong-[0-9a-f]+_bg\.wasm$/);
    // Held back a moment, the roster's module is on its way: the notice shows and the page
    // shown so far takes no input.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await context.route(/\/split_[^/]*roster[^/]*\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: zh.nav_roster }).click();
    await page.getByTestId('module-loading').filter({ hasText: zh.module_loading }).waitFor();
    assert.equal(await page.locator('main.page').getAttribute('aria-busy'), 'true');
    release();
    await page.getByRole('heading', { name: zh.roster_title, level: 1 }).waitFor();
    await page.getByTestId('module-loading').waitFor({ state: 'detached' });
    assert.equal(await page.locator('main.page').getAttribute('aria-busy'), null);
    const after = await wasmFetched(page);
    assert.ok(after.some((name) => name.startsWith('split_') && name.includes('roster')), `after opening the roster: ${after.join(', ')}`);
  } finally {
    await context.close();
  }
});

test('offline on a first visit, a page not opened yet says so and opens when the link returns', async () => {
  const { context, page } = await signedInWithoutServiceWorker();
  try {
    await context.setOffline(true);
    const nav = page.getByRole('navigation', { name: 'main' });
    await nav.getByRole('link', { name: zh.nav_districts }).click();
    const notice = page.getByTestId('module-waiting');
    await notice.waitFor();
    assert.equal(await notice.textContent(), zh.module_waiting);
    await screenshot(page, 'lazy-route-offline-zh');
    // The app still runs: Home (in the main module) opens and takes input.
    await nav.getByRole('link', { name: zh.nav_home }).click();
    await page.getByTestId('sync-badge').waitFor();
    assert.equal(await page.locator('main.page').getAttribute('aria-busy'), null);
    // Two pages waiting at once: when the link returns, the one tapped last opens, whichever
    // code arrives last.
    await nav.getByRole('link', { name: zh.nav_districts }).click();
    await nav.getByRole('link', { name: zh.nav_roster }).click();
    await context.setOffline(false);
    await page.getByRole('heading', { name: zh.roster_title, level: 1 }).waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).pathname, '/roster');
    await notice.waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
});

test('once the build is stored, every page\'s module is loaded in the background, and pages open offline', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto(relay.logins['damiao officer']);
    await page.getByTestId('signed-in').waitFor();
    // The preload starts 3 s after the service worker takes over: from now on, note whether
    // the page shown is ever dimmed or made inert by it (an officer may be typing).
    await page.evaluate(() => {
      window.busyDuringPreload = false;
      new MutationObserver(() => {
        if (document.querySelector('main.page[inert], [data-testid=module-loading]')) window.busyDuringPreload = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['inert'] });
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90_000 });
    // 11 lazy routes (src/routes.rs), none opened by hand.
    await page.waitForFunction(() => performance.getEntriesByType('resource')
      .filter((e) => /\/split_[^/]*\.wasm$/.test(e.name)).length >= 11, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.busyDuringPreload), false, 'the background preload dimmed the page or made it inert');
    await context.setOffline(true);
    const nav = page.getByRole('navigation', { name: 'main' });
    await nav.getByRole('link', { name: zh.nav_roster }).click();
    await page.getByRole('heading', { name: zh.roster_title, level: 1 }).waitFor();
    await nav.getByRole('link', { name: zh.nav_districts }).click();
    await page.getByRole('heading', { name: zh.districts_title, level: 1 }).waitFor();
    assert.equal(await page.getByTestId('module-waiting').count(), 0);
  } finally {
    await context.close();
  }
});
