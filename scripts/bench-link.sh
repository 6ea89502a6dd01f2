#!/usr/bin/env bash
# Benchmarks the app over rural links (issue 15): the relay and the release app behind a
# userspace shaping proxy at 50 kbit/s, 600 ms round trips, 10 % of pieces stalled 600 ms
# and at 256 kbit/s, 300 ms, 2 %, with headless Chromium and a fresh profile each time.
# Prints first load, a week offline catching up, an upload after a week offline and a
# deploy (seconds, bytes each way, ÷ what the link allows). Run by hand after
# scripts/setup.sh; not part of the test command. At 50 kbit/s it takes up to an hour.
# Usage: scripts/bench-link.sh [--skip-build] [--profile 50|256|both] [--quick] [--only first-load,catch-up,catch-up-random,upload,deploy] [--connections]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
build=1
args=()
for a in "$@"; do
  case "$a" in
    --skip-build) build=0 ;;
    --help|-h) build=0; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done
if [ "$build" = 1 ]; then scripts/build.sh; fi
export LIANDONG_RELAY_BIN="${LIANDONG_RELAY_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/relay/liandong-relay}"
mkdir -p test-artifacts
exec node bench/link/link-bench.mjs "${args[@]}"
