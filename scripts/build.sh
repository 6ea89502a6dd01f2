#!/usr/bin/env bash
# Builds the release app into dist/ (Trunk, offline, wasm-opt -Oz), writes Brotli and gzip
# copies of its files for the relay to send (scripts/precompress.mjs), and the relay
# (profile `relay`: optimised for speed, panics unwind; binary in target/relay/).
# Expects scripts/setup.sh to have run. Prints the Wasm size, raw, Brotli and gzip, and
# fails when the Brotli size is over its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release=true
node scripts/precompress.mjs dist | tail -n 1
cargo build --profile relay -p liandong-relay
wasm=$(ls dist/*.wasm)
# The byte budget of the Wasm as it travels (Brotli): sizes are deterministic, so the build
# fails past it. It only ratchets down: lower it when the app shrinks (README "Byte budget").
WASM_BR_BUDGET=600000
br=$(stat -c %s "$wasm.br")
printf '[build] %s: %s bytes, %s Brotli (budget %s), %s gzip\n' "$wasm" "$(stat -c %s "$wasm")" "$br" "$WASM_BR_BUDGET" "$(stat -c %s "$wasm.gz")"
if [ "$br" -gt "$WASM_BR_BUDGET" ]; then
  echo "[build] the Wasm is $br bytes with Brotli, over its budget of $WASM_BR_BUDGET: find what grew (twiggy top, wasm-opt --metrics) before raising it" >&2
  exit 1
fi
