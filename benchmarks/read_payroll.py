"""Time rlwcheck's pay-file reader against a plain pyarrow read of the same CSV.

    python benchmarks/read_payroll.py 1000000 [--repeat 3] [--path /tmp/payroll.csv] [--pounds]

Writes a synthetic file with make_payroll.py (or reuses --path if it exists), then runs each
side in a fresh Python process, best of --repeat: ``pyarrow.csv.read_csv`` alone, and
``read_pay_files`` (read, match columns, parse every cell, decide London, hash the file).
Reports wall time per whole process (imports included), rows per second, the ratio and the
peak memory of each process. The reader's budget is about 1.5x the plain read, leaving the
rest of the checker's 3x for the rules.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_payroll import write_payroll

CHILD = """
import json, resource, sys
from pathlib import Path
path = Path(sys.argv[1])
if sys.argv[2] == "pyarrow":
    import pyarrow.csv
    rows = pyarrow.csv.read_csv(path).num_rows
else:
    from rlwcheck.payrecords import read_pay_files
    records = read_pay_files([path])
    rows = len(records.frame)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "peak_mb": peak}))
"""


def run(path: Path, side: str, repeat: int) -> tuple[float, float, int]:
    """Best wall time of a whole process, its peak memory (MB) and the rows it saw."""
    best = float("inf")
    result: dict[str, float] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), side],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - started
        if elapsed < best:
            best, result = elapsed, json.loads(done.stdout)
    return best, result["peak_mb"], int(result["rows"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--path", type=Path, help="reuse (or keep) the synthetic file here")
    parser.add_argument("--pounds", action="store_true", help="amounts written like £24,465")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.path or Path(folder) / "payroll.csv"
        if not path.exists():
            write_payroll(args.rows, path, pounds=args.pounds)
        size = path.stat().st_size  # before the temporary folder goes
        plain, plain_peak, plain_rows = run(path, "pyarrow", args.repeat)
        ours, our_peak, our_rows = run(path, "rlwcheck", args.repeat)
    assert our_rows == plain_rows == args.rows, "rows were dropped"
    print(f"rows:            {args.rows:,} ({size / 1e6:.1f} MB)")
    print(f"pyarrow process: {plain:.2f}s, peak {plain_peak:,.0f} MB")
    print(f"rlwcheck reader: {ours:.2f}s, peak {our_peak:,.0f} MB ({args.rows / ours:,.0f} rows/s)")
    print(f"ratio:           {ours / plain:.2f}x")


if __name__ == "__main__":
    main()
