"""Excel error cells and formulas saved without a value are reported as what they are, not as
blank cells (which would read as "no pay" with an empty value)."""

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
