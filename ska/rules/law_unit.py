"""Law rules at unit level: skollagen 4 kap. 4–6 §§ and the läsår's dates.

At every förskoleenhet and skolenhet the rektor is responsible for the same cycle as
the huvudman's: follow up, analyse, act, with staff and pupils taking part and
guardians given the chance, aimed at the national goals, and documented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ska import gitinfo
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import (
    PLAN,
    PLAN_TEXT,
    REPORT,
    REPORT_TEXT,
    RESULTS,
    UNIT,
    UNIT_INITIATIVE,
    UNIT_INITIATIVE_TEXT,
    UNIT_TEXT,
    edited,
)
from ska.findings import Severity
from ska.load.reads import UNSEEN
from ska.model.curriculum import SchoolForm
from ska.model.report import SECTIONS, Report
from ska.model.unit import DevelopmentPlan
from ska.model.year_wheel import DocumentKind
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Hit, Outcome, Pending, RuleSpec
from ska.rules.text import is_blank
from ska.suggest import join_sv

SL4_4 = "SL 4:4 (lydelse 2022-07-01)"
LAW = RuleClass.LAW
NO_ADULTS = frozenset(f for f in SchoolForm if f.has_guardians)
_HEADING = {s.key: s.heading for s in SECTIONS}

# Examples: the unit's report as the example kommun has it, changed where a rule finds a
# gap; and a new result table, to commit in git.
_RESULTS = REPORT_TEXT.split("## Resultat\n")[1].split("\n\n")[0]  # the section's text
_PUPILS = "  elever: Klassråd och elevråd diskuterade trygghetsenkäten.\n"
_GUARDIANS = "  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten.\n"
_GOAL_AREAS = "    läroplansområden: [kunskaper]\n"
_SAFETY = RESULTS.replace("screening", "trygghet")
_SAFETY_TEXT = """\
mått,termin,grupp,kön,antal,totalt,värde
Trygghetsindex,ht2025,alla,alla,,40,4.0
Trygghetsindex,ht2025,alla,flickor,,19,4.1
Trygghetsindex,ht2025,alla,pojkar,,21,3.9
"""


@RuleSpec(
    "SL4-4-enhet-dokumentation",
    LAW,
    Group.DOCUMENTATION,
    "Varje enhet dokumenterar läsårets kvalitetsarbete",
    "Skollagen 4 kap. 4 § första stycket och 6 §",
    SL4_4,
    "Kvalitetsarbetet ska ske och dokumenteras även på varje förskoleenhet och skolenhet. "
    "Varje enhet som var verksam under läsåret ska, när läsåret är slut, ha en "
    "kvalitetsrapport i units/<enhet>/<läsår>/kvalitetsrapport.md.",
    """
units/åsenskolan/2025-26/kvalitetsrapport.md
""",
    failing=Example({REPORT: None}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def unit_documented(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    if ctx.exists(unit.report_path):
        return
    if not ctx.overdue(DocumentKind.UNIT_REPORT):
        yield Pending(unit.id, ctx.due(DocumentKind.UNIT_REPORT), "kvalitetsrapporten")
        return
    yield ctx.hit(
        unit.folder,
        f"{unit.name} saknar kvalitetsrapport för läsåret {ctx.year}.",
        f"Skriv {unit.report_path} (ska ny rapport skapar en mall).",
    )


@RuleSpec(
    "SL4-4-enhet-faser",
    LAW,
    Group.ANALYSIS,
    "Enhetens rapport följer upp, analyserar och pekar ut insatser",
    "Skollagen 4 kap. 4 § (som hänvisar till 3 §)",
    SL4_4,
    "På enheten ska utbildningen följas upp, orsakerna analyseras och åtgärder vidtas. "
    "Kvalitetsrapportens avsnitt Förutsättningar, Resultat, Analys och Utvecklingsområden "
    "får inte vara tomma, och minst ett utvecklingsområde ska kopplas till en insats, eller "
    "enheten ha en utvecklingsplan eller egen insats för läsåret.",
    """
## Resultat
Andelen elever i åk 3 som når gränsvärdet i lässcreeningen ökade från 68 % till 74 %.

## Analys
Ökningen beror sannolikt på den dagliga lästiden efter lunch ...
""",
    failing=Example(
        {REPORT: edited(REPORT_TEXT, (_RESULTS, "<!-- Fylls i när screeningen är klar. -->"))}
    ),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def unit_phases(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    if report.is_draft and not ctx.overdue(DocumentKind.UNIT_REPORT):  # being written
        yield Pending(unit.id, ctx.due(DocumentKind.UNIT_REPORT), "kvalitetsrapporten (utkast)")
        return
    for key in ("förutsättningar", "resultat", "analys", "utvecklingsområden"):
        section = report.section(key)
        if section is not None and is_blank(section.text):
            yield ctx.hit(
                unit.report_path,
                f"Avsnittet {section.heading} är tomt.",
                f"Skriv enhetens {_HEADING[key].lower()} för läsåret.",
                line=section.line,
            )
    linked = any(a.initiatives for a in report.meta.development_areas)
    has_plan = ctx.exists(unit.plan_path)
    own = linked or has_plan or any(i.active_in(ctx.year) for i in ctx.unit_initiatives(unit.id))
    if not own:
        yield ctx.hit(
            unit.report_path,
            "Rapporten kopplar inget utvecklingsområde till en insats.",
            "Ange insatser: [id] under ett utvecklingsområde, eller skriv en utvecklingsplan.",
            at=("utvecklingsområden",),
            key=True,
        )


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_SEPTEMBER_PLAN = ("ansvarig: Karin Alm", "ansvarig: Lars Holm")
_HANDOVER = (
    "rektor: Karin Alm\n",
    "rektorer:\n  - {namn: Lars Holm, till: 2025-11-15}\n  - {namn: Karin Alm, från: 2025-11-16}\n",
)


@RuleSpec(
    "SL4-4-rektor",
    LAW,
    Group.DOCUMENTATION,
    "Rektor ansvarar för enhetens kvalitetsarbete",
    "Skollagen 4 kap. 4 § tredje stycket",
    SL4_4,
    "Rektor ansvarar för att kvalitetsarbetet genomförs på enheten. Enheten ska ange rektor "
    "i enhet.yaml, och kvalitetsrapporten och utvecklingsplanen för läsåret ska ha som "
    "ansvarig den som var rektor vid dokumentets datum (datum:). Har rektor bytts anger "
    "rektorer: varje rektor med från och till; rektor: gäller de datum som rektorer inte "
    "täcker. En plan från september med förra rektorn som ansvarig är alltså rätt, även om "
    "en ny rektor tillträdde i november.",
    """
# units/åsenskolan/enhet.yaml
rektorer:
  - {namn: Lars Holm, till: 2025-11-15}
  - {namn: Karin Alm, från: 2025-11-16}
# units/åsenskolan/2025-26/utvecklingsplan.yaml
ansvarig: Lars Holm
datum: 2025-09-10
""",
    # Lars Holm wrote the September plan; Karin Alm took over in November.
    failing=Example({PLAN: edited(PLAN_TEXT, _SEPTEMBER_PLAN)}),
    passing=Example({PLAN: edited(PLAN_TEXT, _SEPTEMBER_PLAN), UNIT: edited(UNIT_TEXT, _HANDOVER)}),
).unit
def unit_principal(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    model = unit.model
    if is_blank(model.principal) and not model.principals:
        yield ctx.hit(
            unit.path,
            "Enheten anger ingen rektor.",
            "Skriv rektor: (namn), eller rektorer: med namn, från och till.",
            at=("rektor",),
        )
        return
    documents: list[tuple[str, Report | DevelopmentPlan | None]] = [
        (unit.report_path, ctx.report(unit)),
        (unit.plan_path, ctx.plan(unit)),
    ]
    for path, doc in documents:
        if doc is None:
            continue
        responsible, day = (
            (doc.meta.responsible, doc.meta.date)
            if isinstance(doc, Report)
            else (doc.responsible, doc.date)
        )
        in_office = model.principals_on(day)
        if any(_same_person(responsible, name) for name in in_office):
            continue
        if not in_office:
            yield ctx.hit(
                path,
                f"Enligt enhet.yaml hade enheten ingen rektor {day}, dokumentets datum.",
                "Lägg till rektorn under rektorer: i enhet.yaml med från och till, "
                "eller skriv rektor:.",
                at=("datum",),
            )
        elif model.principals:
            yield ctx.hit(
                path,
                f"Ansvarig är {responsible}, men enhetens rektor {day} (dokumentets datum) "
                f"var {join_sv(in_office)}.",
                "Rektor ansvarar enligt skollagen 4 kap. 4 §: skriv den som var rektor vid "
                "dokumentets datum som ansvarig, eller rätta rektorer: i enhet.yaml.",
                at=("ansvarig",),
            )
        else:
            yield ctx.hit(
                path,
                f"Ansvarig är {responsible}, men enhetens rektor är {model.principal}.",
                "Rektor ansvarar enligt skollagen 4 kap. 4 §: skriv rektorns namn som "
                "ansvarig, eller rätta rektor i enhet.yaml; har rektor bytts, ange "
                "rektorer: med från och till.",
                at=("ansvarig",),
            )


@RuleSpec(
    "SL4-4-medverkan",
    LAW,
    Group.PARTICIPATION,
    "Personal och elever medverkar",
    "Skollagen 4 kap. 4 § andra stycket",
    SL4_4,
    "På enheten ska kvalitetsarbetet ske under medverkan av lärare, förskollärare, övrig "
    "personal och elever. Kvalitetsrapporten ska under delaktighet beskriva hur "
    "personalen medverkade och, där det finns elever (alla skolformer utom förskolan), "
    "hur eleverna medverkade.",
    """
delaktighet:
  personal: Arbetslagen analyserade resultaten på två studiedagar.
  elever: Klassråd och elevråd diskuterade trygghetsenkäten.
""",
    failing=Example({REPORT: edited(REPORT_TEXT, (_PUPILS, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def unit_participation(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    part = report.meta.participation
    needed: list[tuple[str, str | None, str]] = [("personal", part.staff, "personalen")]
    if any(f.has_pupils for f in unit.school_forms):
        needed.append(("elever", part.pupils, "eleverna"))
    yield from _undescribed(ctx, unit, needed, "medverkade")


@RuleSpec(
    "SL4-4-vardnadshavare",
    LAW,
    Group.PARTICIPATION,
    "Barn och vårdnadshavare ges möjlighet att delta",
    "Skollagen 4 kap. 4 § andra stycket",
    SL4_4,
    "Barn i förskolan, deras vårdnadshavare och elevernas vårdnadshavare ska ges "
    "möjlighet att delta i kvalitetsarbetet. Förskolans rapport beskriver hur barnen och "
    "vårdnadshavarna fick delta; skolformer med vårdnadshavare (alla utom komvux) "
    "beskriver vårdnadshavarnas möjlighet.",
    """
delaktighet:
  barn: Barnen intervjuades om vad de får bestämma över.
  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten i september.
""",
    school_forms=NO_ADULTS,
    failing=Example({REPORT: edited(REPORT_TEXT, (_GUARDIANS, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def unit_guardians(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    report = ctx.report(unit)
    if report is None:
        return
    part = report.meta.participation
    needed: list[tuple[str, str | None, str]] = [
        ("vårdnadshavare", part.guardians, "vårdnadshavarna")
    ]
    if SchoolForm.PRESCHOOL in unit.school_forms:
        needed.insert(0, ("barn", part.children, "barnen"))
    yield from _undescribed(ctx, unit, needed, "gavs möjlighet att delta")


def _undescribed(
    ctx: Context, unit: UnitInfo, needed: list[tuple[str, str | None, str]], how: str
) -> Iterator[Outcome]:
    """A hit for each (key, text, who) in `needed` whose text in delaktighet is blank."""
    for key, text, who in needed:
        if is_blank(text):
            yield ctx.hit(
                unit.report_path,
                f"Rapporten beskriver inte hur {who} {how}.",
                f"Fyll i delaktighet.{key}: hur {who} deltog i uppföljning och analys.",
                at=("delaktighet",),
                key=True,
            )


@RuleSpec(
    "SL4-5-nationella-mal",
    LAW,
    Group.NATIONAL_GOALS,
    "Kvalitetsarbetet inriktas mot de nationella målen",
    "Skollagen 4 kap. 5 §; läroplanernas kapitel 2",
    "SL 4:5 (lydelse 2011-07-01)",
    "Kvalitetsarbetet ska inriktas mot att uppfylla de nationella målen. Varje "
    "kvalitetsrapport ska koppla minst ett utvecklingsområde till läroplanens "
    "övergripande målområden (läroplansområden). Okända eller fel målområden för "
    "skolformen är redan fel (REF-målområde).",
    """
utvecklingsområden:
  - id: läsförståelse
    beskrivning: Läsförståelsen i åk 1–3 behöver stärkas.
    varför: Screeningen visar sjunkande resultat.
    läroplansområden: [kunskaper]
""",
    failing=Example({REPORT: edited(REPORT_TEXT, (_GOAL_AREAS, ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
).each_report()
def national_goals(ctx: Context, targets: list[tuple[str, Report | None]]) -> Iterator[Outcome]:
    for path, report in targets:
        if report is not None and not any(a.goal_areas for a in report.meta.development_areas):
            yield ctx.hit(
                path,
                "Inget utvecklingsområde är kopplat till läroplanens målområden.",
                "Ange läroplansområden, t.ex. [kunskaper], under utvecklingsområdena.",
                at=("utvecklingsområden",),
                key=True,
            )


def _initiatives_goal_areas(ctx: Context) -> Iterator[Outcome]:
    """Each insats going on in the läsår names a goal area of the läroplan."""
    org = ctx.organiser
    outside = {a.id for a in org.other_activities} if org is not None else set()
    for info in ctx.initiatives:
        forms = set(info.model.forms)
        if forms and forms <= outside:
            continue  # e.g. the kulturskola: outside skolväsendet, no läroplan to link
        if info.active_in(ctx.year) and not info.model.goal_areas:
            yield ctx.hit(
                info.path,
                f"Insatsen '{info.id}' är inte kopplad till något av läroplanens målområden.",
                "Ange läroplansområden, t.ex. [kunskaper].",
                at=("titel",),
            )


@RuleSpec(
    "SL4-5-nationella-mal-enskilt",
    LAW,
    Group.NATIONAL_GOALS,
    "Varje utvecklingsområde och insats har ett nationellt målområde",
    "Skollagen 4 kap. 5 §; läroplanernas kapitel 2",
    "SL 4:5 (lydelse 2011-07-01)",
    "Ett enskilt utvecklingsområde eller en insats som pågår under läsåret utan koppling "
    "till läroplanens målområden är en varning: ett lokalt mål kan vara motiverat, men "
    "kopplingen till de nationella målen ska gå att följa. En insats som bara gäller "
    "verksamheter utanför skolväsendet (övriga_verksamheter i huvudman.yaml, t.ex. "
    "kulturskolan) har ingen läroplan och bedöms inte.",
    """
läroplansområden: [kunskaper, normer_och_värden]
""",
    severity=Severity.WARNING,
    failing=Example(
        {UNIT_INITIATIVE: edited(UNIT_INITIATIVE_TEXT, ("läroplansområden: [kunskaper]\n", ""))}
    ),
    passing=Example({UNIT_INITIATIVE: UNIT_INITIATIVE_TEXT}),
).each_report(also=_initiatives_goal_areas)
def national_goals_each(
    ctx: Context, targets: list[tuple[str, Report | None]]
) -> Iterator[Outcome]:
    for path, report in targets:
        areas = report.meta.development_areas if report is not None else []
        if not any(a.goal_areas for a in areas):
            continue  # the whole document is SL4-5-nationella-mal's finding
        for index, area in enumerate(areas):
            if not area.goal_areas:
                yield ctx.hit(
                    path,
                    f"Utvecklingsområdet '{area.id}' är inte kopplat till något målområde.",
                    "Ange läroplansområden för området.",
                    at=("utvecklingsområden", index, "id"),
                )


def _tracked(ctx: Context) -> Iterator[Outcome]:
    """Every file is in git: neither untracked nor ignored."""
    ctx.repo.reads.note(UNSEEN)  # git's view of the whole working tree: asked every run
    state = gitinfo.untracked_and_ignored(ctx.repo.root)
    if state is None:
        yield Hit(
            ".",
            "Mappen är inte ett git-repositorium, så dokumentationens historik saknas.",
            "Kör git init och checka in filerna (ska init gör det åt dig).",
            severity=Severity.INFO,
        )
        return
    untracked, ignored = state
    for path in ctx.repo.files:
        if path in ignored:
            yield Hit(
                path,
                "Filen ignoreras av git och kommer aldrig med i historiken.",
                "Ta bort mönstret som matchar filen ur .gitignore.",
            )
        elif path in untracked:
            yield Hit(path, "Filen är inte incheckad i git.", f"Kör git add {path} och checka in.")


@RuleSpec(
    "SL4-6-dokumentation-sparbar",
    LAW,
    Group.DOCUMENTATION,
    "Dokumentationen är spårbar i git",
    "Skollagen 4 kap. 6 §",
    "SL 4:6 (lydelse 2011-07-01)",
    "Kvalitetsarbetet ska dokumenteras. Läsår och nivå följer av var filen ligger, datum och "
    "ansvarig står i filen, och git-historiken är dokumentationens ändringslogg: därför får "
    "inga dokument vara oincheckade eller ignorerade av git, och inget datum får ligga i "
    "framtiden. Utanför git ges bara en upplysning.",
    """
git add units/åsenskolan/2025-26/kvalitetsrapport.md
git commit -m "Kvalitetsrapport 2025/26 för Åsenskolan"
""",
    failing=Example({_SAFETY: _SAFETY_TEXT}, git=True),
    passing=Example({_SAFETY: _SAFETY_TEXT}, git=True, commit=True),
).split(_tracked)
def traceable(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    for path, doc in ((unit.report_path, ctx.report(unit)), (unit.plan_path, ctx.plan(unit))):
        if doc is None:
            continue
        date = doc.meta.date if isinstance(doc, Report) else doc.date
        if date > ctx.today:
            yield ctx.hit(
                path,
                f"Datumet {date} ligger i framtiden.",
                "Skriv dagens datum eller det datum dokumentet senast ändrades.",
                at=("datum",),
            )


_TERM = re.compile(r"\b([hv]t)(\d{4})\b", re.IGNORECASE)


@RuleSpec(
    "LAS-period-format",
    LAW,
    Group.DOCUMENTATION,
    "Datum i ett läsårsdokument ligger inom läsåret",
    "Skollagen 10 kap. 3 §; skolförordningen 3 kap. 2–3 §§",
    "SFS 2011:185 3 kap. (läsåret 1 juli–30 juni)",
    "Läsår skrivs ÅÅÅÅ/ÅÅ (mappar ÅÅÅÅ-ÅÅ) och terminer ht2025/vt2026; formen kontrolleras "
    "redan av schemat. Regeln kontrollerar att daterade uppföljningar i utvecklingsplanen "
    "ligger mellan 1 juli och 30 juni i läsåret, att terminer som aktiviteterna nämner hör "
    "till läsåret, och att en kvalitetsrapport inte är daterad före läsåret.",
    """
uppföljningar:
  - datum: 2026-02-10   # inom läsåret 2025/26
    åtagande: lästid
""",
    failing=Example({REPORT: edited(REPORT_TEXT, ("datum: 2026-06-24", "datum: 2025-06-24"))}),
    passing=Example({REPORT: REPORT_TEXT}),
).unit
def dates_within_year(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    year = ctx.year
    plan = ctx.plan(unit)
    if plan is not None:
        for index, item in enumerate(plan.follow_ups):
            if not year.first_day <= item.date <= year.last_day:
                yield ctx.hit(
                    unit.plan_path,
                    f"Uppföljningen {item.date} ligger utanför läsåret {year}.",
                    f"Läsåret {year} går från {year.first_day} till {year.last_day}.",
                    at=("uppföljningar", index, "datum"),
                )
        for i, area in enumerate(plan.priorities):
            for j, com in enumerate(area.commitments):
                for k, activity in enumerate(com.activities):
                    terms = _TERM.findall(activity.when or "")
                    wrong = [f"{s}{y}".lower() for s, y in terms if not _in_year(s, y, ctx)]
                    if wrong:
                        yield ctx.hit(
                            unit.plan_path,
                            f"Terminen {join_sv(wrong)} hör inte till läsåret {year}.",
                            f"Läsåret {year} består av {year.autumn} och {year.spring}.",
                            at=(
                                "prioriterade_målområden",
                                i,
                                "åtaganden",
                                j,
                                "aktiviteter",
                                k,
                                "när",
                            ),
                        )
    report = ctx.report(unit)
    if report is not None and report.meta.date < year.first_day:
        yield ctx.hit(
            unit.report_path,
            f"Rapporten är daterad {report.meta.date}, före läsåret {year} började.",
            "Rätta datum, eller flytta rapporten till rätt läsårsmapp.",
            at=("datum",),
        )


def _in_year(season: str, year: str, ctx: Context) -> bool:
    term = f"{season.lower()}{year}"
    return term in (str(ctx.year.autumn), str(ctx.year.spring))
