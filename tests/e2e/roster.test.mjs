// Rosters end to end with the real relay: the 大庙 Damiao station head (所长) and deputy
// head (副所长) plan in two browsers, both offline: each plans part of one officer's week,
// legal on its own; merged, the officer works seven days in a row. Once both reconnect,
// both see the violation and who made each edit. Also: a refused edit says why, and a
// rotation pattern applied to a week in one browser shows in the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors, screenshot, cuttableContext } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true, log: 'info' }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

/** The name in a login link's token. */
const nameOf = (link) => JSON.parse(Buffer.from(link.split('#token=')[1].split('.')[1], 'base64url').toString()).name;

async function device(login) {
  const handle = await cuttableContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await handle.context.newPage();
  const errors = watchForErrors(page);
  await page.goto(login);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/roster', relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  await page.getByTestId('roster-grid').locator('tbody tr').first().waitFor();
  // Next week: inside the demo roster, never "today".
  await page.getByRole('button', { name: '下一段' }).click();
  return { ...handle, page, errors, name: nameOf(login) };
}

const head = () => device(relay.logins['damiao station_head']);
const deputy = () => device(relay.logins['damiao station_head 2']);

const online = async (d) => { d.restore(); await d.page.evaluate(() => window.dispatchEvent(new Event('online'))); };
const cell = (page, officer, day) => page.locator(`tr[data-officer="${officer}"] td[data-day="${day}"] button.cell`);

test('two offline edits, each legal, break a rule together: both devices show it after the sync', async () => {
  // Six weeks ahead, past the demo roster: an empty week. On the laptop the head puts an
  // officer on standby Monday to Wednesday, on the phone Thursday to Sunday; each device
  // alone has at most four days in a row, merged there are seven (the county's maximum
  // is six).
  const laptop = await head();
  const phone = await deputy();
  assert.notEqual(laptop.name, phone.name);
  for (const d of [laptop, phone]) {
    for (let i = 0; i < 5; i++) await d.page.getByRole('button', { name: '下一段' }).click();
  }
  const officer = await laptop.page.locator('tbody tr').nth(1).getAttribute('data-officer');
  const dates = await laptop.page.locator('tbody tr').nth(1).locator('td').evaluateAll((tds) => tds.map((td) => td.dataset.day));
  assert.equal(dates.length, 7);
  const plan = async (d, day) => {
    await cell(d.page, officer, day).click();
    await d.page.getByTestId('cell-editor').getByRole('combobox').first().selectOption('standby');
    await d.page.getByRole('button', { name: '排班', exact: true }).click();
    await d.page.getByTestId('cell-editor').getByText('已保存').waitFor();
  };

  laptop.cut();
  phone.cut();
  for (const day of dates.slice(0, 3)) await plan(laptop, day);
  for (const day of dates.slice(3)) await plan(phone, day);
  const run = (d) => d.page.getByTestId('finding').filter({ hasText: officer }).filter({ hasText: '连续值勤' });
  for (const d of [laptop, phone]) assert.equal(await run(d).count(), 0, 'each device alone keeps the rule');

  await online(laptop);
  await online(phone);
  for (const d of [laptop, phone]) {
    await run(d).first().waitFor({ timeout: 15_000 });
    const text = await run(d).first().textContent();
    assert.match(text, /连续值勤 7 天，超过 6 天/);
    assert.match(text, /相关排班的修改人：/);
    assert.ok(text.includes(laptop.name) && text.includes(phone.name), `both heads named: ${text}`);
  }
  await screenshot(laptop.page, 'roster-violation-after-sync');

  // Planning on top of a shift is refused with the reason: an overlap.
  await cell(laptop.page, officer, dates[0]).click();
  await laptop.page.getByTestId('cell-editor').getByRole('combobox').first().selectOption('training');
  await laptop.page.getByRole('button', { name: '排班', exact: true }).click();
  await laptop.page.getByTestId('cell-editor').getByRole('alert').filter({ hasText: '重叠' }).waitFor();

  // A block says why; the head overrides it with a reason, and the override is kept and
  // shown. Another officer: a night on day 5, then 24-hour duty the next morning leaves
  // half an hour of rest (the county's minimum is 11 hours, a BLOCK).
  const other = await laptop.page.locator('tbody tr').nth(2).getAttribute('data-officer');
  await cell(laptop.page, other, dates[4]).click();
  const editor = laptop.page.getByTestId('cell-editor');
  await editor.getByRole('combobox').first().selectOption('night');
  await laptop.page.getByRole('button', { name: '排班', exact: true }).click();
  await editor.getByText('已保存').waitFor();
  await cell(laptop.page, other, dates[5]).click();
  await editor.getByRole('combobox').first().selectOption('duty24');
  await laptop.page.getByRole('button', { name: '排班', exact: true }).click();
  const blocked = laptop.page.getByTestId('blocked');
  await blocked.filter({ hasText: '少于 11 小时' }).waitFor();
  await blocked.getByLabel('所长批准理由').fill('人手不足，夜班后顶班');
  await blocked.getByRole('button', { name: '批准并保存' }).click();
  await editor.getByText('已保存').waitFor();
  assert.equal(await blocked.count(), 0, 'the block is gone once approved');
  await cell(laptop.page, other, dates[5]).locator('.overridden').waitFor();
  const approved = laptop.page.getByTestId('finding').filter({ hasText: other }).filter({ hasText: '已批准' });
  await approved.first().waitFor();
  assert.match(await approved.first().textContent(), /人手不足，夜班后顶班/);
  // The deputy's browser shows the same approved finding after the sync.
  await phone.page.getByTestId('finding').filter({ hasText: other }).filter({ hasText: '已批准' }).first().waitFor({ timeout: 15_000 });

  for (const d of [laptop, phone]) assert.deepEqual(d.errors().filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  for (const d of [laptop, phone]) await d.context.close();
  // No connection of this test was closed for flooding the relay.
  assert.doesNotMatch(relay.log(), /too many messages/);
});

test('a rotation applied to a week plans it at once and reaches the other head', async () => {
  const laptop = await head();
  const phone = await deputy();
  // Eight weeks ahead: an empty week.
  for (const d of [laptop, phone]) {
    for (let i = 0; i < 7; i++) await d.page.getByRole('button', { name: '下一段' }).click();
  }
  const rows = laptop.page.locator('tbody tr');
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.officer));
  const three = names.slice(2, 5);
  await laptop.page.getByRole('button', { name: '套用轮换…' }).click();
  const panel = laptop.page.getByTestId('rotation-panel');
  await panel.getByTestId('rotation-pattern').selectOption({ label: '带班值班一天、休息两天（值一休二）' });
  for (const name of names) {
    if (!three.includes(name)) await panel.getByLabel(name, { exact: true }).uncheck();
  }
  await panel.getByRole('button', { name: '套用', exact: true }).click();
  const outcome = panel.getByTestId('rotation-outcome');
  await outcome.waitFor();
  assert.match(await outcome.textContent(), /已排 7 个班次/);
  await screenshot(laptop.page, 'roster-rotation');

  // Staggered: one of the three leads each day of the week, each every third day.
  const led = (d) => d.page.locator('tbody td button.cell span', { hasText: '带' });
  assert.equal(await led(laptop).count(), 7);
  const firstRow = await rows.filter({ has: laptop.page.locator(`th:has-text("${three[0]}")`) }).locator('td').evaluateAll(
    (tds) => tds.map((td) => td.textContent.trim()),
  );
  assert.deepEqual(firstRow, ['带', '', '', '带', '', '', '带']);
  // The deputy's browser has it after the sync.
  await laptop.page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  await led(phone).nth(6).waitFor({ timeout: 15_000 });
  assert.equal(await led(phone).count(), 7);
  for (const d of [laptop, phone]) assert.deepEqual(d.errors(), []);
  for (const d of [laptop, phone]) await d.context.close();
});
