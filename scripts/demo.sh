#!/usr/bin/env bash
# Install rlwcheck into .venv and run it on the bundled, fictional sample data:
# the rate book, a check of sample payroll exports, the daily job (offline) and the
# accreditation network's board report. Everything it writes goes under out/, with its
# own database, so your real rlwcheck store is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# Editable, like scripts/test.sh, so both commands can share .venv; tests prove the wheel.
.venv/bin/python -m pip install --quiet -e .

out="$PWD/out"
rm -rf "$out" && mkdir -p "$out"
export RLWCHECK_DB="$out/demo.db" RLWCHECK="$PWD/.venv/bin/rlwcheck"
# samples/network/demo.sh writes its follow-up letters under $TMPDIR: keep them in out/ too.
export TMPDIR="$out"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { echo "\$ rlwcheck $*"; "$RLWCHECK" "$@"; }

say "The rate book: what applies to a 22-year-old working in London today"
run rates show --age 22 --london

say "Check the sample payroll exports (Sage 50, BrightPay, IRIS, Xero, NHS ESR, ADP, Excel)"
# Exit code 1 means non-compliance was found, which the samples are built to show.
run check samples/payroll/*.csv samples/payroll/*.xlsx --sites samples/sites.csv \
    --output "$out/check.html" --format html || [ $? -eq 1 ]
run check samples/payroll/*.csv samples/payroll/*.xlsx --sites samples/sites.csv || [ $? -eq 1 ]

say "The daily job, as if today were 1 March 2026 (a month before the April rise), offline"
RLWCHECK_TODAY=2026-03-01 run job run --config samples/rlwcheck.toml --offline --reports "$out/reports"

say "The accreditation network: load the fictional Northshire partners, then the board report"
samples/network/demo.sh
RLWCHECK_TODAY=2026-07-15 run network report --output "$out/board.html"

say "Done. Open $out/check.html, $out/reports/ and $out/board.html in a browser; the follow-up letters are in $out/rlwcheck-demo-followup-*/."
