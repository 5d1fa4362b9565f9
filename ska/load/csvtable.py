"""Result tables in CSV, as exported from Excel or a school platform.

Comma, semicolon and tab separators are accepted (Swedish Excel writes `;` and a
decimal comma); column names are matched without regard to case, and each row keeps
its line number for findings.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter, ValidationError

from ska.checks.reading import CSV_KOLUMN, CSV_RAD, CSV_RUBRIK
from ska.findings import Finding
from ska.load.schema_errors import findings_from
from ska.load.yamlfast import Loc
from ska.model.results import (
    COLUMNS,
    REFERENCE_COLUMNS,
    REFERENCE_REQUIRED,
    REQUIRED_COLUMNS,
    ReferenceRow,
    ResultRow,
)
from ska.suggest import did_you_mean, listing

R = TypeVar("R", ResultRow, ReferenceRow)
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_HEADER_EXAMPLE: dict[type, str] = {
    ResultRow: "mått,termin,grupp,kön,antal,totalt",
    ReferenceRow: "jämförelse,mått,termin,grupp,kön,värde",
}
_LAYOUTS: dict[type, tuple[tuple[str, ...], tuple[str, ...], TypeAdapter[Any]]] = {
    ResultRow: (COLUMNS, REQUIRED_COLUMNS, TypeAdapter(list[ResultRow])),
    ReferenceRow: (REFERENCE_COLUMNS, REFERENCE_REQUIRED, TypeAdapter(list[ReferenceRow])),
}


@dataclass(frozen=True, slots=True)
class Table(Generic[R]):
    rows: list[R]
    lines: list[int]


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def parse_results(text: str, path: str) -> tuple[Table[ResultRow] | None, list[Finding]]:
    """A unit's result table."""
    return parse_table(text, path, ResultRow)


def parse_references(text: str, path: str) -> tuple[Table[ReferenceRow] | None, list[Finding]]:
    """A table of reference values (riket, the kommun, similar kommuner)."""
    return parse_table(text, path, ReferenceRow)


def parse_table(text: str, path: str, model: type[R]) -> tuple[Table[R] | None, list[Finding]]:
    columns_known, required, adapter = _LAYOUTS[model]
    header_line = text.split("\n", 1)[0]
    delimiter = _delimiter(header_line)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):  # pragma: no cover - decode() refuses empty files
        return None, [CSV_RUBRIK.error(path, "Tabellen saknar rubrikrad.", "", 1, 1)]
    columns = [name.strip().casefold() for name in header]
    if not set(columns) & set(columns_known) and any(_NUMBER.match(c.strip()) for c in header):
        return None, [
            CSV_RUBRIK.error(
                path,
                "Tabellen saknar rubrikrad: den första raden är data, inte kolumnernas namn.",
                "Lägg till en rubrikrad överst, t.ex. "
                f"{_HEADER_EXAMPLE[model].replace(',', delimiter)}.",
                1,
                1,
            )
        ]
    findings: list[Finding] = []
    for index, name in enumerate(columns):
        if name not in columns_known:
            findings.append(
                CSV_KOLUMN.error(
                    path,
                    f"Okänd kolumn '{header[index].strip()}'.",
                    did_you_mean(name, columns_known)
                    or f"Kolumnerna är: {', '.join(columns_known)}.",
                    1,
                    None,
                )
            )
    missing = [name for name in required if name not in columns]
    if missing:
        findings.append(
            CSV_KOLUMN.error(
                path,
                f"Kolumn saknas: {listing(missing)}.",
                f"Rubrikraden ska innehålla {', '.join(required)}. Frivilliga kolumner: "
                f"{', '.join(c for c in columns_known if c not in required)}.",
                1,
                1,
            )
        )
    if findings:
        return None, findings

    raw: list[dict[str, Any]] = []
    lines: list[int] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            if len(row) != len(columns):
                findings.append(
                    CSV_RAD.error(
                        path,
                        f"Raden har {len(row)} värden men rubrikraden {len(columns)} kolumner.",
                        f"Kontrollera avgränsaren '{delimiter}' och att text med "
                        f"'{delimiter}' står inom citattecken.",
                        line,
                        None,
                    )
                )
                continue
            cells = {}
            for name, cell in zip(columns, row, strict=True):
                value = cell.strip()
                if not value:
                    continue
                if delimiter != "," and _DECIMAL_COMMA.match(value):
                    value = value.replace(",", ".")
                cells[name] = value
            raw.append(cells)
            lines.append(line)
    except csv.Error as exc:
        findings.append(
            CSV_RAD.error(
                path,
                f"Tabellen går inte att läsa: {exc}.",
                "Kontrollera citattecknen på raden.",
                reader.line_num,
                None,
            )
        )
        return None, findings

    def locate(loc: Loc, key: bool) -> tuple[int | None, int | None]:
        return (lines[loc[0]], None) if loc and isinstance(loc[0], int) else (1, None)

    try:
        rows = adapter.validate_python(raw)
    except ValidationError as exc:
        findings += findings_from(exc, model, path, locate, rows=True)
        return None, findings
    return Table(rows, lines), findings
