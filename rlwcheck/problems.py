"""Stable problem codes: each problem found in a file carries one, so users can filter and count.

``rlwcheck explain CODE`` prints the description. Codes are kebab-case and never renamed;
add new ones here, in alphabetical order, with a description that says how to fix the row.
"""

PROBLEM_CODES: dict[str, str] = {
    "accommodation-needs-period": "Accommodation days and charges count per pay reference period: give the row's "
    "period_start, period_end, period_pay and period_hours, or remove the accommodation values.",
    "ambiguous-date": "This column has dates that only make sense month first (US order), so dates like 01/04/2026 "
    "could be either order and are not guessed: export the column as DD/MM/YYYY or YYYY-MM-DD.",
    "amount-out-of-range": "An amount is negative or above 10,000,000 pounds: correct the figure (pay, deductions, "
    "allowances and charges are never negative).",
    "apprentice-unknown": "Pay is below the age-band (or Real Living Wage) rate and the apprentice column is blank: "
    "fill in yes or no, since apprentices may be paid the apprentice rate and need not get the RLW.",
    "duplicate-row": "The row is the same as an earlier row in every field (worker, post, dates, pay, hours, "
    "deductions, allowances), as when a file is joined to itself or one month is given twice. Only the first "
    "is counted, so an underpayment or a rise cost is not added twice: delete the copy. A row that differs in "
    "any field (another post, a corrected row) is checked in its own right.",
    "impossible-date": "The date does not exist (e.g. 31/02/2025): check the day and month; dates are day first.",
    "invalid-accommodation-days": "Accommodation days must be a whole number from 0 to the number of days in the "
    "pay period: correct it.",
    "invalid-age": "The age at the start of the pay period is below 0 or above 120: check the date of birth "
    "(day first, 01/04/2006) and the period dates.",
    "invalid-amount": "Not an amount: write pay and hours as plain numbers like 12.60, £1,234.50 or (12.00), "
    "with at most 6 decimal places and no text or units.",
    "invalid-boolean": "Not yes or no: write yes, no, y, n, true, false, 1 or 0 (any case), or leave it blank.",
    "invalid-date": "Not a date: write it day first (01/04/2026 or 1/4/2026), as ISO 2026-04-01, as 20260401, "
    "or use an Excel date cell.",
    "invalid-fte": "The FTE (full-time equivalent) must be more than 0 and at most 2, such as 0.6 for 22.5 of "
    "37.5 hours: correct the figure.",
    "invalid-hours": "Hours must be above 0 and possible: at most 168 a week, or 24 for each day of a pay period. "
    "Correct the figure.",
    "invalid-number": "Not a whole number (an age or a number of days): write digits only, like 25.",
    "london-undetermined": "It is not known whether the workplace is in Greater London, so the Real Living Wage zone "
    "is undecided: fill in london (yes/no), or list the row's work site or workplace postcode in your sites "
    "file (--sites); a postcode decides nothing until it is listed there. Home postcodes and postcode letters "
    "never decide it.",
    "missing-accommodation-days": "An accommodation charge is given without the number of days accommodation was "
    "provided; the offset is per day, so add accommodation_days.",
    "missing-age": "No date of birth or age: the statutory band depends on age, so add date_of_birth (or age at "
    "the start of the pay period).",
    "missing-apprenticeship-start": "An apprentice aged 19 or over gets the apprentice rate only in the first 12 "
    "months of the apprenticeship: add apprenticeship_start so the right rate can be chosen.",
    "missing-fte": "The salary is a full-time (grade) value, so the FTE is needed to give the salary actually "
    "paid for the contracted hours: add the FTE, such as 0.6 for 22.5 of 37.5 hours.",
    "missing-hours": "No hours: a salary needs weekly_hours, a pay period needs period_hours. Rows without hours "
    "cannot be checked; add the contracted or worked hours.",
    "missing-pay": "No pay: give hourly_rate, or annual_salary with weekly_hours (annual_salary_fte with fte and "
    "weekly_hours for a full-time value), or period_pay with period_hours (and period dates).",
    "missing-period-dates": "A pay period row needs both period_start and period_end: the rate in force at the "
    "start of the period applies.",
    "missing-worker-id": "The row has no worker ID: fill it in so results can be traced back to the payroll "
    "(a row with no values at all is usually padding: delete it).",
    "month-first-date": "The date only makes sense month first (12/31/2025, US order); it is never swapped silently: "
    "export dates as DD/MM/YYYY or YYYY-MM-DD.",
    "negative-amount": "Pay, hours, deductions, charges and allowances cannot be negative (a bracketed amount "
    "such as (12.00) is negative): correct the value.",
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
    "no-offset-for-date": "The worker was given accommodation, but no accommodation offset is recorded for the "
    "statutory period the pay period starts in, so the offset cannot be counted: add it with "
    "`rlwcheck rates add --scheme accommodation_offset` (GOV.UK publishes it with the rates).",
    "no-rate-for-date": "No rate is recorded for this age on this date (or before the first recorded rates): "
    "check the period dates and the age, or add the rate with `rlwcheck rates add`.",
    "overtime-pay-unclear": "The row has overtime hours, and every hour worked must be paid at least the floor, "
    "but the overtime pay cannot be told apart: basic pay leaves it out, and gross pay holds the overtime "
    "premium, which counts toward neither floor. Give the gross pay with the premium apart "
    "(overtime_premium, 0 if overtime is paid at the basic rate).",
    "pay-parts-exceed-pay": "The overtime premium and guaranteed allowances are parts of the gross pay, yet add "
    "up to more than it: correct the figures.",
    "pay-figures-disagree": "The row gives both an hourly rate and an annual salary for its weekly hours, and "
    "they are not the same pay (allowing a penny an hour, at 52 or 52.143 weeks a year), so which one the "
    "worker is paid cannot be told: correct one of them, or leave one out.",
    "period-dates-reversed": "The pay period ends before it starts: swap or correct period_start and period_end.",
    "period-over-a-month": "A pay reference period is never longer than a month (NMWM09020): split the row into "
    "one row per pay period.",
    "repeated-header": "The file's header row appears again among the data, as exports split into pages or "
    "joined from several files write it. The row is not a worker: it is listed and counted as not "
    "applicable, never checked. Delete the repeated header rows if you want them gone.",
    "salary-basis-unknown": "The row has an FTE other than 1 and a salary column that does not say whether it "
    "holds the full-time (grade) value or the salary this worker is paid. A full-time value divided by "
    "part-time hours would overstate the hourly pay, so the row is not guessed: run the check with "
    "--salary-basis full-time or --salary-basis actual (salary_basis in the job settings), or name the "
    "column annual_salary_fte in a mapping file.",
    "unknown-site": "The work site is not in the sites file, so London cannot be decided from it: add the site "
    "with its postcode and london yes/no to the sites file (--sites).",
}


def describe(code: str) -> str | None:
    return PROBLEM_CODES.get(code)
