"""Finding and masking personnummer and samordningsnummer, by example and by property.

The properties generate numbers that could be real (an existing date, a right check
digit) in every written form – 10 or 12 digits, every separator people and Word
produce – inside random text, and numbers that cannot be real, and check that the first
are found and masked and the second never are.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ska import personnummer
from ska.personnummer import check_digit, find, is_valid, mask

# Skatteverket's well-known test number (Tolvan Tolvansson), in every written form.
TOLVAN = ["121212-1212", "19121212-1212", "1212121212", "191212121212", "121212+1212"]

# Every separator between the date and the last four digits that ska must recognise.
SEPARATORS = [
    "",  # none
    "-",  # hyphen-minus
    "\u2013",  # en dash: Word's autocorrect of " - "
    "\u2014",  # em dash
    "\u2212",  # minus sign
    "\u2011",  # non-breaking hyphen (Ctrl+Shift+- in Word)
    "\u2010",  # hyphen
    "\u00ad",  # soft (optional) hyphen
    "+",  # 100 years or older
    " ",  # space
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u2009",  # thin space
    " - ",  # spaces around a dash
    " \u2013 ",
    "\u00a0\u2013\u00a0",
    " -",
    "- ",
]


@pytest.mark.parametrize("number", TOLVAN)
def test_every_written_form_is_found(number: str) -> None:
    text = f"Rad ett\nEleven {number} ska inte stå här."
    [match] = find(text)
    assert (match.line, match.column) == (2, 8)
    assert match.masked == number[:-4] + "****"
    assert match.kind == "personnummer"
    assert text[match.start : match.end] == number


@pytest.mark.parametrize("separator", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_every_separator_is_found(separator: str) -> None:
    assert len(SEPARATORS) == 18
    for number in (f"121212{separator}1212", f"19121212{separator}1212"):
        [match] = find(f"Elev: {number}.")
        assert match.masked == number[:-4] + "****"
        assert mask(f"Elev: {number}.") == f"Elev: {number[:-4]}****."


def test_worked_example_check_digit() -> None:
    assert check_digit("121212121") == 2


def test_samordningsnummer_adds_sixty_to_the_day() -> None:
    [match] = find("Samordningsnummer 121272-1219.")
    assert match.kind == "samordningsnummer"
    assert match.masked == "121272-****"


@pytest.mark.parametrize(
    "text",
    [
        "121212-1213",  # wrong check digit
        "1121212-1212",  # inside a longer run of digits
        "121212-12123",
        "3121212121212",
        "212000-1355",  # an organisationsnummer: month 20
        "121232-1212",  # no 32nd of December
        "121212--1212",  # two dashes
        "121212   1212",  # three spaces
        "121212\t1212",  # a tab: two cells of a table, not one number
        "121212\n1212",  # two lines
        "Skolenhetskod 39671234, telefon 0321-59 50 00.",
    ],
)
def test_not_a_number(text: str) -> None:
    assert find(text) == []
    assert mask(text) == text


def test_mask_keeps_the_date() -> None:
    assert mask("A 121212-1212, B 19121212 1212.") == "A 121212-****, B 19121212 ****."


def test_lines_and_columns_count_from_the_last_number() -> None:
    text = "a\n121212-1212 och 121212-1212\n\n\n  1212121212\nx"
    assert [(m.line, m.column) for m in find(text)] == [(2, 1), (2, 17), (5, 3)]


class _Counting(str):
    """A text that counts how many characters were searched for newlines."""

    searched = 0

    def count(self, sub: str, start: object = None, end: object = None) -> int:
        assert isinstance(start, int)
        assert isinstance(end, int)
        _Counting.searched += end - start
        return super().count(sub, start, end)

    def rfind(self, sub: str, start: object = None, end: object = None) -> int:
        assert isinstance(start, int)
        assert isinstance(end, int)
        _Counting.searched += end - start
        return super().rfind(sub, start, end)


def test_lines_are_counted_once_over_a_text_full_of_numbers() -> None:
    """No quadratic scanning: finding the line of every number in a text made of
    nothing but numbers searches each character for newlines at most twice."""
    text = _Counting("Elev 121212-1212 och 19121212 1212.\n" * 5000)
    _Counting.searched = 0
    found = find(text)
    assert len(found) == 10000
    assert found[-1].line == 5000
    assert 0 < _Counting.searched <= 2 * len(text)


# --- properties ------------------------------------------------------------------------

births = st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2026, 12, 31))
serials = st.integers(min_value=0, max_value=999)
separators = st.sampled_from(SEPARATORS)
# Text around a number: any characters, but not a digit right next to it.
texts = st.text(st.characters(codec="utf-8"), max_size=40)


def _ten(born: dt.date, coordination: bool, serial: int) -> str:
    day = born.day + (personnummer.COORDINATION_OFFSET if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return nine + str(check_digit(nine))


def _written(ten: str, born: dt.date, separator: str, full_year: bool) -> str:
    century = f"{born.year // 100}" if full_year else ""
    return f"{century}{ten[:6]}{separator}{ten[6:]}"


def _around(before: str, after: str) -> tuple[str, str]:
    """The text around a number, with no digit touching it."""
    before = before + "x" if before[-1:].isdigit() else before
    after = "x" + after if after[:1].isdigit() else after
    return before, after


@settings(max_examples=500)
@given(births, st.booleans(), serials, separators, st.booleans(), texts, texts)
def test_valid_numbers_in_random_text_are_found_and_masked(
    born: dt.date,
    coordination: bool,
    serial: int,
    separator: str,
    full_year: bool,
    before: str,
    after: str,
) -> None:
    number = _written(_ten(born, coordination, serial), born, separator, full_year)
    before, after = _around(before, after)
    text = before + number + after
    start = len(before)
    [match] = [m for m in find(text) if m.start == start]
    assert match.end == start + len(number)
    assert match.coordination is coordination
    assert match.masked == number[:-4] + "****"
    assert match.line == before.count("\n") + 1
    assert match.column == start - before.rfind("\n")
    assert is_valid(number)
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked[start : start + len(number)] == match.masked
    assert find(masked) == []
    assert mask(masked) == masked


@given(births, st.booleans(), serials, separators, st.booleans(), texts, texts)
def test_a_wrong_check_digit_is_not_found(
    born: dt.date,
    coordination: bool,
    serial: int,
    separator: str,
    full_year: bool,
    before: str,
    after: str,
) -> None:
    ten = _ten(born, coordination, serial)
    for change in range(1, 10):
        wrong = ten[:9] + str((int(ten[9]) + change) % 10)
        number = _written(wrong, born, separator, full_year)
        text, start = _placed(number, before, after)
        assert not _found_at(text, start, number)
        assert not is_valid(number)


def _placed(number: str, before: str, after: str) -> tuple[str, int]:
    before, after = _around(before, after)
    return before + number + after, len(before)


def _found_at(text: str, start: int, number: str) -> bool:
    """Whether a match overlaps the number placed at `start`."""
    return any(m.start < start + len(number) and start < m.end for m in find(text))


# Dates that do not exist: month 00 or over 12, day 00, 32–60 and over 91, 30 February,
# 31 April …; and 29 February in a year that is not a leap year in any century.
@st.composite
def impossible_dates(draw: st.DrawFn) -> tuple[str, str]:
    """(century or '', YYMMDD) of a date that does not exist, even as a samordningsnummer."""
    year = draw(st.integers(0, 99))
    kind = draw(st.sampled_from(["month", "day", "short month", "leap"]))
    century = draw(st.sampled_from(["", "18", "19", "20"]))
    month, day = 1, 1
    if kind == "month":
        month = draw(st.sampled_from([0, *range(13, 100)]))
        day = draw(st.integers(1, 28))
    elif kind == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.sampled_from([0, *range(32, 61), *range(92, 100)]))
    elif kind == "short month":
        month = draw(st.sampled_from([2, 4, 6, 9, 11]))
        day = draw(st.integers(31, 31) if month != 2 else st.integers(30, 31))
        day += draw(st.sampled_from([0, personnummer.COORDINATION_OFFSET]))
    else:
        month, day = 2, 29 + draw(st.sampled_from([0, personnummer.COORDINATION_OFFSET]))
        if century:
            assume(not calendar.isleap(int(century) * 100 + year))
        else:
            assume(year % 4 != 0)  # 29 February exists in some century for every other year
    return century, f"{year:02d}{month:02d}{day:02d}"


@given(impossible_dates(), serials, separators, texts, texts)
def test_impossible_dates_are_not_found(
    date: tuple[str, str], serial: int, separator: str, before: str, after: str
) -> None:
    century, yymmdd = date
    nine = f"{yymmdd}{serial:03d}"
    number = f"{century}{yymmdd}{separator}{nine[6:]}{check_digit(nine)}"
    text, start = _placed(number, before, after)
    assert not _found_at(text, start, number)
    assert not is_valid(number)


@given(births, st.booleans(), serials, separators, st.sampled_from(["17", "21", "00", "99"]))
def test_a_century_outside_1800_to_2099_is_not_found(
    born: dt.date, coordination: bool, serial: int, separator: str, century: str
) -> None:
    ten = _ten(born, coordination, serial)
    number = f"{century}{ten[:6]}{separator}{ten[6:]}"
    assert find(f"elev {number}.") == []
    assert not is_valid(number)


@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(
    births,
    st.booleans(),
    serials,
    separators,
    st.booleans(),
    st.text("0123456789", min_size=1, max_size=5),
    st.booleans(),
)
def test_numbers_inside_longer_digit_runs_are_not_found(
    born: dt.date,
    coordination: bool,
    serial: int,
    separator: str,
    full_year: bool,
    digits: str,
    in_front: bool,
) -> None:
    number = _written(_ten(born, coordination, serial), born, separator, full_year)
    text = f"id {digits}{number} x" if in_front else f"id {number}{digits} x"
    start = 3 + (len(digits) if in_front else 0)
    found = find(text)
    # The number as placed is never found, and nothing found has a digit next to it
    # (two digits in front of a ten-digit number can make a valid twelve-digit one).
    assert all((m.start, m.end) != (start, start + len(number)) for m in found)
    assert all(not text[m.start - 1].isdigit() and not text[m.end].isdigit() for m in found)


@given(st.text(st.sampled_from("0123456789-+ \u2013\u00a0\nx"), max_size=200))
def test_mask_hides_every_number_and_changes_nothing_else(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    assert find(masked) == []
    found = find(text)
    hidden = {i for m in found for i in range(m.end - 4, m.end)}
    assert all(masked[i] == ("*" if i in hidden else text[i]) for i in range(len(text)))
