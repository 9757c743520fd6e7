"""Where a check's time goes: wall, user and system CPU seconds for each phase of `rlwcheck check`.

    python benchmarks/check_phases.py 10000000 [--path /tmp/payroll.csv] [--repeat 3]

Writes a synthetic file with make_payroll.py (or reuses --path if it exists), then, in a fresh
Python process per run, times the phases the command runs one after another: importing the
checker, reading the file (``read_pay_files``), applying the rules (``check_records``) and
writing the rows needing action as CSV (``write_report``). Prints each run's phases and peak
memory. System time is the kernel giving the process fresh memory pages: on a small virtual
machine it varies from run to run by seconds, which is why there is a --repeat.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_payroll import write_payroll

CHILD = """
import datetime as dt, os, resource, sys, time
from pathlib import Path
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")  # as the check command does
last = None
def mark(phase):
    global last
    usage = resource.getrusage(resource.RUSAGE_SELF)
    now = (time.perf_counter(), usage.ru_utime, usage.ru_stime)
    if last:
        wall, user, system = (b - a for a, b in zip(last, now))
        print(f"  {phase:8} wall {wall:5.2f}s  user {user:5.2f}s  system {system:5.2f}s")
    last = now
mark("start")
from rlwcheck.checks import CheckSettings, check_records
from rlwcheck.payrecords import read_pay_files
from rlwcheck.rates import RateBook
from rlwcheck.reports import write_report
mark("imports")
settings = CheckSettings(today=dt.date(2026, 11, 24))
records = read_pay_files([Path(sys.argv[1])], settings.read)
mark("read")
report = check_records(records.frame, records.problems, records.files, RateBook.load(), settings)
mark("rules")
write_report(report, "csv", Path(sys.argv[2]))
mark("write")
print(f"  peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--path", type=Path, help="the payroll CSV (written if missing)")
    parser.add_argument("--repeat", type=int, default=1, help="runs, each a fresh process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.path or Path(scratch) / f"payroll-{args.rows}.csv"
        if not path.exists():
            write_payroll(args.rows, path)
        for run in range(1, args.repeat + 1):
            print(f"run {run} ({args.rows:,} rows)")
            command = [sys.executable, "-c", CHILD, str(path), str(Path(scratch) / "out.csv")]
            subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
