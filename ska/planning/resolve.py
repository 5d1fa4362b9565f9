"""Resolve a `när` from the årshjul to concrete dates in a given läsår.

A läsår runs 1 July to 30 June. Months from July to December fall in its first
calendar year, January to June in its second; a month range that crosses the new year
(november–februari) therefore spans both. Weeks are ISO weeks, placed the same way
(week 27 or later in the autumn year). `ht` is August–December, `vt` January–June.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ska.model.types import SchoolYear
from ska.model.year_wheel import When


def _year_of_month(year: SchoolYear, month: int) -> int:
    return year.start if month >= 7 else year.start + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _monday(year: int, week: int) -> dt.date:
    """Monday of ISO week `week` (week 53 in a year without one: the last week)."""
    return dt.date.fromisocalendar(year, min(week, dt.date(year, 12, 28).isocalendar().week), 1)


def span(when: When, year: SchoolYear) -> tuple[dt.date, dt.date]:
    """The first and last day `when` covers in `year`."""
    if when.kind == "datum" and when.date is not None:
        return when.date, when.date
    if when.kind == "termin":
        if when.term == "ht":
            return dt.date(year.start, 8, 1), dt.date(year.start, 12, 31)
        return dt.date(year.start + 1, 1, 1), dt.date(year.start + 1, 6, 30)
    assert when.first is not None
    assert when.last is not None
    if when.kind == "veckor":
        first_year = year.start if when.first >= 27 else year.start + 1
        last_year = year.start if when.last >= 27 else year.start + 1
        if (last_year, when.last) < (first_year, when.first):  # e.g. v. 20–30, over summer
            last_year += 1
        return _monday(first_year, when.first), _monday(last_year, when.last) + dt.timedelta(6)
    first_year = _year_of_month(year, when.first)
    last_year = _year_of_month(year, when.last)
    if when.kind == "dag" and when.day is not None:
        day = min(when.day, calendar.monthrange(first_year, when.first)[1])
        date = dt.date(first_year, when.first, day)
        return date, date
    if (last_year, when.last) < (first_year, when.first):  # e.g. juni–augusti
        last_year += 1
    return dt.date(first_year, when.first, 1), _month_end(last_year, when.last)


def months(when: When, year: SchoolYear) -> set[int]:
    """The calendar months (1–12) that `when` touches in `year`."""
    first, last = span(when, year)
    found = set()
    day = first.replace(day=1)
    while day <= last:
        found.add(day.month)
        day = _month_end(day.year, day.month) + dt.timedelta(days=1)
    return found
