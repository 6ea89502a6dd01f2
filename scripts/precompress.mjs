// Writes a Brotli (quality 11) and a gzip (level 9) copy beside every text or Wasm file of a
// built app folder (NAME.br, NAME.gz), for the relay to send to browsers that accept them
// (tower-http ServeDir, precompressed): the app reaches rural links at a third of its size.
// A copy that is not smaller is not written. Copies already there are checked (decompressed
// and compared, milliseconds): a copy that still matches its file is kept, so running it
// again costs no compression (Brotli -q 11 of the Wasm takes 6 to 40 s here); a copy whose
// file changed or is gone is removed, since the relay would send it in place of the file.
// Usage: node scripts/precompress.mjs DIR [REGEX]   only files matching REGEX get new copies
// (stale copies go for every file); LIANDONG_COMPRESS=0 writes none. Prints each file's sizes.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR [REGEX]');
const only = new RegExp(process.argv[3] ?? '');
const write = process.env.LIANDONG_COMPRESS !== '0';
const compressible = /\.(html|js|mjs|wasm|css|json|webmanifest|svg|txt)$/;

// Whether `copy` exists and decompresses to `bytes`.
function matches(copy, bytes, decompress) {
  if (!existsSync(copy)) return false;
  try { return decompress(readFileSync(copy)).equals(bytes); } catch { return false; }
}

// Copies whose file is gone.
function* orphans(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* orphans(full);
    else if (/\.(br|gz)$/.test(entry.name) && !existsSync(full.slice(0, -3))) yield full;
  }
}
for (const copy of [...orphans(dir)]) rmSync(copy);

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (compressible.test(entry.name)) yield full;
  }
}

let plain = 0, brTotal = 0;
for (const file of files(dir)) {
  const bytes = readFileSync(file);
  const fresh = matches(`${file}.br`, bytes, brotliDecompressSync) && matches(`${file}.gz`, bytes, gunzipSync);
  if (fresh) {
    const br = readFileSync(`${file}.br`).length;
    plain += bytes.length; brTotal += br;
    console.log(`[precompress] ${path.relative(dir, file)}: ${bytes.length} bytes, br ${br} (kept)`);
    continue;
  }
  rmSync(`${file}.br`, { force: true });
  rmSync(`${file}.gz`, { force: true });
  if (bytes.length < 512 || !write || !only.test(file)) continue;
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  if (brotli.length < bytes.length) writeFileSync(`${file}.br`, brotli);
  if (gzip.length < bytes.length) writeFileSync(`${file}.gz`, gzip);
  plain += bytes.length;
  brTotal += Math.min(brotli.length, bytes.length);
  console.log(`[precompress] ${path.relative(dir, file)}: ${bytes.length} bytes, br ${brotli.length}, gzip ${gzip.length}`);
}
console.log(`[precompress] ${plain} bytes, ${brTotal} with Brotli`);

