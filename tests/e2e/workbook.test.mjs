// The district workbook (警务区工作台, issue 18) end to end with the real relay. A 大庙
// Damiao officer opens the workbook: the demo's overdue visits stand first and the
// mediation case past its 24-hour feedback tops the cases. With no network the officer
// logs a visit (the overdue count drops by one), is refused a visit dated tomorrow and a
// case without parties (nothing saved), and takes on a case; back online, the 大庙 head
// sees the new case and the visit, and the figures on Home. The 得胜 liaison, of the
// region's center station, is not given 大庙's workbook (the relay refuses it). Offline,
// the officer logs a patrol whose findings become an intelligence report, and a legal
// outreach event (bad ones refused); the 大庙 liaison forwards the report, and the 得胜
// liaison finds it among the forwarded and links it into a case series. A rapid response
// logged offline is raised by the head as an incident; a case's file prints for signature.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startRelay, launchBrowser, screenshot, cuttableSignedIn, storedKeys, postBulletin } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

const badge = (page) => page.getByTestId('sync-badge');
const saved = (page, timeout = 20_000) => badge(page).filter({ hasText: /已保存到县局|Saved to relay/ }).waitFor({ timeout });
const go = (page, where) => page.goto(new URL(where, relay.url).href);

const device = (login, where, options) => cuttableSignedIn(browser, relay, login, where, options);

/** The summary's figures: { overdue, soon, cases } (cases past a deadline, 0 when not shown). */
async function figures(page, scope = page) {
  const text = await scope.getByTestId('wb-summary').textContent();
  const m = text.match(/逾期未走访 (\d+) 人（处） · 7 天内应走访 (\d+) 人（处）/);
  assert.ok(m, `the summary reads: ${text}`);
  return { overdue: Number(m[1]), soon: Number(m[2]), cases: Number(text.match(/调解超期 (\d+) 件/)?.[1] ?? 0) };
}

/** The name in a login link's token. */
const nameOf = (link) => JSON.parse(Buffer.from(link.split('#token=')[1].split('.')[1], 'base64url').toString()).name;

/** An officer's row of the month's workload: { done, due, opened, resolved, overdue, outreach }. */
async function workload(page, name) {
  const cells = await page.getByTestId('workload-row').filter({ has: page.locator('th', { hasText: name }) }).locator('td').allTextContents();
  const [done, due] = (cells[0] ?? '0/0').split('/').map(Number);
  return { done, due, opened: Number(cells[1] ?? 0), resolved: Number(cells[2] ?? 0), overdue: Number(cells[3] ?? 0), outreach: Number(cells[4] ?? 0) };
}

const realErrors = (d) => d.errors().filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e));

test('an officer logs a visit and takes on a mediation case offline; the head sees them after sync; bad input is refused', async () => {
  const stamp = Date.now();
  const officer = await device(relay.logins['damiao officer'], '/community');
  const { page } = officer;
  await page.getByTestId('wb-summary').waitFor();
  const before = await figures(page);
  assert.ok(before.overdue >= 1 && before.soon >= 1, `the demo starts with findings: ${JSON.stringify(before)}`);
  assert.ok(before.cases >= 1, 'a case is past its 24-hour feedback');
  const rows = page.getByTestId('subject-row');
  assert.match(await rows.first().getByTestId('subject-due').textContent(), /^逾期 \d+ 天$/, 'the most overdue visit stands first');
  const firstCase = page.getByTestId('case-row').first();
  assert.match(await firstCase.getByTestId('case-deadline').textContent(), /^待首次反馈（24 小时内） 已超期 \d+ 小时$/);
  assert.equal(await firstCase.getByTestId('case-repeat').count(), 1, 'the same parties came before: a repeat dispute');
  await screenshot(page, 'workbook-zh');
  const me = nameOf(relay.logins['damiao officer']);
  const mine = await workload(page, me);

  // Offline: a visit dated tomorrow is refused and nothing is saved.
  officer.cut();
  await badge(page).filter({ hasText: '离线' }).waitFor({ timeout: 10_000 });
  const name = await rows.first().locator('strong').textContent();
  const row = rows.filter({ has: page.locator('strong', { hasText: name }) });
  await row.getByTestId('log-visit').click();
  const form = row.getByTestId('visit-form');
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  await form.locator('input[type=date]').fill(tomorrow);
  await form.getByTestId('visit-found').fill('家属反映近期情绪稳定');
  await form.getByTestId('save-visit').click();
  await row.getByTestId('said').filter({ hasText: '日期不能晚于今天。' }).waitFor();
  assert.deepEqual(await figures(page), before, 'nothing was saved');
  // Today: saved, and the person is no longer overdue.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await form.locator('input[type=date]').fill(today);
  await form.getByTestId('save-visit').click();
  await row.getByTestId('said').filter({ hasText: '走访已保存在本机。' }).waitFor();
  await page.waitForFunction((n) => /逾期未走访 (\d+)/.exec(document.querySelector('[data-testid=wb-summary]')?.textContent ?? '')?.[1] === String(n), before.overdue - 1);
  assert.doesNotMatch(await row.getByTestId('subject-due').textContent(), /逾期/);
  assert.match(await row.textContent(), /上次走访 \d\d-\d\d：家属反映近期情绪稳定/, 'the row says what the visit found');

  // A case without parties is refused; with them it is taken on and awaits its feedback.
  await page.getByTestId('new-case').click();
  const caseForm = page.getByTestId('case-form');
  await caseForm.getByTestId('case-kind').selectOption({ label: '邻里纠纷' });
  await caseForm.getByTestId('case-summary').fill(`因修建围墙发生争执（${stamp}）`);
  await caseForm.getByTestId('case-mediators').fill('周建国 乡综治办副主任\n吴敏 司法所调解员');
  await caseForm.getByTestId('save-case').click();
  await caseForm.getByTestId('said').filter({ hasText: '请至少填写一位当事人。' }).waitFor();
  const casesBefore = await page.getByTestId('case-row').count();
  await caseForm.getByTestId('case-parties').fill(`郑${stamp % 1000}\n冯${stamp % 1000}`);
  await caseForm.getByTestId('save-case').click();
  await caseForm.getByTestId('said').filter({ hasText: '案件已保存在本机' }).waitFor();
  const newCase = page.getByTestId('case-row').filter({ hasText: String(stamp) });
  await newCase.waitFor();
  assert.equal(await page.getByTestId('case-row').count(), casesBefore + 1);
  assert.match(await newCase.getByTestId('case-deadline').textContent(), /^待首次反馈（24 小时内） 剩余 2[34] 小时$/);
  assert.match(await newCase.textContent(), /周建国 乡综治办副主任、吴敏 司法所调解员/);
  await newCase.getByTestId('case-feedback').click();
  await newCase.getByTestId('case-deadline').filter({ hasText: /^待化解（5 天内） 剩余 \d+ 天( \d+ 小时)?$/ }).waitFor();

  // Back online: the head of 大庙 sees the case and the visit, and the figures on Home.
  officer.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await saved(page, 30_000);
  const head = await device(relay.logins['damiao station_head'], '/community');
  await head.page.getByTestId('case-row').filter({ hasText: String(stamp) }).waitFor();
  assert.deepEqual(await figures(head.page), { ...before, overdue: before.overdue - 1 });
  // The month's workload, for the head: one visit and one case more for the officer.
  const theirs = await workload(head.page, me);
  assert.deepEqual(theirs, { ...mine, done: mine.done + 1, opened: mine.opened + 1 }, `${me}'s month before: ${JSON.stringify(mine)}`);
  await screenshot(head.page, 'workbook-head-zh');
  await go(head.page, '/');
  const home = head.page.getByTestId('home-workbook');
  await home.waitFor();
  assert.deepEqual(await figures(head.page, home), { ...before, overdue: before.overdue - 1 });
  assert.deepEqual(realErrors(officer), []);
  assert.deepEqual(head.errors(), []);
  await officer.context.close();
  await head.context.close();
});

test('the center station\'s liaison works in its own workbook and never gets another station\'s', async () => {
  const liaison = await device(relay.logins['desheng liaison'], '/community');
  await liaison.page.getByTestId('wb-summary').waitFor();
  const docs = [...new Set((await storedKeys(liaison.page, 'updates')).map((k) => k[0]))];
  assert.ok(docs.some((d) => d.endsWith('station/desheng/community')), `its own workbook is stored: ${docs}`);
  assert.ok(!docs.some((d) => d.includes('damiao/community')), `no other station's workbook: ${docs}`);
  // Asked directly, the relay refuses it.
  const token = decodeURIComponent(relay.logins['desheng liaison'].split('#token=')[1]);
  const status = await new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/sync/station/damiao/community?token=${encodeURIComponent(token)}`);
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_, res) => resolve(res.statusCode));
    ws.on('error', () => resolve('error'));
  });
  assert.equal(status, 403, 'the relay refuses another station\'s workbook');
  await liaison.context.close();
});

test('the workbook in English at phone width', async () => {
  const officer = await device(relay.logins['damiao officer'], '/community', { english: true });
  const { page } = officer;
  const summary = page.getByTestId('wb-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /^Visits overdue: \d+ · due within 7 days: \d+/);
  assert.match(await page.getByTestId('subject-row').first().getByTestId('subject-due').textContent(), /^overdue \d+ d$/);
  await page.getByTestId('new-case').click();
  await page.getByTestId('save-case').click();
  await page.getByTestId('case-form').getByTestId('said').filter({ hasText: 'Name at least one party.' }).waitFor();
  await screenshot(page, 'workbook-en');
  assert.deepEqual(officer.errors(), []);
  await officer.context.close();
});

test('a patrol\'s lead, forwarded by the liaison, is linked into a series at the center station; outreach counts', async () => {
  const stamp = Date.now();
  const officer = await device(relay.logins['damiao officer'], '/community');
  const { page } = officer;
  await page.getByTestId('wb-summary').waitFor();
  const me = nameOf(relay.logins['damiao officer']);
  const mine = await workload(page, me);
  assert.equal(await page.getByTestId('forward-report').count(), 0, 'an officer is not offered forwarding');

  officer.cut();
  await badge(page).filter({ hasText: '离线' }).waitFor({ timeout: 10_000 });
  // A patrol of 0 minutes is refused; of 150, with its findings as a lead, it is saved.
  await page.getByTestId('new-patrol').click();
  const patrol = page.getByTestId('patrol-form');
  await patrol.getByTestId('patrol-area').fill(`集镇—S106 线（${stamp}）`);
  await patrol.getByTestId('patrol-minutes').fill('0');
  const lead = `废品站深夜收购成捆电缆 ${stamp}`;
  await patrol.getByTestId('patrol-found').fill(`${lead}\n三轮车车牌未看清`);
  await patrol.getByTestId('patrol-lead').selectOption({ label: '违法犯罪线索' });
  await patrol.getByTestId('save-patrol').click();
  await patrol.getByTestId('said').filter({ hasText: '巡逻时长须为 1 至 720 分钟的整数。' }).waitFor();
  assert.equal(await page.getByTestId('patrol-row').filter({ hasText: String(stamp) }).count(), 0, 'nothing saved');
  await patrol.getByTestId('patrol-minutes').fill('１５０');
  await patrol.getByTestId('save-patrol').click();
  await patrol.getByTestId('said').filter({ hasText: '已保存在本机。' }).waitFor();
  const patrolRow = page.getByTestId('patrol-row').filter({ hasText: String(stamp) });
  assert.match(await patrolRow.textContent(), /起 150 分钟/);
  const report = page.getByTestId('report-row').filter({ hasText: lead });
  assert.match(await report.textContent(), /违法犯罪线索 · 巡逻/, 'the lead is a report from the patrol');

  // An outreach event that reached nobody is refused; with its audience it counts.
  await page.getByTestId('new-outreach').click();
  const outreach = page.getByTestId('outreach-form');
  await outreach.getByTestId('outreach-topic').fill(`防范电信网络诈骗（${stamp}）`);
  await outreach.getByTestId('save-outreach').click();
  await outreach.getByTestId('said').filter({ hasText: '受众人数须为 1 至 10000 的整数。' }).waitFor();
  await outreach.getByTestId('outreach-audience').fill('85');
  // With a photo, compressed on the device (a 1×1 PNG becomes a small JPEG).
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await outreach.getByTestId('photo-input').setInputFiles({ name: 'stall.png', mimeType: 'image/png', buffer: png });
  await outreach.getByTestId('photo-size').filter({ hasText: /^\d+ KB$/ }).waitFor();
  await outreach.getByTestId('save-outreach').click();
  const event = page.getByTestId('outreach-row').filter({ hasText: String(stamp) }).filter({ hasText: '85 人' });
  await event.waitFor();
  assert.match(await event.getByTestId('wb-photo').getAttribute('src'), /^data:image\/jpeg;base64,/);
  assert.deepEqual(await workload(page, me), { ...mine, outreach: mine.outreach + 1 });
  officer.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await saved(page, 30_000);

  // The 大庙 liaison forwards the report; the rest of the workbook stays in the station.
  const liaison = await device(relay.logins['damiao liaison'], '/community');
  // The event and its photo reached the station's other devices.
  // The photo loads lazily: as the liaison scrolls to it.
  const photo = liaison.page.getByTestId('outreach-row').filter({ hasText: String(stamp) }).getByTestId('wb-photo');
  await photo.waitFor({ state: 'attached', timeout: 20_000 });
  await photo.scrollIntoViewIfNeeded();
  await photo.waitFor();
  const toSend = liaison.page.getByTestId('report-row').filter({ hasText: lead });
  await toSend.getByTestId('forward-report').click();
  await toSend.getByTestId('report-forwarded').filter({ hasText: /已报中心所/ }).waitFor();
  await saved(liaison.page);
  await screenshot(liaison.page, 'workbook-forwarded-zh');

  // At the center station: among what the stations forwarded, then linked into a series.
  const center = await device(relay.logins['desheng liaison'], '/bulletins');
  await saved(center.page);
  const theft = `电力电缆被盗-${stamp}`;
  await postBulletin(center.page, theft);
  await go(center.page, '/bulletins/forwarded');
  await center.page.getByRole('link', { name: lead }).click();
  const detail = center.page.getByTestId('bulletin-detail');
  await detail.waitFor();
  assert.match(await detail.textContent(), /社情民意/);
  assert.match(await detail.textContent(), /三轮车车牌未看清/, 'the whole report came');
  const form = center.page.getByTestId('series-form');
  await form.getByLabel('串并案名称').fill(`电缆被盗串案-${stamp}`);
  await form.getByTestId('series-candidate').filter({ hasText: theft }).getByRole('checkbox').check();
  await form.getByRole('button', { name: '串并', exact: true }).click();
  const timeline = center.page.getByTestId('timeline');
  await timeline.getByRole('link', { name: theft }).waitFor({ timeout: 10_000 });
  await timeline.getByRole('link', { name: lead }).waitFor();
  // Nothing else of 大庙's workbook reached the region: the patrol's area is nowhere.
  const docs = [...new Set((await storedKeys(center.page, 'updates')).map((k) => k[0]))];
  assert.ok(!docs.some((d) => d.includes('damiao/community')), `no 大庙 workbook at the center: ${docs}`);
  await go(center.page, '/bulletins');
  await center.page.getByTestId('bulletin').first().waitFor();
  assert.doesNotMatch(await center.page.locator('main').textContent(), new RegExp(`S106 线（${stamp}）`));
  for (const d of [officer, liaison]) assert.deepEqual(realErrors(d), []);
  assert.deepEqual(center.errors(), []);
  for (const d of [officer, liaison, center]) await d.context.close();
});

test('a rapid response logged offline in the field is raised by the head as an incident of the region', async () => {
  const stamp = Date.now();
  const officer = await device(relay.logins['damiao officer'], '/community');
  const { page } = officer;
  await page.getByTestId('wb-summary').waitFor();
  assert.equal(await page.getByTestId('raise-response').count(), 0, 'an officer does not open incidents');
  officer.cut();
  await badge(page).filter({ hasText: '离线' }).waitFor({ timeout: 10_000 });
  await page.getByTestId('new-response').click();
  const form = page.getByTestId('response-form');
  const what = `两人正在撬盗变压器铜芯 ${stamp}`;
  await form.getByTestId('response-what').fill(what);
  await form.getByTestId('save-response').click();
  await form.getByTestId('said').filter({ hasText: '请填写地点' }).waitFor();
  await form.getByTestId('response-place').fill('陈家村村口变压器');
  await form.getByTestId('save-response').click();
  await form.getByTestId('said').filter({ hasText: '已保存在本机。' }).waitFor();
  await page.getByTestId('response-row').filter({ hasText: what }).waitFor();
  // One logged twice by mistake is removed (a second tap confirms) and never reaches the head.
  const twice = `${what}（重复）`;
  await form.getByTestId('response-what').fill(twice);
  await form.getByTestId('response-place').fill('陈家村村口变压器');
  await form.getByTestId('save-response').click();
  const mistake = page.getByTestId('response-row').filter({ hasText: twice });
  await mistake.getByTestId('remove').click();
  await mistake.getByTestId('remove-confirm').click();
  await mistake.waitFor({ state: 'detached' });
  officer.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await saved(page, 30_000);

  const head = await device(relay.logins['damiao station_head'], '/community');
  const row = head.page.getByTestId('response-row').filter({ hasText: what }).filter({ hasNotText: '重复' });
  await row.getByTestId('raise-response').click();
  await row.getByTestId('response-raised').filter({ hasText: '已上报区域指挥' }).waitFor();
  assert.equal(await head.page.getByTestId('response-row').filter({ hasText: '（重复）' }).count(), 0, 'the removed one is gone everywhere');
  assert.equal(await row.getByTestId('remove').count(), 0, 'a raised response is not removed');
  await saved(head.page);
  await row.getByRole('link', { name: '查看警情' }).click();
  const incident = head.page.getByTestId('incident');
  await incident.waitFor({ timeout: 20_000 });
  assert.match(await incident.textContent(), new RegExp(what));
  assert.match(await incident.textContent(), /陈家村村口变压器/);
  await screenshot(head.page, 'workbook-raised-zh');

  // The file of the first case (the repeat dispute), to print and sign: one line per
  // party, per mediator, and for the officer in charge.
  await go(head.page, '/community');
  const first = head.page.getByTestId('case-row').first();
  const parties = (await first.locator('strong').textContent()).split('、');
  await first.getByTestId('case-file-link').click();
  const file = head.page.getByTestId('case-file');
  await file.waitFor();
  assert.match(await file.locator('h1').textContent(), /矛盾纠纷调解卷宗/);
  assert.match(await file.textContent(), /大庙/);
  const signs = await file.locator('.signature').allTextContents();
  assert.deepEqual(signs.filter((l) => l.startsWith('当事人')).map((l) => l.match(/当事人：(\S+)/)[1]), parties);
  assert.equal(signs.filter((l) => l.startsWith('调解人')).length, 3, 'the demo case has three mediators');
  assert.equal(signs.filter((l) => l.startsWith('承办民警')).length, 1);
  await screenshot(head.page, 'workbook-case-file-zh');
  assert.deepEqual(realErrors(officer), []);
  assert.deepEqual(head.errors(), []);
  await officer.context.close();
  await head.context.close();
});
