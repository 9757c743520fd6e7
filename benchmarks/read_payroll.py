"""Time rlwcheck's pay-file reader against a plain pyarrow read of the same CSV.

    python benchmarks/read_payroll.py 1000000 [--repeat 3]

Writes a synthetic file with make_payroll.py (once, to a temporary folder), then reports the
best of N runs for ``pyarrow.csv.read_csv`` and for ``read_pay_files`` (read + normalise),
their ratio and rows per second. The reader's budget is about 1.5x the plain read, leaving the
rest of the checker's 3x for the rules.
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_payroll import write_payroll

from rlwcheck.payrecords import read_pay_files


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "payroll.csv"
        write_payroll(args.rows, path)
        plain = best_of(args.repeat, lambda: pacsv.read_csv(path))
        ours = best_of(args.repeat, lambda: read_pay_files([path]))
        records = read_pay_files([path])
        assert len(records.frame) == args.rows, "rows were dropped"
    print(f"rows:                 {args.rows:,} ({path.name}, {len(records.problems)} problems)")
    print(f"pyarrow read_csv:     {plain:.2f}s")
    print(f"read_pay_files:       {ours:.2f}s ({args.rows / ours:,.0f} rows/s)")
    print(f"ratio:                {ours / plain:.2f}x")


if __name__ == "__main__":
    main()
