"""ska.planning.resolve: a `när` from the årshjul as concrete dates in a läsår."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ska.model.types import SchoolYear
from ska.model.year_wheel import MONTHS, parse_when
from ska.planning.resolve import months, span

Y2025 = SchoolYear(2025)  # läsår 2025/26; ISO year 2025 has 52 weeks
Y2026 = SchoolYear(2026)  # läsår 2026/27; ISO year 2026 has 53 weeks


def when_span(text: str, year: SchoolYear = Y2025) -> tuple[dt.date, dt.date]:
    return span(parse_when(text), year)


def test_single_month_in_autumn_and_spring() -> None:
    assert when_span("september") == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert when_span("februari") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert when_span("februari", SchoolYear(2027)) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))


def test_months_spanning_the_new_year() -> None:
    when = parse_when("november–februari")
    assert span(when, Y2025) == (dt.date(2025, 11, 1), dt.date(2026, 2, 28))
    assert months(when, Y2025) == {11, 12, 1, 2}


def test_months_spanning_the_summer_reach_into_the_next_läsår() -> None:
    when = parse_when("juni–augusti")
    assert span(when, Y2025) == (dt.date(2026, 6, 1), dt.date(2026, 8, 31))
    assert months(when, Y2025) == {6, 7, 8}


def test_day_of_month() -> None:
    assert when_span("30 juni") == (dt.date(2026, 6, 30), dt.date(2026, 6, 30))
    assert when_span("30 september") == (dt.date(2025, 9, 30), dt.date(2025, 9, 30))
    assert months(parse_when("30 juni"), Y2025) == {6}


def test_29_february_only_in_leap_years() -> None:
    assert when_span("29 februari") == (dt.date(2026, 2, 28), dt.date(2026, 2, 28))
    assert when_span("29 februari", SchoolYear(2027)) == (
        dt.date(2028, 2, 29),
        dt.date(2028, 2, 29),
    )


def test_terms() -> None:
    assert when_span("ht") == (dt.date(2025, 8, 1), dt.date(2025, 12, 31))
    assert when_span("vt") == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert months(parse_when("ht"), Y2025) == {8, 9, 10, 11, 12}
    assert months(parse_when("vt"), Y2025) == {1, 2, 3, 4, 5, 6}


def test_a_date_is_itself() -> None:
    assert span(parse_when(dt.date(2026, 3, 5)), Y2025) == (dt.date(2026, 3, 5),) * 2


def test_iso_weeks_in_the_autumn() -> None:
    assert when_span("v. 45–47") == (dt.date(2025, 11, 3), dt.date(2025, 11, 23))
    assert months(parse_when("v. 45–47"), Y2025) == {11}


def test_iso_weeks_in_the_spring() -> None:
    assert when_span("vecka 10") == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))


def test_iso_week_1_may_start_in_december() -> None:
    assert when_span("v. 1") == (dt.date(2025, 12, 29), dt.date(2026, 1, 4))
    assert months(parse_when("v. 1"), Y2025) == {12, 1}


def test_iso_weeks_across_the_new_year() -> None:
    assert when_span("v. 51–2") == (dt.date(2025, 12, 15), dt.date(2026, 1, 11))


def test_week_53_in_a_year_that_has_it() -> None:
    assert when_span("v. 53", Y2026) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert when_span("v. 52–53", Y2026) == (dt.date(2026, 12, 21), dt.date(2027, 1, 3))


def test_week_53_in_a_year_without_it_is_week_52() -> None:
    assert when_span("v. 53") == (dt.date(2025, 12, 22), dt.date(2025, 12, 28))


def test_week_range_across_the_summer() -> None:
    first, last = when_span("v. 20–30")
    assert first <= last
    assert (first, last) == (dt.date(2026, 5, 11), dt.date(2026, 7, 26))


# -- properties ---------------------------------------------------------------------------

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@st.composite
def when_texts(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["dag", "månader", "veckor", "termin"]))
    if kind == "dag":
        month = draw(st.integers(1, 12))
        return f"{draw(st.integers(1, _MONTH_DAYS[month - 1]))} {MONTHS[month - 1]}"
    if kind == "månader":
        first, last = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        return MONTHS[first - 1] if first == last else f"{MONTHS[first - 1]}–{MONTHS[last - 1]}"
    if kind == "veckor":
        first, last = draw(st.integers(1, 53)), draw(st.integers(1, 53))
        return f"v. {first}" if first == last else f"v. {first}–{last}"
    return draw(st.sampled_from(["ht", "vt"]))


def _place(month: int) -> int:
    """A month's place in the läsår (July first)."""
    return (month - 7) % 12


@settings(max_examples=400, deadline=None)
@given(text=when_texts(), start=st.integers(2000, 2100))
def test_span_is_ordered_and_near_the_läsår(text: str, start: int) -> None:
    when = parse_when(text)
    year = SchoolYear(start)
    first, last = span(when, year)
    assert first <= last
    assert dt.date(start - 1, 7, 1) <= first
    # A range through the summer (maj–mars, v. 40–30) may end in the läsår after next.
    assert last <= dt.date(start + 2, 12, 31)
    assert months(when, year)


@settings(max_examples=100, deadline=None)
@given(day=st.dates(dt.date(2000, 7, 1), dt.date(2100, 6, 30)))
def test_a_date_spans_one_day(day: dt.date) -> None:
    year = SchoolYear.containing(day)
    assert span(parse_when(day), year) == (day, day)
    assert months(parse_when(day), year) == {day.month}


def test_month_range_through_the_summer_into_spring() -> None:
    """The other side of the property's exclusion: 'maj–mars' ends two springs later."""
    assert when_span("maj–mars") == (dt.date(2026, 5, 1), dt.date(2027, 3, 31))
