// "The next deploy" for the update tests: a copy of a built app (dist/ or an earlier copy)
// that differs the way a real new build does, without compiling again: its stylesheet
// and/or its Wasm get new content (the Wasm a custom section, which browsers ignore) and
// with it a new hashed name (and integrity), then scripts/stamp-shell.sh stamps a new build
// id and file list into index.html and sw.js, as Trunk's hook does after a build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A custom section (id 0) named `liandong-deploy` holding `marker`, to append to a Wasm. */
function customSection(marker) {
  const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const name = Buffer.from('liandong-deploy');
  const body = Buffer.concat([Buffer.from(leb(name.length)), name, Buffer.from(marker)]);
  return Buffer.concat([Buffer.from([0, ...leb(body.length)]), body]);
}

/** Gives the Wasm of `dir` new content (`marker`) under a new hashed name in index.html. */
function changeWasm(dir, marker) {
  const old = readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  const wasm = Buffer.concat([readFileSync(path.join(dir, old)), customSection(marker)]);
  const name = `liandong-${createHash('sha256').update(wasm).digest('hex').slice(0, 16)}_bg.wasm`;
  for (const suffix of ['', '.br', '.gz']) rmSync(path.join(dir, old + suffix), { force: true });
  writeFileSync(path.join(dir, name), wasm);
  const integrity = `sha384-${createHash('sha384').update(wasm).digest('base64')}`;
  const index = readFileSync(path.join(dir, 'index.html'), 'utf8')
    .replaceAll(`/${old}`, `/${name}`)
    .replace(/(href="\/[^"]+_bg\.wasm" crossorigin="anonymous" integrity=")[^"]*"/, `$1${integrity}"`);
  writeFileSync(path.join(dir, 'index.html'), index);
  return name;
}

/**
 * Copies `from` (default dist/) into a fresh folder, changes its stylesheet (`marker`
 * goes into a comment, so each call gives a different build) unless `css` is false,
 * its Wasm when `wasm` is set, and stamps it (without compressing the Wasm again). `drop`:
 * a file of the shell to delete after stamping ('wasm', 'css' or a name), for a deploy
 * that cannot be fully downloaded (a changed file: an unchanged one is copied from the
 * running build's cache). Resolves to { dir, build, css, wasm } (the folder, its build id, the
 * stylesheet's and the Wasm's names).
 */
export function nextBuild(marker, { drop, from, css: changeCss = true, wasm: changeWasmToo = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'liandong-build-'));
  cpSync(from ?? path.join(root, 'dist'), dir, { recursive: true });
  const wasm = changeWasmToo ? changeWasm(dir, marker) : readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  const old = readdirSync(dir).find((f) => /^main-[0-9a-f]+\.css$/.test(f));
  if (!changeCss) return stamp(dir, { css: old, wasm, drop });
  const css = `${readFileSync(path.join(dir, old), 'utf8')}\n/* ${marker} */\n`;
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 16);
  const name = `main-${hash}.css`;
  rmSync(path.join(dir, old));
  writeFileSync(path.join(dir, name), css);
  const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  const index = readFileSync(path.join(dir, 'index.html'), 'utf8')
    .replace(`/${old}`, `/${name}`)
    .replace(/(href="\/main-[0-9a-f]+\.css" integrity=")[^"]*"/, `$1${integrity}"`);
  writeFileSync(path.join(dir, 'index.html'), index);
  return stamp(dir, { css: name, wasm, drop });
}

function stamp(dir, { css, wasm, drop }) {
  execFileSync('bash', [path.join(root, 'scripts/stamp-shell.sh'), dir], { stdio: 'pipe', env: { ...process.env, LIANDONG_COMPRESS: '0' } });
  const build = readFileSync(path.join(dir, 'index.html'), 'utf8').match(/name="liandong-build" content="([0-9a-f]+)"/)[1];
  const dropped = { wasm, css }[drop] ?? drop;
  if (drop) rmSync(path.join(dir, dropped));
  return { dir, build, css, wasm, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The build id of dist/ (what the first relay serves). */
export function currentBuild() {
  return readFileSync(path.join(root, 'dist/index.html'), 'utf8').match(/name="liandong-build" content="([0-9a-f]+)"/)[1];
}
