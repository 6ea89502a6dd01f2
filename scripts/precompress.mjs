// Writes a Brotli (quality 11) and a gzip (level 9) copy beside every text or Wasm file of a
// built app folder (NAME.br, NAME.gz), for the relay to send to browsers that accept them
// (tower-http ServeDir, precompressed): the app reaches rural links at a third of its size.
// Run after stamping (scripts/stamp-shell.sh removes stale copies before it stamps), so the
// copies match the files served. A copy that is not smaller is not written.
// Usage: node scripts/precompress.mjs DIR   Prints each file's sizes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
const compressible = /\.(html|js|mjs|wasm|css|json|webmanifest|svg|txt)$/;

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (compressible.test(entry.name)) yield full;
  }
}

let plain = 0, br = 0;
for (const file of files(dir)) {
  const bytes = readFileSync(file);
  if (bytes.length < 512) continue;
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
  br += Math.min(brotli.length, bytes.length);
  console.log(`[precompress] ${path.relative(dir, file)}: ${bytes.length} bytes, br ${brotli.length}, gzip ${gzip.length}`);
}
console.log(`[precompress] ${plain} bytes, ${br} with Brotli`);

