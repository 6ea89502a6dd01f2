#!/usr/bin/env bash
# Runs every test of the project, after setup:
#   1. native: core and relay (cargo test), including the relay's real-WebSocket tests;
#   2. browser: wasm-bindgen-test in headless Chromium (IndexedDB for real);
#   3. end to end: the release app served by the relay, driven in headless Chromium by
#      playwright-core (node --test tests/e2e/); screenshots land in test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1;34m[test]\033[0m %s\n' "$*"; }

step "native tests (core, relay)"
cargo test -p liandong-core -p liandong-relay

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p liandong --target wasm32-unknown-unknown

step "end-to-end tests (release app + relay + headless Chromium)"
scripts/build.sh
mkdir -p test-artifacts
LIANDONG_RELAY_BIN="${CARGO_TARGET_DIR:-$PWD/target}/relay/liandong-relay" node --test --test-concurrency=1 tests/e2e/
step "all tests passed"
