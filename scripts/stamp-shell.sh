#!/usr/bin/env bash
# Stamps a built app folder for its service worker (public/sw.js); Trunk runs it after
# every build (post_build hook in Trunk.toml, on its staging folder), and the end-to-end
# tests run it on a copied build to make "the next deploy".
#
# - The build id: the first 12 hex digits of SHA-256 over the name and content of every
#   file of the build except sw.js (index.html without its own stamp). Any change to the
#   app changes it, so sw.js changes and browsers install the new version.
# - sw.js: `const BUILD = '…';` and `const SHELL = […];` (the files cached at install:
#   "/" for index.html, then every other file but robots.txt).
# - index.html: `<meta name="liandong-build" content="…">`, which Settings shows.
# - Compressed copies (NAME.br, NAME.gz, written by scripts/precompress.mjs after stamping)
#   are removed first: they would no longer match what they copy, and the relay sends them
#   in place of the file to every browser that accepts them.
# Usage: scripts/stamp-shell.sh [DIR]   (default: $TRUNK_STAGING_DIR). Idempotent.
set -euo pipefail
dir="${1:-${TRUNK_STAGING_DIR:?give the build folder}}"
cd "$dir"
find . -type f \( -name '*.br' -o -name '*.gz' \) -delete
mapfile -t files < <(find . -type f ! -name sw.js ! -name robots.txt -printf '%P\n' | LC_ALL=C sort)
build=$(for f in "${files[@]}"; do
  printf '%s ' "$f"
  if [ "$f" = index.html ]; then grep -v 'name="liandong-build"' "$f"; else cat "$f"; fi | sha256sum
done | sha256sum | cut -c1-12)
shell="'/'"
for f in "${files[@]}"; do [ "$f" = index.html ] || shell+=", '/$f'"; done
sed -i -E "s|^const BUILD = .*;$|const BUILD = '$build';|; s|^const SHELL = .*;$|const SHELL = [$shell];|" sw.js
sed -i -E "s|(<meta name=\"liandong-build\" content=\")[^\"]*(\")|\1$build\2|" index.html
grep -q "const BUILD = '$build';" sw.js && grep -q "content=\"$build\"" index.html
echo "[stamp] build $build, ${#files[@]} files in the app shell"
