"""Help is part of the product: every command has a summary, an example, and is in the README."""

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        paths.append(path)
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
    return paths


ALL_COMMANDS = command_paths(cli)


def shows_command(text: str, path: tuple[str, ...]) -> bool:
    """`rlwcheck network action` must not be satisfied by `rlwcheck network actions`."""
    return re.search(rf"rlwcheck {re.escape(' '.join(path))}(?![\w-])", text) is not None


def test_the_cli_has_the_documented_groups() -> None:
    assert {path[0] for path in ALL_COMMANDS} >= {
        "rates", "check", "columns", "history", "explain", "network", "job",
    }  # fmt: skip


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert re.search(r"^\s*Examples?:", result.output, re.MULTILINE), (
        f"`rlwcheck {' '.join(path)} --help` shows no example"
    )


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_appears_in_the_readme(path: tuple[str, ...]) -> None:
    assert shows_command(README, path), f"README never shows `rlwcheck {' '.join(path)}`"


def test_a_longer_command_name_does_not_count_as_the_shorter_one() -> None:
    assert not shows_command("rlwcheck network actions --open", ("network", "action"))
    assert not shows_command("rlwcheck job run-once", ("job", "run"))
    assert shows_command("`rlwcheck network action 3`", ("network", "action"))
    assert shows_command("$ rlwcheck job run\n", ("job", "run"))
