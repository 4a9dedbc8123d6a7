#!/usr/bin/env bash
# Regenerates docs/screenshots/: the demo's incident, metrics, search and follow-ups pages at
# 1366 and 390 px wide, light and dark (tests/browser/screenshots.mjs). Uses what the browser
# tests use: Chromium, Node.js and the npm packages of tests/browser, installed the same way,
# and the release binary (built first) or HINDSIGHT_BIN.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
source scripts/ensure-node.sh
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
  touch tests/browser/node_modules
fi
if [ -z "${HINDSIGHT_BIN:-}" ]; then
  cargo build --release --locked
  HINDSIGHT_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/hindsight"
fi
export HINDSIGHT_BIN
node tests/browser/screenshots.mjs
