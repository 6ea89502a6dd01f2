// Benchmark of the roster's month view in headless Chromium (figures, not a pass/fail
// test). Issue 7's goal: rendering the month view of a 30-officer station with a 3-month
// roster in at most 100 ms.
//
// Setup, through the relay with the reference Yjs client, as other devices would write:
// the bureau administrator adds officers to 大庙 Damiao until it has 30 on strength, and
// the station head's roster gets 92 days from the first of this month: 24-hour duty one
// day in three (a third of them leading), day shifts on the weekdays between.
// Measured (median of 7): from the click on "月" to the next frame with every row of the
// month on screen, and from "›" (next month) in the month view to the same.
// Usage: node bench/app/roster-bench.mjs   (after scripts/build.sh)
import { write as writeDoc, put, tokenOf, claimsOf } from '../../tests/e2e/reference-client.mjs';
import { startRelay, launchBrowser } from '../../tests/e2e/harness.mjs';

const OFFICERS = 30;
const DAYS = 92;
const relay = await startRelay({ demo: true });
const browser = await launchBrowser();

/** Writes document `room` through the relay as another device ([`write`] of reference-client.mjs). */
const write = (room, token, edit) => writeDoc(relay.port, room, token, edit).then((w) => w.result);

// 1. Officers: fill 大庙 up to 30 on strength.
const admin = tokenOf(relay.logins['bureau bureau_admin']);
const county = claimsOf(admin).county;
const head = relay.logins['damiao station_head'];
const { station, officers } = await write(`county/${county}/directory`, admin, (doc) => {
  const station = [...doc.getMap('stations').entries()].find(([, s]) => s.get('code') === 'damiao')[0];
  const here = () => [...doc.getMap('officers').entries()].filter(([, o]) => o.get('station') === station).map(([id]) => id);
  doc.transact(() => {
    for (let i = here().length; i < OFFICERS; i++) {
      put(doc, 'officers', {
        id: crypto.randomUUID(), badge_number: `49${String(i).padStart(4, '0')}`, name: `测试民警${i}`, station,
        role: 'officer', title: null, region: null, phone: null, generated: true,
      });
    }
  });
  return { station, officers: here() };
});

// 2. A 3-month roster from the first of this month (China time).
const now = new Date(Date.now() + 8 * 3600_000);
const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 8 * 3600_000;
const shifts = await write('station/damiao/roster', tokenOf(head), (doc) => {
  let count = 0;
  doc.transact(() => {
    // Clear the demo shifts so the grid holds only this roster.
    for (const id of [...doc.getMap('shifts').keys()]) doc.getMap('shifts').delete(id);
    for (let d = 0; d < DAYS; d++) {
      const day = first + d * 86_400_000;
      const weekday = new Date(day + 8 * 3600_000).getUTCDay();
      officers.forEach((officer, i) => {
        const turn = (d + i) % 3;
        let kind, start, end;
        if (turn === 0) [kind, start, end] = ['duty24', day + 8.5 * 3600_000, day + 32.5 * 3600_000];
        else if (turn === 2 && weekday !== 0 && weekday !== 6) [kind, start, end] = ['day', day + 8.5 * 3600_000, day + 17.5 * 3600_000];
        else return;
        put(doc, 'shifts', {
          id: crypto.randomUUID(), station, officer, kind, start: new Date(start).toISOString().replace('.000', ''),
          end: new Date(end).toISOString().replace('.000', ''), leader: kind === 'duty24' && i % 3 === 0,
          leave: null, note: null, overrides: [],
        });
        count++;
      });
    }
  });
  return count;
});
console.log(`大庙: ${officers.length} officers on strength, ${shifts} shifts over ${DAYS} days`);

// 3. The month view.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(head);
await page.getByTestId('signed-in').waitFor();
await page.goto(new URL('/roster', relay.url).href);
await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });
await page.locator('tbody tr').nth(OFFICERS - 1).waitFor({ timeout: 60_000 });
await page.waitForTimeout(1_000);

// In the page: click `button`, resolve to the ms until the frame after `ready()` holds.
await page.evaluate(() => {
  window.__timeClick = (button, ready) => new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      const dom = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => { window.__dom = (window.__dom ?? []).concat(dom); resolve(performance.now() - t0); }, 0));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    button.click();
  });
  // Every officer's row has a cell for every day in the header.
  window.__gridReady = (rows) => {
    const cols = document.querySelectorAll('thead th').length - 1;
    return cols >= 28 && document.querySelectorAll('tbody tr').length >= rows
      && document.querySelectorAll('tbody tr:last-child td').length === cols;
  };
});
const toMonth = [];
const nextMonth = [];
for (let i = 0; i < 7; i++) {
  await page.getByRole('radio', { name: '周' }).click();
  await page.waitForTimeout(300);
  toMonth.push(await page.evaluate((rows) => window.__timeClick(
    [...document.querySelectorAll('[role=radio]')].find((b) => b.textContent.trim() === '月'),
    () => window.__gridReady(rows),
  ), OFFICERS));
  await page.waitForTimeout(300);
  nextMonth.push(await page.evaluate((rows) => {
    const before = document.querySelector('[data-testid=period]').textContent;
    return window.__timeClick(
      document.querySelector('button[aria-label="下一段"]'),
      () => document.querySelector('[data-testid=period]').textContent !== before && window.__gridReady(rows),
    );
  }, OFFICERS));
  await page.getByRole('button', { name: '上一段' }).click();
  await page.waitForTimeout(300);
}
if (process.env.TRACE) {
  await page.getByRole('radio', { name: '周' }).click();
  await page.waitForTimeout(500);
  await browser.startTracing(page, { path: 'test-artifacts/roster-month-trace.json', categories: ['devtools.timeline'] });
  await page.getByRole('radio', { name: '月' }).click();
  await page.waitForTimeout(500);
  await browser.stopTracing();
}
const cells = await page.locator('tbody td').count();
console.log(`findings in the month: ${await page.getByTestId('violations').locator('h2 .hint').textContent()}`);
const dom = await page.evaluate(() => window.__dom);
console.log(`  (of which until the DOM was complete, month then next, alternating: ${dom.map((x) => x.toFixed(0)).join(', ')} ms)`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(`month view (${cells} cells): week → month median ${median(toMonth).toFixed(0)} ms (runs ${show(toMonth)})`);
console.log(`next month in month view: median ${median(nextMonth).toFixed(0)} ms (runs ${show(nextMonth)})`);
await page.screenshot({ path: 'test-artifacts/roster-month-bench.png', fullPage: false });
await browser.close();
await relay.stop();
