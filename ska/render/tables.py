"""Result tables for reports: one row per measure, term and group, one column per gender.

Small groups are suppressed before anything is shown (see ska.suppression): the value
becomes `..`, and so does the value that would let a reader work the hidden one out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ska.model.results import Gender, ResultRow
from ska.render import markdown as md
from ska.suppression import HIDDEN, suppressed

GENDERS = (Gender.GIRLS, Gender.BOYS, Gender.ALL)


@dataclass(frozen=True)
class ResultTable:
    title: str
    markdown: str
    hidden: int  # values shown as ..


def shown_value(row: ResultRow) -> str:
    """A share as a percentage, otherwise the value with a decimal comma."""
    if row.count is not None:
        return md.percent(100 * row.count / row.total) if row.total else "–"
    return md.number(row.value)


def result_table(title: str, rows: Sequence[ResultRow], threshold: int) -> ResultTable:
    hidden = suppressed(rows, threshold)
    cells: dict[tuple[str, str, str], dict[Gender, str]] = {}
    sizes: dict[tuple[str, str, str], int] = {}
    for index, row in enumerate(rows):
        key = (row.measure, str(row.term), row.group)
        cells.setdefault(key, {})[row.gender] = HIDDEN if index in hidden else shown_value(row)
        if row.gender is Gender.ALL or key not in sizes:
            sizes[key] = row.total
    body = [
        [md.cell(measure), term, md.cell(group)]
        + [values.get(g, "–") for g in GENDERS]
        + [md.number(sizes[(measure, term, group)])]
        for (measure, term, group), values in cells.items()
    ]
    header = ["Mått", "Termin", "Grupp", "Flickor", "Pojkar", "Alla", "Antal"]
    table = md.table(header, body, "lllrrrr", widths=(34, 9, 14, 9, 9, 9, 8))
    return ResultTable(title, table, len(hidden))


def table_title(stem: str) -> str:
    """`kunskapsresultat` → `Kunskapsresultat`; `nationella-prov` → `Nationella prov`."""
    words = stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
