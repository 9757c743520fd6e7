"""Merged cells in a workbook: the value shows in every cell of the range, so it is read so."""

from pathlib import Path

from openpyxl import Workbook


def _merged_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Supplier return, April"])  # a title merged across, above the header
    sheet.merge_cells("A1:E1")
    sheet.append(["Staff Number", "Full Name", "Work Site", "London", "Hourly Rate"])
    sheet.append(["M1", "Ann", "Swanley Depot", "yes", 14.00])
    sheet.append(["M2", "Bo", None, None, 14.00])
    sheet.append(["M3", "Cy", None, None, 14.00])
    sheet.append(["M4", "Di", "Swanley Depot", "no", 14.00])
    sheet.merge_cells("D3:D5")  # London = yes for three workers, stored once
    sheet.merge_cells("C3:C5")
    book.save(path)
    return path


def test_a_value_merged_down_applies_to_every_row_it_covers(tmp_path: Path, read) -> None:
    # Before, M2 and M3 read a blank London cell and fell back to the sites file (not London),
    # so £14.00 passed at the UK rate instead of failing at London's £14.80.
    sites = tmp_path / "sites.csv"
    sites.write_text("site,postcode,london\nSwanley Depot,BR8 7RE,no\n")
    records = read(_merged_workbook(tmp_path / "pay.xlsx"), sites_file=sites)
    frame = records.frame
    assert frame["row"].tolist() == [3, 4, 5, 6]
    assert frame["work_site"].tolist() == ["Swanley Depot"] * 4
    assert frame["london"].tolist() == [True, True, True, False]
    assert frame["london_source"].tolist() == ["column"] * 4
    assert records.files[0].mapping.header_row == 2
