"""How a pay file's columns are understood, from its header alone: what `rlwcheck columns` shows.

Apart from the reader (``payrecords``) so that showing a file's columns reads no data and
imports no pandas: the command answers in a tenth of a second.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rlwcheck import columns
from rlwcheck.payfiles import Layout, read_layout


@dataclass(frozen=True)
class ColumnReport:
    """How a file's columns were understood, even when required ones are missing."""

    path: Path
    layout: Layout = field(repr=False)
    match: columns.ColumnMatch

    @property
    def missing_required(self) -> list[str]:
        return self.match.missing_required()

    @property
    def missing_optional(self) -> list[str]:
        found = set(self.match.positions)
        if self.match.sources_of("name"):
            found.add("name")  # perhaps built from forename and surname
        return [
            name for name in columns.CANONICAL_FIELDS if name not in found and name != "worker_id"
        ]

    @property
    def notes(self) -> list[str]:
        """What a check of this file will need told, though the columns are complete."""
        found = self.match.positions
        if "annual_salary" in found and "fte" in found and "annual_salary_fte" not in found:
            return [
                "the salary sits beside an FTE column: rows with an FTE other than 1 are checked "
                "only with --salary-basis full-time (a full-time grade value) or actual (what the "
                "worker is paid); neither is guessed"
            ]
        return []

    @property
    def missing_message(self) -> str:
        """What is missing, where it was looked for, and the likeliest fix: another sheet, a header
        further down, or a mapping for the field that is missing."""
        layout, match = self.layout, self.match
        headers = ", ".join(repr(h) for h in match.headers if h) or "none"
        read_in = f"sheet {layout.sheet!r}, " if layout.sheet is not None else ""
        message = (
            f"{self.path}: no column for {' and no '.join(self.missing_required)} "
            f"({read_in}header row {layout.header_row}: {headers}); "
        )
        other_sheets = [repr(name) for name in layout.sheets if name != layout.sheet]
        if other_sheets:
            message += (
                f"the workbook also has sheet {', '.join(other_sheets)}: choose it with --sheet; "
            )
        elif not match.positions:
            message += "if the header is below row 30, give header_row = N in a mapping file; "
        missing_id = "worker_id" in self.missing_required
        example = 'worker_id = "Staff No"' if missing_id else 'hourly_rate = "Rate Paid"'
        return (
            message + f"name the columns in a mapping file, e.g. [columns] {example}, "
            f"and see `rlwcheck columns {self.path}`"
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data: what ``rlwcheck columns --format json`` prints."""
        field_of = {position: name for name, position in self.match.positions.items()}
        layout = self.layout
        return {
            "file": str(self.path),
            "format": "xlsx" if layout.sheet is not None else "csv",
            "encoding": layout.encoding,
            "delimiter": layout.delimiter,
            "sheet": layout.sheet,
            "header_row": layout.header_row,
            "columns": [
                {
                    "header": header,
                    "field": field_of.get(position),
                    "note": None if position in field_of else columns.ignore_reason(header),
                }
                for position, header in enumerate(self.match.headers)
                if header or position in field_of
            ],
            "pay_shape": self.match.pay_shape,
            "missing_required": self.missing_required,
            "missing_optional": self.missing_optional,
            "notes": self.notes,
        }


def inspect_columns(
    path: Path, sheet: str | None = None, mapping_file: Path | None = None
) -> ColumnReport:
    """Read only the header and report the column matching; never raises for missing fields."""
    mapping = columns.load_mapping_file(mapping_file) if mapping_file else None
    return inspect_with_mapping(path, sheet, mapping)


def inspect_with_mapping(
    path: Path, sheet: str | None, mapping: columns.MappingFile | None
) -> ColumnReport:
    """As ``inspect_columns``, with the mapping file already loaded (once for many files)."""
    layout = read_layout(path, sheet, mapping.header_row if mapping else None)
    match = columns.match_columns(str(path), layout.headers, mapping)
    return ColumnReport(path=path, layout=layout, match=match)
