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

import dataclasses
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ska.checks.commands import (
    IMPORT_ENHET,
    IMPORT_FIL,
    IMPORT_MAPPNING,
    IMPORT_RAD,
    IMPORT_SKYDDAD,
)
from ska.checks.structure import SCHEMA_VARDE
from ska.files import write_atomic
from ska.findings import Finding, Severity
from ska.load.csvtable import cell_value
from ska.load.repository import Repository
from ska.load.schema_errors import findings_from
from ska.model import kinds as K
from ska.model.mapping import UNIT_COLUMN, ImportMapping, Target
from ska.model.results import (
    ReferenceRow,
    ResultRow,
)
from ska.results.exports import Export, export_columns, export_table, fold, read_export
from ska.results.resultfiles import Row, merged
from ska.suggest import did_you_mean, listing


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
            IMPORT_MAPPNING.error(key, "Importmappningen finns inte i repositoriet.", hint)
        ]
    if located.kind is not K.IMPORT_MAPPING:
        return None, [
            IMPORT_MAPPNING.error(
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


# --- building rows -----------------------------------------------------------------


def _translate(column: str, cell: str, mapping: ImportMapping) -> str:
    """The mapping's translation of a cell, or the cell as `ska validate` reads it."""
    table = mapping.values.get(column)
    if table:
        if cell in table:
            return table[cell]
        folded = {fold(k): v for k, v in table.items()}
        if fold(cell) in folded:
            return folded[fold(cell)]
    return cell_value(column, cell)


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
            by_key.setdefault(fold(unit_id), unit_id)
            unit = repo.unit(unit_id)
            if unit is None:
                names.append(unit_id)
                shown.append(unit_id)
                continue
            names += [unit.name, unit_id]
            by_key.setdefault(fold(unit.name), unit_id)
            if unit.code:
                names.append(unit.code)
                by_key.setdefault(unit.code, unit_id)
            shown.append(f"{unit.name} ({unit.code or unit_id})")
        return cls(by_key, names, shown)

    def resolve(self, value: str) -> str | None:
        return self.by_key.get(fold(value))


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
        elif finding.rule == SCHEMA_VARDE.id and "tillåtet värde" in message:
            hint = f"{hint} Översätt källans värde under värden i {mapping_path}."
        out.append(dataclasses.replace(finding, rule=IMPORT_RAD.id, message=message, hint=hint))
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
    source: Export,
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
                IMPORT_RAD.error(
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
                IMPORT_RAD.error(
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
            IMPORT_ENHET.error(
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
            IMPORT_SKYDDAD.info(
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


def _targets(produced: list[_Produced], mapping: ImportMapping) -> dict[str, list[Row]]:
    by_path: dict[str, list[Row]] = defaultdict(list)
    name = mapping.file_name
    for item in produced:
        if item.unit is None:
            path = K.REFERENCES.path(name=name)
        else:
            year = item.row.term.school_year
            path = K.RESULTS.path(unit=item.unit, year=year, name=name)
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
    text, problems = read_export(source, shown)
    result.findings += problems
    if text is None:
        return
    table, problems = export_table(text, mapping, shown, key)
    result.findings += problems
    if table is None:
        return
    found, problems = export_columns(table, mapping, shown, key)
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
            IMPORT_RAD.warning(
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
        text, problems = merged(root, path, rows, model)
        result.findings += problems
        if text is not None:
            texts[path] = text
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
                IMPORT_FIL.error(path, f"Filen går inte att skriva: {exc.strerror or exc}.")
            )
            continue
        result.written.append(path)
