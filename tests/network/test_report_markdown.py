"""The Markdown board paper shows every name, note and owner as typed: none of them is markup."""

import sqlite3

import pytest

from rlwcheck import network
from rlwcheck.network_actions import add_action
from rlwcheck.network_report import build_report, md_text, render_text

from .conftest import d


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        # a link to an outside address, and emphasis, stay text
        (
            "[Click me](http://evil.example/x) *Bold*",
            "\\[Click me\\](http://evil.example/x) \\*Bold\\*",
        ),
        ("![img](http://evil.example/i.png)", "!\\[img\\](http://evil.example/i.png)"),
        ("_under_ ~~struck~~", "\\_under\\_ \\~\\~struck\\~\\~"),
        ("`code` Ltd", "\\`code\\` Ltd"),
        ("# Heading Trust", "\\# Heading Trust"),
        # at the start of a list item these would open a nested list
        ("- Dash Ltd", "\\- Dash Ltd"),
        ("+ Plus Ltd", "\\+ Plus Ltd"),
        ("1. Numbered Ltd", "1\\. Numbered Ltd"),
        ("10) Tenth Ltd", "10\\) Tenth Ltd"),
        # ordinary names are left readable
        ("2026 Care Trust", "2026 Care Trust"),
        ("St Mary's Hospice & Care (North)", "St Mary's Hospice & Care (North)"),
        ("Line one\nline two", "Line one line two"),
    ],
)
def test_markup_characters_are_escaped(typed: str, escaped: str) -> None:
    assert md_text(typed) == escaped


def test_links_headings_and_lists_in_the_paper_are_text(conn: sqlite3.Connection) -> None:
    today = d("2026-07-15")
    linked = network.add_partner(
        conn, "[Click me](http://evil.example/x) *Bold*", "private", on=d("2026-06-01")
    )
    heading = network.add_partner(conn, "# Heading Trust", "private", on=d("2026-06-01"))
    numbered = network.add_partner(conn, "1. Numbered Ltd", "private", on=d("2026-06-01"))
    network.move_stage(
        conn,
        linked.id,
        "committed",
        on=d("2026-07-03"),
        today=today,
        note="see [form](http://evil.example/f)",
    )
    add_action(conn, heading.id, "y", "*star*", d("2026-07-22"), opened_on=today)
    add_action(conn, numbered.id, "`rm`", "- Bea", d("2026-07-01"), opened_on=d("2026-06-01"))
    md = render_text(build_report(conn, as_of=today), "md")
    assert (
        "| \\[Click me\\](http://evil.example/x) \\*Bold\\* | Not engaged | Committed "
        "| 3 July 2026 | see \\[form\\](http://evil.example/f) |" in md
    )
    assert "- \\# Heading Trust: y (\\*star\\*, due 22 July 2026)" in md
    assert "### \\- Bea (1)" in md
    assert "- 1\\. Numbered Ltd: \\`rm\\` (due 1 July 2026, 14 days overdue)" in md
    assert "](" not in md.replace("\\](", "") and "*Bold*" not in md
