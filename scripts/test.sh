#!/usr/bin/env bash
# Install rlwcheck with its development tools into .venv and run every check:
# lint (ruff), formatting, types (mypy, strict) and the whole test suite.
# Works on a fresh machine. On CI (CI set) it also installs Debian's Chromium for the
# board-report browser test (needs root or sudo for apt-get); elsewhere that test is
# skipped when Chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'

if ! command -v chromium >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "Installing Chromium (Debian package) for the browser test..."
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
    else
        echo "Chromium not found: the browser test will be skipped (apt-get install chromium to run it)."
    fi
fi

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest "$@"
