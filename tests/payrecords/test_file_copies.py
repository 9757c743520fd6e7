"""The same file under two names is refused: its rows would be counted twice."""

import hashlib
from pathlib import Path

import pytest

from rlwcheck.errors import InputError
from rlwcheck.payrecords import read_pay_files

PAY = "Payroll Code,Full Name,Hourly Rate\n1,Ada Example,12.60\n2,Ben Example,12.71\n"


def test_a_byte_identical_copy_is_refused_naming_both_files(write_file) -> None:
    original = write_file(PAY, name="s1.csv")
    other = write_file("Payroll Code,Hourly Rate\n9,13.00\n", name="other.csv")
    copy = write_file(PAY, name="copy.csv")
    digest = hashlib.sha256(PAY.encode()).hexdigest()
    with pytest.raises(InputError) as caught:
        read_pay_files([original, other, copy])
    assert str(caught.value) == (
        f"{copy} is a copy of {original} (the same SHA-256, {digest[:12]}…): name each file once"
    )


def test_files_that_differ_by_one_byte_are_both_read(write_file) -> None:
    first = write_file(PAY, name="a.csv")
    second = write_file(PAY.replace("12.71", "12.72"), name="b.csv")
    records = read_pay_files([first, second])
    assert [(Path(f.path).name, f.rows_read) for f in records.files] == [("a.csv", 2), ("b.csv", 2)]
