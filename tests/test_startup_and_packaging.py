"""The CLI starts lean, and the wheel carries the rate data and templates."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import sys, runpy
sys.argv = ["rlwcheck", *sys.argv[1:]]
try:
    runpy.run_module("rlwcheck", run_name="__main__")
except SystemExit:
    pass
heavy = sorted(m for m in ("pandas", "pyarrow", "openpyxl", "httpx", "jinja2") if m in sys.modules)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


SHOW_FROM_INSTALLED = """
import sys
import rlwcheck
print(rlwcheck.__file__)
from rlwcheck.cli import main
sys.argv = ["rlwcheck", "rates", "show", "--on", "01/04/2026"]
main()
"""


LEAN_COMMANDS = [
    ["--help"],
    ["rates", "show"],
    ["rates", "--help"],
    ["check", "--help"],
    ["history", "--help"],
    ["history"],
    ["explain", "missing-pay"],
    ["columns", "--help"],
    ["network", "--help"],
]


@pytest.mark.parametrize("args", LEAN_COMMANDS, ids=" ".join)
def test_common_commands_do_not_import_pandas(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "RLWCHECK_DB": str(tmp_path / "x.db")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    assert "HEAVY:\n" in done.stderr, done.stderr


def test_columns_reads_a_header_without_pandas(tmp_path: Path) -> None:
    # It needs pyarrow's CSV reader for the layout, but never pandas.
    env = {**os.environ, "RLWCHECK_DB": str(tmp_path / "x.db")}
    sample = str(REPO / "samples" / "payroll" / "sage50.csv")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "columns", sample],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    heavy = done.stderr.split("HEAVY:")[-1].strip().split(",")
    assert "Pay shape:" in done.stdout and "pandas" not in heavy, done.stderr


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    from rlwcheck import __version__

    done = subprocess.run(
        [sys.executable, "-m", "rlwcheck", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"rlwcheck, version {__version__}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` would build, built once for these tests."""
    folder = tmp_path_factory.mktemp("wheel")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(folder)]
    subprocess.run([*pip_wheel, str(REPO)], check=True, capture_output=True)
    (built,) = folder.glob("rlwcheck-*.whl")
    return built


def test_wheel_ships_rates_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "rlwcheck/data/rates/nmw_rates.csv" in names
    assert "rlwcheck/data/rates/rlw_rates.csv" in names
    assert any(n.startswith("rlwcheck/data/templates/") for n in names)
    assert any(n.startswith("rlwcheck/migrations/0001_") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_finds_its_data_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    """pip install . (not editable): the CLI must find rates and templates wherever it runs."""
    target = tmp_path / "site"
    pip_install = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet"]
    subprocess.run(
        [*pip_install, "--target", str(target), str(wheel)], check=True, capture_output=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "RLWCHECK_DB": str(tmp_path / "x.db")}
    done = subprocess.run(
        [sys.executable, "-c", SHOW_FROM_INSTALLED],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(target))
    assert "National Living Wage, 21 and over        £12.71/h" in done.stdout
