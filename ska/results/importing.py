"""Import: a CSV export from a school system or Skolverket into ska's result files.

An import mapping (`plans/import/<namn>.yaml`, see ska.model.mapping) says which source
column becomes which of ska's columns. The import reads the source as exported (a title
line, semicolons, decimal commas, Windows-1252 from Excel), builds and validates ska's
rows, and writes them to `units/<enhet>/<läsår>/resultat/<filnamn>.csv` or
`plans/jämförelser/<filnamn>.csv` in ska's own layout.

Writing is all or nothing: with any error nothing is written. The files are canonical
(ska's column order, comma, decimal point, UTF-8, sorted rows), so importing the same
source again gives the same bytes; rows of a (mått, termin, tillfälle) the import
supplies replace the old ones, other rows of an existing file are kept.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ska.findings import Finding, Severity, error, warning
from ska.load.csvtable import Table, parse_references, parse_results
from ska.load.repository import Repository
from ska.load.schema_errors import findings_from
from ska.load.text import decode
from ska.model import kinds as K
from ska.model.mapping import UNIT_COLUMN, ImportMapping, Target
from ska.model.results import (
    COLUMNS,
    REFERENCE_COLUMNS,
    Gender,
    MeasureKind,
    ReferenceRow,
    ResultRow,
)
from ska.render.files import write_atomic
from ska.suggest import did_you_mean, listing

Row = ResultRow | ReferenceRow

_NUMERIC = frozenset({"antal", "totalt", "värde"})
_ENUMS: dict[str, tuple[str, ...]] = {
    "kön": tuple(g.value for g in Gender),
    "typ": tuple(k.value for k in MeasureKind),
}
# Words for "both genders" common in exports, accepted without a translation.
_ALL_GENDERS = {"totalt": "alla", "samtliga": "alla", "båda könen": "alla", "alla elever": "alla"}
# What a reference is (riket, kommunen) comes first, as people write these tables.
_REFERENCE_ORDER = ("jämförelse", *(c for c in REFERENCE_COLUMNS if c != "jämförelse"))
_GENDER_ORDER = {Gender.GIRLS: 0, Gender.BOYS: 1, Gender.ALL: 2}
_SPACES = "\u00a0\u202f\u2009 "
_DECIMAL_COMMA = re.compile(r"^[-−]?\d+,\d+$")
_GROUPED = re.compile(rf"^[-−]?\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?$")
_BOM = b"\xef\xbb\xbf"
MAX_SOURCE_BYTES = 64 * 1024 * 1024
_TERM_LOOSE = re.compile(r"^(ht|vt)\s*[-/]?\s*(\d{2}|\d{4})$", re.IGNORECASE)


@dataclass
class ImportResult:
    """What an import did: the files written (repository-relative; with a dry run the
    files that would have been written), how many rows were imported and how many
    were skipped as missing or suppressed at the source, and the findings."""

    written: list[str] = field(default_factory=list)
    rows: int = 0
    skipped: int = 0
    findings: list[Finding] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not _errors(self.findings)


def _errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


@dataclass(frozen=True, slots=True)
class _Produced:
    """A validated row, the unit it belongs to (results) and its source line."""

    row: Row
    unit: str | None
    line: int


def _info(rule: str, path: str, message: str, hint: str = "", line: int | None = None) -> Finding:
    return Finding(path, line, None, rule, Severity.INFO, message, hint)


def _rows_word(count: int) -> str:
    return f"{count} rad" if count == 1 else f"{count} rader"


def _shown(root: Path, path: Path) -> str:
    """A path as findings name it: repository-relative when inside, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):
        return str(path)


def _mapping_key(root: Path, mapping_path: str) -> str:
    path = Path(mapping_path)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(root.resolve())
        except (OSError, ValueError):
            return mapping_path
    return unicodedata.normalize("NFC", path.as_posix().removeprefix("./"))


# --- the mapping -------------------------------------------------------------------


def _load_mapping(repo: Repository, key: str) -> tuple[ImportMapping | None, list[Finding]]:
    located = repo.files.get(key)
    placed = [f for f in repo.layout.findings if f.path == key]
    if located is None:
        known = sorted(p for p, loc in repo.files.items() if loc.kind is K.IMPORT_MAPPING)
        if placed:
            return None, placed
        hint = did_you_mean(key, known) or (
            f"Importmappningarna är: {', '.join(known)}."
            if known
            else "Lägg mappningen i plans/import/<namn>.yaml, se docs/import.md."
        )
        return None, [
            error("IMPORT-mappning", key, "Importmappningen finns inte i repositoriet.", hint)
        ]
    if located.kind is not K.IMPORT_MAPPING:
        return None, [
            error(
                "IMPORT-mappning",
                key,
                "Filen är ingen importmappning.",
                "Importmappningar ligger i plans/import/<namn>.yaml.",
            )
        ]
    document = repo.document(key)
    model = document.model
    if not isinstance(model, ImportMapping) or _errors(document.findings):
        return None, document.findings
    return model, list(document.findings)


# --- the source --------------------------------------------------------------------


def _read_source(source: Path, shown: str) -> tuple[str | None, list[Finding]]:
    try:
        data = source.read_bytes()
    except OSError as exc:
        return None, [
            error(
                "IMPORT-källa",
                shown,
                f"Källfilen går inte att läsa: {exc.strerror or exc}.",
                "Kontrollera sökvägen till filen som ska importeras.",
            )
        ]
    if len(data) > MAX_SOURCE_BYTES:
        return None, [
            error(
                "IMPORT-källa",
                shown,
                f"Källfilen är {len(data) // (1024 * 1024)} MiB, mer än gränsen "
                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MiB.",
                "Exportera bara kommunens enheter och de läsår som ska importeras.",
            )
        ]
    notes: list[Finding] = []
    data = data.removeprefix(_BOM)
    try:
        # Excel's "Unicode-text" is UTF-16 with a byte order mark (and tabs).
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        text = data.decode("utf-16") if utf16 else data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's "CSV (semikolonavgränsad)" is Windows-1252; Latin-1 reads any byte.
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        notes.append(
            _info(
                "IMPORT-kodning",
                shown,
                f"Källfilen är inte sparad som UTF-8; den lästes som {encoding} "
                "(som Excel sparar).",
                "Kontrollera att å, ä och ö blev rätt. Spara helst som CSV UTF-8 i Excel.",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error("IMPORT-källa", shown, "Källfilen är tom.", "Exportera filen igen.", 1)]
    return text, notes


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _guess_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


@dataclass
class _Source:
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]
    delimiter: str


def _table(
    text: str, mapping: ImportMapping, shown: str, mapping_path: str
) -> tuple[_Source | None, list[Finding]]:
    skip = mapping.skip_header_lines
    lines = text.split("\n", skip)
    if len(lines) <= skip or not lines[skip].strip():
        return None, [
            error(
                "IMPORT-kolumn",
                shown,
                f"Källfilen har ingen rubrikrad efter de {skip} rader som hoppas över.",
                f"Kontrollera hoppa_över_rader i {mapping_path}.",
                skip + 1 if len(lines) > skip else None,
            )
        ]
    body = lines[skip]
    delimiter = mapping.delimiter or _guess_delimiter(body.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        header_line = skip + reader.line_num
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((skip + reader.line_num, row))
    except csv.Error as exc:
        return None, [
            error(
                "IMPORT-rad",
                shown,
                f"Källfilen går inte att läsa: {exc}.",
                "Kontrollera citattecknen på raden.",
                skip + reader.line_num,
            )
        ]
    return _Source(header, header_line, rows, delimiter), []


def _columns(
    source: _Source, mapping: ImportMapping, shown: str, mapping_path: str
) -> tuple[dict[str, int], list[Finding]]:
    """For each of ska's columns from the source, the index of its source column."""
    index: dict[str, int] = {}
    for position, name in enumerate(source.header):
        index.setdefault(_fold(name), position)
    headers = [name.strip() for name in source.header if name.strip()]
    found: dict[str, int] = {}
    findings: list[Finding] = []
    for column, header in mapping.columns.items():
        at = index.get(_fold(header))
        if at is not None:
            found[column] = at
            continue
        suggestion = did_you_mean(header, headers)
        findings.append(
            error(
                "IMPORT-kolumn",
                shown,
                f"Kolumnen '{header}' (för {column} i {mapping_path}) finns inte i källfilen.",
                (suggestion + " " if suggestion else "")
                + f"Källans kolumner är: {', '.join(headers) or '(inga)'}."
                + (
                    f" Avgränsaren är '{source.delimiter}'; stämmer den?"
                    if len(headers) <= 1
                    else ""
                ),
                source.header_line,
            )
        )
    return found, findings


# --- building rows -----------------------------------------------------------------


def _number(cell: str) -> str:
    text = cell.removesuffix("%").strip().replace("−", "-")
    if _GROUPED.match(text):
        text = "".join(c for c in text if c not in _SPACES)
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    return text


def _translate(column: str, cell: str, mapping: ImportMapping) -> str:
    table = mapping.values.get(column)
    if table:
        if cell in table:
            return table[cell]
        folded = {_fold(k): v for k, v in table.items()}
        if _fold(cell) in folded:
            return folded[_fold(cell)]
    if column in _NUMERIC:
        return _number(cell)
    if column in _ENUMS:
        folded_cell = _fold(cell)
        for value in _ENUMS[column]:
            if folded_cell == value:
                return value
        if column == "kön" and folded_cell in _ALL_GENDERS:
            return _ALL_GENDERS[folded_cell]
    if column == "termin":
        loose = _TERM_LOOSE.match(cell)
        if loose:
            year = int(loose[2])
            return f"{loose[1].lower()}{year + 2000 if year < 100 else year}"
    return cell


@dataclass
class _Units:
    """A unit named by its id, its name (any case) or its skolenhetskod."""

    by_key: dict[str, str]
    names: list[str]  # what a misspelt unit may have meant
    shown: list[str]  # the units as a hint lists them

    @classmethod
    def of(cls, repo: Repository) -> _Units:
        by_key: dict[str, str] = {}
        names: list[str] = []
        shown: list[str] = []
        for unit_id in repo.unit_ids:
            by_key.setdefault(_fold(unit_id), unit_id)
            unit = repo.unit(unit_id)
            if unit is None:
                names.append(unit_id)
                shown.append(unit_id)
                continue
            names += [unit.name, unit_id]
            by_key.setdefault(_fold(unit.name), unit_id)
            if unit.code:
                names.append(unit.code)
                by_key.setdefault(unit.code, unit_id)
            shown.append(f"{unit.name} ({unit.code or unit_id})")
        return cls(by_key, names, shown)

    def resolve(self, value: str) -> str | None:
        return self.by_key.get(_fold(value))


def _row_findings(
    exc: ValidationError, model: type[Row], shown: str, line: int, mapping_path: str
) -> list[Finding]:
    located = findings_from(exc, model, shown, lambda loc, key: (line, None))
    out = []
    for err, finding in zip(exc.errors(include_url=False), located, strict=True):
        message, hint = finding.message, finding.hint
        if err["type"] == "missing":
            column = str(err["loc"][-1])
            message = f"Värdet för {column} saknas på raden."
            hint = (
                f"Fyll i källans kolumn för {column}, eller mappa den under kolumner "
                f"eller fasta i {mapping_path}."
            )
        elif finding.rule == "SCHEMA-värde" and "tillåtet värde" in message:
            hint = f"{hint} Översätt källans värde under värden i {mapping_path}."
        out.append(dataclasses.replace(finding, rule="IMPORT-rad", message=message, hint=hint))
    return out


def _key(produced: _Produced) -> tuple[str, ...]:
    row = produced.row
    owner = produced.unit if isinstance(row, ResultRow) else row.reference
    grade = "" if row.grade is None else str(row.grade)
    return (
        owner or "",
        row.measure,
        str(row.term),
        row.occasion or "",
        row.subject or "",
        grade,
        row.group,
        row.gender.value,
    )


def _build(
    source: _Source,
    found: dict[str, int],
    mapping: ImportMapping,
    repo: Repository,
    shown: str,
    mapping_path: str,
) -> tuple[list[_Produced], int, list[Finding]]:
    model: type[Row] = ReferenceRow if mapping.target is Target.REFERENCES else ResultRow
    units = _Units.of(repo) if mapping.target is Target.RESULTS else None
    missing = {value.strip() for value in mapping.missing}
    produced: list[_Produced] = []
    findings: list[Finding] = []
    suppressed = 0
    suppressed_by: set[str] = set()
    unknown: dict[str, list[int]] = defaultdict(list)
    seen: dict[tuple[str, ...], int] = {}
    width = len(source.header)
    for line, cells in source.rows:
        if len(cells) < width and any(p >= len(cells) for p in found.values()):
            findings.append(
                error(
                    "IMPORT-rad",
                    shown,
                    f"Raden har {len(cells)} värden men rubrikraden {width} kolumner.",
                    f"Kontrollera avgränsaren '{source.delimiter}', att text med "
                    f"'{source.delimiter}' står inom citattecken, och ta bort rader som "
                    "inte hör till tabellen (t.ex. fotnoter).",
                    line,
                )
            )
            continue
        raw = {column: cells[position].strip() for column, position in found.items()}
        hidden = {value for value in raw.values() if value in missing}
        if hidden:
            suppressed += 1
            suppressed_by |= hidden
            continue
        data: dict[str, Any] = dict(mapping.fixed)
        for column, cell in raw.items():
            if cell:
                data[column] = _translate(column, cell, mapping)
        unit: str | None = None
        if units is not None:
            named = str(data.pop(UNIT_COLUMN, ""))
            unit = units.resolve(named)
            if unit is None:
                unknown[named].append(line)
                continue
        try:
            row = model.model_validate(data)
        except ValidationError as exc:
            findings += _row_findings(exc, model, shown, line, mapping_path)
            continue
        item = _Produced(row, unit, line)
        key = _key(item)
        if key in seen:
            findings.append(
                error(
                    "IMPORT-rad",
                    shown,
                    f"Raden ger samma resultat som rad {seen[key]} "
                    "(samma enhet, mått, termin, tillfälle, ämne, årskurs, grupp och kön).",
                    "Ta bort den ena raden, eller mappa den kolumn som skiljer dem åt "
                    f"(t.ex. ämne eller årskurs) i {mapping_path}.",
                    line,
                )
            )
            continue
        seen[key] = line
        produced.append(item)
    for named, at in unknown.items():
        hint = did_you_mean(named, units.names) if named and units else ""
        on = f" ({_rows_word(len(at))})" if len(at) > 1 else ""
        message = (
            f"Enheten '{named}' finns inte i repositoriet{on}."
            if named
            else f"Raden säger inte vilken enhet den gäller{on}."
        )
        findings.append(
            error(
                "IMPORT-enhet",
                shown,
                message,
                (hint + " " if hint else "")
                + "Ange enhetens id, namn eller skolenhetskod; enheterna är: "
                + listing(units.shown if units else [], limit=20)
                + ".",
                at[0],
            )
        )
    if suppressed:
        findings.append(
            _info(
                "IMPORT-skyddad",
                shown,
                f"{_rows_word(suppressed).capitalize()} hoppades över eftersom uppgiften "
                "saknas eller är skyddad i källan ("
                + ", ".join(f"'{v}'" for v in sorted(suppressed_by))
                + ").",
                "Skyddade uppgifter (för få elever) går inte att importera; de saknas "
                "också i resultatet.",
            )
        )
    return produced, suppressed, findings


# --- writing -----------------------------------------------------------------------


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
    jämförelse first in a table of references),
    comma, decimal point, `\\n`, sorted by mått, termin, tillfälle, ämne, årskurs,
    grupp and kön (flickor, pojkar, alla)."""
    if not rows:
        return ""
    order = _REFERENCE_ORDER if isinstance(rows[0], ReferenceRow) else COLUMNS
    cells = [_cells(row) for row in sorted(rows, key=_sort_key)]
    used = [c for c in order if any(row[c] for row in cells)]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=",", lineterminator="\n")
    writer.writerow(used)
    for row in cells:
        writer.writerow([row[c] for c in used])
    return out.getvalue()


def _slot(row: Row) -> tuple[str, str, str]:
    return (row.measure, str(row.term), row.occasion or "")


def _merged(
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
                error("IMPORT-fil", path, f"Filen går inte att läsa: {exc.strerror or exc}.")
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
                error(
                    "IMPORT-fil",
                    path,
                    "Den befintliga filen går inte att läsa, så importen kan inte slå "
                    "ihop raderna med den.",
                    "Rätta filen (se felen ovan) eller ta bort den och importera igen.",
                ),
            ]
        slots = {_slot(row) for row in rows}
        kept = [row for row in table.rows if _slot(row) not in slots]
    return render_rows([*kept, *rows]), []


def _targets(produced: list[_Produced], mapping: ImportMapping) -> dict[str, list[Row]]:
    by_path: dict[str, list[Row]] = defaultdict(list)
    name = f"{mapping.file_name}.csv"
    for item in produced:
        if item.unit is None:
            path = f"plans/jämförelser/{name}"
        else:
            folder = item.row.term.school_year.folder
            path = f"units/{item.unit}/{folder}/resultat/{name}"
        by_path[path].append(item.row)
    return dict(sorted(by_path.items()))


# --- the import --------------------------------------------------------------------


def import_results(
    root: Path, mapping_path: str, source: Path, dry_run: bool = False
) -> ImportResult:
    """Import `source` with the mapping at `mapping_path` (relative to `root`, e.g.
    `plans/import/betyg.yaml`) into the repository at `root`.

    Nothing is written when any finding is an error, or with `dry_run`; `written` then
    lists the files the import would write (with `dry_run`) or nothing (with errors).
    """
    result = ImportResult(dry_run=dry_run)
    _import(result, root, mapping_path, source)
    result.findings.sort(key=Finding.sort_key)
    return result


def _import(result: ImportResult, root: Path, mapping_path: str, source: Path) -> None:
    repo = Repository(root)
    key = _mapping_key(root, mapping_path)
    mapping, problems = _load_mapping(repo, key)
    result.findings += problems
    if mapping is None:
        return

    shown = _shown(root, source)
    text, problems = _read_source(source, shown)
    result.findings += problems
    if text is None:
        return
    table, problems = _table(text, mapping, shown, key)
    result.findings += problems
    if table is None:
        return
    found, problems = _columns(table, mapping, shown, key)
    result.findings += problems
    if problems:
        return

    produced, result.skipped, problems = _build(table, found, mapping, repo, shown, key)
    result.findings += problems
    result.rows = len(produced)
    if _errors(result.findings):
        return
    if not produced:
        result.findings.append(
            warning(
                "IMPORT-rad",
                shown,
                "Källfilen har inga rader att importera; inget skrevs.",
                "Kontrollera att filen är exporten du menade och att hoppa_över_rader "
                f"i {key} stämmer.",
            )
        )
        return

    model: type[Row] = ReferenceRow if mapping.target is Target.REFERENCES else ResultRow
    texts: dict[str, str] = {}
    for path, rows in _targets(produced, mapping).items():
        merged, problems = _merged(root, path, rows, model)
        result.findings += problems
        if merged is not None:
            texts[path] = merged
    if _errors(result.findings):
        return
    if result.dry_run:
        result.written = list(texts)
        return
    for path, content in texts.items():
        target = root / path
        raw = content.encode("utf-8")
        try:
            if not (target.is_file() and target.read_bytes() == raw):
                write_atomic(target, raw)
        except OSError as exc:
            result.findings.append(
                error("IMPORT-fil", path, f"Filen går inte att skriva: {exc.strerror or exc}.")
            )
            continue
        result.written.append(path)
