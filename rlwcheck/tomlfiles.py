"""Settings files people write in TOML (column mappings, sites, follow-ups, the job config),
read one way: the same encodings accepted and the same errors, each naming the file and the fix."""

import tomllib
from pathlib import Path
from typing import Any

from rlwcheck.errors import InputError, RlwcheckError
from rlwcheck.spreadsheets import read_kept_file


def read_toml(path: Path, what: str, error: type[RlwcheckError] = InputError) -> dict[str, Any]:
    """The file's top-level table; ``error`` (naming ``what`` the file is) when it cannot be read.

    Windows editors save UTF-8 with a byte-order mark, which TOML does not allow: it is skipped.
    """
    raw = read_kept_file(path, what, error)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{what} {path} is not UTF-8 text ({exc.reason}): save it as UTF-8") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{what} {path} is not valid TOML ({exc}): correct that line") from exc
