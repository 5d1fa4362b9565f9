"""Allmänna råd (SKOLFS 2012:98) on how the huvudman organises and leads the work.

Parts 1–3 and 8 of the advice: who is responsible for what, how children, pupils and
guardians are heard, the dialogue between huvudman and rektorer, complaints, and
whether the huvudman's analysis builds on every unit's. Allmänna råd say what a huvudman
*bör* do, so every rule here is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from ska.checks.base import Example, RuleClass
from ska.checks.minimal import (
    ORGANISER,
    ORGANISER_REPORT,
    ORGANISER_REPORT_TEXT,
    ORGANISER_TEXT,
    ROUTINE,
    ROUTINE_TEXT,
    YEAR_WHEEL,
    YEAR_WHEEL_TEXT,
    edited,
)
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm
from ska.model.organiser import Organiser
from ska.model.year_wheel import EventKind
from ska.rules.context import Context, OrganiserReport
from ska.rules.engine import Group, Outcome, RuleSpec
from ska.rules.text import is_blank, mentions, missing, numbers
from ska.suggest import join_sv

AR = RuleClass.ADVICE
SKOLFS = "SKOLFS 2012:98"

# Examples: the huvudman's files as the example kommun has them, changed where a rule
# finds a gap.
_RESPONSIBILITIES = ORGANISER_TEXT[
    ORGANISER_TEXT.index("ansvarsfördelning:") : ORGANISER_TEXT.index("forum:")
]
_GUARDIANS = "  vårdnadshavare: Vårdnadshavarenkäten.\n"
_ROUTINE_BODY = ROUTINE_TEXT.split("---\n")[2]
_SHORT_ROUTINE = "Klagomål skickas till förvaltningen, som svarar inom två veckor.\n"
_UNIT_NAMED = "På Testskolan har resultaten i svenska sjunkit"


@RuleSpec(
    "AR-ansvarsfordelning",
    AR,
    Group.ORGANISATION,
    "Ansvarsfördelningen i kvalitetsarbetet är beskriven",
    "Allmänna råd om systematiskt kvalitetsarbete, del 1 (organisation och ansvarsfördelning)",
    SKOLFS,
    "Huvudmannen bör ha en tydlig ansvarsfördelning för kvalitetsarbetet, både på "
    "huvudmannanivå och mellan huvudman och enheter. huvudman.yaml bör ha "
    "ansvarsfördelning med minst huvudmannens och rektors ansvar (gärna också pedagogens, "
    "barns och elevers och vårdnadshavares, som i Svenljungas plan).",
    """
ansvarsfördelning:
  huvudman: [Fördelar resurser efter behov, Efterfrågar enheternas analyser]
  rektor: [Leder kvalitetsarbetet på enheten]
  pedagog: [Följer upp undervisningen]
""",
    failing=Example({ORGANISER: edited(ORGANISER_TEXT, (_RESPONSIBILITIES, ""))}),
    passing=Example({ORGANISER: ORGANISER_TEXT}),
).organiser
def responsibilities(ctx: Context) -> Iterator[Outcome]:
    org = ctx.organiser
    if org is None:
        return
    if org.responsibilities is None:
        yield ctx.hit(
            K.ORGANISER.pattern,
            "Planen beskriver inte ansvarsfördelningen i kvalitetsarbetet.",
            "Lägg till ansvarsfördelning: med huvudman:, rektor: och gärna pedagog:.",
            at=("namn",),
        )
    elif not org.responsibilities_in(ctx.year):
        periods = join_sv([r.describe() for r in org.responsibility_versions])
        yield ctx.hit(
            K.ORGANISER.pattern,
            f"Ingen ansvarsfördelning gällde under läsåret {ctx.year} (de som finns gäller "
            f"{periods}).",
            "Lägg till ansvarsfördelningen som gällde då, med från och till, eller rätta "
            "perioderna.",
            at=("ansvarsfördelning",),
            key=True,
        )


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_HOLDER = "  - id: förvaltningschef\n    namn: Förvaltningschef\n"
_HOLDERS = (
    "    innehavare:\n      - {{namn: Per Lund, till: {end}}}\n"
    "      - {{namn: Eva Ek, från: {start}}}\n"
)


@RuleSpec(
    "AR-ansvarig-innehavare",
    AR,
    Group.ORGANISATION,
    "Huvudmannens rapport har som ansvarig den som hade rollen vid rapportens datum",
    "Allmänna råd om systematiskt kvalitetsarbete, del 1 (organisation och ansvarsfördelning)",
    SKOLFS,
    "Ansvarsfördelningen bör vara tydlig också över tid. När rollerna i huvudman.yaml "
    "anger innehavare (ett namn, eller namn med från och till när rollen har bytt "
    "innehavare) jämförs den som står som ansvarig för huvudmannens kvalitetsrapport med "
    "dem som hade en roll vid rapportens datum. Står en roll (id eller namn) som ansvarig "
    "räcks det. Utan innehavare i huvudman.yaml gör regeln ingenting.",
    """
roller:
  - id: förvaltningschef
    namn: Förvaltningschef
    innehavare:
      - {namn: Per Lund, till: 2026-08-31}
      - {namn: Eva Ek, från: 2026-09-01}
""",
    failing=Example(
        {
            ORGANISER: edited(
                ORGANISER_TEXT,
                (_HOLDER, _HOLDER + _HOLDERS.format(end="2026-09-30", start="2026-10-01")),
            )
        }
    ),
    passing=Example(
        {
            ORGANISER: edited(
                ORGANISER_TEXT,
                (_HOLDER, _HOLDER + _HOLDERS.format(end="2026-08-31", start="2026-09-01")),
            )
        }
    ),
).organiser
def report_signed_by_holder(ctx: Context) -> Iterator[Outcome]:
    org = ctx.organiser
    if org is None or not any(role.holders for role in org.roles):
        return
    for one in ctx.organiser_reports:
        yield from _signed_by_holder(ctx, org, one)


def _signed_by_holder(ctx: Context, org: Organiser, one: OrganiserReport) -> Iterator[Outcome]:
    report, path = one.report, one.path
    responsible, day = report.meta.responsible, report.meta.date
    if any(_same_person(responsible, r.id) or _same_person(responsible, r.name) for r in org.roles):
        return
    if any(_same_person(responsible, n) for r in org.roles for n in r.holders_on(day)):
        return
    hint = (
        "Skriv den som hade rollen vid rapportens datum som ansvarig, eller rätta "
        "innehavare: i huvudman.yaml (namn, från och till)."
    )
    held = [(r, t) for r in org.roles for t in r.holders if _same_person(t.name, responsible)]
    if held:
        role, tenure = held[0]
        then = role.holders_on(day)
        instead = f"; då hade {join_sv(then)} rollen" if then else ""
        yield ctx.hit(
            path,
            f"Ansvarig är {responsible}, men {responsible} hade rollen {role.name.lower()} "
            f"{tenure.describe()}, inte {day} (rapportens datum){instead}.",
            hint,
            at=("ansvarig",),
        )
        return
    yield ctx.hit(
        path,
        f"Ansvarig är {responsible}, som inte har någon roll i huvudman.yaml {day} "
        "(rapportens datum).",
        hint,
        at=("ansvarig",),
    )


INSTRUMENTS = ("enkät", "forum", "råd", "dialog", "intervju", "samtal", "möte", "mätning")


@RuleSpec(
    "AR-delaktighet-former",
    AR,
    Group.PARTICIPATION,
    "Huvudmannen samlar in barns, elevers och vårdnadshavares synpunkter",
    "Allmänna råd om systematiskt kvalitetsarbete, del 2 (delaktighet)",
    SKOLFS,
    "Huvudmannen bör skapa rutiner så att barn, elever, vårdnadshavare och personal kan "
    "delta och deras synpunkter tas till vara även på huvudmannanivå. Huvudmannens "
    "kvalitetsrapport bör under delaktighet beskriva med vilka verktyg (enkäter, forum, "
    "dialoger) synpunkterna samlades in från dem som finns i huvudmannens skolformer.",
    """
delaktighet:
  personal: Rektorernas analyser samlades i ledningsgruppen.
  elever: Elevenkäten vecka 45–47 och elevråden.
  vårdnadshavare: Vårdnadshavarenkäten och skolråden.
""",
    failing=Example({ORGANISER_REPORT: edited(ORGANISER_REPORT_TEXT, (_GUARDIANS, ""))}),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
).organiser
def participation_forms(ctx: Context) -> Iterator[Outcome]:
    for one in ctx.organiser_reports:
        yield from _participation(ctx, one)


def _participation(ctx: Context, one: OrganiserReport) -> Iterator[Outcome]:
    report, path = one.report, one.path
    part = report.meta.participation
    forms = one.forms
    needed = [("personal", part.staff, "personalen")]
    if any(f.has_pupils for f in forms):
        needed.append(("elever", part.pupils, "eleverna"))
    if SchoolForm.PRESCHOOL in forms:
        needed.append(("barn", part.children, "barnen"))
    if any(f.has_guardians for f in forms):
        needed.append(("vårdnadshavare", part.guardians, "vårdnadshavarna"))
    absent = [who for _, text, who in needed if is_blank(text)]
    if absent:
        yield ctx.hit(
            path,
            "Rapporten beskriver inte hur " + join_sv(absent) + " deltog.",
            "Fyll i delaktighet: för var och en, med vilka enkäter, forum eller dialoger.",
            at=("delaktighet",),
            key=True,
        )
    text = " ".join(t for _, t, _ in needed if t)
    section = report.section("delaktighet")
    if section is not None:
        text += " " + section.text
    if text.strip() and not mentions(text, INSTRUMENTS):
        yield ctx.hit(
            path,
            "Delaktigheten nämner inga verktyg: enkäter, forum, råd eller dialoger.",
            "Skriv hur synpunkterna samlades in och hur de användes i analysen.",
            at=("delaktighet",),
            key=True,
        )


@RuleSpec(
    "AR-dialog-huvudman-rektor",
    AR,
    Group.ORGANISATION,
    "Årshjulet har dialog mellan huvudman och rektorer",
    "Allmänna råd om systematiskt kvalitetsarbete, del 3 (styra och leda)",
    SKOLFS,
    "Huvudmannen bör efterfråga enheternas förutsättningar och resultat och föra dialog "
    "med rektorerna. Årshjulet (plans/arshjul.yaml) bör ha minst en händelse av typen "
    "dialog under läsåret, som Vetlandas förutsättnings-, process- och resultatdialog.",
    """
händelser:
  - id: resultatdialog
    namn: Resultatdialog
    typ: dialog
    när: maj–juni
    nivå: huvudman
    ansvarig: [verksamhetschef]
""",
    failing=Example({YEAR_WHEEL: edited(YEAR_WHEEL_TEXT, ("typ: dialog", "typ: möte"))}),
    passing=Example({YEAR_WHEEL: YEAR_WHEEL_TEXT}),
).organiser
def dialogue(ctx: Context) -> Iterator[Outcome]:
    if not ctx.exists(K.YEAR_WHEEL.pattern):
        yield ctx.hit(
            f"{K.PLANS}/",
            "Det finns inget årshjul, så ingen dialog mellan huvudman och rektorer är planerad.",
            f"Skriv {K.YEAR_WHEEL.pattern} med minst en händelse av typen dialog.",
        )
        return
    calendar = ctx.calendar
    if calendar is not None and not any(e.kind is EventKind.DIALOG for e in calendar.events):
        yield ctx.hit(
            K.YEAR_WHEEL.pattern,
            "Årshjulet har ingen dialog mellan huvudman och rektorer.",
            "Lägg till en händelse med typ: dialog, t.ex. en resultatdialog i maj–juni.",
            at=("händelser",),
            key=True,
        )


STEPS = {
    "ta emot": ("ta emot", "tas emot", "tar emot", "mottag"),
    "dokumentera": ("dokumenter",),
    "utreda": ("utred",),
    "åtgärda": ("åtgärd",),
    "återkoppla": ("återkoppl", "återkoppling", "besked"),
    "opartiskhet": ("opartisk", "objektiv", "saklig"),
}


@RuleSpec(
    "AR-klagomal-innehall-analys",
    AR,
    Group.COMPLAINTS,
    "Klagomålsrutinen är fullständig och klagomålen analyseras",
    "Allmänna råd om systematiskt kvalitetsarbete, del 8; Skolverkets rekommendationer "
    "för klagomålshantering",
    SKOLFS,
    "Rutinen bör beskriva hur klagomål tas emot, dokumenteras, utreds, åtgärdas och hur den "
    "som klagat får återkoppling, och att utredningen är opartisk. Huvudmannen bör varje år "
    "sammanställa och analysera klagomålen: huvudmannens kvalitetsrapport bör ha ett "
    "avsnitt Klagomål med antal (gärna per kategori) och slutsatser.",
    """
## Klagomål
31 klagomål kom in (27 året innan): nio om trygghet, sex om särskilt stöd ... Flest
gällde övergångar mellan stadier, vilket ledde till insatsen övergångar.
""",
    failing=Example({ROUTINE: edited(ROUTINE_TEXT, (_ROUTINE_BODY, _SHORT_ROUTINE))}),
    passing=Example({ROUTINE: ROUTINE_TEXT}),
).organiser
def complaints_content(ctx: Context) -> Iterator[Outcome]:
    routine = ctx.routine
    if routine is not None and not is_blank(routine.body):
        absent = missing(routine.body, STEPS)
        if absent:
            yield ctx.hit(
                K.COMPLAINTS.pattern,
                "Rutinen beskriver inte " + join_sv(absent) + ".",
                "Beskriv varje steg: ta emot, dokumentera, utreda, åtgärda och återkoppla, "
                "och hur utredningen hålls opartisk.",
            )
    for one in ctx.organiser_reports:
        section = one.report.section("klagomål")
        if section is None or is_blank(section.text):
            continue  # a missing section is MD-avsnitt-saknas, an empty one below
        if numbers(section.text):
            continue
        yield ctx.hit(
            one.path,
            "Avsnittet Klagomål sammanställer inte klagomålen med antal.",
            "Skriv hur många klagomål som kom in, gärna per kategori, och vad de visar.",
            line=section.line,
        )


@RuleSpec(
    "AR-huvudman-underlag-enheter",
    AR,
    Group.ANALYSIS,
    "Huvudmannens analys bygger på varje enhets rapport",
    "Allmänna råd om systematiskt kvalitetsarbete, del 3 och 5",
    SKOLFS,
    "Huvudmannen bör efterfråga och använda enheternas analyserade resultat. Huvudmannens "
    "kvalitetsrapport bör nämna varje enhet som var verksam under läsåret (namn eller id), "
    "så att styrkedjan går att följa från enhet till huvudman.",
    """
## Analys
På Åsenskolan och Byskolan ökade läsresultaten, medan Kullaskolan ...
""",
    failing=Example(
        {
            ORGANISER_REPORT: edited(
                ORGANISER_REPORT_TEXT, (_UNIT_NAMED, "I kommunen har resultaten i svenska sjunkit")
            )
        }
    ),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
).organiser
def units_cited(ctx: Context) -> Iterator[Outcome]:
    reports = ctx.organiser_reports
    if not reports:
        return
    report = reports[0].report
    text = ctx.organiser_text
    absent = [u.name for u in ctx.units if not mentions(text, (u.name, u.id))]
    if absent:
        yield ctx.hit(
            reports[0].path,
            "Rapporten nämner inte " + join_sv(absent) + ".",
            "Hänvisa till varje enhets resultat och analys i huvudmannens rapport.",
            line=report.sections[0].line if report.sections else None,
        )
