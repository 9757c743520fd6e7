"""Every network command explains itself, and the README demo script works."""

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli
from rlwcheck.commands.network import network

SAMPLES = Path(__file__).parents[2] / "samples" / "network"


@pytest.mark.parametrize("name", sorted(network.commands))
def test_every_command_has_help_with_an_example(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, ["network", name, "--help"])
    assert result.exit_code == 0
    command = network.commands[name]
    assert isinstance(command, click.Command) and command.help
    assert "Example" in result.output
    assert f"rlwcheck network {name}" in result.output


def test_the_demo_script_loads_the_sample_network(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "RLWCHECK_DB": str(tmp_path / "demo.db"),
        "RLWCHECK": f"{sys.executable} -m rlwcheck",
        "TMPDIR": str(tmp_path),
    }
    env.pop("RLWCHECK_TODAY", None)
    subprocess.run(
        ["bash", str(SAMPLES / "demo.sh")], env=env, check=True, capture_output=True, timeout=120
    )
    env["RLWCHECK_TODAY"] = "2026-07-15"
    listed = subprocess.run(
        [sys.executable, "-m", "rlwcheck", "network", "list"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout.endswith("16 partners\n")
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "rlwcheck",
            "network",
            "report",
            "--output",
            str(tmp_path / "board.html"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert report.stdout == (
        f"wrote {tmp_path / 'board.html'}: 16 partners, 4 accredited, 4 moves since 15 April 2026, 9 stuck\n"
    )
    # 16 partners less the 3 accredited on 13 March 2026 (ICB, city council, Mossgate Homes)
    assert len(list((tmp_path / "rlwcheck-demo-followup-1").iterdir())) == 13
