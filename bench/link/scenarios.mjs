// The four measurements of the link benchmark (issue 15), each on a fresh relay, a fresh
// shaping proxy in front of it and a fresh headless Chromium: first load, a deploy, a
// week offline catching up, and a week's writing uploaded. Each resolves to
// { seconds, down, up, note? } (bytes through the proxy in the measured span) or throws
// an Error whose message starts with the step that failed. Only user-visible behaviour
// is relied on: demo login links, the main nav, the sync badge's text, the update notice.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startRelay, launchBrowser, postBulletin, screenshot } from '../../tests/e2e/harness.mjs';
import { throttleProxy } from '../../tests/e2e/throttle.mjs';
import { nextBuild } from '../../tests/e2e/builds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const SAVED = '已保存到县局';

/** Prints a progress line on stderr (the table goes to stdout). */
export function say(text) {
  process.stderr.write(`[bench-link ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

/**
 * Runs `body(ctx)` with a relay (demo county; `data` folder if given), a proxy shaped by
 * `profile` ({ kbps, rttMs, stall }; mode 'open' until the body switches it) and a browser
 * context (fresh profile). `ctx.step(label)` names the current step for error messages;
 * on failure a screenshot goes to test-artifacts/bench-link-{name}.png.
 */
async function withSetup(name, profile, body, { data } = {}) {
  let step = 'starting the relay';
  const cleanup = [];
  try {
    const relay = await startRelay({ demo: true, data });
    const ctx = { relay, step: (label) => { step = label; say(`${name}: ${label}`); } };
    cleanup.push(() => ctx.relay.stop());
    step = 'starting the proxy';
    ctx.proxy = await throttleProxy({ target: `127.0.0.1:${relay.port}`, kbps: profile.kbps, rttMs: profile.rttMs, stall: profile.stall });
    cleanup.push(() => ctx.proxy.close());
    ctx.origin = `http://127.0.0.1:${ctx.proxy.port}`;
    ctx.via = (url) => url.replace(relay.url.replace(/\/$/, ''), ctx.origin);
    step = 'launching Chromium';
    const browser = await launchBrowser();
    cleanup.push(() => browser.close());
    ctx.context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    ctx.page = await ctx.context.newPage();
    ctx.page.setDefaultTimeout(profile.timeoutMs);
    ctx.measure = () => {
      const start = { at: Date.now(), down: ctx.proxy.bytes.down, up: ctx.proxy.bytes.up };
      return () => ({
        seconds: (Date.now() - start.at) / 1000,
        down: ctx.proxy.bytes.down - start.down,
        up: ctx.proxy.bytes.up - start.up,
        // The connections opened while measuring: first request line, seconds from the
        // start, bytes each way (for --connections).
        connections: ctx.proxy.requests.filter((r) => r.at >= start.at)
          .map((r) => ({ line: r.line, at: (r.at - start.at) / 1000, up: r.up, down: r.down })),
      });
    };
    try {
      return await body(ctx);
    } catch (e) {
      await screenshot(ctx.page, `bench-link-${name}`).catch(() => {});
      throw e;
    }
  } catch (e) {
    throw new Error(`${step}: ${e.message.split('\n')[0]}`, { cause: e });
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
  }
}

/** Signs in with a demo login link and waits until the main nav can be used. */
async function signIn(page, link) {
  await page.goto(link, { waitUntil: 'commit' });
  await page.getByTestId('signed-in').waitFor();
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '通报', exact: true }).waitFor();
}

const badge = (page) => page.getByTestId('sync-badge');

/**
 * First load with a fresh profile: from navigating to an officer's demo login link until
 * the officer is signed in and the main nav is on screen.
 */
export function firstLoad(profile) {
  return withSetup(`${profile.name}-first-load`, profile, async ({ relay, proxy, page, via, step, measure }) => {
    proxy.setMode('throttled');
    step('loading the login link until signed in and the nav is usable');
    const done = measure();
    await signIn(page, via(relay.logins['damiao officer']));
    return done();
  });
}

/**
 * A deploy: the app is installed (service worker in control, over an unshaped link), then
 * the relay restarts with the next build (builds.mjs, compressed as scripts/build.sh does)
 * behind the shaped link; from the moment it serves until the open page shows the update
 * notice, without a reload (the app notices when its link comes back).
 */
export function deploy(profile) {
  const data = mkdtempSync(path.join(tmpdir(), 'liandong-bench-link-'));
  let build;
  return withSetup(`${profile.name}-deploy`, profile, async (ctx) => {
    const { proxy, page, via, step, measure } = ctx;
    step('installing the app (unshaped)');
    await signIn(page, via(ctx.relay.logins['damiao officer']));
    await page.goto(`${ctx.origin}/`);
    const controlled = () => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90_000 });
    // A loaded machine once left the first install hanging: one reload starts it again.
    await controlled().catch(() => page.reload()).then(controlled).catch(async (e) => {
      const state = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return r ? ['installing', 'waiting', 'active'].map((k) => `${k}: ${r[k]?.state ?? '-'}`).join(', ') : 'no registration';
      }).catch(() => 'unknown');
      throw new Error(`the service worker took no control (${state}): ${e.message}`);
    });
    await badge(page).filter({ hasText: SAVED }).waitFor({ timeout: 120_000 });
    step('restarting the relay with the next build');
    // A deploy as most are: new code (the Wasm) and a new stylesheet; the rest is unchanged.
    build = nextBuild(`bench-link deploy ${Date.now()}`, { wasm: true });
    // Compressed copies, as scripts/build.sh writes them after stamping (builds.mjs has none).
    if (existsSync(path.join(root, 'scripts/precompress.mjs'))) {
      await run('node', [path.join(root, 'scripts/precompress.mjs'), build.dir], { cwd: root, timeout: 300_000 });
    }
    proxy.setMode('throttled');
    await ctx.relay.stop();
    ctx.relay = await startRelay({ data, port: ctx.relay.port, app: build.dir });
    const done = measure();
    step('waiting for 新版本已就绪');
    await page.getByTestId('update-ready').waitFor();
    return done();
  }, { data }).finally(() => {
    build?.remove();
    rmSync(data, { recursive: true, force: true });
  });
}

/**
 * A week offline: the officer's device is cut off while another station writes
 * `count` bulletins of `kb` KiB of `text` (`prose` or `random`, tests/e2e/prose.mjs; written
 * by bulk-writer.mjs) straight to the relay; from the link
 * coming back (shaped) until the last of them is listed and the badge says 已保存到县局.
 */
export function catchUp(profile, { count, kb, text = 'prose' }) {
  return withSetup(`${profile.name}-catch-up-${text}`, profile, async ({ relay, proxy, page, origin, via, step, measure }) => {
    step('signing in (unshaped)');
    await signIn(page, via(relay.logins['damiao officer']));
    await page.goto(`${origin}/bulletins`);
    await badge(page).filter({ hasText: SAVED }).waitFor({ timeout: 120_000 });
    // A week offline follows weeks of use: the app is installed, so its service worker is
    // not still downloading the build when the link comes back (with the proxy's fair
    // sharing those downloads took four fifths of the link from the catch-up).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    step(`going offline; another station writes ${count} × ${kb} KiB`);
    proxy.setMode('down');
    const token = decodeURIComponent(relay.logins['desheng liaison'].split('#token=')[1]);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const { stdout } = await run('node', [
      path.join(root, 'tests/e2e/bulk-writer.mjs'), `ws://127.0.0.1:${relay.port}/sync`, 'region/desheng/bulletins', token,
      String(count), String(kb), claims.sub, claims.sub, 'case_clue', text,
    ], { cwd: root, maxBuffer: 1 << 24, timeout: 300_000 });
    const written = JSON.parse(stdout);
    step(`back online (shaped): waiting for 大批量通报 ${count}/${count} and ${SAVED}`);
    proxy.setMode('throttled');
    const done = measure();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByTestId('bulletin').filter({ hasText: `大批量通报 ${count}/${count}` }).waitFor();
    await badge(page).filter({ hasText: SAVED }).waitFor();
    return { ...done(), written };
  });
}

/**
 * Uploads after a week offline: a liaison posts `count` bulletins of 5,000 random
 * characters (the form's limit, ~15 KB each) while cut off; from the link coming back
 * (shaped) until the badge says 已保存到县局.
 */
export function upload(profile, { count }) {
  return withSetup(`${profile.name}-upload`, profile, async ({ relay, proxy, page, origin, via, step, measure }) => {
    step('signing in (unshaped)');
    await signIn(page, via(relay.logins['desheng liaison']));
    await page.goto(`${origin}/bulletins`);
    await badge(page).filter({ hasText: SAVED }).waitFor({ timeout: 120_000 });
    // A week offline follows weeks of use: the app is installed (its service worker
    // holds every page's code, so the form opens offline).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    step(`going offline; posting ${count} bulletins of 5,000 characters`);
    proxy.setMode('down');
    const chars = '辖区巡逻走访群众反映情况排查隐患登记车辆核实身份调解纠纷宣传防诈';
    for (let i = 0; i < count; i++) {
      let body = '';
      for (let c = 0; c < 5_000; c++) body += chars[Math.floor(Math.random() * chars.length)];
      await postBulletin(page, `离线一周 ${i + 1}/${count}`, { content: body });
    }
    // The badge no longer claims everything is saved (it counts what waits for upload).
    await page.waitForFunction((saved) => {
      const text = document.querySelector('[data-testid=sync-badge]')?.textContent ?? '';
      return text !== '' && !text.includes(saved);
    }, SAVED, { timeout: 60_000 });
    step(`back online (shaped): waiting for ${SAVED}`);
    proxy.setMode('throttled');
    const done = measure();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await badge(page).filter({ hasText: SAVED }).waitFor();
    return done();
  });
}
