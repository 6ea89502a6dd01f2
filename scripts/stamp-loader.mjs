// Stamps the inline loader of a built index.html (its `#boot` element): the loader's words
// from locales/zh.json and locales/en.json (keys loader_loading, loader_failed,
// loader_retry, loader_stalled, loader_unreachable; login_expired, login_invalid,
// login_ask_admin for a refused login link) and the Wasm's sizes in bytes (raw, Brotli copy, gzip copy; a missing copy
// counts 0 and the loader shows the raw size), so it can say "正在加载 联动 · 120 / 700 KB".
// Run by scripts/stamp-shell.sh before it hashes the build. Usage: node scripts/stamp-loader.mjs DIR
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/stamp-loader.mjs DIR');

// The last three word a login link the relay refused, as the app's login page does.
const keys = ['loader_loading', 'loader_failed', 'loader_retry', 'loader_stalled', 'loader_unreachable', 'login_expired', 'login_invalid', 'login_ask_admin'];
const words = {};
for (const locale of ['zh', 'en']) {
  const table = JSON.parse(readFileSync(path.join(root, 'locales', `${locale}.json`), 'utf8'));
  words[locale] = keys.map((key) => {
    if (typeof table[key] !== 'string') throw new Error(`locales/${locale}.json has no ${key}`);
    return table[key];
  });
}
// The main module (Trunk's name); the lazy routes' modules load later, after the loader.
const wasm = readdirSync(dir).find((f) => /^liandong-.*_bg\.wasm$/.test(f));
if (!wasm) throw new Error(`no .wasm in ${dir}`);
const size = (f) => (existsSync(path.join(dir, f)) ? statSync(path.join(dir, f)).size : 0);
const sizes = [size(wasm), size(`${wasm}.br`), size(`${wasm}.gz`)].join(' ');

const escape = (text) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
const file = path.join(dir, 'index.html');
const before = readFileSync(file, 'utf8');
const after = before
  .replace(/(<div id="boot" data-words=')[^']*(')/, `$1${escape(JSON.stringify(words))}$2`)
  .replace(/(<div id="boot"[^>]* data-sizes=")[^"]*(")/, `$1${sizes}$2`);
if (!after.includes(`data-sizes="${sizes}"`)) throw new Error('index.html has no <div id="boot" data-words=\'…\' data-sizes="…">');
writeFileSync(file, after);
console.log(`[stamp] loader: ${wasm} ${sizes} bytes (raw, Brotli, gzip)`);
