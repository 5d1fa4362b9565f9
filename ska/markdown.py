"""Writing Markdown from data: escaping, tables, headings, Swedish numbers and dates.

Text from YAML is plain text and is escaped, so a `*` or `<` in a description is
printed as written. A rektor's report sections are Markdown by design and are passed
through; only their heading levels are shifted to fit the rendered document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from ska.model.year_wheel import MONTHS
from ska.suggest import join_sv as join_sv  # a template filter

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~^$@#{}])")
_LINE_START = re.compile(r"^(\s*)([-+:]|\d+[.)])(\s)", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")


def escape(text: object) -> str:
    """Plain text as Markdown that shows exactly that text."""
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", escaped)


def cell(text: object) -> str:
    """Plain text for one pipe-table cell: escaped, on one line."""
    return " ".join(escape(text).split())


def shift_headings(text: str, by: int = -1) -> str:
    """Move every ATX heading outside code blocks `by` levels (kept within 1–6)."""
    out = []
    fence: str | None = None
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if marker:
            fence = None if fence == marker[1] else (fence or marker[1])
        elif fence is None and (match := _HEADING.match(line)):
            level = min(6, max(1, len(match[1]) + by))
            line = "#" * level + line[len(match[1]) :]
        out.append(line)
    return "\n".join(out)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    align: str = "",
    widths: Sequence[int] = (),
) -> str:
    """A pipe table; cells must already be Markdown (use `cell` for plain text).

    `align` has one letter per column (l, r, c). `widths` gives relative column widths;
    pandoc reads them from the lengths of the dashes when a row is long.
    """
    marks = []
    for index, a in enumerate(align.ljust(len(header), "l")):
        dashes = "-" * max(3, widths[index] if index < len(widths) else 3)
        marks.append(f"{dashes[:-1]}:" if a == "r" else f":{dashes[2:]}:" if a == "c" else dashes)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


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


def date(value: dt.date | None) -> str:
    """`24 november 2026`."""
    if value is None:
        return "–"
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
