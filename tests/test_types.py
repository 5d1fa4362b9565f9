"""Value types: läsår, termin, month, när; properties over generated input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from ska.model.curriculum import GoalArea, SchoolForm, areas_for
from ska.model.types import SchoolYear, Term, YearMonth
from ska.model.year_wheel import MONTHS, parse_when

years = st.integers(min_value=1990, max_value=2098)


@given(years)
def test_school_year_round_trips(start: int) -> None:
    year = SchoolYear(start)
    assert SchoolYear.parse(str(year)) == year
    assert SchoolYear.from_folder(year.folder) == year
    assert year.autumn.school_year == year == year.spring.school_year
    assert year.first_day < year.last_day


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2098, 12, 31)))
def test_every_date_lies_in_the_school_year_containing_it(day: dt.date) -> None:
    year = SchoolYear.containing(day)
    assert year.first_day <= day <= year.last_day


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("2025/2026", "Skriv 2025/26."),
        ("2025-26", "Skriv 2025/26."),
        ("2025/27", "Skriv 2025/26."),
        ("läsåret", "Skriv läsåret som ÅÅÅÅ/ÅÅ, t.ex. 2025/26."),
    ],
)
def test_school_year_rejects_other_forms_with_a_hint(text: str, hint: str) -> None:
    with pytest.raises(PydanticCustomError) as info:
        SchoolYear.parse(text)
    assert info.value.context is not None
    assert info.value.context["hint"] == hint


def test_century_boundary() -> None:
    assert str(SchoolYear.parse("2099/00")) == "2099/00"


@given(st.sampled_from(["ht", "vt"]), years)
def test_term_round_trips(season: str, year: int) -> None:
    term = Term.parse(f"{season}{year}")
    assert str(term) == f"{season}{year}"
    assert term.school_year.start == (year if season == "ht" else year - 1)


@pytest.mark.parametrize(
    ("text", "hint"), [("HT 25", "Skriv ht2025."), ("VT2026", "Skriv vt2026.")]
)
def test_term_loose_forms_get_the_canonical_hint(text: str, hint: str) -> None:
    with pytest.raises(PydanticCustomError) as info:
        Term.parse(text)
    assert info.value.context is not None
    assert info.value.context["hint"] == hint


@given(years, st.integers(min_value=1, max_value=12))
def test_year_month_round_trips(year: int, month: int) -> None:
    assert str(YearMonth.parse(f"{year}-{month:02d}")) == f"{year}-{month:02d}"


def test_year_month_rejects_month_13() -> None:
    with pytest.raises(PydanticCustomError):
        YearMonth.parse("2026-13")


@given(st.sampled_from(MONTHS), st.sampled_from(MONTHS), st.sampled_from(["–", "-", " – "]))
def test_month_ranges(first: str, last: str, dash: str) -> None:
    when = parse_when(f"{first.capitalize()}{dash}{last}")
    assert (when.kind, when.first, when.last) == (
        "månader",
        MONTHS.index(first) + 1,
        MONTHS.index(last) + 1,
    )


@given(st.integers(1, 53), st.integers(1, 53), st.sampled_from(["v. ", "v.", "vecka ", "V. "]))
def test_week_ranges(first: int, last: int, prefix: str) -> None:
    when = parse_when(f"{prefix}{first}–{last}")
    assert (when.kind, when.first, when.last) == ("veckor", first, last)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("30 juni", "dag"), ("september", "månader"), ("ht", "termin"), ("v. 45", "veckor")],
)
def test_when_forms(text: str, kind: str) -> None:
    assert parse_when(text).kind == kind


def test_when_date() -> None:
    assert parse_when(dt.date(2026, 3, 5)).date == dt.date(2026, 3, 5)


@pytest.mark.parametrize("text", ["31 juni", "v. 54", "någon gång", "juni–"])
def test_when_rejects(text: str) -> None:
    with pytest.raises(PydanticCustomError):
        parse_when(text)


def test_curriculum_matrix_follows_the_law() -> None:
    assert GoalArea.ASSESSMENT not in areas_for([SchoolForm.PRESCHOOL_CLASS])
    assert GoalArea.ASSESSMENT in areas_for([SchoolForm.COMPULSORY])
    assert areas_for([SchoolForm.ADULT]) == {
        GoalArea.KNOWLEDGE,
        GoalArea.ASSESSMENT,
        GoalArea.PRINCIPAL,
    }
    assert SchoolForm.PRESCHOOL.curriculum.areas[GoalArea.KNOWLEDGE] == (
        "2.2",
        "Omsorg, utveckling och lärande",
    )
    assert not SchoolForm.ADULT.has_guardians
    assert not SchoolForm.PRESCHOOL.has_pupils
