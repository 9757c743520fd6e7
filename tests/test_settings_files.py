"""Every TOML settings file is read alike: a Windows byte-order mark is fine, and a file that
cannot be used stops the run with one error naming the file and the fix."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rlwcheck.columns import load_mapping_file
from rlwcheck.errors import InputError, RlwcheckError, UsageError
from rlwcheck.followup import load_settings
from rlwcheck.jobconfig import load_config
from rlwcheck.sites import load_sites

BOM = b"\xef\xbb\xbf"
READERS: list[tuple[str, Callable[[Path], Any], bytes, type[RlwcheckError]]] = [
    ("mapping file", load_mapping_file, b'[columns]\nworker_id = "Payroll Code"\n', InputError),
    ("sites file", load_sites, b'[sites."Main Site"]\nlondon = true\n', InputError),
    ("follow-up settings file", load_settings, b'signature = "Northshire ICB"\n', InputError),
    ("config file", load_config, b"[check]\ndays_before_statutory_rise = 30\n", UsageError),
]


@pytest.mark.parametrize(("what", "read", "text", "error"), READERS)
def test_a_byte_order_mark_is_skipped(
    tmp_path: Path, what: str, read: Callable[[Path], Any], text: bytes, error: type
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(BOM + text)
    assert read(path) is not None


@pytest.mark.parametrize(("what", "read", "text", "error"), READERS)
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "does not exist: check the file name"),
        (b"[broken\n", "is not valid TOML"),
        (b'signature = "\xa3 Northshire"\n', "is not UTF-8 text"),  # saved as Windows-1252
    ],
)
def test_a_file_that_cannot_be_used_is_named_with_the_fix(
    tmp_path: Path,
    what: str,
    read: Callable[[Path], Any],
    text: bytes,
    error: type,
    content: bytes | None,
    says: str,
) -> None:
    path = tmp_path / "settings.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error, match=f"^{what} .*settings.toml {says}"):
        read(path)


@pytest.mark.parametrize(("what", "read", "text", "error"), READERS)
def test_a_folder_given_as_the_file_is_named_with_the_fix(
    tmp_path: Path, what: str, read: Callable[[Path], Any], text: bytes, error: type
) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    with pytest.raises(
        error, match=f"^{what} .*settings.toml is a folder: give the file inside it"
    ):
        read(path)
