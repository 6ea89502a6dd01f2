// Rewrites the subresource integrity (SHA-384) of the given files in a built index.html:
// scripts/split-wasm.sh replaces Trunk's Wasm and JS under Trunk's names, so the hashes
// Trunk wrote no longer match. They matter beyond safety: with the hash on the Wasm's
// preload, the initializer's own fetch (which has none) does not take over the preload's
// response, whose body Chromium then hands over only whole; it streams, through the HTTP
// cache's shared download, so the loader can count the bytes as they come.
//
// `--preload NAME` also adds a <link rel="modulepreload"> for the module NAME (with its
// hash) before the Wasm's preload: the split's loader (__wasm_split.js), which the app's JS
// imports. Without it the browser asks for it only once that JS arrived, behind the whole
// Wasm on a slow link, and the initializer (and the loader's count) starts only then.
// Usage: node scripts/integrity.mjs DIST [--preload NAME] NAME...   (NAMEs relative to DIST)
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

const [dist, ...rest] = process.argv.slice(2);
const preload = rest[0] === '--preload' ? rest[1] : null;
const names = preload ? rest.slice(2) : rest;
if (!dist || !names.length) throw new Error('usage: node scripts/integrity.mjs DIST [--preload NAME] NAME...');
const sri = (name) => `sha384-${createHash('sha384').update(readFileSync(path.join(dist, name))).digest('base64')}`;
const file = path.join(dist, 'index.html');
let html = readFileSync(file, 'utf8');
for (const name of names) {
  const hash = sri(name);
  let found = 0;
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    if (!tag.includes(`href="/${name}"`)) return tag;
    found += 1;
    if (!/integrity="[^"]*"/.test(tag)) throw new Error(`${file}: <link href="/${name}"> has no integrity`);
    return tag.replace(/integrity="[^"]*"/, `integrity="${hash}"`);
  });
  if (!found) throw new Error(`${file}: no <link href="/${name}">`);
}
if (preload) {
  const link = `<link rel="modulepreload" href="/${preload}" crossorigin="anonymous" integrity="${sri(preload)}">`;
  const wasmPreload = html.search(/<link rel="preload" href="\/[^"]+_bg\.wasm"/);
  if (wasmPreload < 0) throw new Error(`${file}: no preload of the Wasm`);
  // A preload of an earlier loader (this folder split before) goes.
  html = html.replace(/<link rel="modulepreload" href="\/__wasm_split[^"]*"[^>]*>\n?/g, '');
  const at = html.search(/<link rel="preload" href="\/[^"]+_bg\.wasm"/);
  html = html.slice(0, at) + link + '\n' + html.slice(at);
}
writeFileSync(file, html);
console.log(`[split] integrity of ${names.join(', ')} in index.html`);
