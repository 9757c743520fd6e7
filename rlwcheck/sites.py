"""Where the work is done: the user's site table and the postcode seam that decide London.

London is never guessed from postcode letters (BR8 7RE is in Kent; DOMAIN.md §10, pitfall 7).
Per row, in order: a ``london`` column; else the ``work_site`` looked up in the sites file;
else the ``workplace_postcode`` looked up in the sites file's postcodes and then in a
:class:`PostcodeLookup`. The default lookup resolves nothing; an online postcodes.io lookup
can be plugged in later without touching the reader. Anything unresolved stays undetermined.

A sites file is CSV (``site,postcode,london``) or TOML::

    [sites."Northshire General Hospital"]
    postcode = "NS1 4AA"
    london = false
"""

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rlwcheck.cells import NO_WORDS, YES_WORDS, CellIssue, Mask, on_every_row, present_text
from rlwcheck.columns import header_key
from rlwcheck.errors import InputError
from rlwcheck.spreadsheets import decode_text, read_kept_file
from rlwcheck.tomlfiles import read_toml

LONDON_SOURCES = ("column", "site", "postcode")
_DELIMITERS = (",", ";", "\t", "|")
_UNDECIDED = -1  # no source has answered yet: the next one may
_UNREADABLE = -2  # the london column says something unreadable: it wins, so nothing answers


class PostcodeLookup(Protocol):
    """Answers whether workplace postcodes are in London; leaves out those it cannot resolve."""

    def london_by_postcode(self, postcodes: Sequence[str]) -> Mapping[str, bool]:
        """Postcodes arrive normalised (``SE17EH``); the answer is keyed the same way."""
        ...


class NoPostcodeLookup:
    """The default: no postcode is resolved, so only the sites file can place a postcode."""

    def london_by_postcode(self, postcodes: Sequence[str]) -> Mapping[str, bool]:
        return {}


def normalise_postcode(text: str) -> str:
    return "".join(text.split()).upper()


_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`")


def site_key(text: str) -> str:
    """A site name as matched: any case and spacing, with or without apostrophes (Excel's
    curly one too) and a trailing full stop: "St Examples Clinic." is "St Example's Clinic"."""
    return " ".join(text.translate(_APOSTROPHES).split()).rstrip(".").rstrip().casefold()


@dataclass(frozen=True)
class Site:
    name: str
    postcode: str | None
    london: bool | None
    where: str = field(default="", compare=False)  # "line 3" or "site 'Depot'", for messages


@dataclass(frozen=True)
class SiteTable:
    sites: dict[str, Site]  # by site_key(name)

    def postcodes_in_london(self) -> dict[str, bool]:
        """Postcodes the table places, from sites that give both a postcode and London yes/no."""
        return {
            site.postcode: site.london
            for site in self.sites.values()
            if site.postcode and site.london is not None
        }


def load_sites(path: Path) -> SiteTable:
    """Read a CSV or TOML sites file; a malformed one stops the run (it is configuration)."""
    if path.suffix.lower() == ".toml":
        entries = _toml_sites(path, _sites_table(path, read_toml(path, "sites file")))
    else:
        raw = read_kept_file(path, "sites file")
        entries = _csv_sites(path, decode_text(raw))  # often saved from Excel
    _refuse_disagreements(path, entries)
    return SiteTable({site_key(site.name): site for site in entries})


def _sites_table(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The [sites] table of a TOML sites file: anything else in the file is a typo that would
    leave every site unknown, so it is refused."""
    example = '[sites."Main Site"] with postcode = "SE1 7EH" and/or london = true'
    stray = sorted(set(data) - {"sites"})
    if stray:
        raise InputError(f"sites file {path}: {', '.join(stray)} is not [sites]; write {example}")
    table = data.get("sites", {})
    if not isinstance(table, dict):
        raise InputError(f"sites file {path}: sites must be a table of sites; write {example}")
    return table


def _refuse_disagreements(path: Path, entries: Sequence[Site]) -> None:
    """A site listed twice with different answers, or a postcode both in London and not, is
    undecided (DOMAIN §5): refused, naming both entries, rather than the last one winning."""
    by_name: dict[str, Site] = {}
    by_postcode: dict[str, Site] = {}
    for site in entries:
        earlier = by_name.setdefault(site_key(site.name), site)
        if earlier != replace(site, name=earlier.name):
            raise InputError(
                f"sites file {path}: {earlier.where} and {site.where} give {site.name!r} "
                "different postcodes or london answers; keep the right one"
            )
        if site.postcode and site.london is not None:
            earlier = by_postcode.setdefault(site.postcode, site)
            if earlier.london != site.london:
                raise InputError(
                    f"sites file {path}: {earlier.where} and {site.where} put postcode "
                    f"{site.postcode} both in London and not; correct the wrong one"
                )


def _toml_sites(path: Path, table: dict[str, Any]) -> list[Site]:
    if not table:
        raise InputError(f'sites file {path} names no sites: add [sites."Name"] tables')
    sites = []
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise InputError(
                f'sites file {path}: [sites."{name}"] must be a table with postcode and/or london'
            )
        unknown = sorted(set(entry) - {"postcode", "london"})
        if unknown:  # a misspelt "londn" would leave the site's answer unknown without a word
            raise InputError(
                f'sites file {path}: [sites."{name}"] has {", ".join(unknown)}; '
                "a site takes postcode and london only"
            )
        london = entry.get("london")
        london_text = None if london is None else str(london).lower()
        sites.append(_site(path, name, entry.get("postcode"), london_text, f"site {name!r}"))
    return sites


def _csv_sites(path: Path, text: str) -> list[Site]:
    first_line = text.partition("\n")[0]
    delimiter = max(_DELIMITERS, key=first_line.count)  # Excel in Europe saves with ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [header_key(cell) for cell in next(reader, [])]
    wanted = {
        "site": ("site", "sitename", "worksite", "workplace", "location"),
        "postcode": ("postcode", "sitepostcode"),
        "london": ("london", "inlondon"),
    }
    position = {
        field: next((i for i, key in enumerate(header) if key in keys), None)
        for field, keys in wanted.items()
    }
    if position["site"] is None or (position["postcode"] is None and position["london"] is None):
        raise InputError(
            f"sites file {path} needs a header row with site and postcode and/or london columns"
        )

    def cell(row: list[str], field: str) -> str | None:
        index = position[field]
        return row[index] if index is not None and index < len(row) else None

    return [
        _site(
            path,
            cell(row, "site") or "",
            cell(row, "postcode"),
            cell(row, "london"),
            f"line {line}",
        )
        for line, row in enumerate(reader, start=2)
        if any(value.strip() for value in row)
    ]


def _site(path: Path, name: str, postcode: object, london: str | None, where: str) -> Site:
    if not name.strip():
        raise InputError(f"sites file {path}, {where}: the site name is blank")
    answer = (london or "").strip().lower()
    if answer and answer not in YES_WORDS + NO_WORDS:
        raise InputError(f"sites file {path}, {where}: london must be yes or no, not {london!r}")
    code = normalise_postcode(str(postcode)) if postcode else None
    return Site(
        name=name.strip(),
        postcode=code or None,
        london=(answer in YES_WORDS) if answer else None,
        where=where,
    )


@dataclass(frozen=True)
class LondonAnswer:
    values: Mask
    unknown: Mask
    source: pa.ChunkedArray  # large_string: "column" | "site" | "postcode" | null
    issues: list[CellIssue]


def resolve_london(
    column: pd.arrays.BooleanArray | None,
    work_site: pa.ChunkedArray | None,
    postcode: pa.ChunkedArray | None,
    size: int,
    sites: SiteTable | None,
    lookup: PostcodeLookup,
    column_unreadable: Mask | None = None,
) -> LondonAnswer:
    """London yes/no per row, and where the answer came from, without looping over rows.

    A london column cell that says something but not yes or no (``column_unreadable``) leaves
    the row undetermined: the column is the declaration that wins, so the site or postcode
    must not silently answer in its place (DOMAIN §5: undecided rows are reported)."""
    values = np.zeros(size, dtype=bool)
    source = np.full(size, _UNDECIDED, dtype=np.int8)
    known_postcodes = _PostcodeBook(sites, lookup)
    issues: list[CellIssue] = []
    if column is not None:
        _fill(values, source, column.to_numpy(dtype=bool, na_value=False), ~column.isna(), 0)
    if column_unreadable is not None:
        source[column_unreadable] = _UNREADABLE
    if work_site is not None:
        site_values, site_known, unknown_sites = _by_site(work_site, sites, known_postcodes)
        # only where the site decides
        unknown_sites = unknown_sites[source[unknown_sites] == _UNDECIDED]
        _fill(values, source, site_values, site_known, 1)
        if unknown_sites.size:
            message = (
                "this site is not in the sites file: add it with its postcode and london yes/no"
            )
            issues.append(CellIssue("unknown-site", unknown_sites, message))
    if postcode is not None:
        codes, uniques = _encoded(present_text(postcode))
        # Normalised as the sites file's postcodes are (a non-breaking space included).
        answers = known_postcodes.resolve([normalise_postcode(u) if u else None for u in uniques])
        _fill(values, source, *_lookup(codes, answers), 2)
    return LondonAnswer(
        values=values, unknown=source < 0, source=_source_labels(source), issues=issues
    )


def _source_labels(source: npt.NDArray[np.int8]) -> pa.ChunkedArray:
    """Where each row's answer came from, as text; one shared block when every row agrees
    (the usual file: a London column on every row, or nothing that places anyone)."""
    labels = pa.array([*LONDON_SOURCES, None], pa.large_string())
    if source.size and source.min() == source.max():
        return on_every_row(labels[max(int(source[0]), -1)], source.size)
    return pa.chunked_array([labels.take(pa.array(source, mask=source < 0))])


def _fill(
    values: Mask, source: npt.NDArray[np.int8], answer: Mask, known: Mask, label: int
) -> None:
    """Fill rows still undetermined from a lower-priority source."""
    take = known & (source == _UNDECIDED)
    np.copyto(values, answer, where=take)
    np.copyto(source, label, where=take)


class _PostcodeBook:
    """Postcodes placed by the sites file, then by the lookup; each postcode asked once."""

    def __init__(self, sites: SiteTable | None, lookup: PostcodeLookup) -> None:
        self._known: dict[str, bool] = sites.postcodes_in_london() if sites else {}
        self._lookup = lookup
        self._asked: set[str] = set()

    def resolve(self, postcodes: Sequence[str | None]) -> list[bool | None]:
        fresh = sorted(
            {p for p in postcodes if p and p not in self._known and p not in self._asked}
        )
        if fresh:
            self._asked.update(fresh)
            self._known.update(self._lookup.london_by_postcode(fresh))
        return [self._known.get(p) if p else None for p in postcodes]


def _encoded(text: pa.ChunkedArray) -> tuple[npt.NDArray[np.int64], list[str | None]]:
    """Row codes into a list of distinct values (-1 for missing), so work is per distinct value."""
    encoded = pc.dictionary_encode(text).combine_chunks()
    codes = np.asarray(
        pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    return codes, encoded.dictionary.to_pylist()


def _lookup(codes: npt.NDArray[np.int64], answers: Sequence[bool | None]) -> tuple[Mask, Mask]:
    """Per-row value and known-mask from per-distinct-value answers."""
    value_table = np.array([bool(a) for a in answers] + [False], dtype=bool)
    known_table = np.array([a is not None for a in answers] + [False], dtype=bool)
    return value_table[codes], known_table[codes]


def _by_site(
    work_site: pa.ChunkedArray, sites: SiteTable | None, postcodes: _PostcodeBook
) -> tuple[Mask, Mask, npt.NDArray[np.int64]]:
    codes, names = _encoded(present_text(work_site))
    if sites is None:
        # Without a sites file a site name cannot place anyone; that is not a data error.
        no_answer = np.zeros(len(codes), dtype=bool)
        return no_answer, no_answer, np.zeros(0, dtype=np.int64)
    entries = [sites.sites.get(site_key(name)) if name else None for name in names]
    via_postcode = postcodes.resolve(
        [e.postcode if e and e.london is None else None for e in entries]
    )
    answers = [
        e.london if e and e.london is not None else pc_answer
        for e, pc_answer in zip(entries, via_postcode, strict=True)
    ]
    missing = np.array(
        [name is not None and entry is None for name, entry in zip(names, entries, strict=True)]
        + [False]
    )
    values, known = _lookup(codes, answers)
    return values, known, np.flatnonzero(missing[codes])
