"""Real .xlsx workbooks for the reader tests, written with openpyxl as Excel would save them."""

from pathlib import Path

from openpyxl import Workbook


def workbook(path: Path, sheets: dict[str, list[list[object]]], hidden: str = "") -> Path:
    """A workbook with these sheets and rows, in order; the sheet named ``hidden`` is hidden."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name == hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path
