#!/usr/bin/env bash
# Install rlwcheck with its development tools into .venv and run every check:
# lint (ruff), formatting, types (mypy, strict) and the whole test suite.
# Works on a fresh machine. It also installs Debian's Chromium for the board-report browser
# test when it can (apt-get as root or through sudo); where it cannot, that test is skipped,
# except on CI (CI set), where a missing Chromium is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'

install_chromium() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    command -v apt-get >/dev/null 2>&1 && $sudo true 2>/dev/null || return 1
    echo "Installing Chromium (Debian package) for the browser test..."
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}
if ! command -v chromium >/dev/null 2>&1 && ! install_chromium; then
    if [ -n "${CI:-}" ]; then
        echo "Cannot install Chromium on CI: the browser test needs it (apt-get install chromium)." >&2
        exit 1
    fi
    echo "Chromium not found and not installable here: the browser test will be skipped."
fi

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest "$@"
