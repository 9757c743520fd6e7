"""Write a synthetic payroll CSV of N rows (about 50 bytes a row), quickly and reproducibly.

    python benchmarks/make_payroll.py 1000000 /tmp/payroll.csv [--seed 1]

Headers are Sage/IRIS-style names that rlwcheck matches by synonym. The mix is realistic:
about 70% hourly-paid rows (hourly_rate) and 30% salaried rows (annual_salary + weekly_hours),
ages 16 to 75, 3% apprentices, 15% London, and some rates below the statutory minimum and the
Real Living Wage. Built column-wise with numpy and pyarrow: no per-row Python. With --pounds,
amounts are written as spreadsheets export them (``£14.11``, ``£24,465``), which the reader
parses as text rather than letting the CSV reader type them.
"""

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

HEADERS = [
    "Employee Reference",
    "Date of Birth",
    "Department",
    "Apprentice",
    "London",
    "Hourly Rate",
    "Annual Salary",
    "Weekly Hours",
]
DEPARTMENTS = ["Ward 7", "Estates", "Catering", "Portering", "Pharmacy", "Admin", "Cleaning"]


def _text(values: np.ndarray, width: int = 0) -> pa.Array:
    text = pa.array(values).cast(pa.string())
    return pc.utf8_lpad(text, width, "0") if width else text


def _pounds(pence: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(_text(pence // 100), _text(pence % 100, 2), ".")


def _with_pound_sign(amounts: pa.Array) -> pa.Array:
    """``£`` in front, and a thousands comma in amounts of 1,000 or more (below 1,000,000)."""
    thousands = pc.replace_substring_regex(amounts, r"^(\d+)(\d{3})(\.|$)", r"\1,\2\3")
    return pc.binary_join_element_wise("£", thousands, "")


def _choice(
    rng: np.random.Generator, labels: list[str], size: int, p: list[float] | None = None
) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(rng.choice(len(labels), size, p=p).astype(np.int32)), pa.array(labels)
    ).cast(pa.string())


def payroll_table(rows: int, seed: int = 1, pounds: bool = False) -> pa.Table:
    rng = np.random.default_rng(seed)
    day = _text(rng.integers(1, 29, rows), 2)
    month = _text(rng.integers(1, 13, rows), 2)
    year = _text(rng.integers(1950, 2010, rows))
    salaried = rng.random(rows) < 0.3
    hourly_pence = rng.integers(1000, 1800, rows)
    salary = rng.integers(21_000, 40_000, rows)
    blank = pa.scalar(None, pa.string())
    money = _with_pound_sign if pounds else (lambda amounts: amounts)
    columns = [
        _text(rng.permutation(rows) + 1, 8),
        pc.binary_join_element_wise(day, month, year, "/"),
        _choice(rng, DEPARTMENTS, rows),
        _choice(rng, ["no", "yes"], rows, [0.97, 0.03]),
        _choice(rng, ["no", "yes"], rows, [0.85, 0.15]),
        pc.if_else(pa.array(salaried), blank, money(_pounds(hourly_pence))),
        pc.if_else(pa.array(salaried), money(_text(salary)), blank),
        pc.if_else(pa.array(salaried), _choice(rng, ["37.5", "40", "22.5", "16"], rows), blank),
    ]
    return pa.table(columns, names=HEADERS)


def write_payroll(rows: int, path: Path, seed: int = 1, pounds: bool = False) -> None:
    table = payroll_table(rows, seed, pounds)
    # Amounts with a thousands comma must be quoted; nothing else needs it.
    quoting = "needed" if pounds else "none"
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style=quoting))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pounds", action="store_true", help="write amounts like £24,465")
    args = parser.parse_args()
    started = time.perf_counter()
    write_payroll(args.rows, args.path, args.seed, args.pounds)
    size = args.path.stat().st_size
    elapsed = time.perf_counter() - started
    print(
        f"{args.rows:,} rows, {size / 1e6:.1f} MB ({size / args.rows:.0f} bytes/row) in {elapsed:.1f}s"
    )


if __name__ == "__main__":
    main()
