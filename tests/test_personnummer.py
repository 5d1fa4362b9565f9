"""Finding and masking personnummer and samordningsnummer, by example and by property."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ska import personnummer
from ska.personnummer import check_digit, find, is_valid, mask

# Skatteverket's well-known test number (Tolvan Tolvansson), in every written form.
TOLVAN = ["121212-1212", "19121212-1212", "1212121212", "191212121212", "121212+1212"]


@pytest.mark.parametrize("number", TOLVAN)
def test_every_written_form_is_found(number: str) -> None:
    text = f"Rad ett\nEleven {number} ska inte stå här."
    [match] = find(text)
    assert (match.line, match.column) == (2, 8)
    assert match.masked == number[:-4] + "****"
    assert match.kind == "personnummer"
    assert text[match.start : match.end] == number


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
        "Skolenhetskod 39671234, telefon 0321-59 50 00.",
    ],
)
def test_not_a_number(text: str) -> None:
    assert find(text) == []


def test_mask_keeps_the_date() -> None:
    assert mask("A 121212-1212, B 19121212 1212.") == "A 121212-****, B 19121212 ****."


def _ten(born: dt.date, coordination: bool, serial: int) -> str:
    day = born.day + (personnummer.COORDINATION_OFFSET if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return nine + str(check_digit(nine))


FORMS: list[Callable[[str, dt.date], str]] = [
    lambda ten, born: f"{ten[:6]}-{ten[6:]}",
    lambda ten, born: f"{ten[:6]}+{ten[6:]}",
    lambda ten, born: f"{ten[:6]} {ten[6:]}",
    lambda ten, born: ten,
    lambda ten, born: f"{born.year // 100}{ten[:6]}-{ten[6:]}",
    lambda ten, born: f"{born.year // 100}{ten}",
]

births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31))
serials = st.integers(min_value=0, max_value=999)
forms = st.sampled_from(FORMS)


@given(births, st.booleans(), serials, forms)
def test_valid_numbers_are_found(
    born: dt.date, coordination: bool, serial: int, form: Callable[[str, dt.date], str]
) -> None:
    number = form(_ten(born, coordination, serial), born)
    text = f"Uppgift:\n  elev {number}."
    [match] = find(text)
    assert (match.line, match.column, match.coordination) == (2, 8, coordination)
    assert match.masked == number[:-4] + "****"
    assert is_valid(number)
    assert find(mask(text)) == []


@given(births, st.booleans(), serials, forms, st.integers(min_value=1, max_value=9))
def test_a_wrong_check_digit_is_not_found(
    born: dt.date,
    coordination: bool,
    serial: int,
    form: Callable[[str, dt.date], str],
    change: int,
) -> None:
    ten = _ten(born, coordination, serial)
    wrong = ten[:9] + str((int(ten[9]) + change) % 10)
    number = form(wrong, born)
    assert find(f"elev {number}.") == []
    assert not is_valid(number)


@given(births, st.booleans(), serials, forms, st.sampled_from("0123456789"))
def test_numbers_inside_longer_digit_runs_are_not_found(
    born: dt.date,
    coordination: bool,
    serial: int,
    form: Callable[[str, dt.date], str],
    digit: str,
) -> None:
    number = form(_ten(born, coordination, serial), born)
    assert find(f"id {digit}{number}") == []
    assert find(f"id {number}{digit}") == []


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=13, max_value=59), serials)
def test_impossible_months_are_not_found(year: int, month: int, serial: int) -> None:
    nine = f"{year:02d}{month:02d}01{serial:03d}"
    assert find(f"{nine[:6]}-{nine[6:]}{check_digit(nine)}") == []
