#!/usr/bin/env bash
# Installs what building, running and testing Liandong needs, and only what is missing:
# the wasm32 target, a pinned nightly with rust-src (for the release Wasm; its name is in
# scripts/wasm-nightly), Trunk, wasm-bindgen-cli at exactly Cargo.lock's version,
# wasm-split-cli, Debian's
# chromium + chromium-driver + a CJK font, and the npm tools of package-lock.json
# (wasm-opt from binaryen, playwright-core). Idempotent: a second run changes nothing.
# Never lets Trunk or a test tool download a binary or a browser (see docs/toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup]\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }

command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) first"
command -v node >/dev/null || die "node not found: install Node.js 20+ first"
command -v npm >/dev/null || die "npm not found: install npm first"

# 1. The Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. A pinned nightly Rust with the standard library's source, for the release Wasm only
# (scripts/build.sh: std rebuilt without panic messages and code locations, about 50 KB
# less with Brotli). Without it the build falls back to stable and says so.
NIGHTLY=$(cat scripts/wasm-nightly)
if ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "installing $NIGHTLY with rust-src (for the release Wasm)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src \
    || say "could not install $NIGHTLY: release builds use stable (a larger Wasm)"
fi
# Rebuilding std needs the crates std depends on; Trunk builds offline, so fetch them now.
if rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  std_manifest="$(rustc +"$NIGHTLY" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
  cargo +"$NIGHTLY" fetch --locked --manifest-path "$std_manifest" >/dev/null \
    || die "could not fetch the crates std depends on (needed offline by scripts/build.sh)"
fi

# 2. Trunk, at the version that builds with this machine's rustc.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on a cold machine)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli, exactly the wasm-bindgen of Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# 3b. wasm-split-cli (crate wasm_split_cli_support): splits the release Wasm into the part
# a first visit needs and one module per lazy route (scripts/split-wasm.sh).
WASM_SPLIT_VERSION=0.2.4
if ! wasm-split-cli --help >/dev/null 2>&1 || [ "$(cat "$HOME/.cargo/.liandong-wasm-split" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
  echo "$WASM_SPLIT_VERSION" > "$HOME/.cargo/.liandong-wasm-split"
fi

# 4. Debian's Chromium and ChromeDriver (tests and screenshots), and a CJK font.
missing=()
for pkg in chromium chromium-driver fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# 5. npm tools, from the committed lock file; reinstalled only when the lock changes.
stamp=node_modules/.liandong-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm tools (binaryen's wasm-opt, esbuild, playwright-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

# Versions, checked rather than assumed.
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-opt --version | grep -q "version 132" || die "wasm-opt is not binaryen 132: $(wasm-opt --version)"
say "ready: $(rustc --version | awk '{print "rustc",$2}'), trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(chromium --version 2>/dev/null | head -1), wasm-opt 132"
