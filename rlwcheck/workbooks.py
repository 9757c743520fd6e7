"""Read a .xlsx pay file into the text table rlwcheck.payfiles gives for a CSV.

XLSX: read with calamine (cell by cell in Python: a sheet holds at most a million rows, and
the hot path the checker's speed target is about is CSV). The sheet is chosen by name or
1-based number (default the first visible one); row numbers are the sheet's own. Numeric
cells are binary floats in the file: each is turned into text through its shortest repr
rounded to 6 decimal places (12.6 stays 12.6, never 12.5999999), so money read from a workbook
is exact to the penny. Date cells become ISO dates. A merged range below the header gives its
value to every cell it covers, as Excel shows it; an error cell (#N/A) or a formula saved
without its value is given text saying so, where calamine reads a blank.
"""

import datetime as dt
import html
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import numpy as np
import pyarrow as pa

from rlwcheck.errors import InputError
from rlwcheck.payfiles import Layout, TextTable, best_header_row

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

_MICRO = Decimal("0.000001")


def xlsx_layout(path: Path, sheet: str | None, header_row: int | None) -> Layout:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        name = _sheet_name(path, workbook, sheet)
        worksheet = workbook.get_sheet_by_name(name)
        rows = worksheet.to_python(skip_empty_area=False)
        merged = worksheet.merged_cell_ranges or []
    except InputError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged workbooks
        raise InputError(
            f"{path} cannot be read as a .xlsx workbook ({exc}); open it in Excel and save again"
        ) from exc
    text_rows = [[_cell_text(cell) for cell in row] for row in rows]
    _show_unsaved_cells(path, name, text_rows)
    if not any(any(row) for row in text_rows):
        raise InputError(f"{path}: sheet {name!r} is empty; choose another with --sheet")
    chosen = header_row or best_header_row(text_rows)
    if chosen > len(text_rows):
        raise InputError(f"{path}: header row {chosen} is beyond the end of sheet {name!r}")
    _fill_merged_cells(text_rows, merged, below=chosen)
    return Layout(
        headers=[(cell or "").strip() for cell in text_rows[chosen - 1]],
        header_row=chosen,
        sheet=name,
        sheets=tuple(workbook.sheet_names),
        sheet_rows=text_rows,
    )


_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*? t="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>'
)
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*>(?:<f[^>]*/>|<f[^>]*>([^<]*)</f>)(?:<v\s*/>|<v></v>)?</c>'
)
# What such cells contain; a sheet saved by Excel has none, so finding them costs a few scans.
_UNSAVED_MARKS = (b' t="e"', b"<v/>", b"<v />", b"<v></v>", b"</f></c>", b"/></c>")


def _show_unsaved_cells(path: Path, sheet: str, rows: list[list[str | None]]) -> None:
    """Cells calamine reads as blank though the file holds more: an Excel error (#N/A) or a
    formula saved without its value (written by a program, never opened in Excel). They get
    text saying so, which the cell's parser reports, rather than looking like no pay."""
    xml = _sheet_xml(path, sheet)
    for start in sorted({xml.rfind(b"<c ", 0, at) for at in _marks(xml)} - {-1}):
        if error := _ERROR_CELL.match(xml, start):
            letters, number, text = error[1], error[2], error[3].decode(errors="replace")
        elif formula := _FORMULA_WITHOUT_VALUE.match(xml, start):
            saved_empty = b"<v" in formula[0]  # an empty value element: the result was saved
            if saved_empty and b' t="str"' in xml[start : xml.find(b">", start)]:
                continue  # a saved empty text result (=IF(A5="","",...)): the cell is blank
            letters, number = formula[1], formula[2]
            text = f"formula with no saved value: ={(formula[3] or b'').decode(errors='replace')}"
        else:
            continue
        row, column = int(number) - 1, _column_index(letters.decode())
        if row < len(rows):
            rows[row].extend([None] * (column + 1 - len(rows[row])))
            rows[row][column] = rows[row][column] or html.unescape(text)


def _marks(xml: bytes) -> Iterator[int]:
    for mark in _UNSAVED_MARKS:
        at = xml.find(mark)
        while at >= 0:
            yield at
            at = xml.find(mark, at + 1)


def _sheet_xml(path: Path, sheet: str) -> bytes:
    """The sheet's XML, or nothing when the workbook is laid out unusually (calamine read it)."""
    namespace = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    with zipfile.ZipFile(path) as archive:
        try:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            sheets = book.iterfind("m:sheets/m:sheet", namespace)
            link = next(e.get(f"{{{namespace['r']}}}id") for e in sheets if e.get("name") == sheet)
            target = next(e.get("Target", "") for e in links if e.get("Id") == link)
            return archive.read(target[1:] if target.startswith("/") else f"xl/{target}")
        except (KeyError, StopIteration, ElementTree.ParseError):
            return b""


def _column_index(letters: str) -> int:
    """0-based column of a cell reference's letters: A is 0, AA is 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _fill_merged_cells(
    rows: list[list[str | None]],
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    below: int,
) -> None:
    """Give every cell of a merged range in the data its value, as the spreadsheet shows it
    (a London "yes" merged down three workers is yes for all three; the file stores it once).
    Ranges in the header and title rows are left alone: filled across, a merged header would
    read as two columns of the same name."""
    for (top, left), (bottom, right) in merged:
        if top < below or top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for row in rows[top : bottom + 1]:
            row.extend([None] * (right + 1 - len(row)))
            row[left : right + 1] = [value] * (right + 1 - left)


def _sheet_name(path: Path, workbook: "CalamineWorkbook", wanted: str | None) -> str:
    """By name, else by 1-based number (a sheet named "2" is that sheet, not the second); by
    default the first sheet a person sees (not a hidden one)."""
    from python_calamine import SheetVisibleEnum

    names = workbook.sheet_names
    if wanted is None:
        visible = [
            s.name for s in workbook.sheets_metadata if s.visible == SheetVisibleEnum.Visible
        ]
        return (visible or names)[0]
    matches = [name for name in names if name.casefold() == wanted.strip().casefold()]
    if matches:
        return matches[0]
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    listed = ", ".join(f"{i}: {name!r}" for i, name in enumerate(names, start=1))
    raise InputError(f"{path} has no sheet {wanted!r}; sheets are {listed}")


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    """A worksheet number as exact text: shortest repr, rounded to 6 decimal places."""
    if not math.isfinite(value):
        return repr(value)
    try:
        exact = Decimal(repr(value)).quantize(_MICRO)
    except InvalidOperation:
        return repr(value)  # too large for money; the value parser reports it
    return format(exact.normalize(), "f")


def xlsx_table(layout: Layout) -> TextTable:
    rows = (layout.sheet_rows or [])[layout.header_row :]
    filled = [index for index, row in enumerate(rows) if any(row)]
    rows = rows[: filled[-1] + 1] if filled else []
    width = len(layout.headers)
    columns = [
        pa.chunked_array(
            [pa.array([row[i] if i < len(row) else None for row in rows], pa.string())]
        )
        for i in range(width)
    ]
    first = layout.header_row + 1
    return TextTable(layout, columns, np.arange(first, first + len(rows), dtype=np.int64))
