"""Law rules at huvudman level: skollagen 4 kap. 3, 7 and 8 §§, 2 kap. 8 a §, 29 kap. 9 §.

These check presence and traceability, never quality: that the huvudman planned,
followed up, analysed and acted for the läsår, appointed a skolchef, has a written
complaints routine, and (a kommun) documents its aktivitetsansvar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ska.model.control import InternalControl
from ska.model.curriculum import SchoolForm
from ska.model.initiative import Initiative
from ska.model.organiser import OrganiserKind
from ska.model.unit import DevelopmentPlan
from ska.rules.context import Context
from ska.rules.engine import Group, Outcome, Pending, RuleClass, RuleSpec
from ska.rules.text import is_blank, mentions

SL4_3 = "SL 4:3 (lydelse 2022-07-01)"
LAW = RuleClass.LAW
EVERY_FORM = "alla"


def organiser_report_due(ctx: Context) -> Iterator[Outcome]:
    """The huvudman's report for the läsår: a finding if due and missing, else pending."""
    if ctx.exists(ctx.organiser_report_path):
        return
    folder = f"plans/{ctx.year.folder}/"
    if ctx.ended:
        yield ctx.hit(
            folder,
            f"Huvudmannens kvalitetsrapport för läsåret {ctx.year} saknas.",
            f"Skriv {ctx.organiser_report_path} med uppföljning, analys och utvecklingsområden.",
        )
    else:
        yield Pending("huvudman", ctx.year.last_day, "huvudmannens kvalitetsrapport")


@RuleSpec(
    "SL4-3-planering",
    LAW,
    Group.PLANNING,
    "Huvudmannen planerar kvalitetsarbetet för läsåret",
    "Skollagen 4 kap. 3 §",
    SL4_3,
    "Huvudmannen ska planera utbildningen systematiskt och kontinuerligt. Regeln kräver att "
    "läsåret har minst ett av nämndens mål för perioden (plans/mal.yaml) eller en insats på "
    "huvudmannanivå (plans/insatser/) som pågår under läsåret.",
    """
# plans/mal.yaml
period: {från: 2026, till: 2028}
mål:
  - id: läsförmåga
    namn: Alla elever ska kunna läsa
    kf_målområde: barn-och-unga
""",
).organiser
def planning(ctx: Context) -> Iterator[Outcome]:
    goals = ctx.repo.board_goals
    years = {ctx.year.first_day.year, ctx.year.last_day.year}
    if goals is not None and goals.goals and any(
        goals.period.start <= y <= goals.period.end for y in years
    ):
        return
    if any(i.active_in(ctx.year) for i in ctx.organiser_initiatives):
        return
    yield ctx.hit(
        "plans/",
        f"Huvudmannen har ingen planering för läsåret {ctx.year}: inga av nämndens mål "
        "gäller perioden och ingen insats på huvudmannanivå pågår.",
        "Lägg nämndens mål för perioden i plans/mal.yaml eller en insats i plans/insatser/.",
    )


@RuleSpec(
    "SL4-8-klagomalsrutin",
    LAW,
    Group.COMPLAINTS,
    "Skriftlig rutin för klagomål som allmänheten informeras om",
    "Skollagen 4 kap. 8 §",
    "SL 4:8 (lydelse 2011-07-01)",
    "Huvudmannen ska ha skriftliga rutiner för att ta emot och utreda klagomål mot "
    "utbildningen, och informera om dem på lämpligt sätt. Regeln kräver "
    "plans/klagomalsrutin.md med en skriven rutin och uppgift om var den publiceras "
    "(publicerad.url eller publicerad.kanaler).",
    """
---
titel: Rutin för klagomål på utbildningen
beslut: {organ: Barn- och utbildningsnämnden, datum: 2024-02-20, paragraf: "§ 12"}
ansvarig: förvaltningschef
datum: 2024-02-20
publicerad:
  url: https://www.example.se/klagomal
---
Klagomål tas emot, dokumenteras, utreds och åtgärdas ...
""",
).organiser
def complaints_routine(ctx: Context) -> Iterator[Outcome]:
    path = "plans/klagomalsrutin.md"
    if not ctx.exists(path):
        yield ctx.hit(
            "plans/",
            "Huvudmannen har ingen skriftlig rutin för klagomål.",
            "Skriv rutinen i plans/klagomalsrutin.md (skollagen 4 kap. 8 §).",
        )
        return
    routine = ctx.routine
    if routine is None:
        return
    if is_blank(routine.body):
        yield ctx.hit(path, "Klagomålsrutinen har ingen text, bara metadata.",
                      "Skriv rutinen under metadata: hur klagomål tas emot, utreds och åtgärdas.")
    published = routine.meta.published
    if published.url is None and not published.channels:
        yield ctx.hit(
            path,
            "Det står inte hur allmänheten får veta om klagomålsrutinen.",
            "Fyll i publicerad.url (webbsidan) eller publicerad.kanaler.",
            ("publicerad",),
        )
