"""Swedish personnummer and samordningsnummer in free text: find them and mask them.

Every written form counts: `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 years or older),
`YYYYMMDD-NNNC`, with a space or with no separator at all. A number counts only when
it could be real: the date exists (a samordningsnummer adds 60 to the day) and the Luhn
check digit over the ten-digit form is right. Digits inside a longer run of digits are
never a number, so phone numbers, ids and amounts rarely match by accident.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?<!\d)(?P<century>\d{2})?(?P<date>\d{6})(?P<separator>[-+ ]?)(?P<serial>\d{4})(?!\d)"
)
_CENTURIES = (18, 19, 20)
COORDINATION_OFFSET = 60


@dataclass(frozen=True, slots=True)
class Match:
    """A number found in a text: where it stands and how to show it without the digits."""

    start: int  # offset in the text
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    masked: str  # the date as written, the last four digits as ****
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


def _date_exists(century: int | None, date: str) -> bool:
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:])
    if day > COORDINATION_OFFSET:
        day -= COORDINATION_OFFSET
    for candidate in (century,) if century is not None else _CENTURIES:
        if candidate not in _CENTURIES:
            return False
        try:
            dt.date(candidate * 100 + year, month, day)
        except ValueError:
            continue
        return True
    return False


def _is_number(found: re.Match[str]) -> bool:
    century = int(found["century"]) if found["century"] else None
    ten = found["date"] + found["serial"]
    return _date_exists(century, found["date"]) and check_digit(ten[:9]) == int(ten[9])


# Every number has six digits in a row; most texts have none, and this is quick to rule out.
_CANDIDATE = re.compile(r"\d{6}")


def find(text: str) -> list[Match]:
    """Every valid personnummer and samordningsnummer in the text, in order."""
    if _CANDIDATE.search(text) is None:
        return []
    matches = []
    for found in _NUMBER.finditer(text):
        if not _is_number(found):
            continue
        start = found.start()
        number = found[0]
        matches.append(
            Match(
                start,
                found.end(),
                text.count("\n", 0, start) + 1,
                start - (text.rfind("\n", 0, start) + 1) + 1,
                number[:-4] + "****",
                int(found["date"][4:]) > COORDINATION_OFFSET,
            )
        )
    return matches


def is_valid(number: str) -> bool:
    """Whether the whole string is one valid personnummer or samordningsnummer."""
    found = _NUMBER.fullmatch(number.strip())
    return found is not None and _is_number(found)


def mask(text: str) -> str:
    """The text with the last four digits of every number replaced by ****."""
    parts = []
    position = 0
    for match in find(text):
        parts += [text[position : match.start], match.masked]
        position = match.end
    return "".join(parts) + text[position:]
