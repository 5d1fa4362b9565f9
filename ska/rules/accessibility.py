"""Accessibility rules (lag 2018:1937, DOS-lagen): the Markdown sources and the built PDFs.

Published documents must be perceivable, operable, understandable and robust (WCAG 2.1
AA through EN 301 549). In the Markdown sources that means alt text on images,
headings that do not skip a level, link texts that say where they lead, and tables
with a header row. The PDFs in the build folder are checked with pypdf for what a
machine can see of PDF/UA; the rest (contrast, reading order) needs a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject

from ska.cache.codec import TEXT, list_of, pair
from ska.cache.store import key
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import ROUTINE, ROUTINE_TEXT
from ska.findings import Severity
from ska.load.discovery import Located
from ska.model import kinds as K
from ska.model.settings import Settings
from ska.rules.context import Context
from ska.rules.engine import Group, Hit, Outcome, RuleSpec
from ska.rules.sources import REPORT_KINDS, position, prose, sentence_texts
from ska.rules.text import words

PUB = RuleClass.PUBLISHING
EN_301_549 = "EN 301 549 V3.2.1 (WCAG 2.1 AA)"
LIX_LIMIT = 60
LIX_MIN_WORDS = 100  # LIX says little about a shorter text

# -- DOS-kallor-markdown ----------------------------------------------------------------

_VAGUE_LINK = "\nLäs mer om hur klagomål hanteras [här](https://www.example.se/klagomal).\n"
_CLEAR_LINK = "\nLäs mer på [kommunens sida om klagomål](https://www.example.se/klagomal).\n"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NO_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]*)")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)]*\)")
_VAGUE = {"klicka här", "här", "länk"}
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _headings(path: str, body: str) -> Iterator[Hit]:
    previous: int | None = None
    for number, line in enumerate(body.split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading is None:
            continue
        level, title = len(heading[1]), heading[2]
        if level > (previous or 1) + 1:
            message = (
                f"Rubriken '{title}' hoppar från nivå {previous} till nivå {level}."
                if previous
                else f"Rubriken '{title}' är på nivå {level} utan någon rubrik på nivå "
                f"{level - 1} före."
            )
            yield Hit(
                path,
                message,
                f"Använd {'#' * ((previous or 1) + 1)} för rubriken, så att skärmläsare "
                "kan visa dokumentets struktur.",
                number,
                1,
            )
        previous = level


def _links_and_images(path: str, body: str) -> Iterator[Hit]:
    for image in _NO_ALT.finditer(body):
        line, column = position(body, image.start())
        yield Hit(
            path,
            f"Bilden '{image[1]}' saknar alternativtext.",
            "Beskriv bilden inom hakparenteserna, t.ex. ![Diagram: läsresultat i åk 2 "
            "2023–2026](lasning.png).",
            line,
            column,
        )
    for link in _LINK.finditer(body):
        text = link[1].strip().strip(".:!").strip()
        if text.casefold() in _VAGUE or not text:
            line, column = position(body, link.start())
            yield Hit(
                path,
                f"Länktexten '{text}' säger inte vart länken leder."
                if text
                else "Länken saknar länktext.",
                "Skriv vad länken leder till, t.ex. [Skolverkets statistik om "
                "betyg](https://www.skolverket.se/).",
                line,
                column,
            )


def _tables(path: str, body: str) -> Iterator[Hit]:
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if "|" not in line or not _DELIMITER_ROW.match(line):
            continue
        header = lines[index - 1] if index > 0 else ""
        if all(not cell.strip() for cell in header.strip().strip("|").split("|")):
            yield Hit(
                path,
                "Tabellen saknar rubrikrad.",
                "Skriv kolumnernas rubriker på raden före |---|---|, t.ex. | Årskurs | Andel |.",
                index if header.strip() else index + 1,
                1,
            )


def lix(body: str) -> float | None:
    """The readability index LIX of prose (headings left out); None for a short text."""
    found = [words(_MARKUP.sub(r"\1", s)) for s in sentence_texts(body) if not s.startswith("#")]
    count = sum(len(w) for w in found)
    if count < LIX_MIN_WORDS:
        return None
    long = sum(1 for w in found for word in w if len(word) > 6)
    return count / len([w for w in found if w]) + 100 * long / count


@RuleSpec(
    "DOS-kallor-markdown",
    PUB,
    Group.PUBLISHING,
    "Markdowntexterna är tillgängliga",
    "Lag (2018:1937) om tillgänglighet till digital offentlig service; WCAG 2.1 1.1.1, "
    "1.3.1, 2.4.4 och 2.4.6; språklagen 11 §",
    f"{EN_301_549}; språklagen (2009:600)",
    "Det som publiceras ska gå att ta till sig även med skärmläsare. Regeln kräver i alla "
    "Markdownfiler att bilder har alternativtext, att rubriknivåer inte hoppas över "
    "(en rapport börjar på # eller ##), att länktexter säger vart länken leder (inte "
    "'klicka här', 'här' eller 'länk') och att tabeller har en rubrikrad. Är "
    f"läsbarhetsindex (LIX) för en kvalitetsrapport på minst {LIX_MIN_WORDS} ord över "
    f"{LIX_LIMIT} blir det en notering: "
    "språket i offentlig verksamhet ska vara vårdat, enkelt och begripligt.",
    """
## Resultat
Andelen elever som når gränsvärdet i läsflyt ökade från 70 till 78 procent.

![Diagram: andel elever över gränsvärdet i läsflyt 2023–2026](lasflyt.png)

| Årskurs | Andel över gränsvärdet |
| --- | --- |
| åk 2 | 78 % |

Se [Skolverkets statistik om skolor](https://www.skolverket.se/).
""",
    failing=Example({ROUTINE: ROUTINE_TEXT + _VAGUE_LINK}),
    passing=Example({ROUTINE: ROUTINE_TEXT + _CLEAR_LINK}),
).each_file(lambda ctx, path, located: located.kind.format is K.FileFormat.MARKDOWN)
def markdown_sources(path: str, text: str, located: Located, settings: Settings) -> Iterator[Hit]:
    body = prose(text, path)
    yield from _headings(path, body)
    yield from _links_and_images(path, body)
    yield from _tables(path, body)
    index = lix(body) if located.kind in REPORT_KINDS else None
    if index is not None and index > LIX_LIMIT:
        yield Hit(
            path,
            f"Rapportens läsbarhetsindex (LIX) är {index:.0f}, över {LIX_LIMIT}: "
            "texten är mycket svår att läsa.",
            "Skriv kortare meningar och byt långa ord mot kortare där det går (språklagen 11 §).",
            severity=Severity.INFO,
        )


# -- DOS-pdf-tillganglighet -------------------------------------------------------------

_PDF_TEXT = "BT /F1 18 Tf 72 760 Td (Kvalitetsrapport 2025/26) Tj ET"
_XMP = """\
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
</rdf:RDF></x:xmpmeta>"""


def _stream(data: str, kind: str = "") -> str:
    return f"<< {kind}/Length {len(data.encode())} >>\nstream\n{data}\nendstream"


def _example_pdf(tagged: bool, pdfua: bool = False) -> str:
    """A one-page PDF written out as text, as the examples of the PDF rules put it in the
    build folder: untagged, tagged, or tagged and claiming PDF/UA."""
    catalog = "/Type /Catalog /Pages 2 0 R"
    text = _PDF_TEXT
    objects = ["", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    objects.append(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>"
    )
    if tagged:
        catalog += (
            " /Lang (sv-SE) /MarkInfo << /Marked true >> /StructTreeRoot 6 0 R"
            " /ViewerPreferences << /DisplayDocTitle true >>"
        )
        text = f"/H1 << /MCID 0 >> BDC {text} EMC"
    objects += [_stream(text), "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    if tagged:
        objects += [
            "<< /Type /StructTreeRoot /K 7 0 R >>",
            "<< /Type /StructElem /S /H1 /P 6 0 R /Pg 3 0 R /K 0 >>",
            "<< /Title (Kvalitetsrapport 2025/26 Testskolan) >>",
        ]
    if pdfua:
        catalog += " /Metadata 9 0 R"
        objects.append(_stream(_XMP, "/Type /Metadata /Subtype /XML "))
    objects[0] = f"<< {catalog} >>"
    out, offsets = "%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out.encode()))
        out += f"{number} 0 obj {body} endobj\n"
    xref = len(out.encode())
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    info = " /Info 8 0 R" if tagged else ""
    return (
        out
        + f"trailer << /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n"
    )


_PDF = "bygg/2025-26/testskolan/kvalitetsrapport.pdf"

_PDFUA = "http://www.aiim.org/pdfua/ns/id/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_LONG_DOCUMENT = 10

Problem = tuple[str, str]  # (message, hint)
PROBLEMS = list_of(pair(TEXT, TEXT))


def _pdfs(ctx: Context) -> Iterator[tuple[str, Path]]:
    folder = ctx.repo.root / ctx.settings.build_folder
    if folder.is_dir():
        for file in sorted(folder.rglob("*")):
            if file.suffix.casefold() == ".pdf" and file.is_file():
                yield file.relative_to(ctx.repo.root).as_posix(), file


def _open(file: Path) -> PdfReader | str:
    """The PDF, or why it cannot be read."""
    try:
        reader = PdfReader(file)
        if reader.is_encrypted and not reader.decrypt(""):
            return "filen är lösenordsskyddad"
        if not reader.pages:
            return "filen har inga sidor"
    except (PyPdfError, OSError, ValueError, KeyError) as exc:
        return str(exc) or type(exc).__name__
    return reader


def _opened(ctx: Context, file: Path) -> PdfReader | str:
    """`_open`, once per file and run: both PDF rules read the same files."""
    return ctx.once(("pdf", str(file)), lambda: _open(file))


def _remembered(
    ctx: Context, what: str, path: str, file: Path, check: Callable[[Path], list[Problem]]
) -> list[Problem]:
    """What `check` finds in a built PDF, from the cache while the file is unchanged."""
    sha = ctx.cache.sha(path) if ctx.cache is not None else None
    if ctx.cache is None or sha is None:
        return check(file)
    return ctx.cache.remember(key("pdf", what, sha), PROBLEMS, lambda: check(file))


def _roles(ctx: Context, reader: PdfReader) -> dict[str, list[DictionaryObject]]:
    """The structure elements by standard role, walked once per file and run."""

    def walk() -> dict[str, list[DictionaryObject]]:
        found: dict[str, list[DictionaryObject]] = {}
        for role, element in _structure(reader):
            found.setdefault(role, []).append(element)
        return found

    return ctx.once(("roles", str(id(reader))), walk)


def _dict(value: object) -> DictionaryObject:
    """A PDF dictionary value, resolved; empty when missing or of another type."""
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _is_true(value: object) -> bool:
    return isinstance(value, BooleanObject) and value.value is True


def _elements(kids: object) -> Iterator[DictionaryObject]:
    """Every structure element below `kids`, each once (cycles are cut)."""
    stack = [kids]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, ArrayObject):
            stack.extend(reversed(node))
        elif isinstance(node, DictionaryObject) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


def _structure(reader: PdfReader) -> Iterator[tuple[str, DictionaryObject]]:
    """(standard role, element) for every structure element, custom roles resolved."""
    tree = _dict(reader.root_object.get("/StructTreeRoot"))
    roles = _dict(tree.get("/RoleMap"))
    for element in _elements(tree.get("/K")):
        role = str(element["/S"])
        for _ in range(8):
            if role not in roles:
                break
            role = str(roles[role])
        yield role, element


def _title(reader: PdfReader) -> str:
    info = reader.metadata
    if info is not None and info.title:
        return str(info.title)
    xmp = reader.xmp_metadata
    titles = xmp.dc_title if xmp is not None else None
    return next((str(t) for t in (titles or {}).values() if str(t).strip()), "")


def _has_text(reader: PdfReader) -> bool:
    try:
        return any(page.extract_text().strip() for page in reader.pages)
    except (PyPdfError, ValueError, KeyError):
        return False


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def pdf_errors(reader: PdfReader, roles: dict[str, list[DictionaryObject]]) -> Iterator[Problem]:
    """What makes a PDF inaccessible (WCAG 1.1.1, 1.3.1, 2.4.2, 3.1.1)."""
    catalog = reader.root_object
    marked = _is_true(_dict(catalog.get("/MarkInfo")).get("/Marked"))
    if "/StructTreeRoot" not in catalog or not marked:
        yield (
            "PDF-filen är inte taggad: strukturträd (StructTreeRoot) eller markering "
            "(MarkInfo/Marked) saknas.",
            "Skapa PDF:en med taggar, t.ex. med Typst eller med taggad PDF vid export från Word.",
        )
    if not str(catalog.get("/Lang", "")).strip():
        yield (
            "PDF-filen anger inte dokumentets språk (/Lang).",
            'Ange språket, t.ex. #set text(lang: "sv") i Typst.',
        )
    if not _title(reader).strip():
        yield (
            "PDF-filen saknar dokumenttitel.",
            'Ange titeln, t.ex. #set document(title: "Kvalitetsrapport 2025/26") i Typst.',
        )
    if not _is_true(_dict(catalog.get("/ViewerPreferences")).get("/DisplayDocTitle")):
        yield (
            "PDF-läsaren visar filnamnet i stället för titeln (DisplayDocTitle saknas).",
            "Skapa PDF:en enligt PDF/UA-1, t.ex. typst compile --pdf-standard ua-1.",
        )
    figures = roles.get("/Figure", [])
    missing = sum(1 for e in figures if not (e.get("/Alt") or e.get("/ActualText")))
    if missing:
        yield (
            f"{_count(missing, 'bild', 'bilder')} i PDF-filen saknar alternativtext (/Alt).",
            'Ge varje bild en alternativtext, t.ex. image("bild.png", alt: "...") i Typst.',
        )
    if not _has_text(reader):
        yield (
            "Texten i PDF-filen går inte att läsa ut; den består troligen av inskannade bilder.",
            "Skapa PDF:en från källtexten i stället för att skanna den.",
        )


def _claims_pdfua(reader: PdfReader) -> bool:
    xmp = reader.xmp_metadata
    if xmp is None:
        return False
    root = xmp.rdf_root
    return bool(root.getElementsByTagNameNS(_PDFUA, "part")) or any(
        d.hasAttributeNS(_PDFUA, "part") for d in root.getElementsByTagNameNS(_RDF, "Description")
    )


def pdf_advice(reader: PdfReader, roles: dict[str, list[DictionaryObject]]) -> Iterator[Problem]:
    """What good accessible PDFs also have: a PDF/UA claim, bookmarks, table headers."""
    if not _claims_pdfua(reader):
        yield (
            "PDF-filen anger inte att den följer PDF/UA (pdfuaid:part saknas i metadata).",
            "Skapa PDF:en enligt PDF/UA-1, t.ex. typst compile --pdf-standard ua-1, och "
            "kontrollera den med veraPDF.",
        )
    pages = len(reader.pages)
    if pages > _LONG_DOCUMENT and not reader.outline:
        yield (
            f"PDF-filen har {pages} sidor men inga bokmärken.",
            "Använd rubriker, så blir de bokmärken som gör ett långt dokument lätt att hitta i.",
        )
    tables = roles.get("/Table", [])
    headless = sum(
        1 for t in tables if not any(str(e["/S"]) == "/TH" for e in _elements(t.get("/K")))
    )
    if headless:
        yield (
            f"{_count(headless, 'tabell', 'tabeller')} i PDF-filen saknar rubrikceller (TH).",
            "Markera tabellens rubrikrad, t.ex. med table.header(...) i Typst.",
        )


@RuleSpec(
    "DOS-pdf-tillganglighet",
    PUB,
    Group.PUBLISHING,
    "Publicerade PDF-filer är tillgängliga",
    "Lag (2018:1937) om tillgänglighet till digital offentlig service; EN 301 549 kap. 10",
    f"{EN_301_549}; ISO 14289-1:2014 (PDF/UA-1)",
    "PDF-filer som publiceras ska vara tillgängliga. Regeln läser varje PDF-fil i "
    "byggmappen (build_folder, standard bygg/) och kräver att den är taggad, anger språk "
    "och titel, visar titeln i stället för filnamnet, har alternativtext till bilderna "
    "och text som går att läsa ut. Kontrast och läsordning går inte att kontrollera "
    "automatiskt; granska dem manuellt.",
    """
// rapport.typ, byggd med typst compile --pdf-standard ua-1
#set document(title: "Kvalitetsrapport 2025/26 – Testskolan")
#set text(lang: "sv")
= Resultat
#figure(image("lasflyt.svg", alt: "Andel elever över gränsvärdet i läsflyt 2023–2026"))
""",
    reads_build=True,
    failing=Example({_PDF: _example_pdf(tagged=False)}),
    passing=Example({_PDF: _example_pdf(tagged=True)}),
).everywhere
def accessible_pdfs(ctx: Context) -> Iterator[Outcome]:
    def errors(file: Path) -> list[Problem]:
        reader = _opened(ctx, file)
        if isinstance(reader, str):
            return [
                (
                    f"PDF-filen går inte att läsa: {reader}.",
                    "Skapa filen på nytt och kontrollera att den öppnas i en PDF-läsare.",
                )
            ]
        return list(pdf_errors(reader, _roles(ctx, reader)))

    for path, file in _pdfs(ctx):
        for message, hint in _remembered(ctx, "fel", path, file, errors):
            yield Hit(path, message, hint)


@RuleSpec(
    "DOS-pdf-tillganglighet-rekommendation",
    PUB,
    Group.PUBLISHING,
    "Publicerade PDF-filer följer PDF/UA fullt ut",
    "Lag (2018:1937) om tillgänglighet till digital offentlig service; ISO 14289-1:2014",
    f"{EN_301_549}; ISO 14289-1:2014 (PDF/UA-1)",
    "Utöver kraven i DOS-pdf-tillganglighet rekommenderas att varje PDF-fil i byggmappen "
    "anger att den följer PDF/UA (pdfuaid:part i metadata), har bokmärken när den är "
    f"längre än {_LONG_DOCUMENT} sidor och har rubrikceller (TH) i sina tabeller.",
    """
// rapport.typ, byggd med typst compile --pdf-standard ua-1
#set document(title: "Kvalitetsrapport 2025/26 – Testskolan")
#set text(lang: "sv")
= Resultat
#table(columns: 2, table.header[Årskurs][Andel], [åk 2], [78 %])
""",
    severity=Severity.WARNING,
    reads_build=True,
    failing=Example({_PDF: _example_pdf(tagged=True)}),
    passing=Example({_PDF: _example_pdf(tagged=True, pdfua=True)}),
).everywhere
def recommended_pdfs(ctx: Context) -> Iterator[Outcome]:
    def advice(file: Path) -> list[Problem]:
        reader = _opened(ctx, file)
        return [] if isinstance(reader, str) else list(pdf_advice(reader, _roles(ctx, reader)))

    for path, file in _pdfs(ctx):
        for message, hint in _remembered(ctx, "råd", path, file, advice):
            yield Hit(path, message, hint)
