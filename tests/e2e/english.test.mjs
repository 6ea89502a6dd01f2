// Every screen in English shows no Chinese of its own: labels, buttons, headings, messages
// and findings come from the English locale, while data (names of officers, stations,
// villages, bulletins' titles and texts of the demo county) may stay Chinese. A run of Han
// characters on screen passes only if it is a whole run of Han characters of the demo
// county's data (or, 4 characters or more, part of one: texts shown cut short): the county
// file the relay prints (`demo-county`) and the documents as the relay holds them (read
// with the reference Yjs client). Interface words glued to
// data make a longer run and are caught. The language picker names Chinese in Chinese
// (中文), as language pickers do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, watchForErrors, screenshot } from './harness.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const relayBin = process.env.LIANDONG_RELAY_BIN ?? path.join(root, 'target/relay/liandong-relay');

/** Every string value of document `room` as the relay holds it (read with `token`); none
 * when the token may not read it (the relay refuses the upgrade). */
async function strings(room, token) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${relay.port}/sync`, room, doc, { WebSocketPolyfill: WebSocket, params: { token }, disableBc: true });
  const synced = await new Promise((resolve) => {
    provider.on('sync', (done) => done && resolve(true));
    provider.on('connection-close', () => resolve(false));
  });
  // The provider's awareness keeps a timer of its own: without destroying it the test
  // process never exits.
  const close = () => { provider.destroy(); provider.awareness.destroy(); doc.destroy(); };
  if (!synced) { close(); return []; }
  const out = [];
  const walk = (v) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const name of doc.share.keys()) walk(doc.getMap(name).toJSON());
  close();
  return out;
}

/** The runs of Han characters in the demo county's data: the county file, and the
 * documents the screens below show (directory, bulletins, rosters, command) as the relay has them. */
async function demoData() {
  const out = [];
  const walk = (v) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const county = JSON.parse(execFileSync(relayBin, ['demo-county'], { maxBuffer: 1 << 26 }).toString());
  walk(county);
  const token = (login) => decodeURIComponent(relay.logins[login].split('#token=')[1]);
  const admin = token('bureau bureau_admin');
  const liaison = token('desheng liaison');
  const code = county.county.code;
  out.push(...await strings(`county/${code}/directory`, admin), ...await strings(`county/${code}/bulletins`, admin));
  out.push(...await strings('region/desheng/bulletins', liaison), ...await strings('region/desheng/command', liaison));
  // Rosters are read by their region's officers.
  for (const station of county.stations) out.push(...await strings(`station/${station.code}/roster`, liaison));
  // A name the county gives in English too (the skill catalogue's `name_en`) must show in
  // English: its Chinese name is not data to allow.
  const translated = new Set(county.skills.filter((k) => k.name_en).map((k) => k.name));
  return [...new Set(out.filter((d) => !translated.has(d)).flatMap((d) => d.match(/\p{Script=Han}+/gu) ?? []))];
}

/** A language picker shows each language in its own name. */
const OWN_NAMES = ['中文'];

let relay, browser, data;
before(async () => {
  relay = await startRelay({ demo: true });
  browser = await launchBrowser();
  data = await demoData();
});
after(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Han runs on the page (text, placeholders, labels, titles) that are not demo data. */
async function chineseOf(page) {
  const text = await page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],option')) {
      parts.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '', el.tagName === 'OPTION' ? el.textContent : '');
    }
    return parts.join('\n');
  });
  const runs = text.match(/\p{Script=Han}+/gu) ?? [];
  const isData = (run) => OWN_NAMES.includes(run) || data.includes(run) || (run.length >= 4 && data.some((d) => d.includes(run)));
  return [...new Set(runs.filter((run) => !isData(run)))];
}

/** Signs `login` in with English chosen, as the officer would in Settings. */
async function english(login) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(() => localStorage.setItem('liandong.locale', JSON.stringify('en')));
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(relay.logins[login]);
  await page.getByTestId('signed-in').waitFor();
  return { context, page, errors };
}

/** Opens `path` and waits until the page is in English and everything is synced. */
async function visit(page, path, ready) {
  await page.goto(new URL(path, relay.url).href);
  await page.getByTestId('sync-badge').filter({ hasText: 'Saved to relay' }).waitFor({ timeout: 20_000 });
  if (ready) await ready(page);
}

test('every screen in English shows no Chinese but the data', { timeout: 300_000 }, async () => {
  const found = {};
  const check = async (page, name) => {
    const chinese = await chineseOf(page);
    if (chinese.length) {
      found[name] = chinese;
      await screenshot(page, `english-${name}`);
    }
  };

  const liaison = await english('desheng liaison');
  const p = liaison.page;
  await visit(p, '/', (pg) => pg.getByRole('navigation', { name: 'main' }).waitFor());
  await check(p, 'home');
  await visit(p, '/bulletins', (pg) => pg.getByTestId('bulletin').first().waitFor());
  await check(p, 'bulletins');
  await p.getByTestId('bulletin').first().getByRole('link').first().click();
  await p.getByTestId('bulletin-detail').waitFor();
  await check(p, 'bulletin');
  await visit(p, '/bulletins/new', (pg) => pg.getByTestId('bulletin-form').waitFor());
  await p.getByRole('button', { name: 'Post', exact: true }).click();
  await p.getByRole('alert').filter({ hasText: 'The title is empty' }).waitFor();
  await check(p, 'bulletin-form-errors');
  for (const [path, name] of [['/series', 'series'], ['/bulletins/forwarded', 'forwarded'], ['/roster', 'roster'], ['/districts', 'districts'], ['/region', 'region'], ['/settings', 'settings']]) {
    await visit(p, path, (pg) => pg.locator('main.page h1').first().waitFor());
    await check(p, name);
  }
  for (const [path, name] of [['/command', 'command-board'], ['/command/incidents', 'incidents'], ['/command/pool', 'pool'], ['/command/plans', 'plans']]) {
    await visit(p, path, (pg) => pg.locator('main.page h1').first().waitFor());
    await check(p, name);
  }
  await visit(p, '/command/incidents', (pg) => pg.getByTestId('incident-row').first().waitFor());
  await p.getByTestId('incident-row').first().getByRole('link').click();
  await p.getByTestId('timeline-entry').first().waitFor();
  await check(p, 'incident');
  await p.getByTestId('incident-request').first().getByRole('link').click();
  await p.getByTestId('commitment').first().waitFor();
  await check(p, 'request');
  assert.deepEqual(liaison.errors(), []);
  await liaison.context.close();

  const head = await english('damiao station_head');
  await visit(head.page, '/roster', (pg) => pg.locator('main.page h1').first().waitFor());
  await check(head.page, 'roster-station-head');
  await visit(head.page, '/districts', (pg) => pg.locator('main.page h1').first().waitFor());
  await check(head.page, 'districts-station-head');
  for (const [path, name] of [['/command/incidents/new', 'incident-form'], ['/command/requests/new', 'request-form']]) {
    await visit(head.page, path, (pg) => pg.locator('main.page h1').first().waitFor());
    await check(head.page, name);
  }
  // An open incident's edit form (the demo's incidents are all closed: open one first).
  await visit(head.page, '/command/incidents/new', (pg) => pg.getByTestId('incident-form').waitFor());
  await head.page.getByTestId('incident-place').fill('Damiao market');
  await head.page.getByTestId('incident-summary').fill('Motorcycle thefts around the market');
  await head.page.getByTestId('save-incident').click();
  await head.page.getByTestId('edit-incident').click();
  await head.page.getByTestId('incident-form').waitFor();
  await check(head.page, 'incident-edit');
  await head.context.close();

  const admin = await english('bureau bureau_admin');
  await visit(admin.page, '/region', (pg) => pg.locator('main.page h1').first().waitFor());
  await check(admin.page, 'county-board');
  await admin.context.close();

  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await stranger.addInitScript(() => localStorage.setItem('liandong.locale', JSON.stringify('en')));
  const login = await stranger.newPage();
  await login.goto(new URL('/login', relay.url).href);
  await login.getByTestId('sign-in-refused').waitFor();
  await check(login, 'login-without-link');
  await stranger.close();

  assert.deepEqual(found, {}, `Chinese in the English interface: ${JSON.stringify(found, null, 1)}`);
});
