// Benchmark of the app over rural links (issue 15; figures, not a pass/fail test): the
// relay and the release app behind a userspace shaping proxy (tests/e2e/throttle.mjs:
// bandwidth per direction, round trip, stalled pieces), headless Chromium with a fresh
// profile for each measurement. Prints a table: seconds, bytes through the proxy in each
// direction, the seconds the link needs for those bytes (the larger direction ÷ the
// bandwidth) and how many times that the measurement took.
// Usage: node bench/link/link-bench.mjs [--profile 50|256|both] [--quick] [--only a,b] [--connections]
//   (--connections also lists each measurement's connections: when, what, bytes each way)
//   (after scripts/build.sh; scripts/bench-link.sh builds and runs it)
import { say, firstLoad, deploy, catchUp, upload } from './scenarios.mjs';
import { currentBuild } from '../../tests/e2e/builds.mjs';

const PROFILES = {
  50: { name: '50', label: '50 kbit/s, 600 ms, 10 % stalls', kbps: 50, rttMs: 600, stall: 0.1, timeoutMs: 1_500_000 },
  256: { name: '256', label: '256 kbit/s, 300 ms, 2 % stalls', kbps: 256, rttMs: 300, stall: 0.02, timeoutMs: 600_000 },
  // Checks the script itself in a few minutes; its figures mean nothing.
  quick: { name: 'quick', label: 'quick: 4 Mbit/s, 40 ms, 2 % stalls', kbps: 4_000, rttMs: 40, stall: 0.02, timeoutMs: 180_000 },
};
const SCENARIOS = ['first-load', 'catch-up', 'catch-up-random', 'upload', 'deploy'];

function usage(problem) {
  if (problem) console.error(problem);
  console.error('usage: link-bench.mjs [--profile 50|256|both] [--quick] [--only first-load,catch-up,catch-up-random,upload,deploy] [--connections]');
  process.exit(problem ? 2 : 0);
}

const args = process.argv.slice(2);
let profiles = ['50', '256'];
let only = SCENARIOS;
let quick = false;
let connections = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--help' || a === '-h') usage();
  else if (a === '--quick') quick = true;
  else if (a === '--connections') connections = true;
  else if (a === '--profile') {
    const v = args[++i];
    if (v === 'both') profiles = ['50', '256'];
    else if (v === '50' || v === '256') profiles = [v];
    else usage(`unknown profile ${v}`);
  } else if (a === '--only') {
    only = (args[++i] ?? '').split(',');
    const unknown = only.filter((s) => !SCENARIOS.includes(s));
    if (unknown.length) usage(`unknown scenario ${unknown.join(', ')}`);
  } else usage(`unknown argument ${a}`);
}
if (quick) profiles = ['quick'];

// A week of another station's writing: 50 bulletins of 15 KiB make a Yjs difference of
// about 780 KB, the size of issue 15's. Its bulletin-like text (tests/e2e/prose.mjs)
// compresses like issue 15's week (774 KB, 151 KB gzipped); the same week of characters
// drawn at random (247 KB gzipped) is the worst case, measured besides.
// Uploaded: 10 bulletins of 5,000 characters.
const WEEK = quick ? { count: 5, kb: 15 } : { count: 50, kb: 15 };
const UPLOADS = quick ? 2 : 10;

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const rows = [];
for (const key of profiles) {
  const profile = PROFILES[key];
  const linkSeconds = (bytes) => (bytes * 8) / (profile.kbps * 1000);
  const measure = async (what, name, f) => {
    if (!only.includes(name)) return;
    say(`[${profile.label}] ${what}: start`);
    try {
      const r = await f();
      const need = linkSeconds(Math.max(r.down, r.up));
      const row = [profile.label, what, r.seconds.toFixed(1), kb(r.down), kb(r.up), need.toFixed(1), (r.seconds / need).toFixed(1) + '×'];
      if (r.written) {
        const ideal = linkSeconds(r.written.differenceGzip);
        row.push(`Yjs difference ${kb(r.written.difference)}, ${kb(r.written.differenceGzip)} gzipped = ${ideal.toFixed(1)} s of link (${(r.seconds / ideal).toFixed(1)}×)`);
      }
      rows.push(row);
      say(`[${profile.label}] ${what}: ${row.slice(2).join(' | ')}`);
      if (connections) {
        for (const c of r.connections ?? []) say(`  +${c.at.toFixed(1)} s  ${c.line.slice(0, 60)}  ↓ ${c.down} B  ↑ ${c.up} B`);
      }
    } catch (e) {
      say(`[${profile.label}] ${what} FAILED at ${e.message}`);
      if (e.cause?.message) process.stderr.write(`${e.cause.message}\n`);
      rows.push([profile.label, what, 'failed', '', '', '', '', e.message.slice(0, 160)]);
    }
  };
  await measure('first load until the nav is usable', 'first-load', () => firstLoad(profile));
  await measure(`week offline: ${WEEK.count} × ${WEEK.kb} KiB of bulletin text written elsewhere, until 已保存到县局`, 'catch-up', () => catchUp(profile, { ...WEEK, text: 'prose' }));
  await measure(`week offline, worst case: ${WEEK.count} × ${WEEK.kb} KiB of random characters, until 已保存到县局`, 'catch-up-random', () => catchUp(profile, { ...WEEK, text: 'random' }));
  await measure(`upload after a week offline: ${UPLOADS} bulletins of 5,000 characters, until 已保存到县局`, 'upload', () => upload(profile, { count: UPLOADS }));
  await measure('a deploy (new Wasm and stylesheet) until 新版本已就绪', 'deploy', () => deploy(profile));
}

console.log(`\nbuild ${currentBuild()} (dist/), ${new Date().toISOString().slice(0, 16)} UTC`);
console.log('\n| link | what | seconds | bytes ↓ | bytes ↑ | link s (bytes ÷ bandwidth) | seconds ÷ link s | note |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${[...r, ...Array(8 - r.length).fill('')].join(' | ')} |`);
process.exit(rows.some((r) => r[2] === 'failed') ? 1 : 0);
