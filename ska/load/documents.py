"""Load one discovered file into its model, collecting every finding on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ska import placeholders
from ska.checks.reading import FIL_LASNING, MD_FRONTMATTER
from ska.checks.structure import (
    MALL_PLATSHALLARE,
    MD_AVSNITT_DUBBLETT,
    MD_AVSNITT_SAKNAS,
    MD_RUBRIK,
)
from ska.files import Refused, read_inside
from ska.findings import Finding
from ska.load import links, wordchars
from ska.load.csvtable import parse_references, parse_results
from ska.load.discovery import Located
from ska.load.markdown import sections, split_front_matter
from ska.load.schema_errors import findings_from
from ska.load.text import decode, decode_table, refused, tab_findings
from ska.load.yamlfast import Positions, parse_yaml
from ska.model import kinds as K
from ska.model.control import ComplaintsRoutine
from ska.model.report import (
    ORGANISER_REQUIRED,
    SECTIONS,
    UNIT_REQUIRED,
    Report,
    ReportMeta,
    Section,
)
from ska.suggest import closest


@dataclass(frozen=True, slots=True)
class Routine:
    """The complaints routine: its front matter and its written text."""

    meta: ComplaintsRoutine
    body: str


@dataclass
class Document:
    """A file, its model (None when it could not be read) and where its values stand."""

    located: Located
    model: Any = None
    positions: Positions | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.located.path

    def at(self, loc: tuple[str | int, ...], key: bool = False) -> tuple[int | None, int | None]:
        if self.positions is None:
            return None, None
        return self.positions.at(loc, key)


def load_document(root: Path, located: Located) -> Document:
    doc = Document(located)
    try:
        data = read_inside(root, located.disk_path)
    except Refused as exc:
        doc.findings.append(refused(located.path, exc))
        return doc
    except OSError as exc:
        doc.findings.append(
            FIL_LASNING.error(located.path, f"Filen går inte att läsa: {exc.strerror}.")
        )
        return doc
    kind = located.kind
    read = decode_table if kind.format is K.Format.CSV else decode
    text, problems = read(data, located.path)
    doc.findings += problems
    if text is None:
        return doc
    if kind.format in (K.Format.YAML, K.Format.MARKDOWN):
        doc.findings += placeholder_findings(located.path, text)
    if kind.format is K.Format.YAML:
        _load_yaml(doc, text, kind.model)
    elif kind.format is K.Format.MARKDOWN:
        _load_markdown(doc, text, root)
    else:
        parse = parse_references if kind is K.REFERENCES else parse_results
        table, problems = parse(text, located.path)
        doc.findings += problems
        doc.model = table
    return doc


def _validate(
    doc: Document, text: str, model: type[BaseModel], line_offset: int = 0
) -> BaseModel | None:
    tabs = tab_findings(text, doc.path, 1 + line_offset)
    odd = wordchars.findings(text, doc.path, 1 + line_offset)
    doc.findings += odd
    if tabs or wordchars.breaks_structure(text):
        doc.findings += tabs
        return None  # a syntax error would point elsewhere; the findings say what to change
    parsed, problems = parse_yaml(text, doc.path, line_offset)
    doc.findings += problems
    if parsed is None:
        return None
    doc.positions = parsed.positions
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        # a value YAML could not read has its own finding; the schema would say it again
        unreadable = {(f.line, f.column) for f in problems if f.rule == "YAML-värde"}
        doc.findings += [
            f
            for f in findings_from(exc, model, doc.path, parsed.positions.at, data=parsed.data)
            if (f.line, f.column) not in unreadable
        ]
        return None


def placeholder_findings(path: str, text: str) -> list[Finding]:
    """An error for each placeholder from ska init or ska ny still in the file; YAML
    comments are left alone, they are never published."""
    found = []
    yaml = path.endswith((".yaml", ".yml"))
    for item in placeholders.find(text):
        if yaml and text.splitlines()[item.line - 1].lstrip().startswith("#"):
            continue
        found.append(
            MALL_PLATSHALLARE.error(
                path,
                f"Platshållaren {item.text} är inte ifylld.",
                "Skriv det som ska stå här i stället för platshållaren.",
                item.line,
                item.column,
            )
        )
    return found


def _load_yaml(doc: Document, text: str, model: type[BaseModel]) -> None:
    doc.model = _validate(doc, text, model)


def _load_markdown(doc: Document, text: str, root: Path) -> None:
    split, problems = split_front_matter(text, doc.path)
    doc.findings += problems
    if split is None:
        return
    kind = doc.located.kind
    if not split.front_matter.strip():
        doc.findings.append(
            MD_FRONTMATTER.error(
                doc.path,
                "Metadata överst (front matter) är tom.",
                "Fyll i nycklarna mellan ----raderna, t.ex. ansvarig: och datum:.",
                1,
                1,
            )
        )
        return
    meta = _validate(doc, split.front_matter, kind.model, split.front_matter_line - 1)
    doc.findings += links.findings(root, doc.path, split.body, split.body_line)
    if kind is K.COMPLAINTS:
        if isinstance(meta, ComplaintsRoutine):
            doc.model = Routine(meta, split.body.strip())
        return
    parts = sections(split.body, split.body_line)
    required = ORGANISER_REQUIRED if kind is K.ORGANISER_REPORT else UNIT_REQUIRED
    doc.findings += _section_findings(doc.path, parts, required, split.body_line)
    if isinstance(meta, ReportMeta):
        doc.model = Report(meta, parts)


def _resembles(heading: str, names: tuple[str, ...]) -> bool:
    """Whether a heading that is no section was meant as one of `names`: a misspelling
    (`Analsy`) or the name with more words (`Analys och slutsatser`)."""
    words = " ".join(heading.casefold().split())
    return closest(heading, names) is not None or any(
        words.startswith(name.casefold() + " ") for name in names
    )


def _section_findings(
    path: str, parts: tuple[Section, ...], required: tuple[str, ...], body_line: int
) -> list[Finding]:
    findings = []
    seen: dict[str, int] = {}
    by_key = {spec.key: spec for spec in SECTIONS}
    unknown = [part for part in parts if part.key is None]
    present = {part.key for part in parts if part.key is not None}
    # A required section that is missing, and the heading that was meant as it
    meant: dict[str, Section] = {}
    for key in required:
        if key in present:
            continue
        near = next((p for p in unknown if _resembles(p.heading, by_key[key].headings)), None)
        if near is not None and near not in meant.values():
            meant[key] = near
    known = [h for spec in SECTIONS for h in spec.headings]
    for part in parts:
        if part.key is None:
            if part in meant.values():
                continue  # said once, with the missing section
            guess = closest(part.heading, known)
            if guess is not None:
                findings.append(
                    MD_RUBRIK.warning(
                        path,
                        f"Rubriken '{part.heading}' liknar avsnittet '{guess}' men "
                        "känns inte igen.",
                        f"Menade du '## {guess}'?",
                        part.line,
                        1,
                    )
                )
            continue
        if part.key in seen:
            findings.append(
                MD_AVSNITT_DUBBLETT.warning(
                    path,
                    f"Avsnittet '{part.heading}' finns redan på rad {seen[part.key]}.",
                    "Samla texten under en rubrik.",
                    part.line,
                    1,
                )
            )
        seen.setdefault(part.key, part.line)
    for key in required:
        if key not in seen:
            heading = by_key[key].heading
            near = meant.get(key)
            if near is not None:
                findings.append(
                    MD_AVSNITT_SAKNAS.error(
                        path,
                        f"Rapporten saknar avsnittet '{heading}': rubriken "
                        f"'{near.heading}' räknas inte som det.",
                        f"Skriv rubriken som '## {heading}'. Vill du ha kvar resten av "
                        "rubriken kan den stå som en underrubrik (###) under den.",
                        near.line,
                        1,
                    )
                )
                continue
            findings.append(
                MD_AVSNITT_SAKNAS.error(
                    path,
                    f"Rapporten saknar avsnittet '{heading}'.",
                    f"Lägg till rubriken '## {heading}' följd av texten.",
                    body_line,
                    1,
                )
            )
    return findings
