"""Term rules: outdated names of school forms, curricula, titles and paragraphs.

Skolformer were renamed in 2020 and 2023, förskolechef became rektor in 2019, the
curricula were replaced and the skolchef has its own paragraph, 2 kap. 8 a §. Each term
carries the day its replacement applied from: a document is judged by its own läsår (a
standing document in plans/ by the läsår being judged), so a 2018/19 report may say
förskolechef and a 2019/20 one may not.

Dates and sources: rektor for förskolan and Lpfö 18 from 1 July 2019 (Skolverket,
"Reviderad läroplan för förskolan"); särvux part of komvux as "komvux som särskild
utbildning" from 1 July 2020 (Skolverket, "F d särvux heter komvux som särskild
utbildning"); grundsärskola, gymnasiesärskola and komvux som särskild utbildning renamed
on 2 July 2023 (Skolverket, "Nya namn på vissa skolformer", SFS 2022:1315); Lgr22 and
betygskriterier from 1 July 2022 (lag 2022:146); skolchef in 2 kap. 8 a § from 1 July
2018; the skolplan requirement gone with skollagen 2010:800, applied from 1 July 2011.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ska.checks.base import Example, RuleClass
from ska.checks.minimal import FOCUS_AREAS, FOCUS_AREAS_TEXT, edited
from ska.load.discovery import Located
from ska.model import kinds as K
from ska.model.curriculum import judged_on
from ska.model.settings import Settings
from ska.model.types import SchoolYear, period_text
from ska.rules.context import Context
from ska.rules.engine import Group, Hit, RuleSpec
from ska.rules.sources import position


@dataclass(frozen=True)
class Term:
    """An outdated term: what to write instead, why, and the period the replacement was
    the right term (from `since`; to `until` if it was itself replaced later)."""

    pattern: re.Pattern[str]
    shown: str  # the old term as `ska forklara` lists it
    replacement: str
    why: str
    since: dt.date
    until: dt.date | None = None

    def outdated_in(self, year: SchoolYear) -> bool:
        """Whether the replacement was the right term at the end of the läsår (the day its
        documents describe, as for the curriculum): a document of that läsår should use it."""
        day = judged_on(year)
        return self.since <= day and (self.until is None or day <= self.until)


def _term(
    pattern: str,
    shown: str,
    replacement: str,
    why: str,
    since: dt.date,
    until: dt.date | None = None,
) -> Term:
    return Term(re.compile(pattern, re.IGNORECASE), shown, replacement, why, since, until)


PRESCHOOL_PRINCIPAL = dt.date(2019, 7, 1)
ADULT_SPECIAL = dt.date(2020, 7, 1)
ADAPTED_NAMES = dt.date(2023, 7, 2)
LGR22 = dt.date(2022, 7, 1)
SCHOOL_CHIEF = dt.date(2018, 7, 1)
SCHOOL_ACT = dt.date(2011, 7, 1)

OUTDATED: tuple[Term, ...] = (
    _term(
        r"\bförskolechef\w*",
        "förskolechef",
        "rektor",
        "Förskolans chef heter rektor sedan 1 juli 2019.",
        PRESCHOOL_PRINCIPAL,
    ),
    _term(
        r"\bgrundsärskol\w*",
        "grundsärskola",
        "anpassad grundskola",
        "Grundsärskolan bytte namn till anpassad grundskola 2 juli 2023.",
        ADAPTED_NAMES,
    ),
    _term(
        r"\bgymnasiesärskol\w*",
        "gymnasiesärskola",
        "anpassad gymnasieskola",
        "Gymnasiesärskolan bytte namn till anpassad gymnasieskola 2 juli 2023.",
        ADAPTED_NAMES,
    ),
    _term(
        r"\bsärvux\w*",
        "särvux",
        "komvux som särskild utbildning",
        "Särvux blev en del av komvux som komvux som särskild utbildning 1 juli 2020.",
        ADULT_SPECIAL,
        ADAPTED_NAMES - dt.timedelta(days=1),
    ),
    _term(
        r"\b(?:särvux\w*|komvux som särskild utbildning)",
        "särvux, komvux som särskild utbildning",
        "komvux som anpassad utbildning",
        "Komvux som särskild utbildning (särvux) heter komvux som anpassad utbildning "
        "sedan 2 juli 2023.",
        ADAPTED_NAMES,
    ),
    _term(
        r"\bkunskapskrav\w*",
        "kunskapskrav",
        "betygskriterier (eller kriterier för bedömning av kunskaper)",
        "Kunskapskraven ersattes av betygskriterier i och med Lgr22 (1 juli 2022).",
        LGR22,
    ),
    _term(
        r"\bLpfö\s?98\b",
        "Lpfö 98",
        "Lpfö 18",
        "Lpfö 18 gäller sedan 1 juli 2019.",
        PRESCHOOL_PRINCIPAL,
    ),
    _term(r"\bLgr\s?11\b", "Lgr11", "Lgr22", "Lgr22 gäller sedan 1 juli 2022.", LGR22),
    _term(
        r"\bskolplan(?:en|er|erna|ens)?\b",
        "skolplan",
        "huvudmannens plan för det systematiska kvalitetsarbetet",
        "Kravet på en kommunal skolplan togs bort med skollagen 2010:800 (2011).",
        SCHOOL_ACT,
    ),
    _term(
        r"\b2\s*kap\.?\s*8\s*§(?!\s*a\b)",
        "2 kap. 8 § om skolchefen",
        "2 kap. 8 a §",
        "Skolchefen regleras i skollagen 2 kap. 8 a § (sedan 1 juli 2018); 8 § handlar om "
        "huvudmannens ansvar i stort.",
        SCHOOL_CHIEF,
    ),
)


def _listing() -> str:
    """The terms with their periods, for the rule's explanation."""
    parts = []
    for term in OUTDATED:
        period = period_text(term.since, term.until, "")
        parts.append(f"{term.shown} → {term.replacement} ({period})")
    return "; ".join(parts)


_FOUNDATION = "som grund för inlärning."

# One pass finds the files worth a closer look (most have none of the terms).
_ANY = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in OUTDATED), re.IGNORECASE)


def _current(ctx: Context, path: str, located: Located) -> bool:
    """The läsår's Markdown and YAML files, and the standing documents in plans/."""
    if located.kind.format not in (K.FileFormat.MARKDOWN, K.FileFormat.YAML):
        return False
    standing = path.startswith(f"{K.PLANS}/") and located.school_year is None
    return standing or located.school_year == ctx.year


@RuleSpec(
    "TERM-foraldrade-begrepp",
    RuleClass.ADVICE,
    Group.DOCUMENTATION,
    "Dokumenten använder dagens begrepp",
    "Skollagen 2 kap. 8 a §; lag 2022:146; SFS 2022:1315 (skolformernas nya namn 2023)",
    "SL 2:8 a (lydelse 2019-07-01); lag 2022:146; SFS 2022:1315",
    "Föråldrade begrepp gör dokumentationen svårare att följa och kan ge intryck av att "
    "den bygger på upphävda regler. Regeln söker i läsårets dokument och i huvudmannens "
    "stående dokument i plans/ efter begrepp som hade ersatts under läsåret, och föreslår "
    "det begrepp som gällde då. Ett dokument från ett läsår när det gamla begreppet var "
    "det rätta får inget fynd; de stående dokumenten bedöms efter läsåret som granskas. "
    "Begreppen och från när det nya gäller: " + _listing() + ".",
    """
skolchefer:
  - roll: förvaltningschef  # skolchef enligt skollagen 2 kap. 8 a §
    omfattning: [förskola, grundskola, anpassad grundskola]
""",
    failing=Example({FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, (_FOUNDATION, "enligt Lgr11."))}),
    passing=Example({FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, (_FOUNDATION, "enligt Lgr22."))}),
    files_by_year=True,
).each_file(_current)
def outdated_terms(path: str, text: str, located: Located, settings: Settings) -> Iterator[Hit]:
    if _ANY.search(text) is None:
        return
    year = located.school_year  # the document's läsår, or the one judged (files_by_year)
    for term in OUTDATED:
        if year is not None and not term.outdated_in(year):
            continue
        pattern, replacement, why = term.pattern, term.replacement, term.why
        for found in pattern.finditer(text):
            line, column = position(text, found.start())
            yield Hit(
                path,
                f"Föråldrat begrepp '{found[0]}'.",
                f"Skriv {replacement}. {why}",
                line,
                column,
            )
