"""Helpers for the pay-file reader tests: write small real files and read them back.

``xlsxbooks`` (real workbooks) is importable by name, as the checker tests' ``checkrows`` is."""

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rlwcheck.payrecords import PayRecords, ReadOptions, read_pay_files

sys.path.insert(0, str(Path(__file__).parent))

WriteFile = Callable[..., Path]


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write text (or bytes) to a file in tmp_path; returns its path."""

    def write(text: str | bytes, name: str = "pay.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return write


@pytest.fixture
def read() -> Callable[..., PayRecords]:
    """Read one file with keyword ReadOptions."""

    def read_one(path: Path, **options: object) -> PayRecords:
        return read_pay_files([path], ReadOptions(**options))  # type: ignore[arg-type]

    return read_one


@pytest.fixture
def triples() -> Callable[[PayRecords], list[tuple[int, str, str]]]:
    """(row, column, code) for each problem, in the order reported."""

    def problem_triples(records: PayRecords) -> list[tuple[int, str, str]]:
        problems = records.problems
        return list(
            zip(
                problems["row"].tolist(),
                problems["column"].tolist(),
                problems["code"].tolist(),
                strict=True,
            )
        )

    return problem_triples
