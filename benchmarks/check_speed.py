"""Time the whole `rlwcheck check` process against a whole process that only reads the file.

    python benchmarks/check_speed.py 1000000 [--small 10000] [--repeat 1] [--keep DIR]

Generates a synthetic payroll CSV with make_payroll.py, then runs, each as a fresh process:

- the baseline: ``pyarrow.csv.read_csv`` of the file and nothing else;
- the checker: ``rlwcheck check FILE --format csv --output OUT`` (the summary to the store and
  the rows needing action to OUT: the default, not every passing row);
- the floor: a process that imports pandas, reads the file with pyarrow and writes the checker's
  own output rows (loaded beforehand as text, untimed) with pyarrow's CSV writer on a thread per
  core. No rule runs: it is what any checker built on pyarrow's reader and writer spends before
  its first rule, so the target ratio minus the floor ratio is what the rules may take.

Reports wall time (best of --repeat), rows per second, the ratio to the baseline and each
process's peak memory (``resource.getrusage(RUSAGE_CHILDREN)`` read in a fresh wrapper process,
so one measurement cannot inherit another's peak). The target is a ratio of at most 3 at
10,000,000 rows; the small file shows start-up cost, which dominates what most users run.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_payroll import write_payroll

# Runs one command and reports its wall time and peak RSS from a process that ran nothing else.
WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{elapsed} {peak_kb} {done.returncode}")
"""
READ_ONLY = "import sys, pyarrow.csv as c; print(c.read_csv(sys.argv[1]).num_rows)"
# The floor's own clock: import, read, then write the rows a check wrote (loaded untimed).
FLOOR = """
import sys, time
started = time.perf_counter()
import pandas, pyarrow as pa, pyarrow.csv as pacsv
from concurrent.futures import ThreadPoolExecutor
pacsv.read_csv(sys.argv[1])
read_done = time.perf_counter()
listed = pacsv.read_csv(sys.argv[2], convert_options=pacsv.ConvertOptions(
    column_types=dict.fromkeys(pacsv.open_csv(sys.argv[2]).schema.names, pa.string())))
write_started = time.perf_counter()
def csv_text(start):
    sink = pa.BufferOutputStream()
    pacsv.write_csv(listed.slice(start, 100_000), sink, pacsv.WriteOptions(include_header=not start))
    return sink.getvalue()
with open(sys.argv[3], "wb") as out, ThreadPoolExecutor(2) as pool:
    for text in pool.map(csv_text, range(0, listed.num_rows, 100_000)):
        out.write(text)
print(read_done - started + time.perf_counter() - write_started)
"""


def measure(command: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, int]:
    """(best seconds, peak MB, exit code) of a command run ``repeat`` times."""
    best, peak, code = float("inf"), 0.0, 0
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *command],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, peak_kb, code_text = done.stdout.split()
        best = min(best, float(seconds))
        peak = max(peak, int(peak_kb) / 1024)
        code = int(code_text)
    return best, peak, code


def compare(rows: int, folder: Path, repeat: int) -> None:
    path = folder / f"payroll-{rows}.csv"
    if not path.exists():
        write_payroll(rows, path)
    env = {
        **os.environ,
        "RLWCHECK_DB": str(folder / "bench.db"),
        "RLWCHECK_TODAY": "2026-11-24",
    }
    read_s, read_mb, _ = measure([sys.executable, "-c", READ_ONLY, str(path)], env, repeat)
    output = folder / f"check-{rows}.csv"
    check = [
        sys.executable,
        "-m",
        "rlwcheck",
        "check",
        str(path),
        "--format",
        "csv",
        "-o",
        str(output),
    ]
    check_s, check_mb, code = measure(check, env, repeat)
    if code not in (0, 1):
        raise SystemExit(f"rlwcheck check exited {code} on {path}")
    size_mb = path.stat().st_size / 1e6
    listed = sum(1 for _ in output.open(encoding="utf-8")) - 1
    print(f"{rows:>12,} rows ({size_mb:,.0f} MB; {listed:,} rows needing action written)")
    print(
        f"  pyarrow read : {read_s:7.2f}s  {rows / read_s:>12,.0f} rows/s  peak {read_mb:,.0f} MB"
    )
    print(
        f"  rlwcheck     : {check_s:7.2f}s  {rows / check_s:>12,.0f} rows/s  peak {check_mb:,.0f} MB"
    )
    print(f"  ratio        : {check_s / read_s:7.2f}x (target <= 3x at 10,000,000 rows)")
    floor_s = min(
        float(
            subprocess.run(
                [sys.executable, "-c", FLOOR, str(path), str(output), str(folder / "floor.csv")],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(repeat)
    )
    print(
        f"  floor        : {floor_s:7.2f}s  {floor_s / read_s:>12.2f}x "
        "(import, read and write those rows, no rules)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=1_000_000)
    parser.add_argument(
        "--small", type=int, default=10_000, help="also time this many rows (0: skip)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    parser.add_argument("--keep", type=Path, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for rows in [n for n in (args.small, args.rows) if n]:
            compare(rows, folder, args.repeat)


if __name__ == "__main__":
    main()
