// Benchmark of the commander's board (/command) in headless Chromium (figures, not a
// pass/fail test). The goal of regional command: the board of a region of 5 stations,
// 120 officers, 3 months of rosters, 300 equipment items and a year of incidents renders
// in at most 100 ms from IndexedDB.
//
// Setup, through the relay with the reference Yjs client, as other devices would write:
// the bureau administrator adds officers to the 得胜 region (得胜 and 秦古, 竹坪, 大庙,
// 擂鼓) until each station has 24 on strength (120); each station head's roster gets 92
// days from the first of this month (a pair on 24-hour duty every day, one of them
// leading; day shifts on weekdays for the others, but not for the pair coming off duty);
// the commander's `region/desheng/command` gets a pool of 300 items (the demo's vehicle
// per station and regional set, then mixed kinds at every station, some in repair or out
// of service) and a year of incidents: 250 closed, each with a result and one support
// request of 2–3 lines filled by 3–4 commitments, all returned; and 3 open ones whose
// requests are partly filled by commitments running now (loans), one past its "by when"
// (a finding). The commander signs in and syncs everything; then, with the relay
// unreachable (only IndexedDB serves), measured (median of 7):
// (a) a reload of /command until the frame after the board is complete: the 5 station
//     cards with the counts, short lines and findings it shows once every document is
//     read (recorded after the sync); from navigation start and from the first read of
//     storage (the app's `liandong:load-start:` marks: the board's snapshot, documents),
//     with the milestones between. The board shows first from its snapshot (read-only),
//     then live from the documents: both are measured;
// (b) a click on a short line until the frame with the candidates (commit-pick) on the
//     station cards.
// Then where the reload's time goes: a CPU profile (Chrome DevTools protocol) of one more
// reload, from its first script to that frame, by phase; and what a plain IndexedDB read of
// each stored document costs from JavaScript.
//
// BOARD_APP=<folder> serves another build than dist/ (a copy, so that a build running
// meanwhile does not change what is measured). The Wasm of dist/ has no function names, so
// its profile says only "other Wasm"; to split that, serve a copy of the build whose Wasm
// keeps them, made from the same cargo output (scripts/split-wasm.sh with `wasm-opt -Oz -g`):
//   cp -r dist /tmp/names-dist
//   sed -e 's/wasm-opt -Oz/wasm-opt -Oz -g/g' -e "s|\$(dirname \"\$0\")|$PWD/scripts|g" scripts/split-wasm.sh > /tmp/split-names.sh
//   PATH=$PWD/node_modules/.bin:$PATH bash /tmp/split-names.sh /tmp/names-dist ${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/liandong.wasm
//   bash scripts/stamp-shell.sh /tmp/names-dist
//   BOARD_APP=/tmp/names-dist node bench/app/board-bench.mjs
// (the names make the main Wasm 2.6 MB instead of 1 MB, so take (a) and (b) from dist/).
// Usage: node bench/app/board-bench.mjs   (after scripts/build.sh; about 3 minutes)
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { write as writeDoc, put, tokenOf, claimsOf } from '../../tests/e2e/reference-client.mjs';
import { startRelay, launchBrowser, cuttableContext, watchForErrors, artifacts } from '../../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const REGION = 'desheng';
const PER_STATION = 24;
const DAYS = 92;
const ITEMS = 300;
const CLOSED = 250;
const RUNS = 7;
const GOAL = 100;
const relay = await startRelay({ demo: true, app: process.env.BOARD_APP || undefined });
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
const log = (...args) => console.error('[board-bench]', ...args);

/** Writes document `room` through the relay as another device ([`write`] of reference-client.mjs). */
const write = (room, token, edit) => writeDoc(relay.port, room, token, edit);

/** A UUID v7 of time `ms` (record ids sort by creation, docs/architecture.md "Documents"). */
function uuid7(ms) {
  const b = crypto.getRandomValues(new Uint8Array(16));
  let v = BigInt(Math.floor(ms));
  for (let i = 5; i >= 0; i--) { b[i] = Number(v & 0xffn); v >>= 8n; }
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
// A fixed seed, so every run writes the same shape of data.
let seed = 20261207;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// 1. Officers: every station of the region up to 24 on strength (officer, liaison, head).
const admin = tokenOf(relay.logins['bureau bureau_admin']);
const commanderLink = relay.logins['bureau commander'];
const commander = claimsOf(tokenOf(commanderLink));
const { result: org } = await write(`county/${commander.county}/directory`, admin, (doc) => {
  const region = [...doc.getMap('regions').entries()].find(([, r]) => r.get('code') === REGION);
  // The center first, then the members (core's Region::stations).
  const ids = [region[1].get('center'), ...region[1].get('members').filter((m) => m !== region[1].get('center'))];
  const stations = ids.map((id) => ({ id, code: doc.getMap('stations').get(id).get('code'), name: doc.getMap('stations').get(id).get('name') }));
  const strength = (station) => [...doc.getMap('officers').entries()]
    .filter(([, o]) => o.get('station') === station && ['officer', 'liaison', 'station_head'].includes(o.get('role')) && !o.get('deleted_at'));
  doc.transact(() => {
    stations.forEach((s, n) => {
      for (let i = strength(s.id).length; i < PER_STATION; i++) {
        put(doc, 'officers', {
          id: uuid7(Date.now() - 86_400_000), badge_number: `5${n}${String(i).padStart(3, '0')}`, name: `${s.name.slice(0, 2)}民警${i}`,
          station: s.id, role: 'officer', title: null, region: null, phone: null, generated: true,
        });
      }
    });
  });
  return {
    region: region[0],
    stations: stations.map((s) => ({
      ...s,
      officers: strength(s.id).map(([id]) => id),
      head: strength(s.id).find(([, o]) => o.get('role') === 'station_head'),
    })).map((s) => ({ ...s, headId: s.head[0], headBadge: s.head[1].get('badge_number'), head: undefined })),
  };
});
if (org.stations.length !== 5) throw new Error(`expected 5 stations in ${REGION}, found ${org.stations.map((s) => s.code)}`);
const officers = org.stations.reduce((n, s) => n + s.officers.length, 0);
log(`${REGION}: ${org.stations.map((s) => `${s.code} ${s.officers.length}`).join(', ')} officers on strength`);

// 2. Each station's roster: 92 days from the first of this month (China time), written by
// its head (a token issued by the relay for each head, as `liandong-relay token issue`).
async function headToken(station) {
  const login = relay.logins[`${station.code} station_head`];
  if (login) return tokenOf(login);
  const bin = process.env.LIANDONG_RELAY_BIN ?? path.join(root, 'target/relay/liandong-relay');
  const { stdout } = await run(bin, ['token', 'issue', '--data', relay.dataDir, '--officer', station.headBadge,
    '--url', relay.url], { maxBuffer: 1 << 20 });
  return stdout.match(/token: (\S+)/)[1];
}
const now = Date.now();
const china = new Date(now + 8 * 3600_000);
const first = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), 1) - 8 * 3600_000;
let shiftCount = 0;
let rosterBytes = 0;
for (const station of org.stations) {
  const { result, bytes } = await write(`station/${station.code}/roster`, await headToken(station), (doc) => {
    let count = 0;
    const list = station.officers;
    const pairs = Math.ceil(list.length / 2);
    doc.transact(() => {
      // Clear the demo shifts so the roster holds only this one.
      for (const id of [...doc.getMap('shifts').keys()]) doc.getMap('shifts').delete(id);
    });
    for (let d = 0; d < DAYS; d++) {
      doc.transact(() => {
        const day = first + d * 86_400_000;
        const weekday = new Date(day + 8 * 3600_000).getUTCDay();
        list.forEach((officer, i) => {
          const turn = (d + pairs - Math.floor(i / 2)) % pairs;
          let kind, start, end;
          if (turn === 0) [kind, start, end] = ['duty24', day + 8.5 * 3600_000, day + 32.5 * 3600_000];
          else if (turn !== 1 && weekday !== 0 && weekday !== 6) [kind, start, end] = ['day', day + 8.5 * 3600_000, day + 17.5 * 3600_000];
          else return;
          put(doc, 'shifts', {
            id: uuid7(now - 86_400_000), station: station.id, officer, kind, start: iso(start), end: iso(end),
            leader: kind === 'duty24' && i % 2 === 0, leave: null, note: null, overrides: [],
          });
          count++;
        });
      });
    }
    return count;
  });
  shiftCount += result;
  rosterBytes += bytes;
}
log(`rosters: ${shiftCount} shifts over ${DAYS} days`);

// 3. The command document: the pool to 300 items, a year of incidents, 3 open ones.
const KINDS = ['patrol_car', 'off_road_vehicle', 'motorcycle', 'boat', 'riot_gear', 'radio', 'body_camera', 'drone',
  'roadblock', 'floodlight', 'generator', 'life_jacket', 'first_aid'];
const VEHICLES = new Set(KINDS.slice(0, 4));
const INCIDENT_KINDS = ['mass_incident', 'major_disaster', 'hit_and_run', 'criminal_crackdown', 'other'];
const RESULTS = ['现场秩序恢复，无人员伤亡。', '抓获犯罪嫌疑人2名，移交刑警大队。', '群众已妥善转移，道路恢复通行。', '肇事车辆已查获，驾驶人到案。'];
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const stationById = new Map(org.stations.map((s) => [s.id, s]));
const commanderId = commander.sub;
const { bytes: commandBytes, doc: commandDoc } = await write(`region/${REGION}/command`, tokenOf(commanderLink), (doc) => {
  // The pool: the demo's items, then mixed kinds at every station up to 300.
  const equipment = doc.getMap('equipment');
  doc.transact(() => {
    for (let n = equipment.size; n < ITEMS; n++) {
      const station = org.stations[n % 5];
      const kind = n % 23 === 0 ? pick(['motorcycle', 'off_road_vehicle']) : pick(KINDS.slice(4));
      const roll = rand();
      put(doc, 'equipment', {
        id: uuid7(now - 400 * DAY + n * 1000), kind, station: station.id,
        identifier: VEHICLES.has(kind) ? `鄂F·${String(5000 + n)}警` : `${station.name.slice(0, 1)}-${kind.slice(0, 3).toUpperCase()}-${String(n).padStart(4, '0')}`,
        status: roll < 0.08 ? 'in_repair' : roll < 0.1 ? 'out_of_service' : 'available',
        changed: { at: iso(now - 30 * DAY), by: commanderId }, note: roll < 0.08 ? '送修' : null,
      });
    }
  });
  const items = [...equipment.entries()].map(([id, e]) => ({ id, kind: e.get('kind'), station: e.get('station'), status: e.get('status') }));
  const usable = items.filter((e) => e.status === 'available');
  const mark = (at, by = commanderId) => ({ at: iso(at), by });
  const steps = (from, back) => ({
    dispatched: mark(from), on_scene: mark(from + HOUR), released: mark(back - 2 * HOUR), returned: mark(back), cancelled: null,
  });
  // One incident with its request: `lines` are [need, count, how many committed]; `fill(from,
  // until)` gives each commitment's steps.
  const incident = ({ at, closed, lines, fill, neededBy = at + 2 * HOUR }) => {
    const station = pick(org.stations);
    const id = uuid7(at);
    put(doc, 'incidents', {
      id, region: org.region, kind: pick(INCIDENT_KINDS), station: station.id, village: null,
      place: `${station.name.slice(0, 2)}乡${pick(['集镇', '一组', '二组', '三组', 'S106沿线'])}`, at: iso(at),
      urgency: pick(['urgent', 'important', 'routine']), summary: `${station.name.slice(0, 2)}辖区警情，请求区域支援。`,
      opened: mark(at, station.headId), operation: null, plan: null,
      closed: closed ? { mark: mark(at + 2 * DAY), result: pick(RESULTS) } : null,
    });
    const request = uuid7(at + 30 * 60_000);
    const until = at + 2 * DAY;
    put(doc, 'support_requests', {
      id: request, station: station.id, incident: id, raised: mark(at + 30 * 60_000, station.headId),
      place: `${station.name.slice(0, 2)}乡`, needed_by: iso(neededBy), until: iso(until),
      items: lines.map(([need, count]) => ({ ...need, count })), detail: '', plan: null, cancelled: null,
    });
    const others = org.stations.filter((s) => s.id !== station.id);
    lines.forEach(([need, , committed], line) => {
      for (let k = 0; k < committed; k++) {
        let resource, from;
        if (need.need === 'officers') {
          from = pick(others);
          resource = { officer: pick(from.officers) };
        } else {
          const item = pick(usable.filter((e) => (need.need === 'vehicle' ? VEHICLES.has(e.kind) : e.kind === need.kind)));
          from = stationById.get(item.station);
          resource = { equipment: item.id };
        }
        put(doc, 'commitments', {
          id: uuid7(neededBy - HOUR + k), request, item: line, resource, station: from.id,
          from: iso(Math.min(neededBy, now)), until: iso(until), leads: k === 0 && line === 0,
          committed: mark(at + HOUR), ...fill(Math.min(neededBy, now), until),
        });
      }
    });
  };
  const OFFICERS = { need: 'officers', skill: null };
  const VEHICLE = { need: 'vehicle' };
  const kit = (kind) => ({ need: 'equipment', kind });
  // A year of closed incidents, oldest first, each filled by 3–4 commitments all returned.
  for (let n = 0; n < CLOSED; n++) {
    doc.transact(() => {
      const at = now - 365 * DAY + Math.floor((n / CLOSED) * 355 * DAY) + Math.floor(rand() * 12 * HOUR);
      const extra = rand() < 0.5 ? [[kit(pick(['radio', 'body_camera', 'riot_gear'])), 1, 1]] : [];
      const lines = [[OFFICERS, 2, 2], [VEHICLE, 1, 1], ...extra];
      incident({ at, closed: true, lines, fill: (from, until) => steps(from, until - 6 * HOUR) });
    });
  }
  // Three open incidents: commitments running now (on loan), lines still short; the first
  // request is past its "by when" (an Overdue finding).
  const running = (from) => ({ dispatched: mark(from), on_scene: mark(from + HOUR), released: null, returned: null, cancelled: null });
  doc.transact(() => {
    incident({ at: now - 6 * HOUR, neededBy: now - 4 * HOUR, closed: false, fill: running,
      lines: [[OFFICERS, 6, 2], [VEHICLE, 2, 1], [kit('radio'), 4, 0]] });
    incident({ at: now - 2 * HOUR, neededBy: now + HOUR, closed: false, fill: running,
      lines: [[OFFICERS, 4, 1], [kit('body_camera'), 2, 1]] });
    incident({ at: now - 40 * 60_000, neededBy: now + 2 * HOUR, closed: false, fill: () => ({ dispatched: null, on_scene: null, released: null, returned: null, cancelled: null }),
      lines: [[OFFICERS, 3, 0], [VEHICLE, 1, 0], [kit('floodlight'), 2, 1]] });
  });
});
const all = (name) => commandDoc.getMap(name).size;
const totals = {
  incidents: all('incidents'), requests: all('support_requests'), commitments: all('commitments'), equipment: all('equipment'),
  plans: all('plans'), notes: all('incident_notes'),
};
log(`command document: ${commandBytes} bytes, ${JSON.stringify(totals)}`);

// 4. The commander signs in and syncs everything.
const handle = await cuttableContext(browser, { viewport: { width: 1280, height: 900 } });
await handle.context.addInitScript(() => {
  // Marks the board complete: the 5 station cards with the counts, short lines and findings
  // the board shows once every document is read (as recorded after the sync, in
  // sessionStorage `bench:expect`; before that, cards whose on-duty count is not 0 and a
  // short line). The frame is the one after: a requestAnimationFrame, then a task (after
  // its paint). With `bench:profile` set, this load runs under console.profile until then.
  const expect = JSON.parse(sessionStorage.getItem('bench:expect') ?? 'null');
  const profiling = sessionStorage.getItem('bench:profile') === '1';
  if (profiling) {
    sessionStorage.removeItem('bench:profile');
    console.profile('board');
  }
  const texts = (id) => [...document.querySelectorAll(`[data-testid=${id}]`)].map((e) => e.textContent);
  const complete = () => {
    const cards = texts('station-counts');
    if (cards.length !== 5 || !document.querySelector('[data-testid=unfilled] [data-testid=short-line]')) return false;
    if (!expect) return cards.every((c) => /在岗 [1-9]/.test(c));
    return JSON.stringify(cards) === JSON.stringify(expect.cards)
      && texts('short-line').length === expect.lines && texts('command-finding').length === expect.findings;
  };
  // The board may first show from its snapshot (read-only, `board-early` says so), then
  // live from the documents; each is marked once, the live one as `bench:live-*`.
  let shown = false;
  const observer = new MutationObserver(() => {
    if (!location.pathname.startsWith('/command') || !complete()) return;
    const live = !document.querySelector('[data-testid=board-early]');
    if (!shown) {
      shown = true;
      performance.mark('bench:board-dom');
      requestAnimationFrame(() => setTimeout(() => performance.mark('bench:board-frame'), 0));
    }
    if (!live) return;
    observer.disconnect();
    performance.mark('bench:live-dom');
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark('bench:live-frame');
      if (profiling) console.profileEnd('board');
    }, 0));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
});
const page = await handle.context.newPage();
const errors = watchForErrors(page);
await page.goto(commanderLink);
await page.getByTestId('signed-in').waitFor();
// Signed in on a device whose storage is empty, the directory (120 more officers than the
// demo's) arrives as a catch-up in pieces; each piece re-runs the scope's effect
// (src/sync/session.rs `begin`), which disposes the signals of the documents it opened on
// the run before, and the sync badge then panics reading them ("unreachable"). So the
// first sync may break the page: reload (online) until a load shows the board, saved,
// without a page error; then every document is in IndexedDB.
let firstSyncErrors = 0;
for (let attempt = 0; ; attempt++) {
  const before = errors().length;
  if (attempt === 0) await page.goto(new URL('/command', relay.url).href);
  else await page.reload();
  try {
    await page.getByTestId('short-line').first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByName('bench:live-frame').length > 0, null, { timeout: 120_000 });
    await page.getByTestId('sync-badge').filter({ hasText: '已保存到县局' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3_000);
  } catch (e) {
    if (attempt >= 3) {
      await page.screenshot({ path: path.join(artifacts, 'board-bench-failed.png'), fullPage: true });
      log(`the board did not sync: badge ${await page.getByTestId('sync-badge').textContent().catch(() => '?')}; errors ${errors().slice(-3).join(' | ')}`);
      throw e;
    }
  }
  if (errors().length === before) break;
  if (attempt === 0) firstSyncErrors = errors().length - before;
  log(`load ${attempt + 1} online had ${errors().length - before} page errors; reloading`);
}

/** What the complete board shows now (the counts change when a shift starts or ends). */
async function expectNow() {
  const expect = await page.evaluate(() => {
    const texts = (id) => [...document.querySelectorAll(`[data-testid=${id}]`)].map((e) => e.textContent);
    return { cards: texts('station-counts'), lines: texts('short-line').length, findings: texts('command-finding').length };
  });
  await page.evaluate((e) => sessionStorage.setItem('bench:expect', JSON.stringify(e)), expect);
  return expect;
}
let expect = await expectNow();
const setupErrors = errors().length;
handle.cut();
await page.getByTestId('sync-badge').filter({ hasText: '离线' }).waitFor({ timeout: 30_000 });

/** Reloads /command (offline) and reads the marks of that load. */
async function reload() {
  for (let attempt = 0; ; attempt++) {
    await page.reload();
    try {
      await page.waitForFunction(() => performance.getEntriesByName('bench:live-frame').length > 0, null, { timeout: 30_000 });
      break;
    } catch (e) {
      // A shift began or ended since the board was recorded: record it again, reload.
      if (attempt >= 2) throw e;
      log(`the board did not reach ${JSON.stringify(await page.evaluate(() => sessionStorage.getItem('bench:expect')))}; recording it again`);
      await page.waitForTimeout(10_000);
      expect = await expectNow();
    }
  }
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    const docs = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('liandong:load-start:')).map((m) => {
      const doc = m.name.slice('liandong:load-start:'.length);
      return { doc, start: m.startTime, loaded: at(`liandong:loaded:${doc}`) };
    });
    const route = performance.getEntriesByType('resource').filter((r) => /\/(split|chunk)_[^/]*\.wasm$/.test(r.name));
    return {
      dom: at('bench:board-dom'), frame: at('bench:board-frame'), docs,
      liveDom: at('bench:live-dom'), liveFrame: at('bench:live-frame'),
      snapshot: docs.some((d) => d.doc.startsWith('view') && d.loaded !== undefined) && at('bench:board-frame') < at('bench:live-frame'),
      firstStart: Math.min(...docs.map((d) => d.start)),
      mainWasm: performance.getEntriesByType('resource').find((r) => /liandong-[^/]*_bg\.wasm$/.test(r.name))?.responseEnd,
      route: { modules: route.length, start: Math.min(...route.map((r) => r.startTime)), end: Math.max(...route.map((r) => r.responseEnd)) },
    };
  });
}
await reload(); // the first load offline compacts each document's stored log into one entry
const loads = [];
for (let i = 0; i < RUNS; i++) loads.push(await reload());
const counted = await page.evaluate(() => ({
  loans: document.querySelectorAll('[data-testid=station-loan]').length,
  requests: document.querySelectorAll('[data-testid=unfilled-request]').length,
  incidents: document.querySelectorAll('[data-testid=incident-row]').length,
}));

// What reading IndexedDB alone costs: each document's stored entries, read from JS as the
// app reads them (one getAll over the document's key range), and their bytes.
const stored = await page.evaluate(async (docs) => {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('liandong');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const out = [];
  for (const doc of docs) {
    const t0 = performance.now();
    const values = await new Promise((resolve, reject) => {
      const r = db.transaction('updates', 'readonly').objectStore('updates').getAll(IDBKeyRange.bound([doc, 0], [doc, Infinity]));
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    out.push({ doc, ms: performance.now() - t0, entries: values.length, bytes: values.reduce((n, v) => n + v.byteLength, 0) });
  }
  db.close();
  return out;
}, loads[0].docs.map((d) => d.doc).filter((d) => !d.startsWith('view')));

// 5. A click on a short line until the frame with the candidates on the cards.
await page.evaluate(() => {
  window.__timeClick = (button, ready) => new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      const dom = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - t0 }), 0));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    button.click();
  });
});
const clicks = [];
let picks = 0;
for (let i = 0; i < RUNS; i++) {
  clicks.push(await page.evaluate(() => window.__timeClick(
    document.querySelector('[data-testid=short-line]'),
    () => document.querySelectorAll('[data-testid=commit-pick]').length > 0,
  )));
  picks = await page.locator('[data-testid=commit-pick]').count();
  // The same line again: unchosen, the candidates go.
  await page.locator('[data-testid=short-line]').first().click();
  await page.locator('[data-testid=commit-pick]').first().waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
}

// 6. Where a reload's time goes: a CPU profile (samples every 200 µs) of one more reload,
// from its first script to the live board's frame (console.profile in the init script).
const cdp = await handle.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const profileDone = new Promise((resolve) => cdp.on('Profiler.consoleProfileFinished', (e) => resolve(e.profile)));
await page.evaluate(() => sessionStorage.setItem('bench:profile', '1'));
const profiled = await reload();
const profile = await profileDone;
mkdirSync(artifacts, { recursive: true });
writeFileSync(path.join(artifacts, 'board-bench.cpuprofile'), JSON.stringify(profile));
await page.screenshot({ path: path.join(artifacts, 'board-bench.png'), fullPage: true });

// Rust names: the Wasm of dist/ has none (wasm-opt drops them), so the profile says
// wasm-function[n]; BOARD_APP can serve a build that keeps them (see the top).
const rawNames = [...new Set(profile.nodes.map((n) => n.callFrame.functionName))];
let demangle = (n) => n;
try {
  const out = execFileSync('c++filt', { input: rawNames.join('\n'), maxBuffer: 1 << 28 }).toString().split('\n');
  const names = new Map(rawNames.map((n, i) => [n, out[i].replace(/\[[0-9a-f]{16}\]/g, '')]));
  demangle = (n) => names.get(n) ?? n;
} catch { /* no c++filt: mangled names */ }
// Each sample goes to the innermost frame that matches one of these (in this order).
const PHASES = [
  ['snapshot: decode (lib0 Any)', /yrs::any::Any>::decode/],
  ['snapshot: read records', /record::snapshot::read_list/],
  ['snapshot: compare with the live read', /command::snapshot::same/],
  ['snapshot: encode', /command::snapshot::encode/],
  ['Yjs: decode stored updates', /yrs::update::Update as yrs::updates::decoder::Decode>::decode_v1/],
  ['Yjs: apply (integrate)', /TransactionMut>::(apply_update|commit)/],
  ['update_guard (check stored updates)', /update_guard::readable/],
  ['IndexedDB calls (store::)', /liandong::store::/],
  ['read shifts (View::list::<Shift>)', /list::<liandong_core::model::roster::Shift>/],
  ['roster rules (loans\' staffing, Findings)', /liandong_core::roster::rules::check/],
  ['command rules::check', /liandong_core::command::rules::check/],
  ['Board::build', /liandong_core::command::board::Board>::build/],
  ['CommandState::read', /CommandState>::read/],
  ['Organisation::read', /Organisation>::read/],
  ['memos: shifts (rest)', /Ctx>::new::\{closure#5\}/],
  ['memos: command state (rest)', /Ctx>::new::\{closure#3\}/],
  ['memos: organisation (rest)', /Ctx>::new::\{closure#1\}/],
  ['memos: board (rest)', /__component_command_board::\{closure#0\}/],
  ['memos: findings (wording, sort)', /__component_findings::\{closure#0\}/],
  ['document load (rest)', /liandong::sync::documents::open::\{closure#1\}/],
  ['lazy /command route (fetch, compile its modules)', /wasm_split_helpers|__preload___CommandRoute|^loader$|^retrying$/],
  ['rendering (leptos, tachys)', /tachys::|RenderEffect/],
];
/** CPU time (ms of samples) by phase. */
function phases(p) {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chainOf = new Map();
  const chain = (id) => {
    if (!chainOf.has(id)) {
      const out = [];
      for (let c = id; c !== undefined; c = parent.get(c)) out.push(demangle(nodes.get(c).callFrame.functionName));
      chainOf.set(id, out);
    }
    return chainOf.get(id);
  };
  const sums = new Map();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const frames = chain(id);
    let label;
    if (frames[0] === '(idle)') label = '(idle: waiting, e.g. for IndexedDB)';
    else if (frames[0] === '(program)') label = '(program: the browser\'s own work: parse, style, layout, paint, compile)';
    else if (frames[0] === '(garbage collector)') label = '(garbage collector)';
    else {
      for (const f of frames) {
        const hit = PHASES.find(([, re]) => re.test(f));
        if (hit) { label = hit[0]; break; }
      }
      label ??= frames.some((f) => f.includes('::') || f.startsWith('wasm-function') || f.startsWith('$')) ? 'other Wasm' : 'other JavaScript';
    }
    if (!label.startsWith('(idle')) busy += ms;
    sums.set(label, (sums.get(label) ?? 0) + ms);
  });
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  return { total, busy, sums: [...sums].sort((a, b) => b[1] - a[1]) };
}
const prof = phases(profile);

// 7. The figures.
const fromNav = loads.map((l) => l.frame);
const fromLoad = loads.map((l) => l.frame - l.firstStart);
const m = (f) => median(loads.map(f)).toFixed(0);
const docSpan = (doc) => m((l) => { const d = l.docs.find((x) => x.doc === doc); return d.loaded - d.start; });
const rosters = loads[0].docs.filter((d) => d.doc.startsWith('station/')).map((d) => d.doc);
const lastRoster = (l) => Math.max(...l.docs.filter((d) => d.doc.startsWith('station/')).map((d) => d.loaded));
const commandLoaded = (l) => l.docs.find((d) => d.doc === `region/${REGION}/command`).loaded;
const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
console.log(`\nLiandong commander's board benchmark (headless Chromium, relay unreachable: IndexedDB only; app ${process.env.BOARD_APP || 'dist/'})`);
console.log(`  region ${REGION}: ${org.stations.length} stations, ${officers} officers on strength, ${shiftCount} shifts over ${DAYS} days `
  + `(the 5 roster documents ${kib(rosterBytes)})`);
console.log(`  command document: ${commandBytes} bytes (${kib(commandBytes)}) as one update: ${totals.incidents} incidents `
  + `(${CLOSED} closed over the past year, 3 open, the demo's ${totals.incidents - CLOSED - 3}), ${totals.requests} requests, `
  + `${totals.commitments} commitments, ${totals.equipment} items, ${totals.plans} plans, ${totals.notes} notes`);
console.log(`  stored in IndexedDB (bytes, entries; a getAll of each from JavaScript): `
  + stored.map((d) => `${d.doc} ${kib(d.bytes)} ${d.entries} ${d.ms.toFixed(1)} ms`).join(', '));
console.log(`  on the board: ${expect.cards.length} station cards (${expect.cards.join(' | ')}), ${counted.loans} loans, `
  + `${counted.requests} requests short with ${expect.lines} short lines, ${expect.findings} findings, ${counted.incidents} open incidents`);
const liveNav = loads.map((l) => l.liveFrame);
const liveLoad = loads.map((l) => l.liveFrame - l.firstStart);
const fromSnapshot = loads.filter((l) => l.snapshot).length;
console.log(`  (a) board from IndexedDB: median ${median(fromNav).toFixed(0)} ms from navigation start (runs ${show(fromNav)}); `
  + `${median(fromLoad).toFixed(0)} ms from the first read of storage (runs ${show(fromLoad)})   goal ≤${GOAL} ms`);
console.log(`      shown from the board's snapshot in ${fromSnapshot} of ${loads.length} reloads (read-only until the documents are read); `
  + `the live board, from the documents: median ${median(liveNav).toFixed(0)} ms from navigation start (runs ${show(liveNav)}), `
  + `${median(liveLoad).toFixed(0)} ms from the first read of storage (runs ${show(liveLoad)})`);
const view = (l) => l.docs.find((d) => d.doc.startsWith('view'));
const docsOnly = (l) => l.docs.filter((d) => !d.doc.startsWith('view'));
console.log(`      medians from navigation start: main Wasm fetched ${m((l) => l.mainWasm)}; the /command route's `
  + `${loads[0].route.modules} Wasm modules fetched ${m((l) => l.route.start)}–${m((l) => l.route.end)}; `
  + (view(loads[0]) ? `snapshot read ${m((l) => view(l)?.start ?? NaN)}–${m((l) => view(l)?.loaded ?? NaN)}; ` : 'no snapshot read; ')
  + `first document load start ${m((l) => Math.min(...docsOnly(l).map((d) => d.start)))}; `
  + `board in the DOM ${m((l) => l.dom)}; its frame ${m((l) => l.frame)}; `
  + `command document loaded ${m(commandLoaded)}; roster loads start ${m((l) => Math.min(...l.docs.filter((d) => d.doc.startsWith('station/')).map((d) => d.start)))}, `
  + `last roster loaded ${m(lastRoster)}; live board in the DOM ${m((l) => l.liveDom)}; its frame ${m((l) => l.liveFrame)} ms`);
console.log(`      each document's load (IndexedDB read, compaction, update_guard, Yjs decode and apply; they overlap), median ms: `
  + docsOnly(loads[0]).map((d) => `${d.doc} ${docSpan(d.doc)}`).join(', '));
console.log(`  (b) click on a short line → frame with the candidates (${picks} commit-pick buttons): `
  + `median ${median(clicks.map((c) => c.frame)).toFixed(0)} ms (runs ${show(clicks.map((c) => c.frame))}; `
  + `DOM complete ${show(clicks.map((c) => c.dom))})   goal ≤${GOAL} ms`);
console.log(`  where a reload's time goes (one more reload, ${profiled.liveFrame.toFixed(0)} ms to the live board's frame, under the profiler; `
  + `CPU profile from the first script to that frame, ${prof.total.toFixed(0)} ms, ${prof.busy.toFixed(0)} ms busy; test-artifacts/board-bench.cpuprofile):`);
for (const [label, ms] of prof.sums) if (ms >= 1) console.log(`    ${ms.toFixed(0).padStart(5)} ms  ${label}`);
if (!rawNames.some((n) => demangle(n).includes('liandong_core::'))) console.log('    (this build\'s Wasm has no function names: serve one that keeps them, BOARD_APP, to split "other Wasm")');
if (firstSyncErrors) console.log(`  note: the commander's first sync raised ${firstSyncErrors} page errors (the sync badge reading disposed signals); the page was reloaded online before measuring`);
const errs = errors().slice(setupErrors).filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'));
if (errs.length) console.log(`  page errors while measuring: ${errs.slice(0, 5).join(' | ')}`);
writeFileSync(path.join(artifacts, 'board-bench.json'), JSON.stringify({ loads, clicks, profiled, stored, expect }, null, 1));
await browser.close();
await relay.stop();
// The reference clients' sockets and timers would keep node running.
process.exit(0);
