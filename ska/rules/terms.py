"""Term rules: outdated names of school forms, curricula, titles and paragraphs.

Skolformer were renamed in 2023, förskolechef became rektor in 2019, the curricula
were replaced and the skolchef has its own paragraph, 2 kap. 8 a §. Documents of the
läsår, and the huvudman's standing documents in plans/, should use today's terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ska.checks.base import Example, RuleClass
from ska.checks.minimal import FOCUS_AREAS, FOCUS_AREAS_TEXT, edited
from ska.load.discovery import Located
from ska.model import kinds as K
from ska.model.settings import Settings
from ska.rules.context import Context
from ska.rules.engine import Group, Hit, RuleSpec
from ska.rules.sources import position

# (pattern, what to write instead, why)
OUTDATED: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement, why)
    for pattern, replacement, why in (
        (r"\bförskolechef\w*", "rektor", "Förskolans chef heter rektor sedan 2019."),
        (
            r"\bgrundsärskol\w*",
            "anpassad grundskola",
            "Grundsärskolan bytte namn till anpassad grundskola 2023.",
        ),
        (
            r"\bgymnasiesärskol\w*",
            "anpassad gymnasieskola",
            "Gymnasiesärskolan bytte namn till anpassad gymnasieskola 2023.",
        ),
        (
            r"\bsärvux\w*",
            "komvux som anpassad utbildning",
            "Särvux blev komvux som anpassad utbildning 2023.",
        ),
        (
            r"\bkunskapskrav\w*",
            "betygskriterier (eller kriterier för bedömning av kunskaper)",
            "Kunskapskraven ersattes av betygskriterier i och med Lgr22.",
        ),
        (r"\bLpfö\s?98\b", "Lpfö 18", "Lpfö 18 gäller sedan 1 juli 2019."),
        (r"\bLgr\s?11\b", "Lgr22", "Lgr22 gäller sedan 1 juli 2022."),
        (
            r"\bskolplan(?:en|er|erna|ens)?\b",
            "huvudmannens plan för det systematiska kvalitetsarbetet",
            "Kravet på en kommunal skolplan togs bort med skollagen 2010:800 (2011).",
        ),
        (
            r"\b2\s*kap\.?\s*8\s*§(?!\s*a\b)",
            "2 kap. 8 a §",
            "Skolchefen regleras i skollagen 2 kap. 8 a §; 8 § handlar om huvudmannens "
            "ansvar i stort.",
        ),
    )
)


_FOUNDATION = "som grund för inlärning."

# One pass finds the files worth a closer look (most have none of the terms).
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in OUTDATED), re.IGNORECASE)


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
    "Skollagen 2 kap. 8 a §; lag 2022:146; skolformernas nya namn 2023",
    "SL 2:8 a (lydelse 2019-07-01); lag 2022:146",
    "Föråldrade begrepp gör dokumentationen svårare att följa och kan ge intryck av att "
    "den bygger på upphävda regler. Regeln söker i läsårets dokument och i huvudmannens "
    "stående dokument i plans/ efter förskolechef, grundsärskola, gymnasiesärskola, "
    "särvux, kunskapskrav, Lpfö 98, Lgr11, skolplan och hänvisningen 2 kap. 8 § för "
    "skolchefen, och föreslår dagens begrepp.",
    """
skolchefer:
  - roll: förvaltningschef  # skolchef enligt skollagen 2 kap. 8 a §
    omfattning: [förskola, grundskola, anpassad grundskola]
""",
    failing=Example({FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, (_FOUNDATION, "enligt Lgr11."))}),
    passing=Example({FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, (_FOUNDATION, "enligt Lgr22."))}),
).each_file(_current)
def outdated_terms(path: str, text: str, located: Located, settings: Settings) -> Iterator[Hit]:
    if _ANY.search(text) is None:
        return
    for pattern, replacement, why in OUTDATED:
        for found in pattern.finditer(text):
            line, column = position(text, found.start())
            yield Hit(
                path,
                f"Föråldrat begrepp '{found[0]}'.",
                f"Skriv {replacement}. {why}",
                line,
                column,
            )
