"""What spreadsheets do to text files: the encodings they save in, and formula cells.

Excel's plain "CSV" is Windows-1252; its "CSV UTF-8" has a byte-order mark. ``read_kept_file`` and
``decode_text`` read small user-kept files (settings, partner lists, site tables) either way. Large pay files are read in
``payfiles``, which decides the same question from a sample without loading the whole file.


Excel, LibreOffice and Sheets treat a cell starting with ``= + - @`` (or a tab or carriage
return, which they strip before looking) as a formula. rlwcheck's CSV and XLSX outputs copy text
from payroll files, so such a cell gets a leading apostrophe. ``reports`` does it for whole
columns at once; ``safe_cell`` does it for one value. Both read ``FORMULA_STARTS``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rlwcheck.errors import InputError, RlwcheckError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def kept_file_errors(
    path: Path, what: str = "", error: type[RlwcheckError] = InputError
) -> Iterator[None]:
    """Turn the operating system's refusal to open ``path`` into ``error``, naming ``what`` the file
    is (when given) and the fix."""
    name = f"{what} {path}" if what else str(path)
    try:
        yield
    except FileNotFoundError as exc:
        raise error(f"{name} does not exist: check the file name") from exc
    except IsADirectoryError as exc:
        raise error(f"{name} is a folder: give the file inside it") from exc
    except OSError as exc:
        raise error(f"{name} cannot be read ({exc.strerror})") from exc


def read_kept_file(path: Path, what: str, error: type[RlwcheckError] = InputError) -> bytes:
    """The bytes of a file a person keeps; ``error`` when it cannot be read."""
    with kept_file_errors(path, what, error):
        return path.read_bytes()


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), else Windows-1252, so a `£` or `'` from Excel survives."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula: prefix an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
