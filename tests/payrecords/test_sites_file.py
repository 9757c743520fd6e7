"""The sites file: entries that disagree are refused, names match as a person would write them,
and a file saved with semicolons is read."""

from pathlib import Path

import pytest

from rlwcheck.errors import InputError
from rlwcheck.sites import load_sites


def _sites(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_site_listed_twice_with_different_answers_is_refused(tmp_path: Path) -> None:
    # BR8 7RE is in Kent; the second line would silently have moved the depot into London.
    path = _sites(
        tmp_path, "site,postcode,london\nSwanley Depot,BR8 7RE,no\nswanley depot,BR8 7RE,yes\n"
    )
    with pytest.raises(InputError) as caught:
        load_sites(path)
    assert str(caught.value) == (
        f"sites file {path}: line 2 and line 3 give 'swanley depot' different postcodes or "
        "london answers; keep the right one"
    )


def test_a_postcode_both_in_london_and_not_is_refused(tmp_path: Path) -> None:
    path = _sites(tmp_path, "site,postcode,london\nA,BR8 7RE,no\nB,br8 7re,yes\n")
    with pytest.raises(InputError) as caught:
        load_sites(path)
    assert str(caught.value) == (
        f"sites file {path}: line 2 and line 3 put postcode BR87RE both in London and not; "
        "correct the wrong one"
    )


def test_a_site_listed_twice_alike_is_accepted(tmp_path: Path) -> None:
    path = _sites(tmp_path, "site,postcode,london\nDepot,BR8 7RE,no\nDEPOT,br8 7re,no\n")
    assert load_sites(path).sites["depot"].london is False


def test_a_toml_postcode_both_in_london_and_not_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(
        '[sites.A]\npostcode = "BR8 7RE"\nlondon = false\n[sites.B]\npostcode = "BR8 7RE"\nlondon = true\n'
    )
    with pytest.raises(InputError, match="site 'A' and site 'B' put postcode BR87RE"):
        load_sites(path)


def test_site_names_match_with_curly_or_missing_apostrophes_and_a_full_stop(
    write_file, read
) -> None:
    sites = write_file("site,postcode,london\nSt Example's Clinic,SE1 7EH,yes\n", name="sites.csv")
    pay = write_file(
        "ID,Rate,Work Site\n1,14.80,St Example\u2019s Clinic\n2,14.80,St Examples Clinic\n"
        "3,14.80,ST EXAMPLE'S CLINIC.\n"
    )
    records = read(pay, sites_file=sites)
    assert records.frame["london"].tolist() == [True, True, True]
    assert records.problems.empty


def test_a_semicolon_separated_sites_file_is_read(tmp_path: Path) -> None:
    path = _sites(tmp_path, "site;postcode;london\nSwanley Depot;BR8 7RE;no\n")
    site = load_sites(path).sites["swanley depot"]
    assert (site.postcode, site.london) == ("BR87RE", False)
