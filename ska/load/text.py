"""From bytes to text: size limit, UTF-8 (with or without BOM), CRLF, tabs, emptiness."""

from __future__ import annotations

from ska.checks.reading import (
    CSV_KODNING,
    FIL_KODNING,
    FIL_LASNING,
    FIL_STORLEK,
    FIL_TOM,
    YAML_TABB,
)
from ska.files import MAX_FILE_BYTES, Refused
from ska.findings import Finding

_BOM = b"\xef\xbb\xbf"


def refused(path: str, exc: Refused) -> Finding:
    """The finding for a file `read_inside` refused; it never quotes the file."""
    if exc.too_large:
        return FIL_STORLEK.error(
            path,
            f"Filen {exc.reason}.",
            "Dela upp filen, eller lägg stora bilagor utanför plans/ och units/.",
        )
    return FIL_LASNING.error(
        path,
        f"Filen {exc.reason} och läses inte.",
        "Lägg filen själv i repositoriet i stället för en länk, eller ta bort den.",
    )


def decode(data: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Text with `\\n` line endings, or None with the finding that says why not."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            FIL_STORLEK.error(
                path,
                f"Filen är {len(data) // 1024} KiB, mer än gränsen {MAX_FILE_BYTES // 1024} KiB.",
                "Dela upp filen, eller lägg stora bilagor utanför plans/ och units/.",
            )
        ]
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(data, exc.start, path)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [
            FIL_TOM.error(path, "Filen är tom.", "Fyll i innehållet eller ta bort filen.", 1, 1)
        ]
    return text, []


def decode_spreadsheet(data: bytes) -> tuple[str, str | None]:
    """The text of a table as Excel or a school system saves it: UTF-8 with or without a
    byte order mark, UTF-16 ("Unicode-text"), else Windows-1252 ("CSV
    (semikolonavgränsad)"), else Latin-1, which reads any byte; with the encoding's name
    when it was not UTF-8. `ska validate` and the import read tables with this."""
    data = data.removeprefix(_BOM)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _lines(data.decode("utf-16")), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return _lines(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    try:
        return _lines(data.decode("cp1252")), "Windows-1252"
    except UnicodeDecodeError:
        return _lines(data.decode("latin-1")), "Latin-1"


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_table(data: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """`decode` for a result table: what Excel saves is read as the import reads it."""
    if len(data) > MAX_FILE_BYTES:
        return decode(data, path)
    text, encoding = decode_spreadsheet(data)
    if not text.strip():
        return decode(data, path)
    if encoding is None:
        return text, []
    return text, [
        CSV_KODNING.info(
            path,
            f"Tabellen är inte sparad som UTF-8; den lästes som {encoding} (som Excel sparar).",
            "Kontrollera att å, ä och ö blev rätt. I Excel: Arkiv → Spara som → "
            "CSV UTF-8 (kommaavgränsad).",
        )
    ]


def _not_utf8(data: bytes, position: int, path: str) -> Finding:
    line = data.count(b"\n", 0, position) + 1
    column = position - (data.rfind(b"\n", 0, position) + 1) + 1
    guess = data[position : position + 1].decode("cp1252", errors="replace")
    return FIL_KODNING.error(
        path,
        f"Filen är inte sparad som UTF-8: byte {position} (0x{data[position]:02x}, "
        f"troligen '{guess}' i Windows-1252) går inte att läsa.",
        "Spara filen som UTF-8. I Word: Spara som → Oformaterad text → Unicode (UTF-8); "
        "i Anteckningar: Spara som → Kodning: UTF-8.",
        line,
        column,
    )


def tab_findings(text: str, path: str, first_line: int = 1) -> list[Finding]:
    """A finding for every line whose indentation contains a tab (YAML forbids them)."""
    if "\t" not in text:
        return []
    findings = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            findings.append(
                YAML_TABB.error(
                    path,
                    "Raden är indragen med tabb; YAML tillåter bara mellanslag.",
                    "Byt tabben mot mellanslag (till exempel två per nivå).",
                    number,
                    indent.index("\t") + 1,
                )
            )
    return findings
