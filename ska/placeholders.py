"""Placeholders: what `ska init` and `ska ny` write for a person to fill in.

A placeholder is text in angle brackets that begins with a capital letter,
`<Kommunfullmäktiges vision, ordagrant>`. Until it is replaced it is an error, and a
document that still contains one is not published. A typed value (a date, a web address)
that is a placeholder is read as missing, so the rest of the file can still be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `<` then a capital letter: not an HTML comment (`<!--`), a tag (`<br>`) or an autolink
# (`<https://…>`).
PATTERN = re.compile(r"<[A-ZÅÄÖ][^<>\n]{1,200}>")


@dataclass(frozen=True)
class Placeholder:
    text: str
    line: int  # counted from 1
    column: int  # counted from 1


def find(text: str, first_line: int = 1) -> list[Placeholder]:
    """Every placeholder in `text`, with its line and column."""
    found = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        if "<" not in line:
            continue
        for match in PATTERN.finditer(line):
            found.append(Placeholder(match[0], number, match.start() + 1))
    return found


def is_placeholder(value: object) -> bool:
    """A whole value that is a placeholder, e.g. `datum: "<ÅÅÅÅ-MM-DD>"`."""
    return isinstance(value, str) and PATTERN.fullmatch(value.strip()) is not None
