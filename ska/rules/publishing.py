"""Publishing rules: no personnummer, small groups hidden, no sensitive details about pupils.

Kvalitetsrapporter and result tables are allmänna handlingar that end up on the web.
These rules read the files as they will be published: personnummer anywhere, result
values for groups too small to show, and report text that could point out a pupil
in matters of health or support (OSL 23 kap.). The helpers that read a file's raw text
and its Markdown prose are shared with the accessibility and term rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ska import personnummer
from ska.findings import Severity
from ska.load.markdown import split_front_matter
from ska.load.text import decode
from ska.model import kinds as K
from ska.model.results import Gender
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Hit, Outcome, RuleClass, RuleSpec
from ska.suppression import HIDDEN, Reason, suppressed

PUB = RuleClass.PUBLISHING
GDPR = "GDPR (EU) 2016/679"
REPORT_KINDS = (K.UNIT_REPORT, K.ORGANISER_REPORT)

# -- reading sources as they will be published -----------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_BLOCK_ALONE = re.compile(r"^\s*(?:#{1,6}\s|\|)")  # headings and table rows
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|>)")  # list items and quotes
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
_FIRST_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Sentence:
    line: int
    column: int
    text: str


def source_text(ctx: Context, path: str) -> str | None:
    """The text of a repository file, or None when it cannot be read (others say why)."""
    located = ctx.repo.files[path]
    try:
        data = (ctx.repo.root / located.disk_path).read_bytes()
    except OSError:
        return None
    return decode(data, path)[0]


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset in a text."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def prose(text: str, path: str) -> str:
    """A Markdown file's body as readers see it, with every line where it was.

    The front matter, fenced code blocks, HTML comments (templates keep their
    instructions there) and inline code become blank, so offsets still give the line.
    """
    lines = text.split("\n")
    split, _ = split_front_matter(text, path)
    first = split.body_line - 1 if split is not None else 0
    fence: str | None = None
    for index, line in enumerate(lines):
        marker = _FENCE.match(line) if index >= first else None
        if marker:
            fence = None if fence == marker[1] else (fence or marker[1])
        if index < first or fence is not None or marker:
            lines[index] = ""
    return _INLINE_CODE.sub(_blank, _COMMENT.sub(_blank, "\n".join(lines)))


def sentences(body: str) -> Iterator[Sentence]:
    """The sentences of prose, each with where it starts; a heading is one sentence."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(body.split("\n"), start=1):
        alone = _BLOCK_ALONE.match(line)
        if block and (not line.strip() or alone or _BLOCK_START.match(line)):
            yield from _split(block)
            block = []
        if line.strip():
            block.append((number, line))
        if alone:
            yield from _split(block)
            block = []
    yield from _split(block)


def _split(block: list[tuple[int, str]]) -> Iterator[Sentence]:
    if not block:
        return
    joined = "\n".join(line for _, line in block)
    start = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(joined)] + [len(joined)]:
        text = joined[start:end]
        letter = _FIRST_LETTER.search(text)
        if letter is not None:
            line, column = position(joined, start + letter.start())
            yield Sentence(block[0][0] + line - 1, column, text.strip())
        start = end


def report_files(ctx: Context) -> Iterator[str]:
    """The kvalitetsrapporter of the läsår: the huvudman's and every unit's."""
    for path, located in ctx.repo.files.items():
        if located.kind in REPORT_KINDS and located.school_year == ctx.year:
            yield path


# -- PUB-personnummer --------------------------------------------------------------------


@RuleSpec(
    "PUB-personnummer",
    PUB,
    Group.PUBLISHING,
    "Inga personnummer eller samordningsnummer i dokumentationen",
    "GDPR art. 5, 6 och 9; offentlighets- och sekretesslagen 21 och 23 kap.",
    f"{GDPR}; OSL (2009:400)",
    "Dokumentationen publiceras och kan begäras ut som allmän handling, så den får inte "
    "innehålla personnummer eller samordningsnummer. Regeln söker i alla YAML-, Markdown- "
    "och CSV-filer efter nummer i alla skrivsätt (ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, med plus, "
    "mellanslag eller utan skiljetecken) som har ett giltigt datum och rätt kontrollsiffra. "
    "Meddelandet visar bara datumdelen; de fyra sista siffrorna döljs.",
    """
## Resultat
Alla elever i åk 9 skrev de nationella proven. Resultaten redovisas per grupp,
utan namn eller personnummer.
""",
).everywhere
def no_personal_numbers(ctx: Context) -> Iterator[Outcome]:
    for path in ctx.repo.files:
        text = source_text(ctx, path)
        if text is None:
            continue
        for match in personnummer.find(text):
            yield Hit(
                path,
                f"Filen innehåller ett {match.kind} ({match.masked}).",
                "Ta bort numret. Dokumentationen publiceras och lämnas ut som allmän "
                "handling; skriv utan att peka ut personen.",
                match.line,
                match.column,
            )


# -- PUB-sma-grupper ---------------------------------------------------------------------


@RuleSpec(
    "PUB-sma-grupper",
    PUB,
    Group.PUBLISHING,
    "Resultat för små grupper visas inte",
    "GDPR art. 5.1 c (uppgiftsminimering); Skolverkets och SCB:s redovisningspraxis",
    f"{GDPR}; min_group_size (standard 10)",
    "Ett resultat för en liten grupp kan peka ut enskilda elever. När en grupp är mindre "
    "än min_group_size (standard 10) visas värdet som .. i publicerade tabeller. Visas "
    "värdet för alla, döljs också det andra könets värde när det ena är dolt, annars går "
    "det dolda värdet att räkna ut. Regeln noterar raderna som kommer att döljas.",
    """
# units/<enhet>/<läsår>/resultat/betyg.csv
mått,termin,grupp,kön,antal,totalt,värde
Betyg i alla ämnen,vt2026,åk 9,flickor,20,24,
Betyg i alla ämnen,vt2026,åk 9,pojkar,19,22,
Betyg i alla ämnen,vt2026,åk 9,alla,39,46,
""",
).unit
def small_groups(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    threshold = ctx.settings.min_group_size
    for path, table in ctx.results(unit):
        for index, reason in suppressed(table.rows, threshold).items():
            row = table.rows[index]
            cell = f"{row.measure}, {row.term}, {row.group}, {row.gender}"
            if reason is Reason.PRIMARY:
                message = (
                    f"{cell}: gruppen är {row.total}, färre än {threshold}, så värdet "
                    f"visas som {HIDDEN} i publicerade tabeller."
                )
                hint = "Vill du visa värdet: redovisa en större grupp, t.ex. flera årskurser."
            else:
                other = Gender.BOYS if row.gender is Gender.GIRLS else Gender.GIRLS
                message = (
                    f"{cell}: värdet visas som {HIDDEN} i publicerade tabeller, annars går "
                    f"det dolda värdet för {other} att räkna ut ur värdet för alla."
                )
                hint = "Redovisa bara värdet för alla om könen inte kan visas var för sig."
            yield Hit(path, message, hint, table.lines[index], severity=Severity.INFO)


# -- PUB-kansliga-uppgifter --------------------------------------------------------------

_SENSITIVE = re.compile(
    r"\b(?:diagnos|elevhäls|åtgärdsprogram|särskil(?:t|da) stöd|kurator|skolsköters"
    r"|orosanmäl|skyddad\w* identitet)\w*",
    re.IGNORECASE,
)
_GROUP = re.compile(r"\b(?:(?i:klass|åk|årskurs)\.?\s*\d{1,2}[A-Za-zÅÄÖåäö]?|\d{1,2}[A-ZÅÄÖ])\b")
_NAME = re.compile(r"(?=\b([A-ZÅÄÖ][a-zåäöéü]+\s+[A-ZÅÄÖ][a-zåäöéü]+)\b)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)>?[^)]*\)(\{[^}]*\})?")
_CONSENT = re.compile(r"(?:^|[\s{])(?:samtycke|rättslig_grund)\s*=")


def _identifies(sentence: str) -> str | None:
    """What in a sentence could point out a person: a class or year, or a name."""
    group = _GROUP.search(sentence)
    if group is not None:
        return f"klass eller årskurs ('{group[0]}')"
    first = _FIRST_LETTER.search(sentence)
    start = first.start() if first else 0
    name = next((m[1] for m in _NAME.finditer(sentence) if m.start() > start), None)
    return f"ett namn ('{name}')" if name else None


@RuleSpec(
    "PUB-kansliga-uppgifter",
    PUB,
    Group.PUBLISHING,
    "Inga känsliga uppgifter om enskilda elever i rapporterna",
    "Offentlighets- och sekretesslagen 23 kap.; GDPR art. 6 och 9",
    f"OSL (2009:400); {GDPR}",
    "Uppgifter om elevhälsa och särskilt stöd omfattas av sekretess och är ofta känsliga "
    "personuppgifter. Regeln varnar när en mening i läsårets kvalitetsrapporter nämner "
    "diagnos, elevhälsa, åtgärdsprogram, särskilt stöd, kurator, skolsköterska, "
    "orosanmälan eller skyddad identitet tillsammans med en klass eller årskurs (7B, "
    "åk 3) eller ett namn, och när en bild saknar samtycke eller rättslig grund "
    "({samtycke=ja} eller {rättslig_grund=...} efter bilden).",
    """
## Analys
Fler elever än förra läsåret har fått särskilt stöd, och elevhälsan arbetar
mer förebyggande.

![Skolgården efter ombyggnaden](skolgard.jpg){rättslig_grund="allmänt intresse"}
""",
    severity=Severity.WARNING,
).everywhere
def sensitive_details(ctx: Context) -> Iterator[Outcome]:
    for path in report_files(ctx):
        text = source_text(ctx, path)
        if text is None:
            continue
        body = prose(text, path)
        for sentence in sentences(body):
            word = _SENSITIVE.search(sentence.text)
            who = _identifies(sentence.text) if word else None
            if word is not None and who is not None:
                yield Hit(
                    path,
                    f"Meningen nämner '{word[0]}' tillsammans med {who}, vilket kan peka "
                    "ut en enskild elev.",
                    "Skriv på gruppnivå utan klass, årskurs eller namn. Uppgifter om "
                    "elevhälsa och stöd omfattas av sekretess (OSL 23 kap.).",
                    sentence.line,
                    sentence.column,
                )
        for image in _IMAGE.finditer(body):
            if image[2] is None or not _CONSENT.search(image[2]):
                line, column = position(body, image.start())
                yield Hit(
                    path,
                    f"Bilden '{image[1]}' saknar uppgift om samtycke eller rättslig grund.",
                    "Skriv t.ex. ![Elever i skolträdgården](bild.jpg){samtycke=ja} eller "
                    '{rättslig_grund="..."}. Bilder på barn kräver samtycke eller annan '
                    "rättslig grund.",
                    line,
                    column,
                )
