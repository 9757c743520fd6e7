"""Several real processes writing to one SQLite file at once: nothing lost, never "database is locked"."""

import multiprocessing
import subprocess
import sys
from pathlib import Path

from rlwcheck import network, store
from rlwcheck.network_actions import add_action, all_actions

from .conftest import d

WORKERS = 4
ACTIONS_EACH = 25
TODAY = d("2026-07-01")


def worker(db: str, number: int) -> None:
    """Add actions to the shared partner and walk this worker's own partner through every stage."""
    conn = store.connect(Path(db))
    shared = network.find_partner(conn, "Shared Trust").id
    own = network.find_partner(conn, f"Partner {number}").id
    stages = iter(network.STAGES[1:])
    for index in range(ACTIONS_EACH):
        add_action(conn, shared, f"worker {number} action {index}", f"owner {number}", TODAY)
        if index % 3 == 0:
            stage = next(stages, None)
            if stage is not None:
                network.move_stage(conn, own, stage, on=TODAY, today=TODAY)
    conn.close()


def test_processes_writing_at_once_lose_nothing(isolated_store: Path) -> None:
    conn = store.connect(isolated_store)
    network.add_partner(conn, "Shared Trust", "NHS trust", on=d("2026-01-05"))
    for number in range(WORKERS):
        network.add_partner(conn, f"Partner {number}", "council", on=d("2026-01-05"))

    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=worker, args=(str(isolated_store), n)) for n in range(WORKERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [p.exitcode for p in processes] == [
        0
    ] * WORKERS  # a "database is locked" error would exit 1

    assert len(all_actions(conn)) == WORKERS * ACTIONS_EACH
    for number in range(WORKERS):
        partner = network.find_partner(conn, f"Partner {number}")
        # 25 actions move the stage at 0, 3, ..., 24: nine tries, seven stages left after not_engaged
        assert [c.to_stage for c in network.stage_history(conn, partner.id)] == list(network.STAGES)
    conn.close()


def test_cli_processes_moving_the_same_partner_at_once(isolated_store: Path) -> None:
    """Two people move one partner from the same stage at once: exactly one wins, the other is told why."""
    conn = store.connect(isolated_store)
    network.add_partner(conn, "Shared Trust", "NHS trust", on=d("2026-01-05"))
    env = {"RLWCHECK_DB": str(isolated_store), "RLWCHECK_TODAY": "2026-07-01", "PATH": ""}

    def spawn(*args: str) -> "subprocess.Popen[str]":
        return subprocess.Popen(
            [sys.executable, "-m", "rlwcheck", "network", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    movers = [spawn("move", "Shared Trust", "committed") for _ in range(3)]
    adders = [
        spawn("action", "Shared Trust", f"action {n}", "--owner", "lead", "--due", "01/08/2026")
        for n in range(6)
    ]
    moved = [(p.communicate(timeout=60)[1], p.returncode) for p in movers]
    added = [(p.communicate(timeout=60)[1], p.returncode) for p in adders]
    assert added == [("", 0)] * 6
    assert sorted(code for _, code in moved) == [0, 2, 2]
    assert all("already at stage committed" in err for err, code in moved if code == 2)
    assert "locked" not in "".join(err for err, _ in moved + added)
    history = network.stage_history(conn, network.find_partner(conn, "Shared Trust").id)
    assert [c.to_stage for c in history] == ["not_engaged", "committed"]
    assert len(all_actions(conn)) == 6
    conn.close()
