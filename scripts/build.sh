#!/usr/bin/env bash
# Builds the release app into dist/ (Trunk, offline, wasm-opt -Oz) and the relay (profile
# `relay`: optimised for speed, panics unwind; binary in target/relay/).
# Expects scripts/setup.sh to have run. Prints the Wasm size, raw and gzip -9.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release=true
cargo build --profile relay -p liandong-relay
wasm=$(ls dist/*.wasm)
printf '[build] %s: %s bytes, %s bytes gzip -9\n' "$wasm" "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)"
