"""What spreadsheets do to text files: the encodings they save in, and formula cells.

Excel's plain "CSV" is Windows-1252; its "CSV UTF-8" has a byte-order mark. ``decode_text`` reads
small user-kept files (partner lists, site tables) either way. Large pay files are read in
``payfiles``, which decides the same question from a sample without loading the whole file.


Excel, LibreOffice and Sheets treat a cell starting with ``= + - @`` (or a tab or carriage
return, which they strip before looking) as a formula. rlwcheck's CSV and XLSX outputs copy text
from payroll files, so such a cell gets a leading apostrophe. ``reports`` does it for whole
columns at once; ``safe_cell`` does it for one value. Both read ``FORMULA_STARTS``.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
