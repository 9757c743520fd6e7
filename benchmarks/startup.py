"""Cold-start time of the commands people type most, and proof they stay lean.

Run: .venv/bin/python benchmarks/startup.py [--runs N]

Reports the median wall time of whole processes for `rlwcheck --help` and
`rlwcheck rates show`, and whether either imported pandas (it must not: start-up
cost dominates the small files most users check).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = {
    "rlwcheck --help": ["--help"],
    "rlwcheck rates show": ["rates", "show"],
}
PROBE = (
    "import sys, runpy; sys.argv = ['rlwcheck', *sys.argv[1:]];"
    "\ntry: runpy.run_module('rlwcheck', run_name='__main__')"
    "\nexcept SystemExit: pass"
    "\nprint('PANDAS-IMPORTED' if 'pandas' in sys.modules else 'PANDAS-NOT-IMPORTED', file=sys.stderr)"
)


def median_seconds(argv: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of a whole process, start to exit."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=False)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def imports_pandas(args: list[str], env: dict[str, str]) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    return "PANDAS-IMPORTED" in done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "RLWCHECK_DB": os.path.join(folder, "bench.db")}
        python_alone = median_seconds([sys.executable, "-c", "pass"], options.runs, env)
        print(f"{'python -c pass':<24} {python_alone * 1000:7.0f} ms (interpreter start-up alone)")
        for label, args in COMMANDS.items():
            median = median_seconds([sys.executable, "-m", "rlwcheck", *args], options.runs, env)
            pandas = "imports pandas!" if imports_pandas(args, env) else "no pandas"
            print(f"{label:<24} {median * 1000:7.0f} ms median of {options.runs}  ({pandas})")


if __name__ == "__main__":
    main()
