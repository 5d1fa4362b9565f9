"""Swedish personnummer and samordningsnummer in free text: find them and mask them.

Every written form counts: ten digits (`YYMMDD-NNNC`) or twelve (`YYYYMMDD-NNNC`), with
the date and the last four digits separated by nothing, a hyphen or any dash Word or a
keyboard produces (en dash, em dash, minus sign, non-breaking hyphen, soft hyphen …),
`+` (100 years or older), or a space of any width (also a no-break space), with up to
two spaces on either side of a dash (`120304 - 1234`). A number counts only when it
could be real: the date exists (a samordningsnummer adds 60 to the day) and the Luhn
check digit over the ten-digit form is right. Digits inside a longer run of digits are
never a number, so phone numbers, ids and amounts rarely match by accident.

`mask` is the one function every output of ska passes through (see ska.output); it
keeps the length of the text, replacing the last four digits of a number with `****`.
"""

from __future__ import annotations

import calendar
import re
from typing import NamedTuple

# Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal
# bar, minus sign, small and full-width hyphen-minus, and the soft (optional) hyphen.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u00ad"
# Space, no-break space, the typographic spaces (en, em, thin, figure, hair …), narrow
# no-break space, medium mathematical space and the ideographic space. Not tab or newline:
# across cells or lines two numbers are two values.
SPACES = " \u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# Every character a number is written with.
CHARACTERS = frozenset("0123456789+" + DASHES + SPACES)
_SPACE = f"[{re.escape(SPACES)}]"
_SEPARATOR = rf"{_SPACE}{{0,2}}[{re.escape(DASHES)}]{_SPACE}{{0,2}}|\+|{_SPACE}{{1,2}}"
_NUMBER = re.compile(
    rf"(?<!\d)(?P<century>[0-9]{{2}})?(?P<date>[0-9]{{6}})"
    rf"(?P<separator>{_SEPARATOR})?(?P<serial>[0-9]{{4}})(?!\d)"
)
_CENTURIES = (18, 19, 20)
COORDINATION_OFFSET = 60
HIDDEN = "****"


class Match(NamedTuple):
    """A number found in a text: where it stands and how to show it without the digits."""

    start: int  # offset in the text
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    masked: str  # the date and separator as written, the last four digits as ****
    coordination: bool  # a samordningsnummer

    @property
    def kind(self) -> str:
        return "samordningsnummer" if self.coordination else "personnummer"


def check_digit(nine: str) -> int:
    """The Luhn check digit over the nine digits YYMMDDNNN."""
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


# The Luhn sum of two digits, the first doubled: over the five pairs of the ten-digit
# form, a right check digit makes the total divisible by 10. Lookups in tables keep a
# text full of numbers fast.
_PAIRS = {f"{a}{b}": (2 * a - 9 if 2 * a > 9 else 2 * a) + b for a in range(10) for b in range(10)}
_CENTURY_TEXTS = frozenset(str(c) for c in _CENTURIES)


def _month_days(offset: int) -> set[str]:
    """MMDD of every day that exists in every year (29 February aside), day + offset."""
    return {
        f"{month:02d}{day + offset:02d}"
        for month in range(1, 13)
        for day in range(1, 32)
        if day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
        and (month, day) != (2, 29)
    }


_EVERY_YEAR = frozenset(_month_days(0) | _month_days(COORDINATION_OFFSET))
_LEAP_DAY = frozenset({"0229", f"02{29 + COORDINATION_OFFSET}"})


def _valid(century: str | None, date: str, serial: str) -> bool:
    """Whether the digits are a number: the check digit is right and the date exists."""
    pairs = _PAIRS
    total = pairs[date[:2]] + pairs[date[2:4]] + pairs[date[4:]]
    if (total + pairs[serial[:2]] + pairs[serial[2:]]) % 10:
        return False
    if century is not None and century not in _CENTURY_TEXTS:
        return False
    day = date[2:]
    if day in _EVERY_YEAR:
        return True
    if day not in _LEAP_DAY:
        return False
    year = int(date[:2])
    if century is None:  # some century makes it a leap year: 2000 for 00
        return year % 4 == 0
    return calendar.isleap(int(century) * 100 + year)


def _is_number(found: re.Match[str]) -> bool:
    return _valid(found["century"], found["date"], found["serial"])


# Every number has six digits in a row; most texts have none, and this is quick to rule out.
_CANDIDATE = re.compile(r"[0-9]{6}")


def find(text: str) -> list[Match]:
    """Every valid personnummer and samordningsnummer in the text, in order.

    One pass over the text: the regular expression never backtracks more than a few
    characters, and lines are counted from the previous match, not from the start."""
    if _CANDIDATE.search(text) is None:
        return []
    matches = []
    line, line_start, counted = 1, 0, 0  # lines counted up to offset `counted`
    for found in _NUMBER.finditer(text):
        century, date, _, serial = found.groups()
        if not _valid(century, date, serial):
            continue
        start, end = found.span()
        newlines = text.count("\n", counted, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, start) + 1
        counted = start
        matches.append(
            Match(
                start,
                end,
                line,
                start - line_start + 1,
                text[start : end - 4] + HIDDEN,
                date[4] >= "6",  # the day plus 60: 61–91
            )
        )
    return matches


def is_valid(number: str) -> bool:
    """Whether the whole string is one valid personnummer or samordningsnummer."""
    found = _NUMBER.fullmatch(number.strip())
    return found is not None and _is_number(found)


def _masked(found: re.Match[str]) -> str:
    number = found[0]
    century, date, _, serial = found.groups()
    return number[:-4] + HIDDEN if _valid(century, date, serial) else number


def mask(text: str) -> str:
    """The text with the last four digits of every number replaced by ****; nothing else
    changes, and the length stays the same."""
    if _CANDIDATE.search(text) is None:
        return text
    return _NUMBER.sub(_masked, text)
