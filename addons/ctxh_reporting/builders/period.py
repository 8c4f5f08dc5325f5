"""Reporting periods: month, quarter, half-year, year or a custom range."""

import calendar
from datetime import date

PERIOD_KINDS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("year", "Year"),
    ("custom", "Custom range"),
]

# Number of months of each fixed period kind.
_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
# How many periods of each kind a year has (the valid values of ``number``).
PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "half_year": 2, "year": 1}


def last_complete_period(kind, today):
    """(year, number) of the last period of ``kind`` that ended before ``today``: the period a
    report is made for (in November, the third quarter; in January, last year's fourth).

    >>> last_complete_period("quarter", date(2026, 11, 20))
    (2026, 3)
    >>> last_complete_period("month", date(2027, 1, 5))
    (2026, 12)
    """
    if kind not in _MONTHS:
        raise ValueError(f"unknown period kind {kind!r}")
    current = (today.month - 1) // _MONTHS[kind] + 1
    if current == 1:
        return today.year - 1, PERIODS_PER_YEAR[kind]
    return today.year, current - 1


def period_bounds(kind, year, number=1):
    """First and last day of period ``number`` (1-based) of ``kind`` in ``year``.

    >>> period_bounds("quarter", 2026, 2)
    (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    """
    if kind not in _MONTHS:
        raise ValueError(f"unknown period kind {kind!r}")
    if not 1 <= number <= PERIODS_PER_YEAR[kind]:
        raise ValueError(f"{kind} number must be between 1 and {PERIODS_PER_YEAR[kind]}")
    months = _MONTHS[kind]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return (
        date(year, first_month, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )
