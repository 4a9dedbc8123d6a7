#!/usr/bin/env bash
# Node tests of the static search client (no browser): builds the release binary and the
# corpus generator, then runs tests/js with node's own test runner. Needs node >= 20.
#
# Environment: HINDSIGHT_BIN (binary to test, default target/release/hindsight).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

if ! command -v node >/dev/null 2>&1; then
  echo "js-tests: node is not installed" >&2
  exit 1
fi

cargo build --release --locked --bin hindsight --example gen-corpus

if [ -z "${HINDSIGHT_BIN:-}" ]; then
  HINDSIGHT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/hindsight"
  case "$HINDSIGHT_BIN" in /*) ;; *) HINDSIGHT_BIN="$repo/$HINDSIGHT_BIN" ;; esac
fi
export HINDSIGHT_BIN

node --test tests/js/
