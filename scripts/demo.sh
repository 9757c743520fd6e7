#!/usr/bin/env bash
# Install rlwcheck into .venv and run it on the bundled sample data.
# Uses its own database under out/ so your real store is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .

export RLWCHECK_DB="$PWD/out/demo.db"
mkdir -p out
rm -f "$RLWCHECK_DB"
run() { echo; echo "\$ rlwcheck $*"; .venv/bin/rlwcheck "$@"; }

run rates show --age 22 --london
run rates show --on 15/01/2026 --dob 14/02/2007 --apprentice --apprenticeship-start 01/09/2025
