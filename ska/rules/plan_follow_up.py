"""The unit's utvecklingsplan exists and is followed up: by the time the läsår's
kvalitetsrapport is due, each åtagande in the plan has at least one dated follow-up. A
plan that is missing altogether is a deadline finding (FRIST-saknas, from the
obligations) when the årshjul dates the plan; without such an event the local rule
LOK-utvecklingsplan-finns, which the presets switch on, asks for it when the läsår ends."""

from __future__ import annotations

from collections.abc import Iterator

from ska import markdown as md
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import CONFIG, CONFIG_TEXT, PLAN, PLAN_TEXT, edited
from ska.findings import Severity
from ska.model.year_wheel import DocumentKind
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Outcome, RuleSpec

_ENABLED = CONFIG_TEXT + "regler:\n  LOK-utvecklingsplan-finns: fel\n"
_FOLLOW_UP = """\
uppföljningar:
  - datum: 2025-11-20
    åtagande: läsflyt
    text: Lästiden genomförs i alla klasser; screeningen i december visar ökning.
"""


@RuleSpec(
    "AR-plan-uppfoljd",
    RuleClass.ADVICE,
    Group.FOLLOW_UP,
    "Utvecklingsplanens åtaganden följs upp under läsåret",
    "Skolverkets allmänna råd om systematiskt kvalitetsarbete (SKOLFS 2012:98), avsnittet "
    "om uppföljning på enhetsnivå",
    "SKOLFS 2012:98",
    "Rektor bör följa upp om det planerade utvecklingsarbetet genomförs och ger effekt. När "
    "läsårets kvalitetsrapport ska vara klar ska varje åtagande i utvecklingsplanen ha minst "
    "en daterad uppföljning under uppföljningar. En plan vars uppföljningar alla har tagits "
    "bort ger ett fynd. En plan som saknas helt är ett fristfynd (FRIST-saknas).",
    """
uppföljningar:
  - datum: 2026-02-10
    åtagande: läsflyt
    text: Lästiden genomförs i alla klasser; screeningen visar ökning.
""",
    severity=Severity.WARNING,
    failing=Example({PLAN: edited(PLAN_TEXT, (_FOLLOW_UP, ""))}),
    passing=Example({PLAN: PLAN_TEXT}),
).unit
def plan_followed_up(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    if not ctx.overdue(DocumentKind.UNIT_REPORT):
        return
    plan = ctx.plan(unit)
    if plan is None:
        return
    due = md.date(ctx.due(DocumentKind.UNIT_REPORT))
    if not plan.follow_ups:
        yield ctx.hit(
            unit.plan_path,
            f"Utvecklingsplanen för {ctx.year} har inga uppföljningar, fast kvalitetsrapporten "
            f"skulle vara klar {due}.",
            "Skriv under uppföljningar: datum, åtagande och vad uppföljningen visade.",
            at=("prioriterade_målområden",),
            key=True,
        )
        return
    followed = {item.commitment for item in plan.follow_ups}
    for i, area in enumerate(plan.priorities):
        for j, commitment in enumerate(area.commitments):
            if commitment.id not in followed:
                yield ctx.hit(
                    unit.plan_path,
                    f"Åtagandet {commitment.id} i utvecklingsplanen har ingen uppföljning.",
                    f"Lägg till en uppföljning med åtagande: {commitment.id}.",
                    at=("prioriterade_målområden", i, "åtaganden", j, "id"),
                )


@RuleSpec(
    "LOK-utvecklingsplan-finns",
    RuleClass.LOCAL,
    Group.PLANNING,
    "Varje enhet har en utvecklingsplan för läsåret",
    "Vetlanda kommun, riktlinjer för SKA (BUN 2024-06-04 § 55); Svenljunga kommun, plan för "
    "det systematiska kvalitetsarbetet 2026 (BUN 2025-12-16 § 142)",
    "Lokal förinställning (vetlanda, svenljunga)",
    "Rektor tar fram en utvecklingsplan för varje läsår och har den med sig till "
    "förutsättningsdialogen. När årshjulet daterar planen (en händelse med dokument: "
    "utvecklingsplan) är en plan som saknas efter den dagen ett fristfynd (FRIST-saknas), "
    "och regeln säger inget mer. Annars kräver regeln planen när läsåret är slut.",
    """
# units/<enhet>/2025-26/utvecklingsplan.yaml
ansvarig: Karin Alm
datum: 2025-09-10
prioriterade_målområden: [...]
""",
    failing=Example({CONFIG: _ENABLED, PLAN: None}),
    passing=Example({CONFIG: _ENABLED, PLAN: PLAN_TEXT}),
).unit
def plan_exists(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    wheel = ctx.calendar
    if wheel is not None and any(e.document is DocumentKind.DEVELOPMENT_PLAN for e in wheel.events):
        return  # the årshjul dates the plan: FRIST-saknas says when it is missing
    if not ctx.overdue(DocumentKind.DEVELOPMENT_PLAN) or ctx.exists(unit.plan_path):
        return
    yield ctx.hit(
        unit.plan_path,
        f"{unit.name} har ingen utvecklingsplan för läsåret {ctx.year}.",
        f"Skriv {unit.plan_path} (ska ny utvecklingsplan {unit.id} --lasar {ctx.year} "
        "skapar en mall).",
    )
