#!/usr/bin/env bash
# Runs the product: setup, a release build of the app (Trunk) and the relay, then the relay
# serving the app and /sync on $LIANDONG_ADDR (default 127.0.0.1:8080) with its data in
# $LIANDONG_DATA (default ./data), seeding the demo county on first start and printing
# demo login links. Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
scripts/build.sh
export LIANDONG_ADDR="${LIANDONG_ADDR:-127.0.0.1:8080}"
export LIANDONG_DATA="${LIANDONG_DATA:-data}"
exec "${CARGO_TARGET_DIR:-target}/relay/liandong-relay" serve --static dist --demo "$@"
