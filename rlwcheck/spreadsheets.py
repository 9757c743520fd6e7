"""What spreadsheets do to text files: the encodings they save in, and formula cells.

Excel's plain "CSV" is Windows-1252; its "CSV UTF-8" has a byte-order mark. ``read_kept_file`` and
``decode_text`` read small user-kept files (settings, partner lists, site tables) either way. Large pay files are read in
``payfiles``, which decides the same question from a sample without loading the whole file.


Excel, LibreOffice and Sheets treat a cell starting with ``= + - @`` (or a tab or carriage
return, which they strip before looking) as a formula. rlwcheck's CSV and XLSX outputs copy text
from payroll files, so such a cell gets a leading apostrophe. ``reports`` does it for whole
columns at once; ``safe_cell`` does it for one value. Both read ``FORMULA_STARTS``.
"""

from pathlib import Path
from typing import Any

from rlwcheck.errors import InputError, RlwcheckError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_kept_file(path: Path, what: str, error: type[RlwcheckError] = InputError) -> bytes:
    """The bytes of a file a person keeps; ``error``, naming ``what`` the file is and the fix,
    when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise error(f"{what} {path} does not exist: check the file name") from exc
    except OSError as exc:
        raise error(f"{what} {path} cannot be read ({exc.strerror})") from exc


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
