"""Allmänna råd (SKOLFS 2012:98) on follow-up, analysis and insatser.

Parts 4–7 of the advice: what needs developing, why and how; follow-up of every goal
area, of the conditions and of different groups; trends over time; complete insatser
that are followed up. Allmänna råd say what a huvudman or rektor *bör* do, so every
rule here is a warning with a hint on what to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ska.checks.base import Example, RuleClass
from ska.checks.minimal import (
    ORGANISER,
    ORGANISER_REPORT,
    ORGANISER_REPORT_TEXT,
    ORGANISER_TEXT,
    REPORT,
    REPORT_TEXT,
    RESULTS,
    RESULTS_TEXT,
    UNIT_INITIATIVE,
    UNIT_INITIATIVE_TEXT,
    YEAR_WHEEL,
    YEAR_WHEEL_TEXT,
    edited,
)
from ska.findings import Severity
from ska.load.csvtable import parse_results
from ska.load.discovery import Located
from ska.model import kinds as K
from ska.model.curriculum import GoalArea, SchoolForm, area_heading, judged_on
from ska.model.initiative import Status
from ska.model.report import Report
from ska.model.results import Gender
from ska.model.settings import Settings
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Hit, Outcome, Pending, RuleSpec, row_of
from ska.rules.sources import results_of_the_year
from ska.rules.text import is_blank, mentions
from ska.rules.vocabulary import (
    CONDITION_EXAMPLES,
    area_mentions,
    conditions_missing,
    form_passages,
    is_follow_up,
)
from ska.suggest import join_sv
from ska.suppression import cell_key

AR = RuleClass.ADVICE
SKOLFS = "SKOLFS 2012:98"

# Examples: the unit's report, results and insats and the huvudman's report as the
# example kommun has them, changed where a rule finds a gap.
_HOW = "    insatser: [läslyftet, testskolan-läsfixare]\n"
_OTHER_AREAS = (
    " Trygghet, inflytande, samarbetet med hemmet, övergången till åk 7, omvärlden och "
    "betygen följs upp i enkäter."
)
_FORMS_AT_UNIT = " I förskoleklassen och fritidshemmet visar observationerna att barnen trivs."
_UNIT_PREMISES = " Personalen och lokalerna är oförändrade."
_CONDITIONS = " Organisationen och lärmiljön är oförändrade."
_SPLIT = "Trygghetsindex,vt2026,alla,flickor,,19,4.3\nTrygghetsindex,vt2026,alla,pojkar,,21,4.1\n"
_COMPARED = "Ökningen jämfört med förra läsåret beror"
_FOLLOW_UP = "  planerad: [2026-01-20, 2026-06-10]\n"
_FOLLOWED_UP = """\
  genomförd:
    - datum: 2026-06-10
      text: 78 procent når gränsvärdet i läsflyt, mot 65 procent förra läsåret.
      status: uppföljning
"""
_STARTED_EARLIER = ("{start: 2025-08,", "{start: 2024-08,")


@RuleSpec(
    "AR-dok-vad-varfor-hur",
    AR,
    Group.ANALYSIS,
    "Utvecklingsområden säger vad, varför och hur",
    "Allmänna råd om systematiskt kvalitetsarbete, del 4 (dokumentera)",
    SKOLFS,
    "Dokumentationen bör visa vad som behöver utvecklas, varför och på vilket sätt. Varje "
    "utvecklingsområde i en kvalitetsrapport har beskrivning (vad) och varför (en "
    "koppling till analysen); regeln kontrollerar att det också har minst en insats "
    "(hur).",
    """
utvecklingsområden:
  - id: läsförståelse
    beskrivning: Läsförståelsen i åk 1–3 behöver stärkas.
    varför: Screeningen visar sjunkande resultat.
    insatser: [läslyftet]
""",
    failing=Example({REPORT: edited(REPORT_TEXT, (_HOW, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).each_report()
def what_why_how(ctx: Context, targets: list[tuple[str, Report | None]]) -> Iterator[Outcome]:
    for path, report in targets:
        for index, area in enumerate(report.meta.development_areas if report else []):
            if not area.initiatives:
                yield ctx.hit(
                    path,
                    f"Utvecklingsområdet '{area.id}' säger inte hur: ingen insats är kopplad.",
                    "Ange insatser: [id] för de insatser som ska möta behovet.",
                    at=("utvecklingsområden", index, "id"),
                )


# Areas about who is responsible rather than what pupils reach are not followed up as results.
RESPONSIBILITY_AREAS = frozenset(
    {GoalArea.PRINCIPAL, GoalArea.PRESCHOOL_TEACHER, GoalArea.EVALUATION}
)


@RuleSpec(
    "AR-uppf-malomraden",
    AR,
    Group.FOLLOW_UP,
    "Uppföljningen täcker läroplanens målområden",
    "Allmänna råd om systematiskt kvalitetsarbete, del 5 (följa upp); läroplanernas kap. 2",
    SKOLFS,
    "Uppföljningen bör gälla både kunskapsmålen och de andra målen (normer och värden, "
    "inflytande …). Varje målområde i läroplanen för enhetens skolformer bör nämnas i "
    "kvalitetsrapporten (med sin rubrik eller nyckel) eller vara prioriterat i "
    "utvecklingsplanen. Områden som gäller ansvar (rektorns och förskollärarnas ansvar, "
    "uppföljning och utvärdering) räknas inte. Läroplanen är den som gällde vid läsårets "
    "slut: för förskolan Lpfö 98 till och med läsåret 2018/19 och Lpfö 18 från 2019/20, "
    "för grundskolan Lgr11 till och med 2021/22 och Lgr22 från 2022/23.",
    """
## Resultat
### Normer och värden
92 % av eleverna känner sig trygga ...
### Kunskaper
...
""",
    failing=Example({REPORT: edited(REPORT_TEXT, (_OTHER_AREAS, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def goal_areas_followed_up(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    text = report.text
    plan = ctx.plan(unit)
    prioritised = {p.goal_area for p in plan.priorities} if plan else set()
    forms = unit.school_forms
    day = judged_on(ctx.year)
    absent = []
    for form_area in sorted({a for f in forms for a in f.curriculum_on(day).areas}):
        if form_area in RESPONSIBILITY_AREAS or form_area in prioritised:
            continue
        if not area_mentions(text, form_area, forms, day):
            absent.append(f"'{area_heading(form_area, forms, day)}'")
    if absent:
        yield ctx.hit(
            unit.report_path,
            f"Rapporten följer inte upp {'målområdet' if len(absent) == 1 else 'målområdena'} "
            + join_sv(absent)
            + ".",
            "Skriv om varje målområde under Resultat, gärna med en underrubrik per område.",
            line=(report.section("resultat") or report.sections[0]).line
            if report.sections
            else None,
        )


@RuleSpec(
    "AR-uppf-verksamhetsform",
    AR,
    Group.FOLLOW_UP,
    "Enheten följer upp förskoleklass och fritidshem",
    "Skollagen 4 kap. 4 §; Lgr22 kapitel 3 och 4; Skolinspektionens tillsyn av fritidshem",
    SKOLFS,
    "Rektorn ska följa upp hela enhetens utbildning. Skolinspektionen finner ofta att "
    "fritidshemmet eller förskoleklassen inte följs upp på skolenheten. Driver enheten "
    "förskoleklass eller fritidshem vid sidan av andra skolformer bör kvalitetsrapporten "
    "följa upp dem: en underrubrik som nämner verksamheten, eller en mening om den med "
    "resultat, eller något av områdena i kapitel 3 och 4 (språk och kommunikation, "
    "skapande och estetiska uttrycksformer, natur och samhälle, lekar, fysisk aktivitet och "
    "utevistelse …) som läroplansområde i utvecklingsområdena.",
    """
## Resultat
### Fritidshem
Enkäten visar att 85 % av eleverna tycker att fritids har roliga aktiviteter ...
""",
    severity=Severity.WARNING,
    failing=Example({REPORT: edited(REPORT_TEXT, (_FORMS_AT_UNIT, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def unit_forms_followed_up(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    forms = unit.school_forms
    if report is None or len(forms) < 2:
        return
    passages = form_passages(report.text)
    tagged = {a for area in report.meta.development_areas for a in area.goal_areas}
    absent = []
    for form in (SchoolForm.PRESCHOOL_CLASS, SchoolForm.LEISURE_CENTRE):
        if form not in forms or tagged & set(form.curriculum_on(judged_on(ctx.year)).own_areas):
            continue
        if not any(is_follow_up(p) for p in passages.get(form, [])):
            absent.append(form.label.lower())
    if absent:
        section = report.section("resultat")
        yield ctx.hit(
            unit.report_path,
            "Kvalitetsrapporten följer inte upp " + join_sv(absent) + ".",
            "Skriv vad uppföljningen visar för verksamheten, gärna under en egen underrubrik.",
            line=section.line if section else None,
        )


@RuleSpec(
    "AR-uppf-forutsattningar",
    AR,
    Group.FOLLOW_UP,
    "Uppföljningen tar upp förutsättningarna",
    "Allmänna råd om systematiskt kvalitetsarbete, del 5; Svenljungas plan 2026",
    SKOLFS,
    "Huvudmannen bör följa upp inte bara resultaten utan också förutsättningarna och hur "
    "arbetet genomförts. Huvudmannens kvalitetsrapport bör ta upp personal (och "
    "behörighet), organisation och lärmiljö eller resurstilldelning.",
    """
## Förutsättningar
Andelen behöriga lärare är 78 %. Organisationen ändrades när ... Resurstilldelningen
följer den socioekonomiska modellen ...
""",
    failing=Example({ORGANISER_REPORT: edited(ORGANISER_REPORT_TEXT, (_CONDITIONS, ""))}),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
).organiser
def conditions(ctx: Context) -> Iterator[Outcome]:
    for one in ctx.organiser_reports:
        report = one.report
        absent = conditions_missing(report.text)
        if not absent:
            continue
        section = report.section("förutsättningar")
        looked = "; ".join(
            f"{name}: " + ", ".join(f"'{w}'" for w in CONDITION_EXAMPLES[name]) for name in absent
        )
        yield ctx.hit(
            one.path,
            "Uppföljningen av förutsättningarna tar inte upp "
            + join_sv(absent)
            + f" (ska letade efter t.ex. {looked}).",
            "Beskriv personal och behörighet, organisation och lärmiljö eller resurser.",
            line=section.line if section else None,
        )


@RuleSpec(
    "AR-uppf-forutsattningar-enhet",
    AR,
    Group.FOLLOW_UP,
    "Enhetens uppföljning tar upp enhetens förutsättningar",
    "Allmänna råd om systematiskt kvalitetsarbete, del 5; skollagen 4 kap. 4 §",
    SKOLFS,
    "Granskare frågar efter förutsättningarna per enhet, inte bara för hela huvudmannen: "
    "personal och behörighet, organisation, lärmiljö (lokaler) eller resurser. Enhetens "
    "kvalitetsrapport bör ta upp alla tre. En textheuristik, därför en varning.",
    """
## Förutsättningar
Skolan har 280 elever och 24 lärare, varav 21 legitimerade. Lokalerna är trångbodda ...
""",
    severity=Severity.WARNING,
    failing=Example({REPORT: edited(REPORT_TEXT, (_UNIT_PREMISES, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def unit_conditions(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    absent = conditions_missing(report.text)
    if absent:
        section = report.section("förutsättningar")
        looked = "; ".join(
            f"{name}: " + ", ".join(f"'{w}'" for w in CONDITION_EXAMPLES[name]) for name in absent
        )
        yield ctx.hit(
            unit.report_path,
            "Enhetens förutsättningar beskriver inte "
            + join_sv(absent)
            + f" (ska letade efter t.ex. {looked}).",
            "Beskriv enhetens personal och behörighet, organisation och lokaler eller resurser.",
            line=section.line if section else None,
        )


_EARLIER_INITIATIVE = K.INITIATIVE.path(name="lästid-2024")
_EARLIER_INITIATIVE_TEXT = """\
titel: Gemensam lästid
syfte: Mer lästid i åk 1–3.
mål: [Alla klasser läser 20 minuter om dagen.]
åtgärder: [Lästid efter lunch.]
ansvarig: förvaltningschef
verksamhetsformer: [grundskola]
grundas_på: ["Huvudmannens kvalitetsrapport 2023/24: läsförståelsen sjönk."]
period: {start: 2024-08, slut: 2025-06}
status: avslutad
"""


@RuleSpec(
    "AR-kontinuitet-effekt",
    AR,
    Group.ANALYSIS,
    "Huvudmannen bedömer effekten av förra årets insatser",
    "Allmänna råd om systematiskt kvalitetsarbete, del 5 och 6; skollagen 4 kap. 3 §",
    SKOLFS,
    "Kvalitetsarbetet är en cykel: analysen ska också bedöma vad huvudmannens egna insatser "
    "ledde till. Varje insats som huvudmannen beslutat och som pågick förra läsåret bör "
    "bedömas i läsårets kvalitetsrapport (nämnd med titel eller id) eller ha effekt ifylld "
    "i sin fil.",
    """
# plans/insatser/lästid-2024.yaml
effekt: Läsflytet ökade i de klasser som höll lästiden, men inte i övriga.
""",
    severity=Severity.WARNING,
    failing=Example({_EARLIER_INITIATIVE: _EARLIER_INITIATIVE_TEXT}),
    passing=Example(
        {
            _EARLIER_INITIATIVE: _EARLIER_INITIATIVE_TEXT
            + "effekt: Läsflytet ökade i de klasser som höll lästiden.\n"
        }
    ),
).organiser
def effect_of_last_years_initiatives(ctx: Context) -> Iterator[Outcome]:
    reports = ctx.organiser_reports
    if not reports:
        return
    report = reports[0].report
    earlier = ctx.year.previous()
    text = ctx.organiser_text.casefold()
    unjudged = []
    for info in ctx.organiser_initiatives:
        if not info.active_in(earlier) or not is_blank(info.model.effect):
            continue
        title = str(info.model.title)
        if info.id.casefold() in text or title.casefold() in text:
            continue
        unjudged.append(f"'{title}'")
    if unjudged:
        section = report.section("tidigare_insatser") or report.section("analys")
        yield ctx.hit(
            reports[0].path,
            f"Rapporten bedömer inte effekten av förra läsårets ({earlier}) insatser "
            + join_sv(unjudged)
            + ".",
            "Skriv vad insatserna ledde till under Uppföljning av tidigare insatser, eller "
            "fyll i effekt i insatsens fil.",
            line=section.line if section else None,
        )


_BOARD = re.compile(r"\bnämnd\w*|\bbun\b|\butskott\w*", re.IGNORECASE)
_TWICE = re.compile(
    r"\b(?:två|tre|fyra|2|3|4) gånger\b|\bvarje termin\b|\bper termin\b|\btermin\w*vis\b"
    r"|\bkvartal\w*|\bmånad\w*|\bvarje möte\b|\bhalvår\w*",
    re.IGNORECASE,
)
_YEARLY = edited(ORGANISER_TEXT, ("frekvens: Två gånger per år", "frekvens: Årligen"))
_ONE_BOARD_POINT = """\
  - id: kvalitetsrapport-till-nämnden
    namn: Huvudmannens kvalitetsrapport till nämnden
    typ: rapport
    när: oktober
    nivå: huvudman
    ansvarig: [förvaltningschef]
"""
_SECOND_BOARD_POINT = """\
  - id: delårsrapport-till-nämnden
    namn: Resultat från höstterminen redovisas för nämnden
    typ: uppföljning
    när: mars
    nivå: huvudman
    ansvarig: [förvaltningschef]
"""


@RuleSpec(
    "AR-kontinuitet-namnd",
    AR,
    Group.FOLLOW_UP,
    "Nämnden får resultat minst två gånger per år",
    "Allmänna råd om systematiskt kvalitetsarbete, del 2 (huvudmannens ansvar, kontinuitet)",
    SKOLFS,
    "Kvalitetsarbetet ska vara kontinuerligt: nämnden bör få resultat och analyser mer än en "
    "gång per år, inte bara i den årliga kvalitetsrapporten. Regeln räknar årshjulets "
    "händelser på huvudmannanivå som nämner nämnden (eller ett utskott), en händelse med två "
    "tidpunkter som två, och godtar ett forum "
    "med nämnden som möts minst två gånger per år (frekvens). Ett årshjul med en enda "
    "rapporteringspunkt till nämnden ger en varning; ett årshjul utan någon bedöms inte här. "
    "Revisorer och Skolinspektionen kritiserar en nämnd som bara får resultaten en gång om "
    "året (t.ex. i Kiruna, Oxelösund och Stockholm).",
    """
händelser:
  - id: delårsrapport-till-nämnden
    namn: Resultat från höstterminen redovisas för nämnden
    när: mars
  - id: kvalitetsrapport-till-nämnden
    namn: Huvudmannens kvalitetsrapport till nämnden
    när: oktober
""",
    severity=Severity.WARNING,
    failing=Example({YEAR_WHEEL: YEAR_WHEEL_TEXT + _ONE_BOARD_POINT, ORGANISER: _YEARLY}),
    passing=Example(
        {
            YEAR_WHEEL: YEAR_WHEEL_TEXT + _ONE_BOARD_POINT + _SECOND_BOARD_POINT,
            ORGANISER: _YEARLY,
        }
    ),
).organiser
def board_reporting_points(ctx: Context) -> Iterator[Outcome]:
    wheel = ctx.calendar
    if wheel is None:
        return
    points = [
        e
        for e in wheel.events
        if e.level == "huvudman"
        and _BOARD.search(" ".join(str(t) for t in (e.name, e.description or "")))
    ]
    if sum(len(e.when) for e in points) != 1:  # an event at two times is two points
        return
    org = ctx.organiser
    for forum in org.forums if org is not None else []:
        about = " ".join(str(t) for t in (forum.name, forum.purpose))
        if _BOARD.search(about) and _TWICE.search(str(forum.frequency or "")):
            return
    yield ctx.hit(
        K.YEAR_WHEEL.pattern,
        f"Nämnden får resultat bara en gång per år i årshjulet ({points[0].name}).",
        "Lägg till en rapporteringspunkt till nämnden under läsåret, t.ex. resultat från "
        "höstterminen i mars, eller ange ett forum med nämnden och dess frekvens.",
        at=("händelser",),
        key=True,
    )


def units_compared(ctx: Context) -> Iterator[Outcome]:
    """The huvudman's half of AR-uppf-grupper: its report compares the units."""
    reports = ctx.organiser_reports
    if not reports or len(ctx.units) < 2:
        return
    text = " ".join(
        s.text for r in reports for s in r.report.sections if s.key in ("resultat", "analys")
    )
    named = [u for u in ctx.units if mentions(text, (u.name, u.id))]
    if len(named) < 2:
        section = reports[0].report.section("resultat")
        yield ctx.hit(
            reports[0].path,
            "Huvudmannens rapport jämför inte enheterna med varandra.",
            "Skriv om skillnader mellan enheterna under Resultat eller Analys (likvärdighet).",
            line=section.line if section else None,
        )


@RuleSpec(
    "AR-uppf-grupper",
    AR,
    Group.FOLLOW_UP,
    "Resultaten delas upp på grupper och enheter jämförs",
    "Allmänna råd om systematiskt kvalitetsarbete, del 5; skollagen 1 kap. 8–9 §§",
    SKOLFS,
    "Uppföljningen bör visa resultat för olika grupper, t.ex. flickor och pojkar, och "
    "huvudmannen bör jämföra enheterna för att se om utbildningen är likvärdig. En "
    "resultatrad för alla i en grupp som är stor nog att dela (minst två gånger "
    "min_gruppstorlek) bör ha rader för flickor och pojkar, i de filer där andra rader är "
    "uppdelade (en vårdnadshavarenkät har inget kön att dela på). Huvudmannens rapport bör "
    "nämna minst två av enheterna under Resultat eller Analys.",
    """
mått,termin,grupp,kön,antal,totalt
Minst E i matematik,vt2026,åk 9,flickor,30,34
Minst E i matematik,vt2026,åk 9,pojkar,27,33
Minst E i matematik,vt2026,åk 9,alla,57,67
""",
    failing=Example({RESULTS: edited(RESULTS_TEXT, (_SPLIT, ""))}),
    passing=Example({RESULTS: RESULTS_TEXT}),
).each_file(results_of_the_year, also=units_compared)
def groups(path: str, text: str, located: Located, settings: Settings) -> Iterator[Hit]:
    smallest = 2 * settings.min_group_size
    table, _ = parse_results(text, path)
    if table is None:
        return
    split = {cell_key(r) for r in table.rows if r.gender is not Gender.ALL}
    if not split:
        return  # e.g. a guardian survey: no gender to split by
    for row, line in zip(table.rows, table.lines, strict=True):
        if row.gender is Gender.ALL and row.total >= smallest and cell_key(row) not in split:
            yield Hit(
                path,
                f"'{row.measure}' för {row.group} {row.term} är inte uppdelat på "
                f"flickor och pojkar ({row.total} i gruppen).",
                "Lägg till rader med kön flickor och pojkar.",
                line,
            )


PREVIOUS_WORDS = (
    "förra läsåret",
    "föregående läsår",
    "förra året",
    "tidigare år",
    "tidigare läsår",
    "jämfört med",
)


@RuleSpec(
    "AR-analys-trend",
    AR,
    Group.ANALYSIS,
    "Analysen ser resultaten över tid",
    "Allmänna råd om systematiskt kvalitetsarbete, del 6 (analysera)",
    SKOLFS,
    "Analysen bör se trender över tid. Enhetens analys bör jämföra med tidigare läsår (nämna "
    "det förra läsåret, t.ex. 2024/25 eller 'förra läsåret'), eller så ska varje mått i "
    "resultaten finnas för minst tre terminer sammantaget över läsåret och de två "
    "föregående.",
    """
## Analys
Jämfört med förra läsåret (2024/25) ökade andelen ...
""",
    failing=Example({REPORT: edited(REPORT_TEXT, (_COMPARED, "Ökningen beror"))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def trend(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    section = report.section("analys")
    previous = ctx.year.previous()
    if section is not None and mentions(section.text, (*PREVIOUS_WORDS, str(previous))):
        return
    years = (ctx.year, previous, previous.previous())
    terms: dict[str, set[str]] = {}
    for year in years:
        for _, table in ctx.results(unit, year):
            for row in table.rows:
                terms.setdefault(row.measure, set()).add(str(row.term))
    if terms and all(len(t) >= 3 for t in terms.values()):
        return
    yield ctx.hit(
        unit.report_path,
        "Analysen jämför inte med tidigare läsår, och resultaten har färre än tre terminer.",
        f"Jämför med läsåret {previous} i analysen, eller lägg in resultat för fler terminer.",
        line=section.line if section else None,
    )


INITIATIVE_CHECKS = {
    "syfte": "syfte",
    "mål": "mål",
    "åtgärder": "åtgärder",
    "ansvarig": "ansvarig",
    "period": "slutdatum (period.slut)",
    "uppföljning": "uppföljning med metod och planerade datum",
}


@RuleSpec(
    "AR-insats-komplett",
    AR,
    Group.INITIATIVES,
    "Varje insats har syfte, mål, åtgärder, ansvar, tid och uppföljning",
    "Allmänna råd om systematiskt kvalitetsarbete, del 7 (planera och genomföra)",
    SKOLFS,
    "Varje insats bör ha mål, ansvarig, tidplan och en plan för hur den ska följas upp. För "
    "insatser som pågår under läsåret kontrolleras syfte, mål, åtgärder, ansvarig, period "
    "med slut och uppföljning med metod och planerade datum. En insats med status "
    "initiering är ännu inte planerad: period och uppföljning krävs först från planering. "
    "Vilka fält som krävs går att ställa in; förinställningen svenljunga kräver "
    "Syfte/Mål/Åtgärder som fel.",
    """
period: {start: 2026-01, slut: 2026-12}
uppföljning:
  metod: Screening fyra gånger per läsår.
  planerad: [2026-03-15, 2026-06-10]
""",
    failing=Example({UNIT_INITIATIVE: edited(UNIT_INITIATIVE_TEXT, (_FOLLOW_UP, ""))}),
    passing=Example({UNIT_INITIATIVE: UNIT_INITIATIVE_TEXT}),
).everywhere
def initiative_complete(ctx: Context) -> Iterator[Outcome]:
    required = ctx.settings.initiative_fields
    for info in ctx.initiatives:
        if not info.active_in(ctx.year):
            continue
        ins = info.model
        present = {
            "syfte": not is_blank(ins.purpose),
            "mål": any(not is_blank(g) for g in ins.goals),
            "åtgärder": any(not is_blank(a) for a in ins.actions),
            "ansvarig": not is_blank(ins.responsible),
            "period": ins.period.end is not None,
            "uppföljning": ins.follow_up is not None and bool(ins.follow_up.planned),
        }
        if ins.status is Status.INITIATION:
            # Vaggeryd's insatsmall: the time plan and the follow-up are what the
            # planering phase produces, so an insats being initiated is not asked for them.
            present["period"] = present["uppföljning"] = True
        absent = [INITIATIVE_CHECKS[k] for k in required if not present.get(k, True)]
        if absent:
            yield ctx.hit(
                info.path,
                f"Insatsen '{info.id}' saknar " + join_sv(absent) + ".",
                "Fyll i det som saknas, så att insatsen går att följa upp.",
                at=("titel",),
            )


@RuleSpec(
    "AR-insats-uppfoljd",
    AR,
    Group.FOLLOW_UP,
    "Förra läsårets insatser är uppföljda",
    "Allmänna råd om systematiskt kvalitetsarbete, del 4–7 ('Hur blev det?')",
    SKOLFS,
    "Varje insats som pågick under förra läsåret bör följas upp under detta läsår: en "
    "genomförd uppföljning daterad i läsåret, eller en effekt. Inte bedömd går att skriva "
    "som en uppföljning med skälet.",
    """
uppföljning:
  metod: Screening fyra gånger per läsår.
  genomförd:
    - datum: 2026-06-10
      text: 78 % når riktmärket (74 % förra läsåret).
      status: uppföljning
""",
    failing=Example({UNIT_INITIATIVE: edited(UNIT_INITIATIVE_TEXT, _STARTED_EARLIER)}),
    passing=Example(
        {
            UNIT_INITIATIVE: edited(
                UNIT_INITIATIVE_TEXT, _STARTED_EARLIER, (_FOLLOW_UP, _FOLLOW_UP + _FOLLOWED_UP)
            )
        }
    ),
).everywhere
def initiative_followed_up(ctx: Context) -> Iterator[Outcome]:
    previous = ctx.year.previous()
    first, last = ctx.year.first_day, ctx.year.last_day
    for info in ctx.initiatives:
        if not info.active_in(previous):
            continue
        ins = info.model
        entries = ins.follow_up.entries if ins.follow_up else []
        if ins.effect or any(first <= e.date <= last for e in entries):
            continue
        if not ctx.ended:
            yield Pending(row_of(info.path), last, f"uppföljning av insatsen {info.id}")
            continue
        yield ctx.hit(
            info.path,
            f"Insatsen '{info.id}' pågick läsåret {previous} men följdes inte upp under "
            f"läsåret {ctx.year}.",
            "Lägg till en genomförd uppföljning (datum, text, status) eller skriv effekt.",
            at=("uppföljning",) if ins.follow_up else ("status",),
            key=True,
        )
