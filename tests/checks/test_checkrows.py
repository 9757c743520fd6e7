"""The rule tests' frames have the shape and types the reader really returns."""

from pathlib import Path

from checkrows import contract_frame

from rlwcheck.payrecords import read_pay_files


def test_contract_frames_match_a_frame_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "pay.csv"
    path.write_text("Employee ID,Hourly Rate\n001,12.71\n", encoding="utf-8")
    read = read_pay_files([path]).frame
    built = contract_frame([{"worker_id": "001", "hourly_rate": "12.71"}])
    assert list(built.columns) == list(read.columns)
    assert dict(built.dtypes) == dict(read.dtypes)
