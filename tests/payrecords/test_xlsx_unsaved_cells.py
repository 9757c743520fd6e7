"""Excel error cells and formulas saved without a value are reported as what they are, not as
blank cells (which would read as "no pay" with an empty value)."""

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook


def test_error_cells_and_formulas_without_values_are_named(tmp_path: Path, read, triples) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Staff Number", "Hourly Rate", "Hours Per Week"])
    sheet.append(["X1", "=12.5+0.2", 30])  # openpyxl saves the formula with no cached value
    sheet.append(["X2", "#N/A", 30])  # an error cell
    sheet.append(["X3", 13.45, 30])
    path = tmp_path / "pay.xlsx"
    book.save(path)
    records = read(path)
    assert triples(records) == [
        (2, "Hourly Rate", "invalid-amount"),
        (3, "Hourly Rate", "invalid-amount"),
    ]
    assert records.problems["value"].tolist() == ["formula with no saved value: =12.5+0.2", "#N/A"]
    assert [str(v) for v in records.frame["hourly_rate"]][2] == "13.450000"


def test_a_formula_saved_as_empty_text_is_a_blank_cell(tmp_path: Path, read, triples) -> None:
    # Templates fill unused rows with =IF(A5="","",...): Excel saves the result "" as t="str"
    # with an empty value. Such rows are padding, not workers with a formula left unsaved.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Staff Number", "Hourly Rate", "Hours Per Week"])
    sheet.append(["X1", 13.45, 30])
    sheet.append(["", '=IF(A3="","",1)', ""])
    path = tmp_path / "pay.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    saved = re.sub(rb'<c r="B3"([^>]*)><f>', rb'<c r="B3"\1 t="str"><f>', sheet_xml)
    assert saved != sheet_xml
    write_sheet(path, parts, saved)
    records = read(path)
    assert triples(records) == []
    assert len(records.frame) == 1  # the padding row is a trailing blank row, not data


def test_a_text_formula_never_computed_is_still_named(tmp_path: Path, read, triples) -> None:
    # t="str" with no value element at all: the formula was never computed, not empty text
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Staff Number", "Hourly Rate", "Hours Per Week"])
    sheet.append(["X2", '=TEXT(12.5,"0.00")', 30])
    sheet.append(["X3", 13.45, 30])
    path = tmp_path / "pay.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    unsaved = re.sub(
        rb'<c r="B2"([^>]*)>(<f>[^<]*</f>)<v\s*/?>(</v>)?', rb'<c r="B2"\1 t="str">\2', sheet_xml
    )
    assert unsaved != sheet_xml
    write_sheet(path, parts, unsaved)
    assert triples(read(path)) == [(2, "Hourly Rate", "invalid-amount")]


def write_sheet(path: Path, parts: dict[str, bytes], sheet_xml: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**parts, "xl/worksheets/sheet1.xml": sheet_xml}.items():
            archive.writestr(name, data)
