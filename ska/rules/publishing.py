"""Publishing rules: no personnummer, small groups hidden, no sensitive details about pupils.

Kvalitetsrapporter and result tables are allmänna handlingar that end up on the web.
These rules read the files as they will be published: personnummer anywhere, result
values for groups too small to show, and report text that could point out a pupil
in matters of health or support (OSL 23 kap.).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from ska import personnummer
from ska.cache.store import key
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import (
    CONTROL_2026,
    CONTROL_2026_TEXT,
    REPORT,
    REPORT_TEXT,
    RESULTS,
    RESULTS_TEXT,
    edited,
)
from ska.findings import Severity
from ska.load.discovery import Located
from ska.model import kinds as K
from ska.model.settings import Settings
from ska.results.published import PublishedRow, published
from ska.rules.context import Context
from ska.rules.engine import HITS, Group, Hit, RuleSpec
from ska.rules.sources import (
    FIRST_LETTER,
    is_report,
    position,
    prose,
    sentences,
)
from ska.suppression import HIDDEN, Reason

PUB = RuleClass.PUBLISHING
GDPR = "GDPR (EU) 2016/679"

# Examples: the example kommun's files with a personnummer, a small group and a sentence
# that points out pupils.
_DEVIATION = "beskrivning: Två utredningar var äldre än åtta veckor."
_NAMED = "beskrivning: Utredningen för eleven 150312-2382 var äldre än åtta veckor."
_LAST_GRADE_2 = "Läsflyt över gränsvärdet,ht2025,åk 2,alla,26,40,\n"
_GRADE_3 = "Läsflyt över gränsvärdet,ht2025,åk 3,alla,9,13,\n"
_GRADE_3_SPLIT = (
    "Läsflyt över gränsvärdet,ht2025,åk 3,flickor,5,7,\n"
    "Läsflyt över gränsvärdet,ht2025,åk 3,pojkar,4,6,\n" + _GRADE_3
)
_PUPILS = "Skolan har 280 elever."
_IN_CLASS = _PUPILS + " I klass 3B har två elever fått särskilt stöd i läsning."
_IN_GENERAL = _PUPILS + " Fler elever än förra läsåret har fått särskilt stöd i läsning."

# -- PUB-personnummer --------------------------------------------------------------------


def _in_names(ctx: Context) -> Iterator[Hit]:
    """A number in a file or folder name under plans/ or units/: names are published too,
    in the provenance section of every document and on the site. One hit per name: on
    the folder itself, not on every file in it."""
    seen: set[str] = set()
    for path in ctx.repo.layout.paths:
        parts = path.rstrip("/").split("/")
        for depth in range(1, len(parts)):
            named = "/".join(parts[: depth + 1])
            if named in seen:
                continue
            seen.add(named)
            found = personnummer.find(parts[depth])
            if not found:
                continue
            is_file = depth == len(parts) - 1 and not path.endswith("/")
            what = "Filnamnet" if is_file else "Mappnamnet"
            yield Hit(
                named,
                f"{what} innehåller ett {found[0].kind} ({personnummer.mask(parts[depth])}).",
                f"Byt namn på {'filen' if is_file else 'mappen'}. Sökvägen visas i "
                "dokumentens underlag och på webbplatsen; skriv utan att peka ut personen.",
            )


@RuleSpec(
    "PUB-personnummer",
    PUB,
    Group.PUBLISHING,
    "Inga personnummer eller samordningsnummer i dokumentationen",
    "GDPR art. 5, 6 och 9; offentlighets- och sekretesslagen 21 och 23 kap.",
    f"{GDPR}; OSL (2009:400)",
    "Dokumentationen publiceras och kan begäras ut som allmän handling, så den får inte "
    "innehålla personnummer eller samordningsnummer. Regeln söker i alla YAML-, Markdown- "
    "och CSV-filer och i alla fil- och mappnamn under plans/ och units/ efter nummer med "
    "10 eller 12 siffror i alla skrivsätt: utan skiljetecken, med bindestreck, tankstreck, "
    "minustecken eller hårt bindestreck (även med mellanslag runt), med plus eller med "
    "mellanslag (även hårt mellanslag). Numret räknas när datumet finns (för ett "
    "samordningsnummer dagen plus 60) och kontrollsiffran stämmer; siffror i en längre "
    "sifferföljd räknas aldrig. Meddelandet visar bara datumdelen; de fyra sista siffrorna "
    "döljs, liksom i allt annat ska skriver ut.",
    """
## Resultat
Alla elever i åk 9 skrev de nationella proven. Resultaten redovisas per grupp,
utan namn eller personnummer.
""",
    failing=Example({CONTROL_2026: edited(CONTROL_2026_TEXT, (_DEVIATION, _NAMED))}),
    passing=Example({CONTROL_2026: CONTROL_2026_TEXT}),
).each_file(lambda ctx, path, located: True, also=_in_names)
def no_personal_numbers(
    path: str, text: str, located: Located, settings: Settings
) -> Iterator[Hit]:
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
    f"{GDPR}; SCB:s och Skolverkets teckenförklaring för små grupper",
    "Ett resultat för en liten grupp kan peka ut enskilda elever. När en grupp är mindre "
    "än min_group_size (standard 10) visas värdet som .. i publicerade tabeller och "
    "diagram. Ett värde som visas får inte heller avslöja ett dolt värde genom en summa: "
    "alla = flickor + pojkar, och en större grupp är summan av grupperna i den (åk 7–9 = "
    "åk 7 + åk 8 + åk 9, alla = alla årskurser). Då döljs fler värden tills inget dolt "
    "värde går att räkna ut. Beslutet gäller alla enhetens resultatfiler från alla läsår "
    "tillsammans, så ett värde kan döljas i en fil för att skydda ett värde i en annan. "
    "Regeln noterar, en gång per fil, vilka rader som kommer att döljas.",
    """
# units/<enhet>/<läsår>/resultat/betyg.csv
mått,termin,grupp,kön,antal,totalt,värde
Betyg i alla ämnen,vt2026,åk 9,flickor,20,24,
Betyg i alla ämnen,vt2026,åk 9,pojkar,19,22,
Betyg i alla ämnen,vt2026,åk 9,alla,39,46,
""",
    failing=Example(
        {RESULTS: edited(RESULTS_TEXT, (_LAST_GRADE_2, _LAST_GRADE_2 + _GRADE_3_SPLIT))}
    ),
    passing=Example({RESULTS: edited(RESULTS_TEXT, (_LAST_GRADE_2, _LAST_GRADE_2 + _GRADE_3))}),
).everywhere
def small_groups(ctx: Context) -> Iterator[Hit]:
    """Judged over all of a unit's result files together (see ska.results.published);
    noted in the files of the läsår. Remembered while no result file has changed."""
    threshold = ctx.settings.min_group_size
    files: dict[str, list[tuple[str, str | None]]] = {}
    for path, located in sorted(ctx.repo.files.items()):
        if located.kind is K.RESULTS and located.unit in ctx.unit_ids:
            sha = ctx.cache.sha(located.disk_path) if ctx.cache is not None else None
            files.setdefault(located.unit, []).append((path, sha))
    for unit, inputs in files.items():
        if ctx.cache is None or any(sha is None for _, sha in inputs):
            yield from _small_groups(ctx, unit, threshold)
            continue
        name = key("små grupper", str(threshold), str(ctx.year), inputs)
        yield from ctx.cache.remember(name, HITS, partial(_small_groups, ctx, unit, threshold))


def _small_groups(ctx: Context, unit: str, threshold: int) -> list[Hit]:
    publication = published(ctx.repo, unit, threshold)
    found = []
    for path in publication.paths(ctx.year):
        hidden = [r for r in publication.of_file(path) if r.hidden]
        if hidden:
            found.append(_small_groups_hit(path, hidden, threshold))
    return found


def _small_groups_hit(path: str, hidden: list[PublishedRow], threshold: int) -> Hit:
    primary = [r.line for r in hidden if r.reason is Reason.PRIMARY]
    secondary = [r for r in hidden if r.reason is Reason.SECONDARY]
    parts = []
    if primary:
        parts.append(f"{_rows(primary)} gäller grupper med färre än {threshold}")
    if secondary:
        first = secondary[0]
        parts.append(
            f"{_rows([r.line for r in secondary])} skulle annars avslöja ett dolt värde "
            f"(rad {first.line}: {first.why})"
        )
    count = len(hidden)
    return Hit(
        path,
        f"{count} {'värden' if count > 1 else 'värde'} visas som {HIDDEN} i publicerade "
        f"tabeller: " + " och ".join(parts) + ".",
        "Vill du visa värdena: redovisa större grupper, t.ex. flera årskurser eller terminer.",
        min(r.line for r in hidden),
        severity=Severity.INFO,
    )


def _rows(lines: list[int]) -> str:
    """'rad 4' or 'raderna 2–4, 7': file lines, consecutive ones as a range."""
    ranges: list[list[int]] = []
    for line in lines:
        if ranges and line == ranges[-1][-1] + 1:
            ranges[-1].append(line)
        else:
            ranges.append([line])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in ranges)
    return f"rad {text}" if len(lines) == 1 else f"raderna {text}"


# -- PUB-kansliga-uppgifter --------------------------------------------------------------

_SENSITIVE = re.compile(
    r"\b(?:diagnos|elevhäls|åtgärdsprogram|särskil(?:t|da) stöd|kurator|skolsköters"
    r"|orosanmäl|skyddad\w* identitet)\w*",
    re.IGNORECASE,
)
_GROUP = re.compile(r"\b(?:(?i:klass|åk|årskurs)\.?\s*\d{1,2}[A-Za-zÅÄÖåäö]?|\d{1,2}[A-ZÅÄÖ])\b")
_NAME = re.compile(r"(?=\b([A-ZÅÄÖ][a-zåäöéü]+\s+[A-ZÅÄÖ][a-zåäöéü]+)\b)")
# A picture and the attributes after it. No part may cross a bracket, a parenthesis or a
# line, so every attempt ends at the next one and the scan stays linear in the text.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?([^()\s<>]*)>?[^()\n]*\)(\{[^{}\n]*\})?")
_CONSENT = re.compile(r"(?:^|[\s{])(?:samtycke|rättslig_grund)\s*=")


def _identifies(sentence: str) -> str | None:
    """What in a sentence could point out a person: a class or year, or a name."""
    group = _GROUP.search(sentence)
    if group is not None:
        return f"klass eller årskurs ('{group[0]}')"
    first = FIRST_LETTER.search(sentence)
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
    failing=Example({REPORT: edited(REPORT_TEXT, (_PUPILS, _IN_CLASS))}),
    passing=Example({REPORT: edited(REPORT_TEXT, (_PUPILS, _IN_GENERAL))}),
).each_file(is_report)
def sensitive_details(path: str, text: str, located: Located, settings: Settings) -> Iterator[Hit]:
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
