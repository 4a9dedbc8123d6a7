#!/usr/bin/env bash
# Makes sure node and npm are on PATH for the Node and browser suites: installs Debian's
# nodejs and npm packages when they are missing and this runs as root; otherwise says what
# is missing and fails. Sourced by scripts/js-tests.sh and scripts/browser-tests.sh.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "$(basename "$0"): installing nodejs and npm" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
  else
    echo "$(basename "$0"): node and npm are needed (Node.js 18 or later)" >&2
    exit 1
  fi
fi
