"""Result tables for reports: one row per measure, term and group, one column per gender.

Small groups are suppressed before anything is shown: the value becomes `..`, and so
does every value that would let a reader work a hidden one out. The table only shows
the decision made over all of the unit's results (see ska.results.published).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ska import markdown as md
from ska.model.results import Gender, ResultRow
from ska.results.published import PublishedRow
from ska.suppression import HIDDEN, cell_key

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


def result_table(title: str, published: Sequence[PublishedRow]) -> ResultTable:
    cells: dict[tuple[str, ...], dict[Gender, str]] = {}
    sizes: dict[tuple[str, ...], int] = {}
    labels: dict[tuple[str, ...], list[str]] = {}
    for entry in published:
        row = entry.row
        key = cell_key(row)
        cells.setdefault(key, {})[row.gender] = HIDDEN if entry.hidden else shown_value(row)
        if row.gender is Gender.ALL or key not in sizes:
            sizes[key] = row.total
        labels[key] = [md.cell(measure_label(row)), term_label(row), md.cell(row.group)]
    body = [
        labels[key] + [values.get(g, "–") for g in GENDERS] + [md.number(sizes[key])]
        for key, values in cells.items()
    ]
    header = ["Mått", "Termin", "Grupp", "Flickor", "Pojkar", "Alla", "Antal"]
    table = md.table(header, body, "lllrrrr", widths=(34, 9, 14, 9, 9, 9, 8))
    return ResultTable(title, table, sum(entry.hidden for entry in published))


def measure_text(measure: str, subject: str | None) -> str:
    """The measure, and its subject when it has one: `Andel med lägst E, engelska`."""
    return f"{measure}, {subject}" if subject else measure


def measure_label(row: ResultRow) -> str:
    return measure_text(row.measure, row.subject)


def term_label(row: ResultRow) -> str:
    """The term, and the occasion within it when there is one: `vt2026 (maj)`."""
    return f"{row.term} ({row.occasion})" if row.occasion else str(row.term)


def table_title(stem: str) -> str:
    """`kunskapsresultat` → `Kunskapsresultat`; `nationella-prov` → `Nationella prov`."""
    words = stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
