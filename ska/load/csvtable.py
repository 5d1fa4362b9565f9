"""Result tables in CSV, as exported from Excel or a school platform.

Comma, semicolon and tab separators are accepted (Swedish Excel writes `;` and a
decimal comma); column names are matched without regard to case, and each row keeps
its line number for findings.

Formulas: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
would run as a formula when the file is opened in Excel or LibreOffice (OWASP: CSV
injection). Every CSV ska writes has such a cell prefixed with `'`, which spreadsheets
take as "this is text" (`neutralise`); numbers such as `-2` or `-3,5` are left as they
are. Reading, a `'` before such a start is taken away again (`restore`), so a cell
written as `'=SUMMA(A1)` reads as the text `=SUMMA(A1)` and a file ska wrote reads back
as the rows it was written from.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
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
    Gender,
    MeasureKind,
    ReferenceRow,
    ResultRow,
)
from ska.suggest import did_you_mean, listing

R = TypeVar("R", ResultRow, ReferenceRow)

# What makes a spreadsheet read a cell as a formula, and the mark that makes it text.
FORMULA_START = frozenset("=+-@\t\r")
TEXT_MARK = "'"
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?$")


def neutralise(cell: str) -> str:
    """The cell as ska writes it to a CSV file: a text a spreadsheet would run as a
    formula gets a leading `'`, and so does a text that already starts with `'` before
    such a start (so that `restore` gives it back exactly). Numbers stay as they are."""
    bare = cell.lstrip(TEXT_MARK)
    if bare[:1] in FORMULA_START and not _NUMBER.match(cell):
        return TEXT_MARK + cell
    return cell


def restore(cell: str) -> str:
    """The text of a cell as read: the inverse of `neutralise`."""
    if cell[:1] == TEXT_MARK and cell[1:].lstrip(TEXT_MARK)[:1] in FORMULA_START:
        return cell[1:]
    return cell


# What Excel and school systems write, read the same way by `ska validate` and the import.
NUMERIC = frozenset({"antal", "totalt", "värde"})
_ENUMS: dict[str, tuple[str, ...]] = {
    "kön": tuple(g.value for g in Gender),
    "typ": tuple(k.value for k in MeasureKind),
}
# Words for "both genders" common in exports.
_ALL_GENDERS = {"totalt": "alla", "samtliga": "alla", "båda könen": "alla", "alla elever": "alla"}
_SPACES = "\u00a0\u202f\u2009 "
_ANY_DECIMAL_COMMA = re.compile(r"^[-−]?\d+,\d+$")
_GROUPED = re.compile(rf"^[-−]?\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?$")
_TERM_LOOSE = re.compile(r"^(ht|vt)\s*[-/]?\s*(\d{2}|\d{4})$", re.IGNORECASE)


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def number(cell: str) -> str:
    """`82,5`, `118 352`, `96,2 %` and `−3` as ska writes numbers: `82.5`, `118352`."""
    text = cell.removesuffix("%").strip().replace("−", "-")
    if text.isdigit() or text.isalpha():  # nothing to change: most cells
        return text
    if _GROUPED.match(text):
        text = "".join(c for c in text if c not in _SPACES)
    if _ANY_DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    return text


def _as_read(cell: str) -> str:
    return cell


def converter(column: str) -> Callable[[str], str]:
    """`cell_value` for one column, chosen once for a whole table."""
    if column in NUMERIC:
        return number
    if column in _ENUMS or column == "termin":
        return lambda cell: cell_value(column, cell)
    return _as_read


def cell_value(column: str, cell: str) -> str:
    """A cell as ska reads it: numbers with a decimal comma or spaces between thousands,
    `Flickor` and `Totalt` for kön, `VT 2026` and `Vt-26` for a termin, any case for typ."""
    if column in NUMERIC:
        return number(cell)
    if column in _ENUMS:
        folded = fold(cell)
        for value in _ENUMS[column]:
            if folded == value:
                return value
        if column == "kön" and folded in _ALL_GENDERS:
            return _ALL_GENDERS[folded]
    if column == "termin":
        loose = _TERM_LOOSE.match(cell.strip())
        if loose:
            year = int(loose[2])
            return f"{loose[1].lower()}{year + 2000 if year < 100 else year}"
    return cell


_DATA_CELL = re.compile(r"^-?\d+(?:[.,]\d+)?$")  # a header row has no numbers
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
    columns = [restore(name.strip()).casefold() for name in header]
    if not set(columns) & set(columns_known) and any(_DATA_CELL.match(c.strip()) for c in header):
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
    converters = [converter(name) for name in columns]
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
                        f"'{delimiter}' står inom citattecken. I Excel: Arkiv → Spara som → "
                        "CSV UTF-8 (kommaavgränsad) skriver citattecknen rätt.",
                        line,
                        None,
                    )
                )
                continue
            cells = {}
            for name, convert, cell in zip(columns, converters, row, strict=True):
                value = cell.strip()
                if value[:1] == TEXT_MARK:
                    value = restore(value)
                if not value:
                    continue
                cells[name] = convert(value)
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
    _share_fields_set(rows)
    return Table(rows, lines), findings


def _share_fields_set(rows: list[Any]) -> None:
    """Let rows that name the same columns share one set of them.

    Pydantic gives every model its own set of the fields that were given (about 450
    bytes); a city's 250,000 result rows name one of a handful of column sets. The
    models are frozen and ska never changes such a set, so sharing changes nothing but
    the memory (about a tenth of a cold `ska validate` at 1,000 units).
    """
    if not rows or not type(rows[0]).model_config.get("frozen"):
        return
    shared: dict[frozenset[str], set[str]] = {}
    for row in rows:
        given = row.__pydantic_fields_set__
        object.__setattr__(
            row, "__pydantic_fields_set__", shared.setdefault(frozenset(given), given)
        )
