// Gives the split's files content-hashed names (scripts/split-wasm.sh runs this last): each
// lazy route's module and shared chunk becomes NAME-<16 hex of its SHA-256>.wasm, and the
// loader __wasm_split.js, which names them, becomes __wasm_split-<hash>.js, imported so by
// the app's JS (DIST/STEM.js). Without it a name would hold different bytes in two builds:
// the service worker, which keeps the previous build's cache for pages still running it,
// could hand a page a module of the other build. Hashed names also let the relay send them
// as immutable. Prints the loader's new name. Usage: node scripts/hash-split.mjs DIST STEM
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dist, stem] = process.argv.slice(2);
if (!dist || !stem) throw new Error('usage: node scripts/hash-split.mjs DIST STEM');
const at = (name) => path.join(dist, name);
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

let loader = readFileSync(at('__wasm_split.js'), 'utf8');
const modules = readdirSync(dist).filter((f) => /^(split_|chunk_)[^-]*\.wasm$/.test(f));
for (const name of modules) {
  const hashed = name.replace(/\.wasm$/, `-${hash(readFileSync(at(name)))}.wasm`);
  const reference = `"./${name}"`;
  if (!loader.includes(reference)) throw new Error(`__wasm_split.js does not name ${name}`);
  loader = loader.replaceAll(reference, `"./${hashed}"`);
  renameSync(at(name), at(hashed));
}
const loaderName = `__wasm_split-${hash(loader)}.js`;
writeFileSync(at(loaderName), loader);
rmSync(at('__wasm_split.js'));

// The app's JS imports the loader in `import * as importN from "./__wasm_split.js"` lines;
// the same string as an object key names the Wasm's import module and stays.
const js = readFileSync(at(`${stem}.js`), 'utf8');
const imports = js.split('from "./__wasm_split.js"').length - 1;
if (!imports) throw new Error(`${stem}.js does not import ./__wasm_split.js`);
writeFileSync(at(`${stem}.js`), js.replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`));
console.error(`[split] ${modules.length} modules and the loader named by content (${imports} imports)`);
console.log(loaderName);
