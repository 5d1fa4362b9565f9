"""The kommunala aktivitetsansvaret (skollagen 29 kap. 9 §): documented and reported.

Only for a huvudman that is a kommun. Each calendar year of the läsår that has begun
needs plans/kaa/<år>.yaml describing the register, the contact work and the measures,
and each half-year that has ended a recorded submission to SCB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ska.checks.base import Example, RuleClass
from ska.checks.minimal import KAA_2025, KAA_2025_TEXT, KAA_2026, KAA_2026_TEXT, edited
from ska.findings import Severity
from ska.model import kinds as K
from ska.model.organiser import OrganiserKind
from ska.rules.context import Context
from ska.rules.engine import Group, Outcome, RuleSpec
from ska.rules.text import is_blank

LAW = RuleClass.LAW
_SCB = "scb_rapportering:\n  - {halvår: 1, inskickad: 2026-07-10, antal_ungdomar: 23}\n"


KAA_KINDS = frozenset({OrganiserKind.MUNICIPALITY})
KAA_SOURCE = "Skollagen 29 kap. 9 §; förordning (2006:39)"
# Since 1 January 2015 the kommun keeps a register of the young people under the
# aktivitetsansvar and reports it, with the measures, to SCB for each half-year (SCB's
# page for the survey "Kommunernas aktivitetsansvar", collected for Skolverket).
KAA_REGISTER = dt.date(2015, 1, 1)


def _calendar_years(ctx: Context) -> list[int]:
    """The calendar years of the läsår that have begun by the reference date, from the
    year the register was introduced."""
    years = (ctx.year.first_day.year, ctx.year.last_day.year)
    return [y for y in years if dt.date(y, 1, 1) <= ctx.today and y >= KAA_REGISTER.year]


@RuleSpec(
    "KAA-29-9",
    LAW,
    Group.KAA,
    "Kommunen dokumenterar aktivitetsansvaret",
    KAA_SOURCE,
    "SL 29:9 (lydelse 2015-01-01)",
    "En kommun ska löpande hålla sig informerad om ungdomar under 20 år som har fullgjort "
    "skolplikten men inte går i gymnasieskolan, föra ett register och erbjuda åtgärder. "
    "För varje kalenderår i läsåret ska plans/kaa/<år>.yaml beskriva registret, "
    "kontaktarbetet och åtgärderna.",
    """
# plans/kaa/2026.yaml
ansvarig: studie_och_yrkesvägledare
register: Registret förs i elevregistret och stäms av varje månad.
kontaktarbete: Studie- och yrkesvägledaren kontaktar varje ungdom inom en månad.
åtgärder: [Vägledningssamtal, Individuell plan]
""",
    organiser_kinds=KAA_KINDS,
    valid_from=KAA_REGISTER,
    failing=Example({KAA_2025: None}),
    passing=Example({KAA_2025: KAA_2025_TEXT}),
).organiser
def kaa_documented(ctx: Context) -> Iterator[Outcome]:
    for year in _calendar_years(ctx):
        path = K.KAA.path(calendar_year=year)
        if not ctx.exists(path):
            yield ctx.hit(
                f"{K.KAA.folder()}/",
                f"Dokumentationen av det kommunala aktivitetsansvaret för {year} saknas.",
                f"Skriv {path} med register, kontaktarbete och åtgärder.",
            )
            continue
        kaa = ctx.kaa(year)
        if kaa is None:
            continue
        for key, text in (("register", kaa.register_keeping), ("kontaktarbete", kaa.contact_work)):
            if is_blank(text):
                yield ctx.hit(path, f"{key} är tomt.", f"Beskriv {key}.", at=(key,))


@RuleSpec(
    "KAA-29-9-scb",
    LAW,
    Group.KAA,
    "Registret rapporteras till SCB varje halvår",
    KAA_SOURCE + "; SCB:s undersökning Kommunernas aktivitetsansvar (sedan 2015)",
    "SL 29:9 (lydelse 2015-01-01)",
    "Kommunen rapporterar registret över aktivitetsansvaret till SCB två gånger per år, "
    "ett halvår i taget, sedan registret infördes 1 januari 2015. Skyldigheten kommer ur "
    "reglerna för uppgiftsinsamlingen, inte ur paragrafen, därför en varning. För varje "
    "halvår i läsåret som har tagit slut ska scb_rapportering i plans/kaa/<år>.yaml ha "
    "en rad med datum för inskickad.",
    """
scb_rapportering:
  - halvår: 1
    inskickad: 2026-08-26
    antal_ungdomar: 35
""",
    severity=Severity.WARNING,
    organiser_kinds=KAA_KINDS,
    valid_from=KAA_REGISTER,
    failing=Example({KAA_2026: edited(KAA_2026_TEXT, (_SCB, ""))}),
    passing=Example({KAA_2026: KAA_2026_TEXT}),
).organiser
def kaa_reported(ctx: Context) -> Iterator[Outcome]:
    halves = ((ctx.year.first_day.year, 2), (ctx.year.last_day.year, 1))
    for year, half in halves:
        ended = dt.date(year, 12, 31) if half == 2 else dt.date(year, 6, 30)
        kaa = ctx.kaa(year)
        if ended >= ctx.today or ended < KAA_REGISTER or kaa is None:
            continue
        sent = [s for s in kaa.scb if s.half_year == half and s.submitted is not None]
        if not sent:
            yield ctx.hit(
                K.KAA.path(calendar_year=year),
                f"Rapporteringen till SCB för halvår {half} {year} saknas.",
                f"Lägg till halvår: {half} med inskickad: (datum) under scb_rapportering.",
                at=("scb_rapportering",) if kaa.scb else ("ansvarig",),
                key=True,
            )
