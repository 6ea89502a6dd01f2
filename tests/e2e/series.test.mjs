// Case series (串并案) end to end: the center station's liaison (得胜 Desheng) links
// bulletins into a series from a bulletin's page, picking them by title, station and date;
// the app moves to the series without asking to leave the page, the series survives a
// reload, a bulletin joins the existing series later, and the bulletins page lists the
// series. An officer of a member station sees the series but cannot link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors, screenshot, cuttableContext, postBulletin } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

async function officer(role) {
  const handle = await cuttableContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await handle.context.newPage();
  const errors = watchForErrors(page);
  // Every dialog (a "Leave site?" above all) is recorded and answered "Stay".
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); d.dismiss().catch(() => {}); });
  await page.goto(relay.logins[role]);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/bulletins', relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  return { ...handle, page, errors, dialogs };
}

const open = async (page, title) => {
  await page.getByRole('link', { name: '通报', exact: true }).first().click();
  await page.getByTestId('bulletin').filter({ hasText: title }).getByRole('link').click();
  await page.getByTestId('bulletin-detail').waitFor();
};

test('the center station links bulletins into a series, adds one later, and lists it', async () => {
  const a = await officer('desheng liaison');
  const stamp = Date.now();
  const titles = [1, 2, 3].map((n) => `耕牛被盗-${stamp}-${n}`);
  const series = `耕牛盗窃团伙-${stamp}`;
  for (const t of titles) await postBulletin(a.page, t);

  await open(a.page, titles[0]);
  const form = a.page.getByTestId('series-form');
  await form.getByLabel('串并案名称').fill(series);
  const pick = form.getByTestId('series-candidate').filter({ hasText: titles[1] });
  // Each candidate says where and when, so four bulletins of one title can be told apart.
  assert.match(await pick.textContent(), /得胜派出所/);
  assert.match(await pick.textContent(), /\d\d-\d\d \d\d:\d\d/);
  await pick.getByRole('checkbox').check();
  await screenshot(a.page, 'series-pick');
  await form.getByRole('button', { name: '串并', exact: true }).click();

  const timeline = a.page.getByTestId('timeline');
  await timeline.getByRole('link', { name: titles[1] }).waitFor({ timeout: 10_000 });
  assert.deepEqual(a.dialogs, [], 'no "Leave site?" question');
  assert.match(a.page.url(), /\/series\/[0-9a-f-]+$/);
  await a.page.getByRole('heading', { name: series }).waitFor();

  // Stored: still there after a reload.
  await a.page.reload();
  await a.page.getByTestId('timeline').getByRole('link', { name: titles[0] }).waitFor({ timeout: 10_000 });

  // A third bulletin joins the existing series from its own page.
  await open(a.page, titles[2]);
  await a.page.getByTestId('series-form').getByLabel('串并到').selectOption({ label: series });
  await a.page.getByTestId('series-form').getByRole('button', { name: '加入串并案' }).click();
  await a.page.getByTestId('timeline').getByRole('link', { name: titles[2] }).waitFor({ timeout: 10_000 });
  assert.equal(await a.page.getByTestId('timeline').getByRole('link').count(), 3);

  // The list of series, from the bulletins page.
  await a.page.getByRole('link', { name: '通报', exact: true }).first().click();
  await a.page.getByRole('link', { name: '串并案' }).click();
  const row = a.page.getByTestId('series-row').filter({ hasText: series });
  await row.waitFor();
  assert.match(await row.textContent(), /3 条通报/);
  await screenshot(a.page, 'series-list');
  assert.deepEqual(a.dialogs, []);
  assert.deepEqual(a.errors(), []);

  // A member station's officer sees the series but is not offered linking.
  const b = await officer('damiao officer');
  await b.page.getByRole('link', { name: '串并案' }).click();
  await b.page.getByTestId('series-row').filter({ hasText: series }).waitFor({ timeout: 10_000 });
  await open(b.page, titles[0]);
  await b.page.getByRole('link', { name: series }).waitFor();
  assert.equal(await b.page.getByTestId('series-form').count(), 0);
  for (const o of [a, b]) await o.context.close();
});
