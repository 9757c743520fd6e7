"""Time the accreditation tracker on a network far larger than an ICB's: report, follow-up, export.

    python benchmarks/network_report.py [PARTNERS] [--repeat 3]

Builds a throwaway store with PARTNERS partners (default 300), each with a few stage moves,
five actions and pay aggregates, one session attended by a third of them, then reports the
best of N runs for building and rendering the board report (HTML), the follow-up for the
session (emails rendered, actions already there after the first run) and the CSV export.
"""

import argparse
import datetime as dt
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from rlwcheck import network, store
from rlwcheck.followup import Settings, follow_up
from rlwcheck.network_actions import add_action
from rlwcheck.network_io import export_csv
from rlwcheck.network_pay import record_pay
from rlwcheck.network_report import build_report, render_text

START = dt.date(2025, 1, 6)
TODAY = dt.date(2026, 7, 15)


def populate(conn: sqlite3.Connection, partners: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    held = network.add_session(conn, dt.date(2026, 3, 12), "Lunch and Learn")
    for number in range(partners):
        partner = network.add_partner(conn, f"Partner {number:04d}", "council", on=START)
        day = START
        for stage in network.STAGES[1 : rng.randint(1, len(network.STAGES))]:
            day += dt.timedelta(days=rng.randint(10, 60))
            network.move_stage(conn, partner.id, stage, on=min(day, TODAY), today=TODAY)
        for index in range(5):
            due = START + dt.timedelta(days=rng.randint(0, 600))
            add_action(conn, partner.id, f"action {index}", f"owner {rng.randint(1, 20)}", due)
        below = rng.randint(0, 400)
        record_pay(
            conn,
            partner.id,
            as_of=TODAY,
            staff_below_rlw=below,
            cost_to_close=Decimal(rng.randint(0, 10**8)) / 100,
            headcount=rng.randint(max(below, 10), 9000),  # never fewer staff than those below
        )
        if number % 3 == 0:
            network.record_attendance(conn, held.id, partner.id, today=TODAY)
    return held.id


def best(repeat: int, task: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("partners", type=int, nargs="?", default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "bench.db")
        started = time.perf_counter()
        session_id = populate(conn, args.partners)
        print(f"populated {args.partners} partners in {time.perf_counter() - started:.2f}s")
        report = best(args.repeat, lambda: render_text(build_report(conn, as_of=TODAY), "html"))
        print(f"board report (build + HTML): {report:.3f}s")
        emails = best(
            args.repeat, lambda: follow_up(conn, session_id, today=TODAY, settings=Settings())
        )
        print(f"follow-up (actions + emails): {emails:.3f}s")
        exported = best(args.repeat, lambda: export_csv(conn, Path(folder) / "export"))
        print(f"CSV export: {exported:.3f}s")
        conn.close()


if __name__ == "__main__":
    main()
