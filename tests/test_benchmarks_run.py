"""The benchmark scripts the README shows still run, on tiny inputs (no time is asserted:
speed targets live in the scripts, never in tests)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize(
    "arguments",
    [
        ["network_report.py", "5", "--repeat", "1"],
        ["check_speed.py", "300", "--small", "0", "--repeat", "1", "--keep", "{tmp}"],
        ["check_phases.py", "300", "--path", "{tmp}/payroll.csv"],
        ["read_payroll.py", "300", "--repeat", "1", "--path", "{tmp}/payroll.csv"],
        ["make_payroll.py", "300", "{tmp}/payroll.csv", "--pounds"],
        ["startup.py", "--runs", "1"],
    ],
    ids=lambda arguments: arguments[0],
)
def test_benchmark_script_runs(arguments: list[str], tmp_path: Path) -> None:
    script, *rest = arguments
    command = [sys.executable, str(BENCHMARKS / script), *(a.format(tmp=tmp_path) for a in rest)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
