"""Reading a CSV export from a school system or Skolverket, as it comes: a title line,
semicolons or tabs, UTF-8 with or without a byte order mark, UTF-16 ("Unicode-text")
or Windows-1252 from Excel. A `'` that marks a would-be formula as text is read as
ska's own files are (ska.load.csvtable.restore). Used by ska.results.importing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ska.checks.commands import IMPORT_KALLA, IMPORT_KODNING, IMPORT_KOLUMN, IMPORT_RAD
from ska.findings import Finding
from ska.load.csvtable import restore
from ska.load.text import decode_spreadsheet
from ska.model.mapping import ImportMapping
from ska.suggest import did_you_mean

MAX_SOURCE_BYTES = 64 * 1024 * 1024


def read_export(source: Path, shown: str) -> tuple[str | None, list[Finding]]:
    try:
        data = source.read_bytes()
    except OSError as exc:
        return None, [
            IMPORT_KALLA.error(
                shown,
                f"Källfilen går inte att läsa: {exc.strerror or exc}.",
                "Kontrollera sökvägen till filen som ska importeras.",
            )
        ]
    if len(data) > MAX_SOURCE_BYTES:
        return None, [
            IMPORT_KALLA.error(
                shown,
                f"Källfilen är {len(data) // (1024 * 1024)} MiB, mer än gränsen "
                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MiB.",
                "Exportera bara kommunens enheter och de läsår som ska importeras.",
            )
        ]
    notes: list[Finding] = []
    text, encoding = decode_spreadsheet(data)
    if encoding is not None and encoding != "UTF-16":
        notes.append(
            IMPORT_KODNING.info(
                shown,
                f"Källfilen är inte sparad som UTF-8; den lästes som {encoding} "
                "(som Excel sparar).",
                "Kontrollera att å, ä och ö blev rätt. Spara helst som CSV UTF-8 i Excel.",
            )
        )
    if not text.strip():
        return None, [IMPORT_KALLA.error(shown, "Källfilen är tom.", "Exportera filen igen.", 1)]
    return text, notes


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _guess_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


@dataclass
class Export:
    """A source export: its header, where it stands, its rows with their lines."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]
    delimiter: str


def export_table(
    text: str, mapping: ImportMapping, shown: str, mapping_path: str
) -> tuple[Export | None, list[Finding]]:
    skip = mapping.skip_header_lines
    lines = text.split("\n", skip)
    if len(lines) <= skip or not lines[skip].strip():
        return None, [
            IMPORT_KOLUMN.error(
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
        header = [restore(cell.strip()) for cell in next(reader)]
        header_line = skip + reader.line_num
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((skip + reader.line_num, [restore(cell.strip()) for cell in row]))
    except csv.Error as exc:
        return None, [
            IMPORT_RAD.error(
                shown,
                f"Källfilen går inte att läsa: {exc}.",
                "Kontrollera citattecknen på raden.",
                skip + reader.line_num,
            )
        ]
    return Export(header, header_line, rows, delimiter), []


def export_columns(
    source: Export, mapping: ImportMapping, shown: str, mapping_path: str
) -> tuple[dict[str, int], list[Finding]]:
    """For each of ska's columns from the source, the index of its source column."""
    index: dict[str, int] = {}
    for position, name in enumerate(source.header):
        index.setdefault(fold(name), position)
    headers = [name.strip() for name in source.header if name.strip()]
    found: dict[str, int] = {}
    findings: list[Finding] = []
    for column, header in mapping.columns.items():
        at = index.get(fold(header))
        if at is not None:
            found[column] = at
            continue
        suggestion = did_you_mean(header, headers)
        findings.append(
            IMPORT_KOLUMN.error(
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
