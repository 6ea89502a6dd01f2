#!/usr/bin/env bash
# Benchmarks the app in headless Chromium (first render of 10,000 records from IndexedDB,
# catch-up after 5,000 offline updates; the roster's month view for 30 officers and a
# 3-month roster; the commander's board of a region of 5 stations, 120 officers, 3 months
# of rosters, 300 items and a year of incidents) and prints the figures. Run by hand after
# scripts/setup.sh; not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
scripts/build.sh
export LIANDONG_RELAY_BIN="${CARGO_TARGET_DIR:-$PWD/target}/relay/liandong-relay"
node bench/app/app-bench.mjs
node bench/app/roster-bench.mjs
node bench/app/board-bench.mjs
