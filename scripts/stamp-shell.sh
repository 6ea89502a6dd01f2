#!/usr/bin/env bash
# Stamps a built app folder for its service worker (public/sw.js); Trunk runs it after
# every build (post_build hook in Trunk.toml, on its staging folder), and the end-to-end
# tests run it on a copied build to make "the next deploy".
#
# - Compressed copies (NAME.br, NAME.gz; scripts/precompress.mjs): stale ones are removed
#   (the relay would send them in place of the file), the Wasm's are written first (kept
#   when still matching), so the loader knows the Wasm's size on the wire.
# - index.html's inline loader: its words from locales/*.json and the Wasm's sizes
#   (scripts/stamp-loader.mjs).
# - The build id: the first 12 hex digits of SHA-256 over the name and content of every
#   file of the build except sw.js (index.html without its own stamp). Any change to the
#   app changes it, so sw.js changes and browsers install the new version.
# - index.html: `<meta name="liandong-build" content="…">`, which Settings shows.
# - sw.js: `const BUILD = '…';` and `const FILES = {…};` (the files stored at install:
#   "/" for index.html, then every other file but robots.txt, smallest first, each with
#   the first 16 hex digits of the SHA-256 of its bytes, so the service worker copies
#   unchanged files from the previous build's cache instead of fetching them).
# - Last, compressed copies of every file (the Wasm's are already there): stamping changed
#   index.html and sw.js.
# Usage: scripts/stamp-shell.sh [DIR]   (default: $TRUNK_STAGING_DIR). Idempotent.
# LIANDONG_COMPRESS=0 writes no copies (only removes stale ones): the tests' quick builds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-${TRUNK_STAGING_DIR:?give the build folder}}"
cd "$dir"
node "$root/scripts/precompress.mjs" . '\.wasm$' | grep -v '(kept)' | tail -n 1
node "$root/scripts/stamp-loader.mjs" .
mapfile -t files < <(find . -type f ! -name sw.js ! -name robots.txt ! -name '*.br' ! -name '*.gz' -printf '%P\n' | LC_ALL=C sort)
build=$(for f in "${files[@]}"; do
  printf '%s ' "$f"
  if [ "$f" = index.html ]; then grep -v 'name="liandong-build"' "$f"; else cat "$f"; fi | sha256sum
done | sha256sum | cut -c1-12)
sed -i -E "s|(<meta name=\"liandong-build\" content=\")[^\"]*(\")|\1$build\2|" index.html
table=$(for f in "${files[@]}"; do
  url="/$f"; [ "$f" = index.html ] && url=/
  printf '%s %s %s\n' "$(stat -c %s "$f")" "$url" "$(sha256sum < "$f" | cut -c1-16)"
done | sort -n -k1,1 | awk '{ printf "%s'\''%s'\'': '\''%s'\''", (NR > 1 ? ", " : ""), $2, $3 }')
sed -i -E "s|^const BUILD = .*;$|const BUILD = '$build';|; s|^const FILES = .*;$|const FILES = { $table };|" sw.js
grep -q "const BUILD = '$build';" sw.js && grep -q "content=\"$build\"" index.html
node "$root/scripts/precompress.mjs" . | tail -n 1
echo "[stamp] build $build, ${#files[@]} files in the app shell"
