// Bulletin screens as new users met them: saving an edit with no change makes no new
// version (and says so); the change history names fields in words and shows times in
// China time; a commander who opens the form directly may post to the whole county; a
// photo opens large and closes; the station filter offers the region's stations only;
// the center station is marked in lists and filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { startRelay, launchBrowser, watchForErrors, screenshot, postBulletin } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

async function officer(role, start = '/bulletins') {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(relay.logins[role]);
  await page.getByTestId('signed-in').waitFor();
  await page.goto(new URL(start, relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 20_000 });
  return { context, page, errors };
}

/** A small solid-colour PNG (width × height), as a camera photo stand-in. */
function png(width, height) {
  const crc = (buf) => {
    let c = ~0;
    for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc(Buffer.concat([Buffer.from(type, 'ascii'), data])), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('saving without a change makes no version; the history is in words and China time', async () => {
  const a = await officer('desheng liaison');
  const title = `耕牛被盗-${Date.now()}`;
  await postBulletin(a.page, title);
  await a.page.getByTestId('bulletin').filter({ hasText: title }).getByRole('link').click();

  await a.page.getByRole('link', { name: '修改通报' }).click();
  await a.page.getByRole('button', { name: '保存为新版本' }).click();
  await a.page.getByTestId('unchanged').filter({ hasText: '没有任何修改' }).waitFor();
  await a.page.goBack();
  await a.page.getByTestId('bulletin-detail').waitFor();
  assert.match(await a.page.getByTestId('bulletin-detail').textContent(), /第 1 版/);
  assert.equal(await a.page.getByRole('heading', { name: '修改记录' }).count(), 0);

  await a.page.getByRole('link', { name: '修改通报' }).click();
  await a.page.getByLabel('紧急程度').selectOption('urgent');
  await a.page.getByLabel('有效期至').fill('2030-01-01T08:00');
  await a.page.getByRole('button', { name: '保存为新版本' }).click();
  await a.page.getByTestId('bulletin-detail').waitFor();
  const history = a.page.locator('section').filter({ has: a.page.getByRole('heading', { name: '修改记录' }) });
  await history.waitFor();
  const text = await history.textContent();
  assert.match(text, /紧急程度：一般 → 紧急/);
  assert.match(text, /有效期：.* → 01-01 08:00/, 'the new expiry in China time');
  assert.doesNotMatch(text, /expires_at|urgency|T\d\d:\d\d:\d\dZ/);
  await screenshot(a.page, 'bulletin-history');
  assert.deepEqual(a.errors(), []);
  await a.context.close();
});

test('a commander opening the form directly may post to the whole county', async () => {
  const c = await officer('bureau commander', '/bulletins/new');
  await c.page.reload();
  const scope = c.page.getByLabel('发布范围');
  await scope.locator('option[value="county"]').waitFor({ state: 'attached', timeout: 10_000 });
  await c.context.close();
});

test('a photo opens large and closes; the station filter is the region\'s, center marked', async () => {
  const a = await officer('desheng liaison');
  const title = `通缉人员照片-${Date.now()}`;
  await a.page.getByRole('link', { name: '发布通报' }).click();
  await a.page.getByLabel(/^标题/).fill(title);
  await a.page.locator('input[type=file]').setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: png(64, 48) });
  await a.page.getByText(/\d+ KB/).waitFor();
  await a.page.getByRole('button', { name: '发布', exact: true }).click();
  await a.page.getByTestId('bulletin-detail').waitFor();
  await a.page.getByRole('button', { name: '放大照片' }).click();
  const large = a.page.getByTestId('photo-large');
  await large.waitFor();
  await screenshot(a.page, 'bulletin-photo-large');
  await large.getByRole('button', { name: '关闭' }).click();
  await large.waitFor({ state: 'detached' });

  await a.page.getByRole('link', { name: '返回通报列表' }).first().click();
  const row = a.page.getByTestId('bulletin').filter({ hasText: title });
  assert.match(await row.textContent(), /得胜派出所（中心所）/);
  const options = await a.page.getByLabel('全部派出所').locator('option').allTextContents();
  assert.deepEqual(options.slice(1).sort(), ['得胜派出所（中心所）', '秦古派出所', '竹坪派出所', '大庙派出所', '擂鼓派出所'].sort());
  await screenshot(a.page, 'bulletin-list-stations');
  await a.context.close();
});

test('the bureau administrator reads every region\'s bulletins and posts to the whole county', async () => {
  const admin = await officer('bureau bureau_admin', '/');
  const who = admin.page.locator('section').filter({ has: admin.page.getByTestId('who') });
  assert.match(await who.textContent(), /县公安局/, 'Home says where the officer belongs, not a lone "·"');

  await admin.page.getByRole('link', { name: '通报', exact: true }).first().click();
  const stationFilter = admin.page.getByLabel('全部派出所');
  for (const station of ['宝丰派出所', '大庙派出所']) {
    await stationFilter.selectOption({ label: station });
    await admin.page.getByTestId('bulletin').first().waitFor({ timeout: 10_000 });
    assert.match(await admin.page.getByTestId('bulletin').first().textContent(), new RegExp(station));
  }
  await stationFilter.selectOption({ value: '' });

  const title = `全县通报：防范电信诈骗-${Date.now()}`;
  await admin.page.getByRole('link', { name: '发布通报' }).click();
  await admin.page.getByLabel(/^标题/).fill(title);
  assert.equal(await admin.page.getByLabel('发布范围').inputValue(), 'county');
  await admin.page.getByRole('button', { name: '发布', exact: true }).click();
  await admin.page.getByTestId('bulletin-detail').waitFor();
  assert.match(await admin.page.getByTestId('bulletin-detail').textContent(), /县公安局/);
  await screenshot(admin.page, 'bureau-county-bulletin');

  const reader = await officer('majiadu officer');
  await reader.page.getByTestId('bulletin').filter({ hasText: title }).waitFor({ timeout: 15_000 });
  assert.deepEqual(admin.errors(), []);
  for (const o of [admin, reader]) await o.context.close();
});
