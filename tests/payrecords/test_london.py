"""London per row: a london column, else the work site, else the workplace postcode; never letters."""

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest

from rlwcheck.errors import InputError
from rlwcheck.sites import load_sites, site_key

SITES_CSV = (
    "site,postcode,london\nCity Clinic,SE1 7EH,yes\nSwanley Depot,BR8 7RE,no\nNew Ward,NS1 4AA,\n"
)


class FakeLookup:
    """A PostcodeLookup that knows two postcodes and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def london_by_postcode(self, postcodes: Sequence[str]) -> Mapping[str, bool]:
        self.asked.append(list(postcodes))
        return {code: code.startswith("E1") for code in postcodes if code in {"E17NJ", "NS14AA"}}


def test_column_then_site_then_postcode(write_file, read, triples) -> None:
    sites = write_file(SITES_CSV, name="sites.csv")
    pay = write_file(
        "ID,Rate,London,Work Site,Workplace Postcode\n"
        "1,13,no,City Clinic,SE1 7EH\n"  # the column wins over the site
        "2,13,,City Clinic,\n"  # the site says London
        "3,13,,,se1 7eh\n"  # the postcode is in the sites file (any case and spacing)
        "4,13,,,BR8 7RE\n"  # BR8 is in Kent: the sites file says no
        "5,13,,,BR1 1AA\n"  # unknown postcode: undetermined, never guessed from BR
        "6,13,,Nowhere House,\n"  # not in the sites file: a problem, undetermined
        "7,13,,,\n"
    )
    records = read(pay, sites_file=sites)
    london = [None if pd.isna(v) else v for v in records.frame["london"].tolist()]
    assert london == [False, True, True, False, None, None, None]
    sources = [None if pd.isna(v) else v for v in records.frame["london_source"].tolist()]
    assert sources == ["column", "site", "postcode", "postcode", None, None, None]
    assert triples(records) == [(7, "Work Site", "unknown-site")]


def test_a_postcode_with_a_non_breaking_space_matches_the_sites_file(write_file, read) -> None:
    sites = write_file(SITES_CSV, name="sites.csv")
    records = read(write_file("ID,Rate,Workplace Postcode\n1,13,SE1\u00a07EH\n"), sites_file=sites)
    assert records.frame["london"].tolist() == [True]


def test_an_unlisted_site_is_no_problem_where_the_london_column_decides(
    write_file, read, triples
) -> None:
    sites = write_file(SITES_CSV, name="sites.csv")
    pay = write_file("ID,Rate,London,Work Site\n1,13,yes,Nowhere House\n2,13,,Nowhere House\n")
    records = read(pay, sites_file=sites)
    assert triples(records) == [(3, "Work Site", "unknown-site")]  # row 2 is decided already


def test_without_a_sites_file_a_site_decides_nothing_and_is_no_problem(write_file, read) -> None:
    records = read(write_file("ID,Rate,Work Site\n1,13,City Clinic\n"))
    assert records.frame["london"].isna().all()
    assert records.problems.empty


def test_postcode_lookup_seam_is_asked_once_per_distinct_unresolved_postcode(
    write_file, read
) -> None:
    lookup = FakeLookup()
    pay = write_file("ID,Rate,Site Postcode\n1,13,E1 7NJ\n2,13,e17nj\n3,13,SE1 7EH\n4,13,ZZ9 9ZZ\n")
    sites = write_file(SITES_CSV, name="sites.csv")
    records = read(pay, sites_file=sites, postcode_lookup=lookup)
    # SE1 7EH is answered by the sites file, so only the other two distinct postcodes are asked.
    assert lookup.asked == [["E17NJ", "ZZ99ZZ"]]
    assert records.frame["london"].tolist()[:3] == [True, True, True]
    assert records.frame["london"].isna().tolist() == [False, False, False, True]


def test_a_site_with_a_postcode_but_no_answer_uses_the_lookup(write_file, read) -> None:
    lookup = FakeLookup()
    sites = write_file(SITES_CSV, name="sites.csv")
    records = read(
        write_file("ID,Rate,Site\n1,13,new ward\n"), sites_file=sites, postcode_lookup=lookup
    )
    assert lookup.asked == [["NS14AA"]]
    assert records.frame["london"].tolist() == [False]
    assert records.frame["london_source"].tolist() == ["site"]


def test_toml_sites_file(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(
        '[sites."City Clinic"]\npostcode = "se1 7eh"\nlondon = true\n\n[sites."Depot"]\nlondon = "no"\n'
    )
    table = load_sites(path)
    assert table.sites["city clinic"].postcode == "SE17EH"
    assert table.sites["city clinic"].london is True
    assert table.sites["depot"].london is False


def test_a_sites_csv_saved_by_excel_as_windows_1252_is_read(tmp_path: Path) -> None:
    # Excel's plain "CSV" writes the curly apostrophe as the single byte 0x92 (Windows-1252).
    path = tmp_path / "sites.csv"
    path.write_bytes(
        "site,postcode,london\nSt Example\u2019s Clinic,SE1 7EH,yes\n".encode("cp1252")
    )
    table = load_sites(path)
    assert table.sites[site_key("St Example's Clinic")].london is True


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "sites.csv",
            "name,other\nA,B\n",
            "needs a header row with site and postcode and/or london",
        ),
        (
            "sites.csv",
            "site,london\nA,perhaps\n",
            "line 2: london must be yes or no, not 'perhaps'",
        ),
        ("sites.csv", "site,london\n,yes\n", "line 2: the site name is blank"),
        ("sites.toml", "[sites]\nA = 3\n", "must be a table"),
        # these used to end in a traceback (exit 1), or to read as no sites at all
        ("sites.toml", "sites = 5\n", "sites must be a table of sites"),
        ("sites.toml", 'sites = ["A"]\n', "sites must be a table of sites"),
        ("sites.toml", '[site."Main"]\nlondon = true\n', "site is not \\[sites\\]"),
        ("sites.toml", "", "names no sites"),
        ("sites.toml", '[sites."Main"]\nlondn = true\n', "has londn"),
    ],
)
def test_bad_sites_files_are_clear_errors(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        load_sites(path)
