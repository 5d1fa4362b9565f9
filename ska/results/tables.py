"""Result tables for reports: one row per measure, term and group, one column per gender.

Small groups are suppressed before anything is shown: the value becomes `..`, and so
does every value that would let a reader work a hidden one out. The table only shows
the decision made over all of the unit's results (see ska.results.published).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ska import markdown as md
from ska.model.results import Gender, ResultRow
from ska.model.year_wheel import MONTHS
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


MAX_OCCASIONS = 6  # columns of a pivoted table; earlier occasions are left to the appendix


_MONTH_AT_END = re.compile(r"^(.*\S)\s*\((\w+)\)$")


def _month_apart(measure: str) -> tuple[str, str]:
    """`Lässcreening: når riktmärket (maj)` → the measure and `maj`, when a measure's
    name ends with the month it was taken in; else the name and nothing."""
    found = _MONTH_AT_END.match(measure)
    if found and found[2].casefold() in MONTHS:
        return found[1], found[2].casefold()
    return measure, ""


def pivot_table(title: str, published: Sequence[PublishedRow]) -> ResultTable:
    """The file's results for everyone (`alla`) with one row per measure and group and
    one column per occasion (`sep 2025`, or the term when it has one occasion), the
    latest six, and the group's size at the latest. Values hidden in the full table
    are hidden here too (one decision, see ska.results.published)."""
    order: dict[tuple[str, str], int] = {}
    occasions: dict[str, tuple[int, bool, int]] = {}
    values: dict[tuple[tuple[str, str], str], str] = {}
    sizes: dict[tuple[str, str], int] = {}
    for entry in published:
        row = entry.row
        if row.gender is not Gender.ALL:
            continue
        measure, month = _month_apart(measure_label(row))
        occasion = row.occasion or month
        key = (measure, row.group)
        month = occasion[:3] if occasion in MONTHS else occasion
        column = f"{month} {row.term.year}" if occasion else str(row.term)
        order.setdefault(key, len(order))
        within = MONTHS.index(occasion) if occasion in MONTHS else 12
        occasions.setdefault(column, (row.term.year, row.term.season == "ht", within))
        values[(key, column)] = HIDDEN if entry.hidden else shown_value(row)
        sizes[key] = row.total
    columns = sorted(occasions, key=occasions.__getitem__)[-MAX_OCCASIONS:]
    body = [
        [md.cell(key[0]), md.cell(key[1])]
        + [values.get((key, c), "–") for c in columns]
        + [md.number(sizes[key])]
        for key in sorted(order, key=order.__getitem__)
        if any((key, c) in values for c in columns)
    ]
    share = max(6, 48 // max(len(columns), 1))
    table = md.table(
        ["Mått", "Grupp", *columns, "Antal"],
        body,
        "ll" + "r" * (len(columns) + 1),
        widths=(32, 12, *(share,) * len(columns), 8),
    )
    hidden = sum(1 for e in published if e.hidden and e.row.gender is Gender.ALL)
    return ResultTable(title, table, hidden)


def measure_text(measure: str, subject: str | None) -> str:
    """The measure, and its subject when it has one: `Andel med lägst E, engelska`."""
    return f"{measure}, {subject}" if subject else measure


def measure_label(row: ResultRow) -> str:
    return measure_text(row.measure, row.subject)


def term_label(row: ResultRow) -> str:
    """The term, and the occasion within it when there is one: `vt2026 (maj)`."""
    return f"{row.term} ({row.occasion})" if row.occasion else str(row.term)


# Words a file name spells without å, ä and ö, as Swedish writes them; the data's own
# words come first (see table_title).
SPELLING = {
    "narvaro": "närvaro",
    "franvaro": "frånvaro",
    "klimatmatning": "klimatmätning",
    "matning": "mätning",
    "lasscreening": "lässcreening",
    "lasning": "läsning",
    "las": "läs",
    "elevenkat": "elevenkät",
    "enkat": "enkät",
    "vardnadshavarenkat": "vårdnadshavarenkät",
    "akgrupp": "åkgrupp",
    "amnen": "ämnen",
    "amnesprov": "ämnesprov",
    "atgardsprogram": "åtgärdsprogram",
    "behorighet": "behörighet",
    "forskola": "förskola",
    "forskoleklass": "förskoleklass",
    "sprakutveckling": "språkutveckling",
    "sprak": "språk",
    "maluppfyllelse": "måluppfyllelse",
    "kartlaggning": "kartläggning",
    "overgangar": "övergångar",
    "genomstromning": "genomströmning",
}


def _plain(word: str) -> str:
    """A word as a file name spells it: lower case, å and ä as a, ö as o, letters only."""
    folded = word.casefold().translate(str.maketrans("åäöéü", "aaoeu"))
    return "".join(c for c in folded if c.isalnum())


def _compound(word: str) -> str:
    """A compound whose first part SPELLING knows: `sprakscreening` → `språkscreening`."""
    plain = _plain(word)
    for cut in range(len(plain) - 4, 2, -1):
        if plain[:cut] in SPELLING:
            return SPELLING[plain[:cut]] + word[cut:]
    return word


def table_title(stem: str, rows: Sequence[ResultRow] = ()) -> str:
    """A heading for a results file: `kunskapsresultat` → `Kunskapsresultat`,
    `nationella-prov` → `Nationella prov`. A file name has no å, ä or ö, so each word
    is spelled as the file's own measures spell it (`lasscreening` → `Lässcreening`
    when a measure says "Lässcreening: …"), else as SPELLING has it."""
    known: dict[str, str] = {}
    for row in rows:
        for word in measure_label(row).replace(":", " ").replace("(", " ").split():
            known.setdefault(_plain(word), word.strip(",.;)").casefold())
    words = [
        known.get(_plain(w)) or SPELLING.get(_plain(w)) or _compound(w)
        for w in stem.replace("_", " ").replace("-", " ").split()
    ]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
