// Bulletins end to end with the real relay: A (得胜 Desheng liaison) posts while offline;
// B (大庙 Damiao officer, same region) is offline too; both come online: B sees it and
// acknowledges it; A sees B's acknowledgement; C (麻家渡 Majiadu, another region) never
// receives it. Also: the form says which field is wrong; a new version asks for a new
// acknowledgement; the liaison forwards; the center station adds a joint-analysis note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, watchForErrors, screenshot, cuttableContext, proveSynced } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

async function officer(role) {
  const handle = await cuttableContext(browser, { viewport: { width: 390, height: 900 } });
  const page = await handle.context.newPage();
  const errors = watchForErrors(page);
  await page.goto(relay.logins[role]);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL('/bulletins', relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  return { ...handle, page, errors };
}

const online = async (o) => { o.restore(); await o.page.evaluate(() => window.dispatchEvent(new Event('online'))); };

test('posted offline, acknowledged by another station, the acknowledgement seen by the author, never by another region', async () => {
  const a = await officer('desheng liaison');
  const b = await officer('damiao officer');
  const c = await officer('majiadu officer');
  const title = `紧急：流窜诈骗嫌疑车辆-${Date.now()}`;

  a.cut();
  b.cut();
  await a.page.getByRole('link', { name: '发布通报' }).click();
  await a.page.getByLabel(/^标题/).fill('');
  await a.page.getByRole('button', { name: '发布' }).click();
  await a.page.getByRole('alert').filter({ hasText: '标题不能为空' }).waitFor();
  await a.page.getByLabel('有效期至').fill('2020-01-01T08:00');
  await a.page.getByRole('button', { name: '发布' }).click();
  await a.page.getByRole('alert').filter({ hasText: '有效期必须晚于现在' }).waitFor();
  await screenshot(a.page, 'bulletin-form-errors');

  await a.page.getByLabel('类别').selectOption('travelling_fraud');
  await a.page.getByLabel('紧急程度').selectOption('urgent');
  await a.page.getByLabel(/^标题/).fill(title);
  await a.page.getByLabel('内容').fill('白色面包车，外地牌照，车上二人，冒充医疗器械推销。');
  await a.page.getByLabel('地点（乡镇/村）').fill('得胜镇集镇');
  await a.page.getByLabel('有效期至').fill('2030-01-01T08:00');
  await a.page.getByRole('button', { name: '发布' }).click();
  await a.page.getByTestId('bulletin-detail').waitFor();
  await a.page.getByText('已保存在本机').waitFor();

  await online(a);
  await online(b);
  await b.page.getByTestId('bulletin').filter({ hasText: title }).waitFor({ timeout: 10_000 });
  // Urgent and not yet acknowledged: at the top of B's list.
  assert.match(await b.page.getByTestId('bulletin').first().textContent(), /未签收/);
  await screenshot(b.page, 'bulletin-list');
  await b.page.getByTestId('bulletin').filter({ hasText: title }).getByRole('link').click();
  await b.page.getByRole('button', { name: '签收' }).click();
  await b.page.getByTestId('acked').waitFor();

  const report = a.page.getByTestId('ack-report');
  await report.locator('.ack-station[data-station="大庙派出所"] .acked').first().waitFor({ timeout: 10_000 });
  assert.match(await report.textContent(), /人已签收第 1 版/);
  await screenshot(a.page, 'bulletin-acknowledgements');

  // A new version asks B to acknowledge again.
  await a.page.getByRole('link', { name: '修改通报' }).click();
  await a.page.getByLabel('内容').fill('更正：车上三人。白色面包车，外地牌照。');
  await a.page.getByRole('button', { name: '保存为新版本' }).click();
  await a.page.getByTestId('bulletin-detail').waitFor();
  await b.page.getByText('请重新签收').waitFor({ timeout: 10_000 });

  // C has everything the relay sent it since B received both versions: then nothing of them.
  await proveSynced(browser, relay, c.page, relay.logins['majiadu officer']);
  assert.equal(await c.page.getByTestId('bulletin').filter({ hasText: title }).count(), 0);
  for (const o of [a, b, c]) assert.deepEqual(o.errors().filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  for (const o of [a, b, c]) await o.context.close();
});

test('a member station liaison forwards; the center station sees it and adds a joint analysis', async () => {
  const liaison = await officer('damiao liaison');
  const center = await officer('desheng liaison');
  const title = `线索：夜间陌生人查看摩托车-${Date.now()}`;
  await liaison.page.getByRole('link', { name: '发布通报' }).click();
  await liaison.page.getByLabel(/^标题/).fill(title);
  await liaison.page.getByRole('button', { name: '发布' }).click();
  await liaison.page.getByTestId('bulletin-detail').waitFor();
  await liaison.page.getByRole('button', { name: '报送中心所' }).click();
  await liaison.page.getByText('已报送中心所').waitFor();

  await center.page.getByRole('link', { name: '各所报送' }).click();
  const fromDamiao = center.page.locator('section').filter({ has: center.page.getByRole('heading', { name: /大庙派出所/ }) });
  await fromDamiao.getByRole('link', { name: title }).click({ timeout: 10_000 });
  await center.page.getByLabel('添加研判意见').fill('与麻家渡区域通报的盗窃团伙特征相符，建议串并。');
  await center.page.getByRole('button', { name: '保存' }).click();
  await liaison.page.getByTestId('assessments').getByText('建议串并').waitFor({ timeout: 10_000 });
  await screenshot(center.page, 'bulletin-joint-analysis');
  for (const o of [liaison, center]) await o.context.close();
});

test('a bulletin written by a newer app version is reported, the rest still shown', async () => {
  const b = await officer('damiao officer');
  const token = decodeURIComponent(relay.logins['desheng liaison'].split('#token=')[1]);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  await promisify(execFile)('node', [
    path.join(here, 'bulk-writer.mjs'), `ws://127.0.0.1:${relay.port}/sync`, 'region/desheng/bulletins', token, '1', '1',
    claims.sub, claims.sub, 'drone_sighting',
  ], { cwd: path.join(here, '../..') });
  await b.page.getByRole('status').filter({ hasText: '较新版本' }).waitFor({ timeout: 10_000 });
  assert.ok(await b.page.getByTestId('bulletin').count() > 0, 'the readable bulletins are still listed');
  await b.context.close();
});
