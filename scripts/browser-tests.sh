#!/usr/bin/env bash
# Real-browser tests: builds the release binary, then runs tests/browser (node:test +
# playwright-core driving the system Chromium) against the sites it builds: the demo KB,
# examples/real-shapes, a KB of hostile content, and the live preview.
# Installs what is missing first: Chromium and Node.js from Debian (as root only) and the npm
# packages.
#
# Environment: CHROMIUM (browser to use, default /usr/bin/chromium), HINDSIGHT_BIN (binary
# to test; by default target/release/hindsight, or $CARGO_TARGET_DIR/release/hindsight, built first).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

# Chromium: the system package, unless CHROMIUM names another browser.
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "browser-tests: installing chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update && apt-get install -y chromium
  else
    echo "browser-tests: /usr/bin/chromium is missing; install Debian's chromium package or set CHROMIUM" >&2
    exit 1
  fi
fi

source scripts/ensure-node.sh
for tool in node npm cargo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "browser-tests: $tool is not installed" >&2
    exit 1
  fi
done

# npm packages: (re)installed from the lock file when missing or older than it.
browser_dir="$repo/tests/browser"
if [ ! -d "$browser_dir/node_modules" ] || [ "$browser_dir/package-lock.json" -nt "$browser_dir/node_modules" ]; then
  echo "browser-tests: npm ci" >&2
  (cd "$browser_dir" && npm ci --no-audit --no-fund)
  touch "$browser_dir/node_modules"
fi

if [ -z "${HINDSIGHT_BIN:-}" ]; then
  cargo build --release --locked
  HINDSIGHT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/hindsight"
fi
case "$HINDSIGHT_BIN" in /*) ;; *) HINDSIGHT_BIN="$repo/$HINDSIGHT_BIN" ;; esac
export HINDSIGHT_BIN

cd "$browser_dir"
node --test
