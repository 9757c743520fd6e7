"""A london column the row cannot be read from leaves the zone undetermined, never the site's."""

import pandas as pd

SITES_CSV = "site,postcode,london\nSwanley Depot,BR8 7RE,no\nCity Clinic,SE1 7EH,yes\n"


def test_an_unreadable_london_cell_is_not_replaced_by_the_site_or_postcode(
    write_file, read, triples
) -> None:
    # Row 2's supplier declared "London" for a site the sites file puts in Kent: checking it at
    # the UK rate would pass £14.00 against £13.45 instead of failing it against £14.80.
    sites = write_file(SITES_CSV, name="sites.csv")
    pay = write_file(
        "ID,Rate,London,Work Site,Workplace Postcode\n"
        "1,14.00,London,Swanley Depot,\n"
        "2,14.00,maybe,,BR8 7RE\n"
        "3,14.00,,Swanley Depot,\n"  # blank: the site decides
        "4,14.00,yes,Swanley Depot,\n"
    )
    records = read(pay, sites_file=sites)
    london = [None if pd.isna(v) else v for v in records.frame["london"].tolist()]
    assert london == [None, None, False, True]
    sources = [None if pd.isna(v) else v for v in records.frame["london_source"].tolist()]
    assert sources == [None, None, "site", "column"]
    assert triples(records) == [(2, "London", "invalid-boolean"), (3, "London", "invalid-boolean")]


def test_a_file_whose_every_london_cell_is_unreadable(write_file, read) -> None:
    sites = write_file(SITES_CSV, name="sites.csv")
    records = read(
        write_file("ID,Rate,London,Work Site\n1,14,Y E S,City Clinic\n"), sites_file=sites
    )
    assert records.frame["london"].isna().tolist() == [True]
    assert records.frame["london_source"].isna().tolist() == [True]
