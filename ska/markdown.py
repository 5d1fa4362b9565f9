"""Writing Markdown from data: escaping, tables, Swedish numbers and dates.

Text from YAML is plain text and is escaped, so a `*` or `<` in a description is printed
as written. `Markdown` marks text that ska made itself from escaped parts (a table, a
list of flags); the templates print it as it is and escape everything else (see
ska.render.templating). What a person wrote as Markdown (a report's sections) is never
pasted into Markdown: it is a `UserMarkdown`, read by pandoc on its own and placed into
the document's syntax tree (see ska.render.document).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ska.model.gaps import Gap
from ska.model.year_wheel import MONTHS
from ska.suggest import join_sv as join_sv  # a template filter


class Markdown(str):
    """Markdown ska made from escaped parts: printed as it is, never escaped again."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class UserMarkdown:
    """A piece of Markdown a person wrote (a report's section): where it comes from, and
    how many levels its headings move to fit the document."""

    text: str
    path: str
    line: int = 1
    shift: int = -1


_SPECIAL = re.compile(r"([\\`*_\[\]<>|~^$@#{}])")
_LINE_START = re.compile(r"^(\s*)([-+:]|\d+[.)])(\s)", re.MULTILINE)


def escape(text: object) -> Markdown:
    """Plain text as Markdown that shows exactly that text."""
    if isinstance(text, Markdown):
        return text
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    return Markdown(_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", escaped))


def cell(text: object) -> Markdown:
    """Plain text for one pipe-table cell: escaped, on one line."""
    return Markdown(" ".join(escape(text).split()))


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    align: str = "",
    widths: Sequence[int] = (),
) -> Markdown:
    """A pipe table of plain text cells (or `Markdown` ones, printed as they are).

    `align` has one letter per column (l, r, c). `widths` gives relative column widths;
    pandoc reads them from the lengths of the dashes when a row is long.
    """
    marks = []
    for index, a in enumerate(align.ljust(len(header), "l")):
        dashes = "-" * max(3, widths[index] if index < len(widths) else 3)
        marks.append(f"{dashes[:-1]}:" if a == "r" else f":{dashes[2:]}:" if a == "c" else dashes)
    lines = ["| " + " | ".join(cell(c) for c in header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return Markdown("\n".join(lines))


def number(value: float | int | None, decimals: int = 1) -> str:
    """A number the Swedish way: decimal comma, a thin space between thousands."""
    if value is None:
        return "–"
    if isinstance(value, float):  # half up, as people round (12,5 → 13), not half to even
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        text = f"{exact:,.{decimals}f}"
    else:
        text = f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",")


def percent(value: float | None, decimals: int = 0) -> str:
    return "–" if value is None else f"{number(float(value), decimals)} %"


def date(value: dt.date | Gap | None) -> str:
    """`24 november 2026`; a value the document does not have shows as its marker."""
    if value is None:
        return "–"
    if isinstance(value, Gap):
        return str(value.marker)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def period(start: dt.date, end: dt.date) -> str:
    """`24 november 2026`, `november 2026`, `1–15 mars 2027`, `1 november 2026–28 februari 2027`."""
    if start == end:
        return date(start)
    month = f"{MONTHS[end.month - 1]} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        last = (end + dt.timedelta(days=1)).month != end.month
        return month if start.day == 1 and last else f"{start.day}–{end.day} {month}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]}–{end.day} {month}"
    return f"{date(start)}–{date(end)}"
