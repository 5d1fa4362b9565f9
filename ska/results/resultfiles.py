"""ska's own CSV layout for result and reference tables, as the import writes it:
ska's column order (only columns with a value), comma, decimal point, newline, sorted rows,
and no cell a spreadsheet would run as a formula (see ska.load.csvtable.neutralise); and
merging imported rows into an existing file. Used by ska.results.importing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from ska.checks.commands import IMPORT_FIL
from ska.findings import Finding
from ska.load.csvtable import Table, neutralise, parse_references, parse_results
from ska.load.text import decode
from ska.model.results import COLUMNS, REFERENCE_COLUMNS, Gender, ReferenceRow, ResultRow

Row = ResultRow | ReferenceRow

# What a reference is (riket, kommunen) comes first, as people write these tables.
_REFERENCE_ORDER = ("jämförelse", *(c for c in REFERENCE_COLUMNS if c != "jämförelse"))
_GENDER_ORDER = {Gender.GIRLS: 0, Gender.BOYS: 1, Gender.ALL: 2}


def _float(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column == "årskurs":
        return "F" if value == 0 else str(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):
        return _float(value)
    return str(value)


def _cells(row: Row) -> dict[str, str]:
    return {
        info.alias: _cell(info.alias, getattr(row, name))
        for name, info in type(row).model_fields.items()
        if info.alias is not None
    }


def _sort_key(row: Row) -> tuple[Any, ...]:
    term = row.term
    return (
        row.reference if isinstance(row, ReferenceRow) else "",
        row.measure,
        (term.year, 0 if term.season == "vt" else 1),
        row.occasion or "",
        row.subject or "",
        -1 if row.grade is None else row.grade,
        row.group,
        _GENDER_ORDER[row.gender],
        tuple(_cells(row).values()),
    )


def render_rows(rows: Sequence[Row]) -> str:
    """Rows as ska's canonical CSV: ska's column order (only columns with a value;
    jämförelse first in a table of references), comma, decimal point, `\\n`, sorted by
    mått, termin, tillfälle, ämne, årskurs, grupp and kön (flickor, pojkar, alla). A text
    cell that would be a formula in a spreadsheet starts with `'`."""
    if not rows:
        return ""
    order = _REFERENCE_ORDER if isinstance(rows[0], ReferenceRow) else COLUMNS
    cells = [_cells(row) for row in sorted(rows, key=_sort_key)]
    used = [c for c in order if any(row[c] for row in cells)]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=",", lineterminator="\n")
    writer.writerow(used)
    for row in cells:
        writer.writerow([neutralise(row[c]) for c in used])
    return out.getvalue()


def _slot(row: Row) -> tuple[str, str, str]:
    return (row.measure, str(row.term), row.occasion or "")


def merged(
    root: Path, path: str, rows: list[Row], model: type[Row]
) -> tuple[str | None, list[Finding]]:
    """The file's new text: the imported rows and the existing rows of other slots."""
    target = root / path
    kept: list[Row] = []
    if target.exists():
        try:
            data = target.read_bytes()
        except OSError as exc:
            return None, [
                IMPORT_FIL.error(path, f"Filen går inte att läsa: {exc.strerror or exc}.")
            ]
        text, problems = decode(data, path)
        if text is None:
            return None, problems
        table: Table[ResultRow] | Table[ReferenceRow] | None
        if model is ReferenceRow:
            table, problems = parse_references(text, path)
        else:
            table, problems = parse_results(text, path)
        if table is None:
            return None, [
                *problems,
                IMPORT_FIL.error(
                    path,
                    "Den befintliga filen går inte att läsa, så importen kan inte slå "
                    "ihop raderna med den.",
                    "Rätta filen (se felen ovan) eller ta bort den och importera igen.",
                ),
            ]
        slots = {_slot(row) for row in rows}
        kept = [row for row in table.rows if _slot(row) not in slots]
    return render_rows([*kept, *rows]), []
