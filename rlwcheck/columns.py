"""Which column of a payroll export holds which canonical field.

Payroll products name the same thing differently (DOMAIN.md §7): Sage 50 says ``Employee
Reference``, BrightPay ``Works Number``, IRIS ``Payroll Code``, NHS ESR ``EMPLOYEE_NUMBER``, ADP
``File #``. Headers are compared after folding case and dropping punctuation and spaces, so
``Date of Birth``, ``DATE_OF_BIRTH`` and ``date-of-birth`` are one key. A TOML mapping file
overrides the synonyms when a product uses a name we do not know.

A home address ``Post Code`` is deliberately never taken as the workplace postcode: London
is decided by where the work is done (DOMAIN.md §10, pitfall 7).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rlwcheck.errors import InputError
from rlwcheck.tomlfiles import read_toml

TEXT_FIELDS = (
    "worker_id",
    "name",
    "employer",
    "department",
    "job_title",
    "grade",
    "work_site",
    "workplace_postcode",
)
DATE_FIELDS = ("date_of_birth", "apprenticeship_start", "period_start", "period_end")
COUNT_FIELDS = ("age", "accommodation_days")
BOOLEAN_FIELDS = ("apprentice", "london")
AMOUNT_FIELDS = (
    "hourly_rate",
    "annual_salary",
    "annual_salary_fte",
    "fte",
    "weekly_hours",
    "period_pay",
    "period_gross_pay",
    "period_hours",
    "overtime_hours",
    "overtime_premium",
    "nmw_deductions",
    "accommodation_charge",
    "guaranteed_allowances",
)
# Only used to build ``name`` when a product splits it (BrightPay's ``Name`` is the forename).
NAME_PART_FIELDS = ("first_name", "surname")
CANONICAL_FIELDS = TEXT_FIELDS + DATE_FIELDS + COUNT_FIELDS + BOOLEAN_FIELDS + AMOUNT_FIELDS
MAPPABLE_FIELDS = CANONICAL_FIELDS + NAME_PART_FIELDS

# What a plain annual_salary column holds when the file also gives each row's FTE (a setting;
# None when not said): the salary actually paid, or the full-time value to multiply by the FTE.
ACTUAL, FULL_TIME = "actual", "full-time"
SALARY_BASES = (ACTUAL, FULL_TIME)

# The pay shapes, most specific first: a file with period pay and hours is checked per period
# even when it also carries an hourly rate.
PAY_SHAPES: dict[str, tuple[str, ...]] = {
    "period": ("period_pay", "period_hours"),
    "period_gross": ("period_gross_pay", "period_hours"),
    "hourly": ("hourly_rate",),
    "salary": ("annual_salary", "weekly_hours"),
    "salary_fte": ("annual_salary_fte", "fte", "weekly_hours"),
}

# fmt: off
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "worker_id": (
        "worker id", "worker ref", "worker reference", "employee id", "employee ref",
        "employee reference", "employee no", "employee number", "employee code", "works number",
        "works no", "payroll code", "payroll id", "payroll no", "payroll number", "staff id",
        "staff no", "staff number", "person number", "assignment number", "file number",
        "associate id", "pseudonymous worker ref", "id",
    ),
    "name": ("name", "full name", "employee name", "worker name", "staff name", "full names"),
    "first_name": ("first name", "forename", "forenames", "given name", "first names"),
    "surname": ("surname", "last name", "family name"),
    "employer": (
        "employer", "employer name", "company", "company name", "organisation name",
        "legal entity", "paying entity", "supplier", "contractor", "agency", "agency name",
        "supplier name", "contractor name",
    ),
    "department": (
        "department", "department name", "dept", "cost centre", "cost centre code",
        "cost center", "cost centre name", "home department", "directorate", "ward", "team",
        "organisation", "division",
    ),
    "job_title": (
        "job title", "job", "role", "position", "position title", "occupation", "post title",
        "job role", "position name",
    ),
    "grade": ("grade", "band", "pay band", "pay grade", "afc band", "pay scale", "grade code"),
    "date_of_birth": ("date of birth", "dob", "birth date", "birthdate", "d o b"),
    "age": ("age", "age years", "age at period start"),
    "apprentice": (
        "apprentice", "is apprentice", "apprentice yn", "apprenticeship", "apprentice flag",
    ),
    "apprenticeship_start": (
        "apprenticeship start", "apprenticeship start date", "apprentice start",
        "apprentice start date",
    ),
    "london": (
        "london", "in london", "london yn", "london based", "works in london", "in london yn",
        "london y n", "is london", "london site",
    ),
    "work_site": (
        "work site", "worksite", "site", "site name", "workplace", "work location",
        "location", "place of work", "base", "base site", "work place",
    ),
    "workplace_postcode": (
        "workplace postcode", "workplace post code", "site postcode", "site post code",
        "work postcode", "work post code", "place of work postcode", "location postcode",
        "work location postcode",
    ),
    "hourly_rate": (
        "hourly rate", "hourly pay rate", "rate per hour", "rate per unit", "basic rate",
        "basic hourly rate", "pay rate", "hourly pay", "rate", "basic pay rate", "reg rate",
        "regular rate", "rate hourly",
    ),
    "annual_salary": (
        "annual salary", "salary", "basic salary", "annual basic salary", "salary per annum",
        "gross salary", "annual pay", "basic annual salary",
    ),
    # The full-time (grade) value of a post: the salary actually paid is this x fte.
    "annual_salary_fte": (
        "annual salary fte", "fte salary", "fte annual salary", "salary fte",
        "full time salary", "full time annual salary", "full time equivalent salary",
        "whole time salary", "whole time equivalent salary", "wte salary", "annual salary wte",
    ),
    "fte": (
        "fte", "contracted fte", "assignment fte", "fte fraction", "fte ratio", "wte",
        "contracted wte", "full time equivalent", "whole time equivalent",
    ),
    "weekly_hours": (
        "weekly hours", "hours per week", "contracted hours", "contracted weekly hours",
        "contracted hours per week", "standard hours", "weekly contracted hours",
        "hrs per week", "normal weekly hours",
    ),
    "period_start": (
        "period start", "period start date", "pay period start", "prp start", "period from",
        "pay period from", "from date", "start of period",
    ),
    "period_end": (
        "period end", "period end date", "pay period end", "prp end", "period to",
        "pay period to", "to date", "end of period",
    ),
    # Basic pay for the period's hours: allowances, overtime and premiums are not in it.
    "period_pay": (
        "period pay", "basic pay", "pay for period", "basic pay for period", "period basic pay",
    ),
    # Everything paid for the period: the allowances and premiums the file lists are inside it.
    "period_gross_pay": (
        "gross pay", "total gross", "gross pay for period", "gross pay this period",
        "period gross", "total gross pay", "gross earnings", "total pay", "gross",
    ),
    "period_hours": (
        "period hours", "hours worked", "hours", "total hours", "reg hours", "regular hours",
        "hours in period", "paid hours", "hours this period",
        "basic hours",
    ),
    # Hours beyond period_hours: still hours worked, which every floor covers (DOMAIN.md §3-4).
    "overtime_hours": (
        "overtime hours", "ot hours", "overtime hrs", "ot hrs", "overtime hours worked",
    ),
    # The part of gross pay above the basic rate for overtime or shifts: counts for neither floor.
    "overtime_premium": (
        "overtime premium", "ot premium", "overtime premium pay", "premium pay", "shift premium",
        "overtime and shift premium",
    ),
    # Salary sacrifice always reduces minimum wage pay (DOMAIN.md §3), whatever it funds.
    "nmw_deductions": (
        "nmw deductions", "nmw deduction", "nmw reducing deductions", "salary sacrifice",
        "deductions reducing nmw pay", "sal sac", "sal sac pension", "pension sal sac",
        "pension salary sacrifice", "salary sacrifice pension", "pension sal sac deduction",
        "salary exchange", "pension salary exchange",
    ),
    "accommodation_days": (
        "accommodation days", "accom days", "days of accommodation", "days accommodation",
    ),
    "accommodation_charge": (
        "accommodation charge", "accom charge", "accommodation deduction", "rent charge",
    ),
    "guaranteed_allowances": (
        "guaranteed allowances", "guaranteed allowance", "london weighting",
        "high cost area supplement", "hcas",
    ),
}
# fmt: on

# Headers we recognise and leave alone on purpose, with the reason shown by `rlwcheck columns`.
_DELIBERATE_IGNORES: dict[str, str] = {
    "postcode": "a home address postcode; London is decided by the workplace",
    "post code": "a home address postcode; London is decided by the workplace",
    "home postcode": "a home address postcode; London is decided by the workplace",
    "address postcode": "a home address postcode; London is decided by the workplace",
    "contracted hours worked": "BrightPay's hours for the pay period, without its dates: map it as "
    "weekly_hours in a mapping file if it holds hours a week (to cost the coming rise)",
    "salary per period": "a salary instalment (the annual salary spread over pay days): a "
    "check uses the annual salary, or pay periods with their dates and hours",
}


def header_key(header: str) -> str:
    """Fold a header for comparison: case, punctuation, spaces and a BOM do not matter."""
    text = header.replace("\ufeff", "").replace("#", " number ").casefold()
    return re.sub(r"[^0-9a-z]+", "", text)


_FIELD_BY_KEY: dict[str, str] = {
    header_key(synonym): field for field, synonyms in _SYNONYMS.items() for synonym in synonyms
}
_IGNORE_BY_KEY: dict[str, str] = {header_key(h): why for h, why in _DELIBERATE_IGNORES.items()}


def synonym_field(header: str) -> str | None:
    """The canonical field a header names by convention, if any."""
    return _FIELD_BY_KEY.get(header_key(header))


def ignore_reason(header: str) -> str | None:
    """Why a recognised header is deliberately not used (home postcode, overtime), if it is."""
    return _IGNORE_BY_KEY.get(header_key(header))


def header_score(cells: Sequence[str]) -> int:
    """How much a row looks like a header: the number of cells that name a known field."""
    return sum(1 for cell in cells if synonym_field(cell) or ignore_reason(cell))


@dataclass(frozen=True)
class MappingFile:
    """A user's TOML override: ``[columns] worker_id = "Payroll Code"`` and ``header_row = 3``."""

    columns: dict[str, str]
    header_row: int | None = None


def load_mapping_file(path: Path) -> MappingFile:
    data = read_toml(path, "mapping file")
    stray = sorted(set(data) - {"columns", "header_row"})
    if stray:
        raise InputError(
            f"mapping file {path}: {', '.join(stray)} must be under [columns] (or be header_row): "
            f'write [columns] on the line before, e.g. [columns] then worker_id = "Payroll Code"'
        )
    columns = data.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise InputError(
            f'mapping file {path}: [columns] must map fields to header text, e.g. worker_id = "Payroll Code"'
        )
    unknown = sorted(set(columns) - set(MAPPABLE_FIELDS))
    if unknown:
        raise InputError(
            f"mapping file {path}: unknown field(s) {', '.join(unknown)}; "
            f"fields are: {', '.join(MAPPABLE_FIELDS)}"
        )
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise InputError(f"mapping file {path}: header_row must be a row number (1 or more)")
    return MappingFile(columns=dict(columns), header_row=header_row)


@dataclass(frozen=True)
class ColumnMatch:
    """Headers matched to fields, before the checks for required columns."""

    positions: dict[str, int]  # field -> index of its column
    headers: list[str]  # original header text, BOM removed
    ignored: list[str]

    @property
    def fields(self) -> dict[str, str]:
        return {field: self.headers[i] for field, i in self.positions.items()}

    @property
    def pay_shape(self) -> str | None:
        for shape, needed in PAY_SHAPES.items():
            if all(field in self.positions for field in needed):
                return shape
        return None

    def sources_of(self, name: str) -> list[str]:
        """The fields a text column is built from: itself, or for ``name`` the parts a product
        splits it into (BrightPay's ``Name`` is the forename, followed by ``Surname``)."""
        if name != "name" or "surname" not in self.positions:
            wanted = [name] if name in self.positions or name != "name" else ["first_name"]
        else:
            wanted = ["name" if "name" in self.positions else "first_name", "surname"]
        return [part for part in wanted if part in self.positions]

    def missing_required(self) -> list[str]:
        """Human-readable list of what stops a check: worker_id and a complete pay shape."""
        missing = [] if "worker_id" in self.positions else ["worker_id"]
        if self.pay_shape is None:
            missing.append(
                "pay: hourly_rate, or annual_salary + weekly_hours, or annual_salary_fte + fte + "
                "weekly_hours, or period_pay (or period_gross_pay) + period_hours"
            )
        return missing


def match_columns(source: str, headers: Sequence[str], mapping: MappingFile | None) -> ColumnMatch:
    """Assign each header to at most one field; two columns for one field is an error."""
    clean = [h.replace("\ufeff", "").strip() for h in headers]
    overrides = _override_positions(source, clean, mapping)
    overridden_columns = set(overrides.values())
    positions: dict[str, int] = dict(overrides)
    for index, header in enumerate(clean):
        field = synonym_field(header)
        if field is None or field in overrides or index in overridden_columns:
            continue
        if field in positions:
            _refuse_two_columns(source, clean, positions[field], index, field)
        positions[field] = index
    used = set(positions.values())
    ignored = [h for i, h in enumerate(clean) if i not in used and h]
    return ColumnMatch(positions=positions, headers=clean, ignored=ignored)


def _override_positions(
    source: str, headers: list[str], mapping: MappingFile | None
) -> dict[str, int]:
    if mapping is None:
        return {}
    positions = {}
    for field, wanted in mapping.columns.items():
        found = [i for i, header in enumerate(headers) if header_key(header) == header_key(wanted)]
        if not found:
            raise InputError(
                f"{source}: the mapping file names column {wanted!r} for {field}, but there is no "
                f"such header; headers are: {', '.join(repr(h) for h in headers if h)}"
            )
        if len(found) > 1:
            _refuse_two_columns(source, headers, found[0], found[1], field)
        positions[field] = found[0]
    return positions


def _refuse_two_columns(
    source: str, headers: list[str], first: int, second: int, field: str
) -> None:
    if header_key(headers[first]) == header_key(headers[second]):
        raise InputError(
            f"{source}: duplicate headers {headers[first]!r} (column {first + 1}) and "
            f"{headers[second]!r} (column {second + 1}); rename one so each column is unique"
        )
    raise InputError(
        f"{source}: columns {headers[first]!r} and {headers[second]!r} both give {field}; "
        f"remove one, or choose one in a mapping file ([columns] {field} = {headers[first]!r})"
    )
