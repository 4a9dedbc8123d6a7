#!/usr/bin/env bash
# Node tests of the static search client (no browser): builds the release binary and the
# corpus generator, then runs tests/js with node's own test runner. Installs node when it is
# missing (as root, from Debian).
#
# Environment: HINDSIGHT_BIN (binary to test; the examples/gen-corpus beside it is used too;
# default target/release/hindsight, built first).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

source scripts/ensure-node.sh

if [ -z "${HINDSIGHT_BIN:-}" ]; then
  cargo build --release --locked --bin hindsight --example gen-corpus
  HINDSIGHT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/hindsight"
fi
case "$HINDSIGHT_BIN" in /*) ;; *) HINDSIGHT_BIN="$repo/$HINDSIGHT_BIN" ;; esac
export HINDSIGHT_BIN

node --test tests/js/
