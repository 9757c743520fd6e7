"""Stable problem codes: each problem found in a file carries one, so users can filter and count.

``rlwcheck explain CODE`` prints the description. Codes are kebab-case and never renamed;
add new ones here, in alphabetical order, with a description that says how to fix the row.
"""

PROBLEM_CODES: dict[str, str] = {
    "network-duplicate-partner": "A partner with this name is already in the network (or earlier in the file): "
    "remove the row, or give the organisation its distinct registered name.",
    "network-invalid-date": "The stage date is not a real past date: write it day first (01/04/2026) or ISO "
    "(2026-04-01), no later than today.",
    "network-invalid-flag": "Living Hours and Recognised Service Provider columns take yes or no (or leave blank for no).",
    "network-missing-name": "The partner row has no name: fill in the organisation's name or delete the row.",
    "network-missing-sector": "The partner row has no sector: fill it in, e.g. NHS trust, council, college.",
    "network-unknown-size-band": "The size band is not one of 0-10, 11-50, 51-250, 251-500, 500+ "
    "(the Living Wage Foundation's headcount bands): correct it or leave it blank.",
    "network-unknown-stage": "The stage is not one of not_engaged, aware, committed, paying_direct_staff, "
    "contractor_plan, applied, accredited, maintaining, paused, lapsed: correct it or leave it blank.",
}


def describe(code: str) -> str | None:
    return PROBLEM_CODES.get(code)
