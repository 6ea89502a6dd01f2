// "The next deploy" for the update tests: a copy of the built app (dist/) that differs the
// way a real new build does, without compiling again: its stylesheet gets new content and
// with it a new hashed name (and integrity), then scripts/stamp-shell.sh stamps a new
// build id and file list into index.html and sw.js, as Trunk's hook does after a build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Copies dist/ into a fresh folder, changes its stylesheet (`marker` goes into a comment,
 * so each call gives a different build) and stamps it. `drop`: a file of the shell to
 * delete after stamping, for a deploy that cannot be fully downloaded. Resolves to
 * { dir, build, css } (the folder, its build id, the stylesheet's new name).
 */
export function nextBuild(marker, { drop } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'liandong-build-'));
  cpSync(path.join(root, 'dist'), dir, { recursive: true });
  const old = readdirSync(dir).find((f) => /^main-[0-9a-f]+\.css$/.test(f));
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
  execFileSync('bash', [path.join(root, 'scripts/stamp-shell.sh'), dir], { stdio: 'pipe' });
  const build = readFileSync(path.join(dir, 'index.html'), 'utf8').match(/name="liandong-build" content="([0-9a-f]+)"/)[1];
  if (drop) rmSync(path.join(dir, drop === 'wasm' ? readdirSync(dir).find((f) => f.endsWith('.wasm')) : drop));
  return { dir, build, css: name, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The build id of dist/ (what the first relay serves). */
export function currentBuild() {
  return readFileSync(path.join(root, 'dist/index.html'), 'utf8').match(/name="liandong-build" content="([0-9a-f]+)"/)[1];
}
