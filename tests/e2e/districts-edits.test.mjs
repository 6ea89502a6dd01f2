// The districts page as new users met it (issue 14): the bureau administrator opens a
// station from the region board and reads its districts; a merge asks first, naming both
// districts, and can be undone; on a phone each refusal shows next to the form that caused
// it, in sight, with the reason (too large, twice, not a phone, expired, resident
// elsewhere).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, launchBrowser, watchForErrors, screenshot, openSignedIn } from './harness.mjs';

let relay, browser;
before(async () => { relay = await startRelay({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await relay?.stop(); });

function open(login, path, viewport = { width: 390, height: 844 }) {
  return openSignedIn(browser, relay, login, path, viewport);
}

/** Whether `locator` is inside the window (not scrolled away). */
const inSight = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
});

test('the bureau opens a station from the region board and reads its districts', async () => {
  const bureau = await open(relay.logins['bureau bureau_admin'], '/region', { width: 1366, height: 768 });
  await bureau.page.getByRole('link', { name: '大庙派出所' }).first().click();
  const cards = bureau.page.getByTestId('district');
  await cards.first().waitFor({ timeout: 20_000 });
  assert.ok(await cards.count() >= 2);
  assert.equal(await bureau.page.getByTestId('new-district').count(), 0, 'read only');
  assert.equal(await bureau.page.getByTestId('merge').count(), 0, 'read only');
  await screenshot(bureau.page, 'districts-bureau');
  assert.deepEqual(bureau.errors(), []);
  await bureau.context.close();
});

test('a merge asks first naming both districts, and can be undone', async () => {
  const head = await open(relay.logins['damiao station_head'], '/districts');
  const cards = head.page.getByTestId('district');
  await cards.nth(1).waitFor();
  const count = await cards.count();
  const kept = await cards.nth(0).getAttribute('data-name');
  const absorbed = await cards.nth(1).getAttribute('data-name');
  const villages = await cards.nth(1).locator('.villages li').count();
  await cards.nth(0).getByTestId('merge').selectOption({ label: absorbed });
  const ask = cards.nth(0).getByTestId('merge-confirm');
  await ask.waitFor();
  assert.ok((await ask.textContent()).includes(kept) && (await ask.textContent()).includes(absorbed));
  assert.equal(await cards.count(), count, 'nothing merged before the confirmation');
  await screenshot(head.page, 'districts-merge-confirm');
  await ask.getByRole('button', { name: '取消' }).click();
  assert.equal(await cards.count(), count);

  await cards.nth(0).getByTestId('merge').selectOption({ label: absorbed });
  await cards.nth(0).getByTestId('merge-confirm').getByRole('button', { name: '确认合并' }).click();
  const keptCard = cards.filter({ has: head.page.getByRole('heading', { name: kept, exact: true }) });
  await keptCard.getByTestId('merge-done').waitFor();
  assert.equal(await cards.count(), count - 1);
  await keptCard.getByRole('button', { name: '撤销合并' }).click();
  const back = cards.filter({ has: head.page.getByRole('heading', { name: absorbed, exact: true }) });
  await back.waitFor();
  assert.equal(await cards.count(), count);
  assert.equal(await back.locator('.villages li').count(), villages, 'its villages are back');
  assert.deepEqual(head.errors(), []);
  await head.context.close();
});

test('on a phone each refusal shows next to its form, in sight, with the reason', async () => {
  const head = await open(relay.logins['damiao station_head'], '/districts');
  const card = head.page.getByTestId('district').last();
  await card.waitFor();

  // An 11-digit population: too large, with the limit, under the village form.
  await card.getByLabel('村名').fill('大湾村');
  await card.getByLabel('人口').fill('12345678901');
  await card.getByRole('button', { name: '添加村' }).click();
  const said = card.getByTestId('district-outcome');
  await said.waitFor();
  assert.match(await said.textContent(), /过大.*1000000/);
  assert.ok(await inSight(said), 'the error is in sight');
  await screenshot(head.page, 'districts-error-phone');

  // A phone that is not one.
  const office = card.getByTestId('office');
  if (await office.count() > 0) {
    await card.getByRole('button', { name: '编辑警务室' }).click();
  } else {
    await card.getByRole('button', { name: '设立警务室' }).click();
  }
  const form = card.getByTestId('office-form');
  await form.getByLabel('电话').fill('abc-电话');
  await form.getByRole('button', { name: '保存警务室' }).click();
  await card.getByTestId('district-outcome').filter({ hasText: '电话' }).waitFor();
  assert.match(await card.getByTestId('district-outcome').textContent(), /无效/);
  assert.ok(await inSight(card.getByTestId('district-outcome')));
  await form.getByRole('button', { name: '关闭' }).click();

  // A village twice in the new-district form.
  const create = head.page.getByTestId('new-district');
  await create.getByLabel('警务区名称').fill('重名测试区');
  await create.getByLabel(/村及人口/).fill('东岗村 100\n东岗村 200');
  await create.getByRole('button', { name: '新建' }).click();
  const createSaid = head.page.locator('[data-testid=new-district] ~ [data-testid=district-outcome]');
  await createSaid.filter({ hasText: '重复' }).waitFor();
  assert.ok(await inSight(createSaid));

  // A skill that expired in 2020.
  const grant = head.page.getByTestId('grant-skill');
  await grant.getByRole('combobox').nth(0).selectOption({ index: 1 });
  await grant.getByRole('combobox').nth(1).selectOption({ index: 1 });
  await grant.getByLabel(/有效期至/).fill('2020-06-30');
  await grant.getByRole('button', { name: '授予技能' }).click();
  const skillSaid = head.page.locator('[data-testid=grant-skill] ~ [data-testid=district-outcome]');
  await skillSaid.filter({ hasText: '2020-06-30' }).waitFor();
  assert.match(await skillSaid.textContent(), /已过/);
  assert.ok(await inSight(skillSaid));

  // One officer made the resident of a second office: refused, naming the first.
  const offices = head.page.getByTestId('office');
  const residentOf = (i) => offices.nth(i).getByTestId('resident').evaluate((s) => s.selectedOptions[0].textContent);
  let from = -1;
  for (let i = 0; i < await offices.count(); i++) if (!(await residentOf(i)).startsWith('（无')) { from = i; break; }
  assert.ok(from >= 0, 'a resident in the demo');
  const someone = await residentOf(from);
  const to = from === 0 ? 1 : 0;
  await offices.nth(to).getByTestId('resident').selectOption({ label: someone });
  const residentSaid = offices.nth(to).getByTestId('district-outcome');
  await residentSaid.filter({ hasText: '已是' }).waitFor();
  assert.ok(await inSight(residentSaid));
  assert.deepEqual(head.errors(), []);
  await head.context.close();
});
