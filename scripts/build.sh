#!/usr/bin/env bash
# Builds the release app into dist/ (Trunk, offline), splits its Wasm into what a first
# visit needs and a module per lazy route (scripts/split-wasm.sh, wasm-opt -Oz), writes
# Brotli and gzip copies of its files for the relay to send and stamps the service worker
# (scripts/stamp-shell.sh), and the relay (profile `relay`: optimised for speed, panics
# unwind; binary in target/relay/). Expects scripts/setup.sh to have run. Prints the
# Wasm's sizes, raw, Brotli and gzip, and fails when a Brotli size is over its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# The release Wasm is built with a pinned nightly (scripts/wasm-nightly, installed by
# setup.sh) that rebuilds std without panic messages and code locations: a panic aborts at
# once (console_error_panic_hook cannot print it) and the Wasm is about 50 KB smaller with
# Brotli (534,467 against 585,900 on 2026-12-06). Without that toolchain: stable, and the
# larger budget. RUSTFLAGS replaces .cargo/config.toml's, so erase_components is repeated.
NIGHTLY=$(cat scripts/wasm-nightly)
# --emit-relocs keeps the relocations wasm-split needs (scripts/split-wasm.sh). Trunk's
# post-build stamp compresses nothing (LIANDONG_COMPRESS=0): its Wasm is replaced next.
SPLIT_FLAGS="-Clink-args=--emit-relocs"
if rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  # All modules: 720,000 until regional command (issue 17) added its screens as one lazy
  # module (89 KB with Brotli) and the chunks it shares with the roster and region pages:
  # 676,232 → 824,898; 840,000 until the district workbook (issue 18) added its page (53 KB
  # with Brotli, with the month's workload) and moved what it shares with the other
  # pages into 47 more chunks: 839,649 → 907,380. The first visit's budget: 330,000 until
  # records were read without serde_json (core/src/record/de.rs), which took the main
  # module to 314,361; 320,000 until the workbook's words (leptos_i18n compiles every
  # page's words into the main module) and its figures on Home took it from 314,537 to
  # 320,376. All modules: 910,000 until the workbook's field work (reports and their
  # forwarding, patrols, outreach, rapid responses, the case file, photos, removal) took its
  # module from 53,004 to 93,049 and all from 907,380 to 954,634 (lazy: the first visit
  # is unchanged). The region's daily cooperation (issue 19): its words took the main
  # module from 320,851 to 323,720 (Home's week card reads through a #[lazy] function),
  # and its page (a module of 56,850) and the chunks it shares took all from 954,634 to
  # 1,040,548. No serde_json on the way to the first page (stop 30): 305,930 and 1,039,226;
  # then Home's note before the first sync (its words, in both languages): 306,319, and a
  # first install that waits for the first sync (and registers again when sw.js could not
  # be fetched): 307,162 and 1,040,036.
  WASM_BR_BUDGET=308000 ALL_WASM_BR_BUDGET=1041000
  echo "[build] the Wasm with $NIGHTLY (std rebuilt, panics abort without messages)"
  LIANDONG_COMPRESS=0 RUSTUP_TOOLCHAIN="$NIGHTLY" CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="--cfg erase_components -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort $SPLIT_FLAGS" \
    trunk build --release=true
else
  WASM_BR_BUDGET=370000 ALL_WASM_BR_BUDGET=1120000
  echo "[build] $NIGHTLY with rust-src is not installed (scripts/setup.sh): the Wasm with stable" >&2
  LIANDONG_COMPRESS=0 RUSTFLAGS="--cfg erase_components $SPLIT_FLAGS" trunk build --release=true
fi
# The Wasm split into what a first visit needs and a module per lazy route (src/routes.rs),
# then stamped again for the service worker (the modules are files of the build too).
scripts/split-wasm.sh dist "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/liandong.wasm"
bash scripts/stamp-shell.sh dist
cargo build --profile relay -p liandong-relay
wasm=$(ls dist/liandong-*_bg.wasm)
# The byte budget of the Wasm as it travels (Brotli), set above per toolchain: sizes are
# deterministic, so the build fails past it. It only ratchets down: lower it when the app
# shrinks (README "Byte budget").
br=$(stat -c %s "$wasm.br")
printf '[build] %s: %s bytes, %s Brotli (budget %s), %s gzip\n' "$wasm" "$(stat -c %s "$wasm")" "$br" "$WASM_BR_BUDGET" "$(stat -c %s "$wasm.gz")"
all=$(cat dist/*.wasm.br | wc -c)
printf '[build] all %s Wasm modules (main and lazy routes): %s bytes Brotli (budget %s)\n' "$(ls dist/*.wasm | wc -l)" "$all" "$ALL_WASM_BR_BUDGET"
if [ "$br" -gt "$WASM_BR_BUDGET" ]; then
  echo "[build] the Wasm a first visit needs is $br bytes with Brotli, over its budget of $WASM_BR_BUDGET: find what grew (twiggy top, wasm-opt --metrics; code only a page needs belongs in its lazy route, src/routes.rs) before raising it" >&2
  exit 1
fi
if [ "$all" -gt "$ALL_WASM_BR_BUDGET" ]; then
  echo "[build] all Wasm modules are $all bytes with Brotli, over their budget of $ALL_WASM_BR_BUDGET (what an install and a deploy download)" >&2
  exit 1
fi
