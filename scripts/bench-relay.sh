#!/usr/bin/env bash
# Runs the relay benchmark by hand (not part of `make test`): builds liandong-relay and
# liandong-bench in release mode, then runs the load generator with the issue's workload
# (500 clients on 50 documents, 1 update/s each; 50 clients joining a 1 MB document)
# against our relay and the reference Node relay (npm @y/websocket-server), taking turns in
# three rounds on 127.0.0.1, and prints both with ratios. Takes about 3 minutes.
# Assumes scripts/setup.sh has run (node_modules holds the reference relay).
# Extra arguments go to the bench: scripts/bench-relay.sh --quick, --durability normal, --help.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f node_modules/@y/websocket-server/src/server.js ] \
  || echo "[bench] node_modules/@y/websocket-server missing: run scripts/setup.sh (only our relay will run)" >&2
cargo build --profile relay -p liandong-relay && cargo build --release -p liandong-bench
exec target/release/liandong-bench "$@"
