// Districts and offices end to end with the real relay and the demo county: the 大庙
// Damiao station head fixes the station's demo findings through the screen (a district
// without an office, then the new office without a resident officer) until the coverage
// board shows none; an officer of another station of the region sees the region board
// change after the sync. Bad input is refused with the reason and nothing is half-saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, watchForErrors, screenshot, openSignedIn } from './harness.mjs';

const bin = process.env.LIANDONG_RELAY_BIN
  ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../target/relay/liandong-relay');

/** A login link for the head of station `code`, issued by the relay's own command. */
function headLogin(code) {
  const county = JSON.parse(execFileSync(bin, ['demo-county'], { maxBuffer: 1 << 26 }).toString());
  const head = county.stations.find((s) => s.code === code).officers.find((o) => o.role === 'station_head');
  const out = execFileSync(bin, ['token', 'issue', '--officer', head.badge, '--days', '1', '--url', relay.url, '--data', relay.dataDir]).toString();
  return out.match(/login: (\S+)/)[1];
}

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

function open(login, path) {
  return openSignedIn(browser, relay, login, path);
}

test('the station head fixes the demo findings until the board shows none; the region sees it', async () => {
  const head = await open(relay.logins['damiao station_head'], '/districts');
  const region = await open(relay.logins['desheng liaison'], '/region');
  const board = head.page.getByTestId('coverage-board');
  const damiao = region.page.getByTestId('station-row').filter({ hasText: '大庙派出所' });
  await board.getByTestId('district-finding').first().waitFor();
  await damiao.waitFor();
  assert.notEqual(await damiao.getByTestId('findings').textContent(), '0');

  // 1. A district without an office: the finding links to its card; open one there.
  const finding = board.getByTestId('district-finding').filter({ hasText: '没有警务室' });
  assert.equal(await finding.count(), 1, await board.textContent());
  const name = (await finding.textContent()).split('：')[0];
  await finding.getByRole('link').click();
  const card = head.page.getByTestId('district').filter({ has: head.page.getByRole('heading', { name, exact: true }) });
  await card.getByRole('button', { name: '设立警务室' }).click();
  const form = card.getByTestId('office-form');
  assert.equal(await form.getByLabel('警务室名称').inputValue(), `${name}警务室`);
  await form.getByLabel('地址').fill(`${name}村委会院内`);
  await form.getByLabel('驻警时限').fill('周一至周五 8:30–17:30');
  await form.getByLabel('电话').fill('0710-3281234');
  await form.getByRole('button', { name: '保存警务室' }).click();
  await board.getByTestId('district-finding').filter({ hasText: '没有驻室民警' }).waitFor();
  assert.equal(await board.getByTestId('district-finding').filter({ hasText: '没有警务室' }).count(), 0);

  // 2. The new office has no resident: the solver proposes one, the head accepts.
  await head.page.getByRole('button', { name: '为缺少驻室民警的警务室推荐' }).click();
  const proposal = head.page.getByTestId('proposal').filter({ hasText: `${name}警务室` });
  await proposal.first().waitFor();
  assert.match(await proposal.textContent(), /类技能/);
  await proposal.getByRole('button', { name: '采纳', exact: true }).click();
  await board.getByText('全部符合').waitFor();
  assert.equal(await board.getByTestId('finding-count').textContent(), '0');
  const resident = await card.getByTestId('resident').evaluate((s) => s.selectedOptions[0].textContent);
  assert.match(resident, /（41\d{4}）/);
  await screenshot(head.page, 'districts-board-zero');

  // The disclosure card names the resident officer with the office's hours and phone.
  await card.getByRole('button', { name: '警务公开卡' }).click();
  const poster = card.getByTestId('poster');
  assert.match(await poster.textContent(), new RegExp(resident.split('（')[0].trim()));
  assert.match(await poster.textContent(), /0710-3281234/);
  assert.match(await poster.textContent(), /周一至周五 8:30–17:30/);
  // The head adds the officer's photo; it is resized on the device and shown on the card.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await poster.getByTestId('photo-input').setInputFiles({ name: 'officer.png', mimeType: 'image/png', buffer: png });
  await poster.getByTestId('officer-photo').waitFor();
  assert.match(await poster.getByTestId('officer-photo').getAttribute('src'), /^data:image\/jpeg;base64,/);

  // 3. Another station of the region sees 大庙 reach zero on the region board.
  await damiao.getByTestId('findings').filter({ hasText: /^0$/ }).waitFor({ timeout: 15_000 });
  await screenshot(region.page, 'region-board');

  for (const d of [head, region]) assert.deepEqual(d.errors(), []);
  for (const d of [head, region]) await d.context.close();
});

test('bad input is refused with the reason and nothing is half-saved', async () => {
  const head = await open(relay.logins['damiao station_head'], '/districts');
  const cards = head.page.getByTestId('district');
  await cards.first().waitFor();
  const before = await cards.count();
  const form = head.page.getByTestId('new-district');
  await form.getByLabel('警务区名称').fill('新设警务区');
  await form.getByLabel(/村及人口/).fill('东岗村 1200\n西岗村 -5\n南岗村 很多');
  await form.getByRole('button', { name: '新建' }).click();
  const alert = head.page.getByTestId('district-outcome');
  await alert.filter({ hasText: '西岗村' }).waitFor();
  assert.match(await alert.textContent(), /不能为负数/);
  assert.match(await alert.textContent(), /南岗村.*不是整数/);
  assert.equal(await cards.count(), before, 'no district was created');
  assert.equal(await head.page.getByText('东岗村').count(), 0, 'not even the good village');

  // Corrected, it is created with both villages and the sizing rule beside it.
  await form.getByLabel(/村及人口/).fill('东岗村 1200\n西岗村 900');
  await form.getByRole('button', { name: '新建' }).click();
  const created = cards.filter({ has: head.page.getByRole('heading', { name: '新设警务区', exact: true }) });
  await created.waitFor();
  assert.match(await created.getByTestId('size-rule').textContent(), /2 个村，共 2100 人/);
  assert.deepEqual(head.errors(), []);
  await head.context.close();
});

test('every other station head clears the demo findings of their station through the screen', async () => {
  /** Opens the head's districts page; returns helpers for the board. */
  async function station(code) {
    const d = await open(headLogin(code), '/districts');
    const board = d.page.getByTestId('coverage-board');
    await board.locator('.stats').waitFor();
    const finding = (text) => board.getByTestId('district-finding').filter({ hasText: text });
    const card = (name) => d.page.getByTestId('district').filter({ has: d.page.getByRole('heading', { name, exact: true }) });
    const officeOf = (name) => d.page.getByTestId('office').filter({ has: d.page.getByText(name, { exact: true }) });
    const accept = async (office) => {
      await d.page.getByRole('button', { name: '为缺少驻室民警的警务室推荐' }).click();
      const proposal = d.page.getByTestId('proposal').filter({ hasText: office });
      await proposal.getByRole('button', { name: '采纳', exact: true }).click();
    };
    const openOffice = async (district, button) => {
      await card(district).getByRole('button', { name: button }).click();
      await card(district).getByTestId('office-form').getByRole('button', { name: '保存警务室' }).click();
    };
    const grant = async (officer, skill) => {
      const form = d.page.getByTestId('grant-skill');
      await form.getByRole('combobox').nth(0).selectOption({ label: officer });
      await form.getByRole('combobox').nth(1).selectOption({ label: skill });
      await form.getByRole('button', { name: '授予技能' }).click();
      await d.page.getByTestId('district-outcome').filter({ hasText: '已保存在本机' }).waitFor();
    };
    const clean = async () => {
      await board.getByText('全部符合').waitFor();
      assert.deepEqual(d.errors(), []);
      await d.context.close();
    };
    return { d, board, finding, card, officeOf, accept, openOffice, grant, clean };
  }

  // 秦古: one officer resident in two offices: the second office gets its own.
  {
    const s = await station('qingu');
    const text = await s.finding('同时驻多个警务室').textContent();
    const [, second] = text.match(/（(.+)、(.+)）/).slice(1);
    await s.officeOf(second).getByTestId('resident').selectOption({ label: '（无驻室民警）' });
    await s.finding(`${second}：没有驻室民警`).waitFor();
    await s.accept(second);
    await s.clean();
  }
  // 深河: an office without a resident officer.
  {
    const s = await station('shenhe');
    const office = (await s.finding('没有驻室民警').textContent()).split('：')[0];
    await s.accept(office);
    await s.clean();
  }
  // 宝丰: one office serving two districts: the second district opens its own, then it
  // gets a resident.
  {
    const s = await station('baofeng');
    const text = await s.finding('同时服务多个警务区').textContent();
    const district = text.match(/（.+、(.+)）/)[1];
    await s.openOffice(district, '为本区设立独立警务室');
    await s.finding(`${district}警务室：没有驻室民警`).waitFor();
    await s.accept(`${district}警务室`);
    await s.clean();
  }
  // 楼台: a district too large: split off two villages, open their office, a resident.
  {
    const s = await station('loutai');
    const district = (await s.finding('应为 2–3 个村').textContent()).split('：')[0];
    const card = s.card(district);
    await card.getByRole('button', { name: '拆分' }).click();
    const split = card.getByTestId('split-form');
    const boxes = split.getByRole('checkbox');
    await boxes.nth(2).check();
    await boxes.nth(3).check();
    await split.getByLabel('警务区名称').fill(`${district}二`);
    await split.getByRole('button', { name: '拆分' }).click();
    await s.finding(`${district}二：没有警务室`).waitFor();
    await s.openOffice(`${district}二`, '设立警务室');
    await s.accept(`${district}二警务室`);
    await s.clean();
  }
  // 文峰: nobody has the required household registration skill.
  {
    const s = await station('wenfeng');
    const first = await s.d.page.getByTestId('skill-matrix').locator('tbody th').first().evaluate((th) => th.firstChild.textContent);
    await s.grant(first, '户籍管理');
    await s.clean();
  }
  // 田家: an officer with one skill category gets two more.
  {
    const s = await station('tianjia');
    const name = (await s.finding('类技能，少于').textContent()).split('（')[0];
    // The one skill left is one of the required three; these are other categories.
    await s.grant(name, '治安巡逻');
    await s.grant(name, '法制宣传');
    await s.clean();
  }
});

test('the bureau sees every region and the county on the coverage board', async () => {
  const bureau = await open(relay.logins['bureau bureau_admin'], '/region');
  await bureau.page.getByTestId('county-board').waitFor();
  assert.equal(await bureau.page.getByTestId('region-board').count(), 4);
  // The counts come from every station's roster document, not only the directory.
  const county = bureau.page.getByTestId('county-board').getByTestId('station-row').last();
  await bureau.page.getByTestId('county-board').getByText('未划入任何联动区域').waitFor();
  await county.locator('td').nth(1).filter({ hasText: /^\d+\/[1-9]\d*$/ }).waitFor({ timeout: 20_000 });
  await screenshot(bureau.page, 'county-board');
  assert.deepEqual(bureau.errors(), []);
  await bureau.context.close();
});
