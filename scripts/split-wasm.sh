#!/usr/bin/env bash
# Splits the release Wasm that Trunk built into dist/ (scripts/build.sh runs this after
# `trunk build`): the part a first visit needs (Home, the nav, sync, storage) and, for each
# lazy route of src/routes.rs, a module fetched the first time that page opens, plus shared
# chunks. Trunk cannot split, so this redoes its last steps on the same cargo output (built
# with `-Clink-args=--emit-relocs`, which wasm-split needs):
#   wasm-split-cli → wasm-bindgen --keep-lld-exports on the split main → wasm-opt -Oz on
#   every module,
# and writes the main module and its JS under Trunk's names (index.html already loads
# them; their integrity hashes are rewritten, scripts/integrity.mjs), the route modules
# (split_*.wasm), the shared chunks (chunk_*.wasm) and __wasm_split.js, which fetches them
# (patched to retry a module it cannot fetch rather than fail: scripts/patch-split-loader.mjs).
# Last, every module and the loader get content-hashed names (scripts/hash-split.mjs), so
# the relay sends them as immutable and no name means different bytes in two builds; the
# service worker stores them all at install (scripts/stamp-shell.sh).
# Usage: scripts/split-wasm.sh DIST CARGO_WASM
set -euo pipefail
dist=${1:?usage: split-wasm.sh DIST CARGO_WASM}
input=${2:?usage: split-wasm.sh DIST CARGO_WASM}
main=$(cd "$dist" && ls liandong-*_bg.wasm)
[ "$(echo "$main" | wc -l)" = 1 ] || { echo "[split] expected one liandong-*_bg.wasm in $dist, found: $main" >&2; exit 1; }
stem=${main%_bg.wasm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Names wasm-split gives: the main module <stem>.wasm, which __wasm_split.js imports as
# ./<stem>.js (Trunk's JS name), route modules split_*.wasm and chunks chunk_*.wasm
# (renamed with their hashes at the end).
wasm-split-cli --target web --out-name "$stem" "$input" "$work/split"
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-name "$stem" --out-dir "$work/pkg" "$work/split/$stem.wasm"
rm -f "$dist"/split_*.wasm* "$dist"/chunk_*.wasm* "$dist"/__wasm_split*.js*
# wasm-opt warns about a name subsection it does not know (id 3): harmless.
wasm-opt -Oz "$work/pkg/${stem}_bg.wasm" -o "$dist/$main" 2> >(grep -v 'unknown name subsection' >&2)
modules=("$work"/split/split_*.wasm "$work"/split/chunk_*.wasm)
printf '%s\n' "${modules[@]}" | xargs -P 2 -I{} sh -c 'wasm-opt -Oz "$1" -o "$2/$(basename "$1")" 2>/dev/null' _ {} "$dist"
node "$(dirname "$0")/patch-split-loader.mjs" "$work/split/__wasm_split.js"
cp "$work/pkg/$stem.js" "$work/split/__wasm_split.js" "$dist/"
loader=$(node "$(dirname "$0")/hash-split.mjs" "$dist" "$stem")
# Both scripts are on a first visit's critical path: minified (esbuild; after hash-split,
# which finds `from "./__wasm_split.js"` as wasm-bindgen writes it) they are 3.4 KB less
# with Brotli (11,006 → 9,042 and 6,457 → 5,122 B on 2026-12-07).
for js in "$stem.js" "$loader"; do
  # wasm-bindgen names the loader once per import (`"./__wasm_split.js": importN`, all one
  # module); esbuild keeps the last, which is the same.
  esbuild "$dist/$js" --minify --format=esm --log-level=warning --log-override:duplicate-object-key=silent --outfile="$work/min.js"
  mv "$work/min.js" "$dist/$js"
done
node "$(dirname "$0")/integrity.mjs" "$dist" --preload "$loader" "$main" "$stem.js"
echo "[split] $main and ${#modules[@]} modules for lazy routes"
