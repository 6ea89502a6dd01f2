// The app shell end to end: the release app, served by the relay, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors, screenshot } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

test('the shell opens in Chinese, navigates between pages, and shows no error', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const errors = watchForErrors(page);
  await page.goto(relay.url);

  await assert.doesNotReject(page.getByRole('banner').getByText('联动', { exact: true }).waitFor());
  const nav = page.getByRole('navigation', { name: 'main' });
  for (const label of ['首页', '通报', '排班', '警务区', '区域', '设置']) {
    await assert.doesNotReject(nav.getByRole('link', { name: label, exact: true }).waitFor(), label);
  }
  assert.equal(await page.title(), '联动 · 区域联动警务');
  await screenshot(page, 'shell-home');

  await nav.getByRole('link', { name: '通报', exact: true }).click();
  await page.waitForURL(/\/bulletins$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '通报');
  await screenshot(page, 'shell-bulletins');

  await nav.getByRole('link', { name: '排班', exact: true }).click();
  await page.waitForURL(/\/roster$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '排班');

  assert.deepEqual(errors(), []);
  await page.close();
});

test('a deep link to a page loads that page directly', async () => {
  const page = await browser.newPage();
  const errors = watchForErrors(page);
  await page.goto(new URL('/districts', relay.url).href);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '警务区与警务室');
  assert.deepEqual(errors(), []);
  await page.close();
});

test('English chosen in Settings is remembered after a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(new URL('/settings', relay.url).href);
  await page.getByRole('radio', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Bulletins' }).count(), 1);
  assert.match(await page.title(), /Liandong/);
  await screenshot(page, 'shell-settings-english');

  await page.getByRole('radio', { name: '中文' }).click();
  await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
  assert.deepEqual(errors(), []);
  await context.close();
});
