"""Stable problem codes: each problem found in a file carries one, so users can filter and count.

``rlwcheck explain CODE`` prints the description. Codes are kebab-case and never renamed;
add new ones here, in alphabetical order, with a description that says how to fix the row.
"""

PROBLEM_CODES: dict[str, str] = {}


def describe(code: str) -> str | None:
    return PROBLEM_CODES.get(code)
