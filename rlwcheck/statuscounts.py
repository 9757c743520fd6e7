"""Status counts per group of rows (file, employer, department), chunk by chunk, added up exactly.

A summary's counts must add up to the rows read, in total and per file, employer and department;
counting each chunk with one bincount and adding the chunks keeps that true at any size.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from rlwcheck.livingwage import STATUSES as RLW_STATUSES
from rlwcheck.statutory import STATUSES as NMW_STATUSES
from rlwcheck.vectors import Ints

# Status counts per group (a tuple of labels, None for a missing value): (statutory, RLW) counts.
Counts = dict[tuple[str | None, ...], tuple[Ints, Ints]]


def group_counts(frame: pd.DataFrame, keys: list[str], nmw: Ints, rlw: Ints) -> Counts:
    """Status counts for each combination of ``keys`` in one chunk (missing values as None).

    Keys are factorised and counted with bincount: a groupby per rule cost more than the rules.
    """
    combined = np.zeros(len(frame), dtype=np.int64)
    labels: list[list[str | None]] = []
    for column in keys:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
        labels.append([None, *(str(value) for value in uniques)])
        combined = combined * len(labels[-1]) + codes + 1
    statuses = len(NMW_STATUSES) * len(RLW_STATUSES)
    possible = int(np.prod([len(key_labels) for key_labels in labels]))
    if possible * statuses <= max(4 * len(frame), 1 << 16):  # few groups: count them directly
        group, combos = combined, np.arange(possible)
    else:
        group, combos = pd.factorize(combined)
    both = np.bincount(
        (group * len(NMW_STATUSES) + nmw) * len(RLW_STATUSES) + rlw,
        minlength=len(combos) * statuses,
    ).reshape(-1, len(NMW_STATUSES), len(RLW_STATUSES))
    nmw_counts, rlw_counts = both.sum(axis=2), both.sum(axis=1)
    counts: Counts = {}
    for index, combo in enumerate(combos):
        if not nmw_counts[index].any():
            continue  # a combination no row has
        remaining = int(combo)
        values: list[str | None] = []
        for key_labels in reversed(labels):
            remaining, code = divmod(remaining, len(key_labels))
            values.insert(0, key_labels[code])
        _add_counts(counts, tuple(values), nmw_counts[index], rlw_counts[index])
    return counts


def _add_counts(counts: Counts, key: tuple[str | None, ...], nmw: Ints, rlw: Ints) -> None:
    if key in counts:
        nmw, rlw = counts[key][0] + nmw, counts[key][1] + rlw
    counts[key] = (nmw, rlw)


def merged(parts: Sequence[Counts], width: int | None = None) -> Counts:
    """The chunks' counts added up, optionally grouped by the first ``width`` keys only."""
    total: Counts = {}
    for counts in parts:
        for key, (nmw, rlw) in counts.items():
            _add_counts(total, key[:width], nmw, rlw)
    return total


def entries(counts: Counts, keys: list[str]) -> list[dict[str, Any]]:
    entries = [
        {
            **dict(zip(keys, values, strict=True)),
            "rows": int(nmw.sum()),
            "nmw": {name: int(n) for name, n in zip(NMW_STATUSES, nmw, strict=True)},
            "rlw": {name: int(n) for name, n in zip(RLW_STATUSES, rlw, strict=True)},
        }
        for values, (nmw, rlw) in counts.items()
    ]
    return sorted(entries, key=lambda e: tuple((e[k] is None, e[k] or "") for k in keys))


def file_counts(entry: dict[str, Any] | None) -> dict[str, Any]:
    if entry is None:
        return {
            "rows": 0,
            "nmw": dict.fromkeys(NMW_STATUSES, 0),
            "rlw": dict.fromkeys(RLW_STATUSES, 0),
        }
    return {"rows": entry["rows"], "nmw": entry["nmw"], "rlw": entry["rlw"]}
