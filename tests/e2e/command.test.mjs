// Regional command end to end with the real relay: the 平安之夏 crackdown run by the 得胜
// Desheng region's commander and two station heads in three browsers, each offline in
// between. The 大庙 Damiao head opens an incident and asks for two officers and a vehicle
// with no network; the commander, also cut off, commits an officer of 得胜 on duty today,
// one of another station and a 得胜 vehicle from the board; both rosters show the loans,
// and the 得胜 roster warns that the loan takes its 24-hour duty below its minimum, naming
// the commander. The committed officer acknowledges on Home (offline too) and the
// commander sees it; the commander walks each commitment to 归建, and the vehicle is
// available again. An officer of another region receives none of it. Also: bad input on
// the request form is refused with the reason and nothing is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { write, put, tokenOf, claimsOf } from './reference-client.mjs';
import { startRelay, launchBrowser, screenshot, cuttableSignedIn, proveSynced, storedKeys } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const relayBin = process.env.LIANDONG_RELAY_BIN ?? path.join(root, 'target/relay/liandong-relay');

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

/** The name in a login link's token. */
const nameOf = (link) => JSON.parse(Buffer.from(link.split('#token=')[1].split('.')[1], 'base64url').toString()).name;

const badge = (page) => page.getByTestId('sync-badge');
const saved = (page, timeout = 20_000) => badge(page).filter({ hasText: '已保存到县局' }).waitFor({ timeout });
const go = (page, where) => page.goto(new URL(where, relay.url).href);

/** A device signed in with `login` whose relay link can be cut, at `where`, synced. */
async function device(login, where, viewport = { width: 390, height: 844 }) {
  return { ...(await cuttableSignedIn(browser, relay, login, where, { viewport })), name: nameOf(login) };
}

const offline = async (d) => { d.cut(); await badge(d.page).filter({ hasText: '离线' }).waitFor({ timeout: 10_000 }); };
const online = async (d) => {
  d.restore();
  await d.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await saved(d.page, 30_000);
};

/** The browser logs the requests that fail while a device is cut off; those are the test's doing. */
const realErrors = (d) => d.errors().filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e));

/** A login link for the officer with `badge`, from the relay's own CLI (as the bureau does). */
async function loginOf(badgeNumber) {
  const { stdout } = await promisify(execFile)(relayBin, [
    'token', 'issue', '--data', relay.dataDir, '--officer', badgeNumber, '--url', relay.url, '--days', '1',
  ]);
  const link = stdout.match(/^login: (\S+)$/m)?.[1];
  assert.ok(link, `a login link in:\n${stdout}`);
  return link;
}

/** The names of the document logs this device stores (IndexedDB `updates`, keyed [doc, n]). */
const storedDocs = async (page) => [...new Set((await storedKeys(page, 'updates')).map((k) => k[0]))].sort();

const card = (page, station) => page.getByTestId('station-card').filter({ has: page.locator('h3', { hasText: station }) });
const vehiclesOf = async (page, station) => {
  const text = await card(page, station).getByTestId('station-counts').textContent();
  return Number(text.match(/可用车辆 (\d+)/)?.[1]);
};

test('a crackdown end to end: request offline, commitments offline, loans on both rosters, acknowledgement, return', async () => {
  const stamp = Date.now();
  const place = `大庙集市东口-${stamp}`;
  const summary = `集市周边连续发生摩托车盗窃（${stamp}），集中打击整治`;
  const commanderLogin = relay.logins['bureau commander'];
  const commanderName = nameOf(commanderLogin);

  // The 麻家渡 officer is signed in from the start and stays online throughout.
  const other = await device(relay.logins['majiadu officer'], '/bulletins');
  // The 得胜 head's roster names who is on 24-hour duty today: the officer the commander
  // lends must be one of them for the loan to take that duty below its minimum of 2.
  const desheng = await device(relay.logins['desheng station_head'], '/roster', { width: 1280, height: 900 });
  await desheng.page.getByTestId('roster-grid').locator('tbody tr').first().waitFor();
  const onDutyToday = await desheng.page.locator('tbody tr:has(td.today span.shift.duty)')
    .evaluateAll((trs) => trs.map((tr) => tr.dataset.officer));
  assert.equal(onDutyToday.length, 2, `the demo has a pair on 24-hour duty at 得胜 today: ${onDutyToday}`);
  assert.equal(await desheng.page.getByTestId('roster-loans').count(), 0, 'no loans before the crackdown');
  assert.equal(await desheng.page.getByTestId('finding').filter({ hasText: '借调至' }).count(), 0);

  // 1. The 大庙 head, with no network, opens the incident and asks for help.
  const damiao = await device(relay.logins['damiao station_head'], '/command');
  await offline(damiao);
  await damiao.page.getByTestId('new-incident').click();
  const form = damiao.page.getByTestId('incident-form');
  await form.waitFor();
  await form.getByTestId('incident-kind').selectOption({ label: '打击刑事犯罪' });
  await form.getByTestId('incident-place').fill(place);
  await form.getByTestId('incident-summary').fill(summary);
  await form.getByLabel('所属专项行动（跨区域时填写）').fill('平安之夏');
  await form.getByTestId('save-incident').click();
  const incident = damiao.page.getByTestId('incident');
  await incident.waitFor();
  assert.match(await incident.locator('h1').textContent(), new RegExp(`打击刑事犯罪 · ${place}`));
  assert.equal(await incident.getByTestId('operation').textContent(), '平安之夏');
  const incidentPath = new URL(damiao.page.url()).pathname;
  // Still offline, the head corrects the summary: the form comes back filled in, and the
  // incident page names who edited it.
  await incident.getByTestId('edit-incident').click();
  await form.waitFor();
  assert.equal(await form.getByTestId('incident-place').inputValue(), place, 'the form is filled with the incident');
  await form.getByTestId('incident-summary').fill(`${summary}，已布控`);
  await form.getByTestId('save-incident').click();
  await incident.getByText(`${summary}，已布控`).waitFor();
  assert.match(await incident.getByTestId('incident-edited').textContent(), new RegExp(`^${damiao.name}（\\d+） 于 .+ 修改$`));
  await damiao.page.getByTestId('new-request').click();
  const requestForm = damiao.page.getByTestId('request-form');
  await requestForm.waitFor();
  assert.equal(await requestForm.getByTestId('request-place').inputValue(), place, 'the incident\'s place is the meeting point');
  await requestForm.getByTestId('line-need').first().selectOption('officers');
  await requestForm.getByTestId('line-count').first().fill('2');
  await requestForm.getByTestId('add-line').click();
  assert.equal(await requestForm.getByTestId('line-need').nth(1).inputValue(), 'vehicle');
  assert.equal(await requestForm.getByTestId('line-count').nth(1).inputValue(), '1');
  await requestForm.getByTestId('save-request').click();
  await damiao.page.getByTestId('request').waitFor();
  const requestPath = new URL(damiao.page.url()).pathname;
  assert.match(requestPath, /^\/command\/requests\/[0-9a-f-]{36}$/);
  const lines = damiao.page.getByTestId('request-line');
  assert.deepEqual(await lines.allTextContents(), ['民警：需 2，已调派 0，缺 2', '车辆：需 1，已调派 0，缺 1']);
  await badge(damiao.page).filter({ hasText: '待上传' }).waitFor();
  await screenshot(damiao.page, 'command-request-offline');
  await online(damiao);

  // 2. The commander sees it on the board, is cut off, and commits from the station cards.
  const commander = await device(commanderLogin, '/command');
  const row = commander.page.getByTestId('unfilled-request').filter({ hasText: place });
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.textContent(), /大庙派出所/);
  const vehiclesBefore = await vehiclesOf(commander.page, '得胜派出所');
  assert.ok(vehiclesBefore >= 1, `得胜 has a vehicle available: ${vehiclesBefore}`);
  await offline(commander);
  const said = commander.page.getByTestId('said');
  // A line stays chosen until it is filled (four officers are four taps, not eight), so
  // the line is tapped only when it is not chosen already.
  const commitFrom = async (need, station, pick) => {
    const line = row.getByTestId('short-line').filter({ hasText: need });
    if ((await line.getAttribute('aria-pressed')) !== 'true') await line.click();
    const picks = card(commander.page, station).getByTestId('commit-pick');
    await picks.first().waitFor();
    const chosen = await pick(picks);
    const label = (await chosen.textContent()).trim();
    await chosen.click();
    // The confirmation names who was sent.
    await said.filter({ hasText: `已调派${label}，已保存在本机。` }).waitFor();
    return label;
  };
  // At 得胜: the first officer listed who is on today's 24-hour duty (the board lists the
  // officers on duty now first).
  const lentPick = await commitFrom('民警 缺 2', '得胜派出所', async (picks) => {
    const labels = await picks.allTextContents();
    const i = labels.findIndex((l) => onDutyToday.some((n) => l.startsWith(`${n}（`)));
    assert.ok(i >= 0, `an officer on duty today among 得胜's picks: ${labels} / ${onDutyToday}`);
    return picks.nth(i);
  });
  const secondPick = await commitFrom('民警 缺 1', '秦古派出所', (picks) => picks.first());
  const vehicle = await commitFrom('车辆 缺 1', '得胜派出所', (picks) => picks.first());
  // An officer on duty now is marked so among the picks (`姓名（警号） · 在岗`). Today's
  // 24-hour duty starts at 08:00 China time: before that its officers are not on duty yet
  // (those of yesterday's duty are), so the mark is checked from 08:00 on.
  if (new Date(Date.now() + 8 * 3600_000).getUTCHours() >= 8) {
    assert.match(lentPick, / · 在岗$/, 'the officer on duty is marked');
  }
  const [lent, second] = [lentPick, secondPick].map((l) => l.replace(/ · 在岗$/, ''));
  const [, lentName, lentBadge] = lent.match(/^(.+)（(\d+)）$/);
  assert.match(second, /^.+（\d+）$/);
  assert.match(vehicle, /车/);
  const plate = vehicle.split(' ').pop();
  // Filled: the request leaves the board's list of those still short.
  await row.waitFor({ state: 'detached' });
  await screenshot(commander.page, 'command-board-committed-offline');
  await online(commander);

  // 3. Both rosters show the loans; the 得胜 one warns about its 24-hour duty.
  await go(damiao.page, '/roster');
  const loansIn = damiao.page.getByTestId('roster-loans');
  await loansIn.getByTestId('roster-loan').filter({ hasText: `${lent} 借自得胜派出所` }).waitFor({ timeout: 15_000 });
  await loansIn.getByTestId('roster-loan').filter({ hasText: `${second} 借自秦古派出所` }).waitFor();
  await screenshot(damiao.page, 'command-roster-loans-in');
  const loanOut = desheng.page.getByTestId('roster-loans').getByTestId('roster-loan').filter({ hasText: `${lent} 借调至大庙派出所` });
  await loanOut.waitFor({ timeout: 15_000 });
  // 高建华（410101）借调至大庙派出所（马雪梅（410002）调派）后，12月7日值班：在岗 1 人，至少需要 2 人（…）
  const loanFinding = desheng.page.getByTestId('finding').filter({ hasText: `${lent}借调至大庙派出所` })
    .filter({ hasText: '值班：在岗 1 人，至少需要 2 人' });
  await loanFinding.first().waitFor();
  const findingText = await loanFinding.first().textContent();
  assert.match(findingText, /^提醒/, `a warning: ${findingText}`);
  assert.ok(findingText.includes(`${commanderName}（`), `the commander who committed is named: ${findingText}`);
  assert.equal(await desheng.page.getByTestId('roster-loan').filter({ hasText: second }).count(), 0, 'another station\'s loan is not 得胜\'s');
  await screenshot(desheng.page, 'command-roster-loan-finding');

  // 4. The lent officer sees the dispatch on Home and acknowledges it, offline.
  const officer = await device(await loginOf(lentBadge), '/');
  assert.equal(officer.name, lentName);
  const mine = officer.page.getByTestId('my-dispatch');
  await mine.getByTestId('dispatch').filter({ hasText: place }).waitFor({ timeout: 15_000 });
  await offline(officer);
  await mine.getByTestId('ack-dispatch').click();
  await mine.getByTestId('dispatch-acked').waitFor();
  await screenshot(officer.page, 'command-dispatch-acked');
  await online(officer);
  await go(commander.page, requestPath);
  const commitment = (label) => commander.page.getByTestId('commitment').filter({ hasText: label });
  await commitment(lent).getByTestId('acked').waitFor({ timeout: 15_000 });
  assert.equal(await commitment(second).getByTestId('not-acked').count(), 1, 'the other officer has not acknowledged');

  // 5. The commander moves every commitment through its steps; the vehicle is out while
  // dispatched and back once returned.
  const step = async (label, s, stage) => {
    await commitment(label).locator(`[data-testid=step][data-step=${s}]`).click();
    await commitment(label).getByTestId('stage').filter({ hasText: stage }).waitFor();
  };
  // Cancelling asks first; "不取消" keeps the commitment as it was.
  await commitment(vehicle).getByTestId('ask-cancel').click();
  await commitment(vehicle).locator('[data-testid=step][data-step=Cancelled]').filter({ hasText: '确认取消' }).waitFor();
  await commitment(vehicle).getByTestId('keep').click();
  await commitment(vehicle).getByTestId('ask-cancel').waitFor();
  assert.equal(await commitment(vehicle).getByTestId('stage').textContent(), '已调派', 'asking did not cancel');
  for (const label of [lent, second, vehicle]) await step(label, 'Dispatched', '已出发');
  await saved(commander.page);
  // The dispatch order names who asked, until when, everyone sent and the commander who signs.
  await go(commander.page, `${incidentPath}/print`);
  const order = commander.page.getByTestId('dispatch-order');
  await order.getByTestId('order-row').nth(2).waitFor();
  const rows = await order.getByTestId('order-row').allTextContents();
  for (const label of [lent, second, vehicle]) assert.ok(rows.some((r) => r.includes(label) && r.includes('已出发')), `${label} on the order: ${rows}`);
  assert.match(await order.getByTestId('order-request').textContent(), /^请求单位：大庙派出所 · 预计结束：/);
  assert.match(await order.getByTestId('order-commander').textContent(), new RegExp(`^指挥员：${commanderName}（\\d+）`));
  await screenshot(commander.page, 'command-dispatch-order');
  const poolItem = commander.page.getByTestId('pool-item').filter({ hasText: plate });
  await go(commander.page, '/command/pool');
  await poolItem.waitFor();
  assert.equal(await poolItem.getByTestId('item-state').textContent(), '已调派');
  await go(commander.page, '/command');
  await card(commander.page, '得胜派出所').waitFor();
  assert.equal(await vehiclesOf(commander.page, '得胜派出所'), vehiclesBefore - 1, 'the dispatched vehicle is out');
  // Set out: the loans run now, on both stations' cards.
  await card(commander.page, '得胜派出所').getByTestId('station-loan').filter({ hasText: `${lent} 借调至大庙派出所` }).waitFor();
  await card(commander.page, '大庙派出所').getByTestId('station-loan').filter({ hasText: `${lent} 借自得胜派出所` }).waitFor();
  await card(commander.page, '大庙派出所').getByTestId('station-loan').filter({ hasText: `${second} 借自秦古派出所` }).waitFor();
  await screenshot(commander.page, 'command-board-dispatched');
  // The loan takes 得胜's 24-hour duty below its minimum: the board reminds the commander.
  const loanReminder = commander.page.getByTestId('command-finding').filter({ hasText: `${lent}借调至大庙派出所` });
  await loanReminder.first().waitFor({ state: 'attached' });
  await go(commander.page, requestPath);
  for (const label of [lent, second, vehicle]) {
    await step(label, 'OnScene', '已到达');
    await step(label, 'Released', '已撤离');
    await step(label, 'Returned', '已归建');
  }
  assert.equal(await commander.page.locator('[data-testid=commitments] [data-testid=step]').count(), 0, 'nothing left to mark');
  // When the lent officer was back (`12-07 14:37`), as the roster words it (`12月07日 14:37`).
  const back = (await commitment(lent).locator('.hint').first().textContent()).match(/(\d\d)-(\d\d) (\d\d:\d\d)/);
  assert.ok(back, 'the return has a time');
  const returnedAt = `${back[1]}月${back[2]}日 ${back[3]}`;
  await screenshot(commander.page, 'command-request-returned');
  await saved(commander.page);
  await go(commander.page, '/command/pool');
  await poolItem.waitFor();
  assert.equal(await poolItem.getByTestId('item-state').textContent(), '可用');
  await go(commander.page, '/command');
  await card(commander.page, '得胜派出所').waitFor();
  assert.equal(await vehiclesOf(commander.page, '得胜派出所'), vehiclesBefore, 'the vehicle is counted available again');
  assert.equal(await commander.page.getByTestId('station-loan').count(), 0, 'no loan runs any more');
  // Back at 得胜, the officer no longer leaves it short: the reminder is gone.
  await loanReminder.first().waitFor({ state: 'detached' });
  // The 得胜 roster keeps the loan of today's days, now ending at the return instead of the
  // planned end a day later (loans are derived from the commitment's window, dispatch to
  // return: docs/architecture.md "Loans are derived, not stored").
  await loanOut.filter({ hasText: new RegExp(`至 ${returnedAt}$`) }).waitFor({ timeout: 15_000 });
  await screenshot(desheng.page, 'command-roster-after-return');

  // 6. The 麻家渡 officer got none of it.
  await proveSynced(browser, relay, other.page, relay.logins['majiadu officer']);
  const docs = await storedDocs(other.page);
  assert.ok(docs.includes('region/majiadu/command'), `its own region's command is on the device: ${docs}`);
  assert.ok(!docs.some((d) => d.startsWith('region/desheng/')), `nothing of 得胜 on the device: ${docs}`);
  await go(other.page, '/command');
  await other.page.getByRole('heading', { level: 1, name: '麻家渡联动区域' }).waitFor();
  await other.page.getByTestId('open-incidents').waitFor();
  const seen = await other.page.locator('main').innerText();
  assert.ok(!seen.includes(place) && !seen.includes(String(stamp)), 'the 得胜 request reached another region');
  await go(other.page, '/command/incidents');
  await other.page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.ok(!(await other.page.locator('main').innerText()).includes(String(stamp)), 'the 得胜 incident reached another region');

  for (const d of [other, desheng, damiao, commander, officer]) assert.deepEqual(realErrors(d), []);
  for (const d of [other, desheng, damiao, commander, officer]) await d.context.close();
});

test('bad input on a support request is refused with the reason, and nothing is saved', async () => {
  const head = await device(relay.logins['damiao station_head'], '/command/requests/new');
  const form = head.page.getByTestId('request-form');
  await form.waitFor();
  const place = `错误请求-${Date.now()}`;
  await form.getByTestId('request-place').fill(place);
  const count = form.getByTestId('line-count').first();
  const said = head.page.getByTestId('said');
  const stillOnForm = () => assert.equal(new URL(head.page.url()).pathname, '/command/requests/new', 'still on the form');

  // A count of 0, and no count at all: the app refuses them with its reason, in the
  // interface's words (the form does not leave it to the browser's own check).
  // Between the two, another refusal replaces the message, so the second is its own.
  for (const bad of ['0', '']) {
    await count.fill(bad);
    await form.getByTestId('save-request').click();
    await said.filter({ hasText: '第 1 项：数量至少为 1。' }).waitFor();
    assert.equal(await said.getAttribute('role'), 'alert');
    stillOnForm();
    await count.fill('2');
    await form.getByTestId('request-place').fill('');
    await form.getByTestId('save-request').click();
    await said.filter({ hasText: '集结地点必须填写' }).waitFor();
    await form.getByTestId('request-place').fill(place);
  }
  await screenshot(head.page, 'command-request-refused');

  // No meeting point.
  await count.fill('2');
  await form.getByTestId('request-place').fill('');
  await form.getByTestId('save-request').click();
  await said.filter({ hasText: '集结地点必须填写，且不超过 200 字。' }).waitFor();
  stillOnForm();

  // Until when before by when.
  await form.getByTestId('request-place').fill(place);
  const by = await form.getByLabel('要求到达时间').inputValue();
  await form.getByLabel('预计结束时间').fill(by);
  await form.getByTestId('save-request').click();
  await said.filter({ hasText: '“预计结束时间”必须晚于“要求到达时间”。' }).waitFor();
  stillOnForm();

  // Nothing waits to go to the relay, and nothing is on the board, here or at the commander's.
  await saved(head.page);
  const commander = await device(relay.logins['bureau commander'], '/command');
  await go(head.page, '/command');
  for (const d of [head, commander]) {
    await d.page.getByTestId('unfilled').waitFor();
    await d.page.getByTestId('station-card').first().waitFor();
    assert.ok(!(await d.page.locator('main').innerText()).includes(place), 'a refused request was saved');
  }
  for (const d of [head, commander]) assert.deepEqual(realErrors(d), []);
  for (const d of [head, commander]) await d.context.close();
});

test('an officer added to the directory while the board is open is counted, and the app stays up offline', async () => {
  // The bureau's admin adds an officer to 得胜 from another device (the reference Yjs
  // client) while the commander's board is open. This once disposed the open documents'
  // sync state, and the next link change crashed the app.
  const commander = await device(relay.logins['bureau commander'], '/command');
  const counts = card(commander.page, '得胜').getByTestId('station-counts');
  await counts.waitFor();
  const strength = async () => Number((await counts.textContent()).match(/在岗 \d+\/(\d+) 人/)?.[1]);
  const before = await strength();
  assert.ok(before > 0, 'the board counts 得胜\'s strength');

  const admin = tokenOf(relay.logins['bureau bureau_admin']);
  const { doc } = await write(relay.port, `county/${claimsOf(admin).county}/directory`, admin, (directory) => {
    const station = [...directory.getMap('stations').entries()].find(([, s]) => s.get('name').includes('得胜'))?.[0];
    assert.ok(station, 'the directory names 得胜');
    put(directory, 'officers', {
      id: crypto.randomUUID(), badge_number: `59${Date.now() % 10000}`, name: '新调入民警', station, role: 'officer', title: null, region: null, phone: null,
    });
  });
  doc.destroy(); // and with it the awareness' timer, which would keep this file's process alive
  await counts.filter({ hasText: `/${before + 1} 人` }).waitFor({ timeout: 20_000 });

  // The link drops: the badge says so, and the board still answers.
  await offline(commander);
  await commander.page.getByRole('link', { name: '装备车辆' }).click();
  await commander.page.getByTestId('pool-station').first().waitFor();
  await go(commander.page, '/command');
  assert.equal(await strength(), before + 1, 'the new officer is still counted after a reload');
  assert.deepEqual(realErrors(commander), []);
  await commander.context.close();
});
