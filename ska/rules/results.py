"""Results that stand out must be analysed: a rule over the flags of `ska resultat`.

Allmänna råd ask the rektor to analyse the results, and Vaggeryd's SKA 2.0 puts
kunskapsresultat first, with analysfrågor about klass and kön. The analysis of the
results (ska.results.analysis) flags a drop since the previous measurement, a widening
gap between girls and boys and a result below riket; this rule asks that the report's
Analys section takes each flagged measure up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ska.cache.codec import (
    NUMBER,
    TEXT,
    Codec,
    Json,
    Malformed,
    dict_of,
    enum,
    list_of,
    optional,
    pair,
    record,
    tuple_of,
)
from ska.cache.store import key
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import REFERENCES, REFERENCES_TEXT, REPORT, REPORT_TEXT, edited
from ska.load.reads import group
from ska.model.results import Gender
from ska.model.types import Term
from ska.results.analysis import ANALYSIS_INPUTS, Flag, repository_analysis
from ska.results.questions import FlagKind
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Outcome, RuleSpec
from ska.rules.text import fold

# Words too general to show that the analysis is about one particular measure.
_GENERAL = frozenset(
    (
        *("andel", "antal", "elever", "eleverna", "barnen", "klarat", "enligt", "nivå"),
        *("alla", "ämnen", "ämne", "lägst", "betyget", "gruppen", "grupp", "högre"),
        *("lägre", "bättre", "sämre", "vilka", "minst", "under", "över"),
    )
)
_WORD = re.compile(r"[^\W\d_][\w-]*")

# Example: riket's value makes the unit's läsflyt stand out, so the analysis must take it up.
_ABOVE = edited(REFERENCES_TEXT, ("alla,66.5", "alla,80.0"))
_ANALYSED = (
    "lästiden efter lunch.\n",
    "lästiden efter lunch. Läsflytet är ändå lägre än i riket, sannolikt för att många elever "
    "läser lite hemma.\n",
)


def _term(value: Json) -> Term:
    text = TEXT.decode(value)
    term = Term.parse(text)
    if str(term) != text:  # only the form that is written: ht2025
        raise Malformed("term expected")
    return term


TERM: Codec[Term] = Codec(str, _term)
FLAGS = list_of(
    record(
        Flag,
        kind=enum(FlagKind),
        unit=TEXT,
        measure=TEXT,
        subject=optional(TEXT),
        group=TEXT,
        gender=optional(enum(Gender)),
        term=TERM,
        occasion=optional(TEXT),
        against=TEXT,
        figures=tuple_of(pair(TEXT, NUMBER)),
        text=TEXT,
        questions=tuple_of(TEXT),
    )
)


# Each unit's flags as FLAGS' JSON text: a run that judges one changed unit decodes that
# unit's flags, not a thousand units'.
UNIT_FLAGS = dict_of(TEXT)


def flags_of(ctx: Context, unit: str) -> list[Flag]:
    """A unit's flags for the läsår. Every unit's are worked out once per run, and taken
    from the cache while no result, reference value or unit has changed."""
    inputs = [k.name for k in ANALYSIS_INPUTS]
    by_unit = ctx.once(("resultat", "flaggor"), lambda: _remembered(ctx), inputs)
    if unit not in by_unit:
        return []
    flags = FLAGS.loads(by_unit[unit])
    if flags is None:  # not as FLAGS writes it: worked out again
        flags = [f for f in _analysed(ctx) if f.unit == unit]
    return flags


def _analysed(ctx: Context) -> list[Flag]:
    return list(repository_analysis(ctx.repo, ctx.settings, ctx.year).flags)


def _remembered(ctx: Context) -> dict[str, str]:
    def compute() -> dict[str, str]:
        found: dict[str, list[Flag]] = {}
        for flag in _analysed(ctx):
            found.setdefault(flag.unit, []).append(flag)
        return {unit: FLAGS.dumps(flags) for unit, flags in found.items()}

    if ctx.cache is None:
        return compute()
    ctx.repo.reads.note(*(group(k.name) for k in ANALYSIS_INPUTS))
    inputs = sorted(
        (path, ctx.cache.sha(located.disk_path))
        for path, located in ctx.repo.files.items()
        if located.kind in ANALYSIS_INPUTS
    )
    if any(sha is None for _, sha in inputs):
        return compute()
    name = key("resultatflaggor", repr(ctx.settings), str(ctx.year), inputs)
    return ctx.cache.remember(name, UNIT_FLAGS, compute)


def stems(flag: Flag) -> list[str]:
    """The words of a flagged measure that an analysis of it would use, shortened so that
    Swedish endings still match: `Meritvärde` → `meritvär` (meritvärdet, meritvärdena)."""
    found = []
    for word in _WORD.findall(f"{flag.measure} {flag.subject or ''}"):
        if word.isupper() and len(word) >= 3:  # TRAS, NP
            found.append(word.casefold())
        elif len(word) >= 5 and word.casefold() not in _GENERAL:
            found.append(word.casefold()[: max(5, len(word) - 2)])
    return found


def mentioned(flag: Flag, text: str) -> bool:
    folded = fold(text)
    words = stems(flag)
    return not words or any(w in folded for w in words)


@RuleSpec(
    "AR-analys-flaggade-resultat",
    RuleClass.ADVICE,
    Group.ANALYSIS,
    "Analysen tar upp de resultat som sticker ut",
    "Allmänna råd om systematiskt kvalitetsarbete, del 5 (analysera); Vaggeryds kommun, "
    "SKA 2.0: analysfrågor om klass och kön",
    "SKOLFS 2012:98",
    "Resultaten bör analyseras så att orsakerna blir synliga, särskilt där de förändras. "
    "ska resultat flaggar en nedgång sedan förra mätningen (minst flagga_nedgång), en "
    "skillnad mellan flickor och pojkar som växt (minst flagga_könsskillnad) och ett "
    "resultat under riket eller en annan jämförelse (minst flagga_under_jämförelse). "
    "Regeln varnar när avsnittet Analys i enhetens kvalitetsrapport inte nämner det "
    "flaggade måttet. Grupper under min_gruppstorlek flaggas aldrig.",
    """
## Analys
Meritvärdet i åk 9 är 224 mot rikets 230. Skillnaden finns främst i matematik,
där pojkarna i två av klasserna inte nådde målen; ...
""",
    failing=Example({REFERENCES: _ABOVE}),
    passing=Example({REFERENCES: _ABOVE, REPORT: edited(REPORT_TEXT, _ANALYSED)}),
).unit
def flagged_results_analysed(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    section = next((s for s in report.sections if s.key == "analys"), None)
    if section is None:
        return  # a missing Analys section is reported by the report's schema check
    missed = [f for f in flags_of(ctx, unit.id) if not mentioned(f, section.text)]
    seen: set[tuple[str, str | None, str]] = set()
    for flag in missed:
        if (flag.measure, flag.subject, str(flag.kind)) in seen:
            continue
        seen.add((flag.measure, flag.subject, str(flag.kind)))
        yield ctx.hit(
            unit.report_path,
            f"Analysen tar inte upp det flaggade resultatet ({flag.kind}): {flag.text}",
            f"Skriv i avsnittet Analys vad som kan förklara det. Till exempel: "
            f"{flag.questions[0]} Se ska resultat --enhet {unit.id}.",
            line=section.line,
        )
