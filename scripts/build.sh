#!/usr/bin/env bash
# Builds the release app into dist/ (Trunk, offline, wasm-opt -Oz), writes Brotli and gzip
# copies of its files for the relay to send (scripts/precompress.mjs), and the relay
# (profile `relay`: optimised for speed, panics unwind; binary in target/relay/).
# Expects scripts/setup.sh to have run. Prints the Wasm size, raw, Brotli and gzip, and
# fails when the Brotli size is over its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# The release Wasm is built with a pinned nightly (scripts/wasm-nightly, installed by
# setup.sh) that rebuilds std without panic messages and code locations: a panic aborts at
# once (console_error_panic_hook cannot print it) and the Wasm is about 50 KB smaller with
# Brotli (534,467 against 585,900 on 2026-12-06). Without that toolchain: stable, and the
# larger budget. RUSTFLAGS replaces .cargo/config.toml's, so erase_components is repeated.
NIGHTLY=$(cat scripts/wasm-nightly)
if rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  WASM_BR_BUDGET=560000
  echo "[build] the Wasm with $NIGHTLY (std rebuilt, panics abort without messages)"
  RUSTUP_TOOLCHAIN="$NIGHTLY" CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="--cfg erase_components -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort" \
    trunk build --release=true
else
  WASM_BR_BUDGET=600000
  echo "[build] $NIGHTLY with rust-src is not installed (scripts/setup.sh): the Wasm with stable" >&2
  trunk build --release=true
fi
node scripts/precompress.mjs dist | tail -n 1
cargo build --profile relay -p liandong-relay
wasm=$(ls dist/*.wasm)
# The byte budget of the Wasm as it travels (Brotli), set above per toolchain: sizes are
# deterministic, so the build fails past it. It only ratchets down: lower it when the app
# shrinks (README "Byte budget").
br=$(stat -c %s "$wasm.br")
printf '[build] %s: %s bytes, %s Brotli (budget %s), %s gzip\n' "$wasm" "$(stat -c %s "$wasm")" "$br" "$WASM_BR_BUDGET" "$(stat -c %s "$wasm.gz")"
if [ "$br" -gt "$WASM_BR_BUDGET" ]; then
  echo "[build] the Wasm is $br bytes with Brotli, over its budget of $WASM_BR_BUDGET: find what grew (twiggy top, wasm-opt --metrics) before raising it" >&2
  exit 1
fi
