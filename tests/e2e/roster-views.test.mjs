// The roster as new users met it (issue 14): the bureau administrator, who may read every
// station's roster, chooses a station; the demo roster keeps the county's default rules;
// the month view fits a 1366 px laptop, the week view a phone, and the wall copy (print,
// A4 landscape) is the whole grid and nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startRelay, launchBrowser, watchForErrors, screenshot, artifacts, openSignedIn } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

function open(login, viewport = { width: 1366, height: 768 }) {
  return openSignedIn(browser, relay, login, '/roster', viewport);
}

/** The right edge of `locator` and of its scrolling box, in CSS pixels of the page. */
async function rightEdges(locator) {
  return locator.evaluate((el) => {
    const box = el.closest('.roster-scroll').getBoundingClientRect();
    return { cell: el.getBoundingClientRect().right, box: Math.min(box.right, document.documentElement.clientWidth) };
  });
}

test('the bureau administrator chooses a station and reads its roster', async () => {
  const bureau = await open(relay.logins['bureau bureau_admin']);
  const select = bureau.page.getByRole('combobox', { name: '派出所' });
  await select.locator('option', { hasText: '大庙派出所' }).waitFor({ state: 'attached' });
  assert.ok(await select.locator('option').count() >= 16, 'every station of the county');
  await select.selectOption({ label: '大庙派出所' });
  const rows = bureau.page.getByTestId('roster-grid').locator('tbody tr');
  await rows.first().waitFor();
  assert.ok(await rows.count() >= 4);
  assert.equal(await rows.first().locator('button.cell').first().isDisabled(), true, 'read only');
  assert.equal(await bureau.page.getByRole('button', { name: /套用轮换/ }).count(), 0);
  assert.deepEqual(bureau.errors(), []);
  await bureau.context.close();
});

test('the demo roster keeps the county default hours; the month fits a laptop', async () => {
  const head = await open(relay.logins['damiao station_head']);
  await head.page.getByTestId('roster-grid').locator('tbody tr').first().waitFor();
  await head.page.getByTestId('violations').waitFor();
  await head.page.getByRole('radio', { name: '月' }).click();
  const days = head.page.getByTestId('roster-grid').locator('thead th:not(.who)');
  await days.nth(27).waitFor();
  const last = days.last();
  const edges = await rightEdges(last);
  assert.ok(edges.cell <= edges.box + 1, `the last day is in sight: ${JSON.stringify(edges)}`);
  assert.equal(await head.page.getByTestId('finding').filter({ hasText: '天内' }).count(), 0,
    await head.page.getByTestId('violations').textContent());
  await screenshot(head.page, 'roster-month-1366');

  // Print for the wall, A4 landscape: the whole month, and no findings.
  await head.page.emulateMedia({ media: 'print' });
  await head.page.setViewportSize({ width: 1047, height: 720 });
  const printed = await rightEdges(last);
  assert.ok(printed.cell <= 1047, `the last day is on the sheet: ${JSON.stringify(printed)}`);
  assert.equal(await head.page.getByTestId('violations').isVisible(), false, 'the wall copy is the grid only');
  await screenshot(head.page, 'roster-print-a4');
  await head.page.emulateMedia({ media: 'screen' });
  // The sheet itself, to look at: A4 landscape as the wall copy is printed.
  await head.page.pdf({ path: path.join(artifacts, 'roster-print-a4.pdf'), format: 'A4', landscape: true });
  assert.deepEqual(head.errors(), []);
  await head.context.close();
});

test('on a phone the week view shows Sunday', async () => {
  const head = await open(relay.logins['damiao station_head'], { width: 390, height: 844 });
  const sunday = head.page.getByTestId('roster-grid').locator('thead th:not(.who)').nth(6);
  await sunday.waitFor();
  const edges = await rightEdges(sunday);
  assert.ok(edges.cell <= edges.box + 1, `Sunday is in sight: ${JSON.stringify(edges)}`);
  await screenshot(head.page, 'roster-week-390');
  assert.deepEqual(head.errors(), []);
  await head.context.close();
});
