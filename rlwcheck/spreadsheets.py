"""Cells a spreadsheet would run as a formula, neutralised the same way in every export.

Excel, LibreOffice and Sheets treat a cell starting with ``= + - @`` (or a tab or carriage
return, which they strip before looking) as a formula. rlwcheck's CSV and XLSX outputs copy text
from payroll files, so such a cell gets a leading apostrophe. ``reports`` does it for whole
columns at once; ``safe_cell`` does it for one value. Both read ``FORMULA_STARTS``.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula: prefix an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
