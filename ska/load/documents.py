"""Load one discovered file into its model, collecting every finding on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, create_model
from pydantic_core import ErrorDetails

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
from ska.load.schema_errors import findings_for, findings_from
from ska.load.text import decode, decode_table, refused, tab_findings
from ska.load.yamlfast import Positions, parse_yaml
from ska.model import kinds as K
from ska.model.control import ComplaintsRoutine
from ska.model.gaps import Gap, Reason, is_marker
from ska.model.headings import DEFAULT, Headings
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


def load_document(root: Path, located: Located, headings: Headings | None = None) -> Document:
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
    read = decode_table if kind.format is K.FileFormat.CSV else decode
    text, problems = read(data, located.path)
    doc.findings += problems
    if text is None:
        return doc
    if kind.format in (K.FileFormat.YAML, K.FileFormat.MARKDOWN):
        doc.findings += placeholder_findings(located.path, text)
    if kind.format is K.FileFormat.YAML:
        _load_yaml(doc, text, kind.model)
    elif kind.format is K.FileFormat.MARKDOWN:
        _load_markdown(doc, text, root, headings or DEFAULT)
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
    odds = wordchars.scan(text, 1 + line_offset)
    doc.findings += wordchars.findings_of(odds, doc.path)
    if tabs or wordchars.breaks(odds):
        doc.findings += tabs
        return None  # a syntax error would point elsewhere; the findings say what to change
    parsed, problems = parse_yaml(text, doc.path, line_offset)
    doc.findings += problems
    if parsed is None:
        return None
    doc.positions = parsed.positions
    data = parsed.data
    stated = {k for k, v in data.items() if is_marker(v)} if isinstance(data, dict) else set()
    try:
        validated = model.model_validate(data)
        if not stated:
            return validated
        errors: list[ErrorDetails] = []
    except ValidationError as exc:
        if not isinstance(data, dict):
            doc.findings += _readable(
                findings_from(exc, model, doc.path, parsed.positions.at, data=data), problems
            )
            return None
        errors = exc.errors(include_url=False)
    plan_keys = K.PLAN_KEYS if doc.located.kind is K.ORGANISER else frozenset()
    partial, reported = salvage(model, data, errors, doc.path, plan_keys, stated)
    found = findings_for(reported, model, doc.path, parsed.positions.at, data=data)
    doc.findings += _readable(found, problems)
    return partial


def _readable(found: list[Finding], problems: list[Finding]) -> list[Finding]:
    """Schema findings but those at a value YAML could not read, which has its own."""
    unreadable = {(f.line, f.column) for f in problems if f.rule == "YAML-värde"}
    return [f for f in found if (f.line, f.column) not in unreadable]


def salvage(
    model: type[BaseModel],
    data: dict[str, Any],
    errors: list[ErrorDetails],
    path: str,
    plan_keys: frozenset[str] = frozenset(),
    stated: set[str] | None = None,
) -> tuple[BaseModel | None, list[ErrorDetails]]:
    """The valid part of a document that failed its schema, and the errors to report.

    Each top-level value that is valid is kept; the others become gaps (see
    ska.model.gaps): `ej angivet` is not stated, a required key that is not there is
    absent (no schema error: the rule that needs the value judges it), a value that
    failed is broken (reported). With `plan_keys` (huvudman.yaml), a file without the
    plan's keys holds only the rest of the huvudman's data: those parts are outside
    the repository, not missing. None when the document as a whole is not valid.
    """
    fields = {(info.alias or name): name for name, info in model.model_fields.items()}
    gaps: dict[str, Reason] = {k: Reason.NOT_STATED for k in stated or () if k in fields}
    items: dict[str, set[int]] = {}  # broken items of a list, by the list's key
    reported: list[ErrorDetails] = []
    for err in errors:
        loc = err["loc"]
        top = loc[0] if loc else None
        if top in gaps and gaps[top] is Reason.NOT_STATED:
            continue
        if _in_list(data, loc) and isinstance(top, str) and top in fields:
            items.setdefault(top, set()).add(int(loc[1]))
            reported.append(err)
            continue
        if not isinstance(top, str) or top not in fields:
            if err["type"] == "extra_forbidden" and len(loc) == 1:
                reported.append(err)  # an unknown key: reported, the rest stands
                continue
            return None, errors
        if len(loc) == 1 and err["type"] == "missing":
            gaps.setdefault(top, Reason.ABSENT)
            continue
        if is_marker(data.get(top)):
            gaps[top] = Reason.NOT_STATED
            continue
        gaps[top] = Reason.BROKEN
        reported.append(err)
    # A required key that an unknown key beside it misspells: the unknown key's "Menade
    # du …?" says it all, so the rule that needs the value waits (one typo, one message).
    unknown = [str(e["loc"][0]) for e in reported if e["type"] == "extra_forbidden"]
    for key, reason in list(gaps.items()):
        if reason is Reason.ABSENT and any(closest(u, list(fields)) == key for u in unknown):
            gaps[key] = Reason.BROKEN
    if plan_keys and not (plan_keys & data.keys()):
        for key, reason in gaps.items():
            if reason is Reason.ABSENT and key in plan_keys:
                gaps[key] = Reason.OUTSIDE
    instance = _validate_kept(model, data, fields, gaps, items)
    if instance is None and items:  # the valid items alone are not a valid list
        gaps |= {k: Reason.BROKEN for k in items if k not in gaps}
        instance = _validate_kept(model, data, fields, gaps, {})
    if instance is None:
        return None, errors
    for key, reason in gaps.items():
        object.__setattr__(instance, fields[key], Gap(path, key, reason))
    for key, broken in items.items():
        if key in gaps:
            continue
        values = getattr(instance, fields[key])
        for index in sorted(broken):  # each broken item keeps its place, as a gap
            values.insert(index, Gap(path, f"{key}[{index + 1}]", Reason.BROKEN))
    return instance, reported


def _in_list(data: dict[str, Any], loc: tuple[int | str, ...]) -> bool:
    """Whether an error is inside one item of a top-level list (`utvecklingsområden`,
    item 2, …): that item is broken, the list's other items stand."""
    if len(loc) < 3 or not isinstance(loc[1], int):
        return False
    value = data.get(str(loc[0]))
    return isinstance(value, list) and 0 <= loc[1] < len(value)


def _validate_kept(
    model: type[BaseModel],
    data: dict[str, Any],
    fields: dict[str, str],
    gaps: dict[str, Reason],
    items: dict[str, set[int]],
) -> BaseModel | None:
    """The model of the document's valid part: its valid keys, and of a list with broken
    items the others (None if even that is not valid)."""
    kept = {k: v for k, v in data.items() if k not in gaps and k in fields}
    for key, broken in items.items():
        if key in kept:
            kept[key] = [item for i, item in enumerate(kept[key]) if i not in broken]
    lenient = _lenient_model(model, frozenset(fields[k] for k in gaps))
    try:
        return lenient.model_validate(kept)
    except Exception:
        return None


_LENIENT: dict[tuple[type[BaseModel], frozenset[str]], type[BaseModel]] = {}


def _lenient_model(model: type[BaseModel], names: frozenset[str]) -> type[BaseModel]:
    """A subclass of `model` in which the named fields may be left out.

    Its instances are instances of `model`, so everything that asks for the model finds
    them; the left-out fields are filled with gaps after validation.
    """
    if not names:
        return model
    found = _LENIENT.get((model, names))
    if found is None:
        overrides: dict[str, Any] = {
            name: (Any, Field(None, alias=model.model_fields[name].alias)) for name in names
        }
        found = create_model(
            model.__name__, __base__=model, __module__=model.__module__, **overrides
        )
        _LENIENT[(model, names)] = found
    return found


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


def _load_markdown(doc: Document, text: str, root: Path, headings: Headings) -> None:
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
    parts = sections(split.body, split.body_line, headings)
    required = ORGANISER_REQUIRED if kind in K.ORGANISER_REPORTS else UNIT_REQUIRED
    doc.findings += _section_findings(doc.path, parts, required, split.body_line, headings)
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
    path: str,
    parts: tuple[Section, ...],
    required: tuple[str, ...],
    body_line: int,
    headings: Headings,
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
    headed: dict[str, int] = {}  # the same heading twice is a slip, two headings of a role not
    known = headings.known()
    for part in parts:
        if not part.heading:
            continue  # the author's text before the first heading
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
        same = part.heading.casefold()
        if same in headed:
            findings.append(
                MD_AVSNITT_DUBBLETT.warning(
                    path,
                    f"Avsnittet '{part.heading}' finns redan på rad {headed[same]}.",
                    "Samla texten under en rubrik.",
                    part.line,
                    1,
                )
            )
        headed.setdefault(same, part.line)
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
                    f"Lägg till rubriken '## {heading}' följd av texten, eller ange er egen "
                    f"rubrik i ska.yaml (rubriker: {key}: [Er rubrik]).",
                    body_line,
                    1,
                )
            )
    return findings
