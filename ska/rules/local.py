"""Local rules: choices the seed municipalities made in their own SKA documents.

None of these is required by law or by Skolverket. They are off by default and run
only when a preset (`förinställningar: [vetlanda]`) or `regler` in `ska.yaml` switches
them on: the governing plan's document metadata and review (Svenljunga 2019,
Vetlanda), the events the årshjul must hold, the deadline for the units' reports, the
prioritised goal areas of an utvecklingsplan (Vetlanda), the units' TLD results after
each TLD measurement (Vetlanda), the internkontroll and the units' egenkontroll (Vaggeryd).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from ska import gitinfo
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import (
    CONFIG,
    ORGANISER,
    ORGANISER_TEXT,
    PLAN,
    PLAN_TEXT,
    REPORT,
    REPORT_TEXT,
    RESULTS,
    SELF_CHECK,
    YEAR_WHEEL,
    YEAR_WHEEL_TEXT,
    edited,
)
from ska.load.reads import GIT_REFS
from ska.model import kinds as K
from ska.model.curriculum import GoalArea, SchoolForm
from ska.model.results import ResultRow
from ska.model.self_check import SelfCheck
from ska.model.settings import RequiredEvent
from ska.model.types import SchoolYear, Term
from ska.model.year_wheel import MONTHS, Event, EventKind, When, YearWheel, parse_when
from ska.planning.obligations import Submissions
from ska.planning.resolve import months, span
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Hit, Outcome, Pending, RuleSpec
from ska.rules.text import is_blank
from ska.suggest import join_sv

LOCAL = RuleClass.LOCAL
ORGANISER_PATH = K.ORGANISER.pattern
CALENDAR_PATH = K.YEAR_WHEEL.pattern
CONFIG_PATH = K.CONFIG.pattern
CONTROL_FOLDER = f"{K.INTERNAL_CONTROL.folder()}/"


def _enabled(rule_id: str) -> str:
    """An example's ska.yaml that turns one local rule on."""
    return f"regler:\n  {rule_id}: fel\n"


_VETLANDA = "förinställningar: [vetlanda]\n"
_VETLANDA_EVENTS = """\
  - id: processdialog
    namn: Processdialog
    typ: dialog
    när: januari
    nivå: huvudman
    ansvarig: [utvecklingsledare, rektor]
  - id: resultatdialog
    namn: Resultatdialog
    typ: dialog
    när: maj–juni
    nivå: huvudman
    ansvarig: [förvaltningschef, rektor]
  - id: tld-enkät
    namn: TLD-enkät om trygghet, lärande och delaktighet
    typ: mätning
    när: [oktober, april]
    nivå: enhet
    ansvarig: [rektor]
  - id: februarimötet
    namn: Februarimötet med nämnden om verksamhetsplanen
    typ: möte
    när: februari
    nivå: huvudman
    ansvarig: [förvaltningschef]
  - id: oktobermötet
    namn: Oktobermötet med rektorer och nämnden
    typ: möte
    när: oktober
    nivå: huvudman
    ansvarig: [förvaltningschef]
"""
_OLD_PLAN = (
    ("datum: 2025-12-16", "datum: 2024-12-17"),
    ("giltig_från: 2026-01-01", "giltig_från: 2025-01-01"),
)
_REVIEWED = ("  följs_upp: Årligen\n", "  följs_upp: Årligen\n  senast_granskad: 2026-06-09\n")
_SUBMITTED = "datum: 2026-06-24\n"
_OTHER_AREA = (
    ("målområde: kunskaper", "målområde: ansvar_och_inflytande"),
    (
        "Läsresultaten i åk 1–3 har sjunkit två år i rad.",
        "Eleverna vill välja böcker till lästiden.",
    ),
)
_CONTROL_2025 = K.INTERNAL_CONTROL.path(calendar_year=2025)
_CONTROL_2025_TEXT = """\
risker:
  - id: frånvaro
    beskrivning: Hög frånvaro upptäcks inte i tid.
    sannolikhet: 3
    konsekvens: 3
    kontrollmoment:
      - beskrivning: Genomgång av frånvaron per klass
        metod: uppföljning
        ansvarig: utvecklingsledare
        när: oktober
"""


def key_hit(ctx: Context, path: str, key: str, message: str, hint: str) -> Hit:
    """A hit on the line of a top-level key (`ctx.hit` points at values)."""
    line = column = None
    if ctx.exists(path):
        line, column = ctx.repo.document(path).at((key,), key=True)
    return Hit(path, message, hint, line, column)


# -- LOK-dokumentmetadata ---------------------------------------------------------------


def months_before(day: dt.date, count: int) -> dt.date:
    """The same day `count` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - count
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@RuleSpec(
    "LOK-dokumentmetadata",
    LOCAL,
    Group.DOCUMENTATION,
    "Planen för kvalitetsarbetet har beslut, ansvarig och en färsk granskning",
    "Svenljunga kommun, plan för SKA (BUN 2019-03-06 § 16); Vetlanda kommun, riktlinjer "
    "för SKA (BUN 2024-06-04 § 55)",
    "Lokal förinställning (svenljunga, svenljunga-2019, vetlanda)",
    "Den styrande planen för kvalitetsarbetet (plan: i plans/huvudman.yaml) ska visa vem "
    "som beslutade den, när och under vilken paragraf, vem som äger dokumentet, från när "
    "den gäller, när den revideras och hur den följs upp. Planen ska också ha granskats "
    "inom granskning_max_månader (standard 12) månader: senast_granskad, eller "
    "beslutsdatumet om planen inte har granskats sedan den beslutades.",
    """
plan:
  titel: Plan för det systematiska kvalitetsarbetet 2026
  beslut: {organ: Barn- och utbildningsnämnden, datum: 2025-12-16, paragraf: "§ 142"}
  dokumentansvarig: utvecklingsledare
  giltig_från: 2026-01-01
  revideras: Vid behov
  följs_upp: Årligen
  senast_granskad: 2026-06-09
""",
    failing=Example(
        {CONFIG: _enabled("LOK-dokumentmetadata"), ORGANISER: edited(ORGANISER_TEXT, *_OLD_PLAN)}
    ),
    passing=Example(
        {
            CONFIG: _enabled("LOK-dokumentmetadata"),
            ORGANISER: edited(ORGANISER_TEXT, *_OLD_PLAN, _REVIEWED),
        }
    ),
).organiser
def document_metadata(ctx: Context) -> Iterator[Outcome]:
    organiser = ctx.organiser
    if organiser is None:  # a broken huvudman.yaml: its schema findings say why
        return
    plan = organiser.plan
    texts: tuple[tuple[tuple[str, ...], str, str], ...] = (
        (("beslut", "organ"), plan.decision.organ, "vilket organ som beslutade planen"),
        (("revideras",), plan.revision, "när planen revideras, t.ex. Vid behov"),
        (("följs_upp",), plan.follow_up, "hur ofta planen följs upp, t.ex. Årligen"),
    )
    for loc, text, what in texts:
        if is_blank(text):
            yield ctx.hit(
                ORGANISER_PATH,
                f"Planens {'.'.join(loc)} är tomt.",
                f"Skriv {what}.",
                at=("plan", *loc),
            )
    limit = ctx.settings.review_max_months
    oldest = months_before(ctx.today, limit)
    if plan.last_reviewed is not None:
        if plan.last_reviewed < oldest:
            yield ctx.hit(
                ORGANISER_PATH,
                f"Planen granskades senast {plan.last_reviewed}, mer än {limit} månader "
                f"före {ctx.today}.",
                "Granska planen, och skriv datumet i plan.senast_granskad.",
                at=("plan", "senast_granskad"),
            )
    elif plan.decision.date is not None and plan.decision.date < oldest:
        yield ctx.hit(
            ORGANISER_PATH,
            f"Planen har inte granskats sedan beslutet {plan.decision.date}, mer än "
            f"{limit} månader före {ctx.today}.",
            "Granska planen, och skriv datumet i plan.senast_granskad.",
            at=("plan", "beslut", "datum"),
        )


# -- LOK-arshjul-aktiviteter ------------------------------------------------------------


def _school_order(month: int) -> int:
    """A month's place in the läsår (July first)."""
    return (month - 7) % 12


def _in_school_order(choices: tuple[tuple[int, ...], ...]) -> list[tuple[int, ...]]:
    """Choices of months ordered by their first month in the läsår."""
    return sorted(choices, key=lambda c: min(_school_order(m) for m in c))


def _ordered(choice: tuple[int, ...]) -> tuple[list[str], bool]:
    """The month names in läsår order, and whether they are consecutive."""
    ordered = sorted(set(choice), key=_school_order)
    places = [_school_order(m) for m in ordered]
    consecutive = places == list(range(places[0], places[0] + len(places)))
    return [MONTHS[m - 1] for m in ordered], consecutive


def describe_months(choice: tuple[int, ...]) -> str:
    """A choice of months in Swedish: 'september', 'november–februari', 'mars eller maj'."""
    names, consecutive = _ordered(choice)
    if len(names) > 2 and consecutive:
        return f"{names[0]}–{names[-1]}"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " eller " + names[-1]


def _when_text(choice: tuple[int, ...]) -> str:
    """A `när` that meets a choice of months: the whole range, or its first month."""
    names, consecutive = _ordered(choice)
    return f"{names[0]}–{names[-1]}" if len(names) > 1 and consecutive else names[0]


def _matches(event: Event, required: RequiredEvent) -> bool:
    name = event.name.casefold()
    if not any(word.casefold() in name for word in required.words):
        return False
    return required.kind is None or event.kind == required.kind


def _weeks_covered(events: list[Event], weeks: tuple[int, int], year: SchoolYear) -> bool:
    first, last = weeks
    wanted = span(When("veckor", f"v. {first}–{last}", first=first, last=last), year)
    for event in events:
        for when in event.when:
            if when.kind == "veckor":
                start, end = span(when, year)
                if start <= wanted[0] and wanted[1] <= end:
                    return True
    return False


def _missing(required: RequiredEvent, events: list[Event], year: SchoolYear) -> list[str]:
    """What the matching events lack, each as a Swedish phrase."""
    gaps = []
    covered: set[int] = set()
    for event in events:
        for when in event.when:
            covered |= months(when, year)
    absent = [c for c in _in_school_order(required.months) if not covered.intersection(c)]
    if absent:
        gaps.append("ingen tidpunkt i " + join_sv([describe_months(c) for c in absent]))
    if required.weeks is not None and not _weeks_covered(events, required.weeks, year):
        first, last = required.weeks
        weeks = f"vecka {first}" if first == last else f"veckorna {first}–{last}"
        gaps.append(f"ingen tidpunkt under {weeks}")
    count = sum(len(event.when) for event in events)
    if count < required.occurrences:
        gaps.append(f"{count} tillfällen per läsår, men ska ha minst {required.occurrences}")
    return gaps


def _expected(required: RequiredEvent) -> str:
    """How to write the event so that it matches, for the hint."""
    parts = [f"namn: … {required.words[0]} …"]
    if required.kind is not None:
        parts.append(f"typ: {required.kind}")
    whens = [_when_text(c) for c in _in_school_order(required.months)]
    if required.weeks is not None:
        whens.append(f"v. {required.weeks[0]}–{required.weeks[1]}")
    if whens:
        parts.append("när: [" + ", ".join(whens) + "]")
    return ", ".join(parts)


@RuleSpec(
    "LOK-arshjul-aktiviteter",
    LOCAL,
    Group.ORGANISATION,
    "Årshjulet har kommunens återkommande händelser vid rätt tid",
    "Svenljunga kommun, plan för SKA 2026 (BUN 2025-12-16 § 142) och 2019 (BUN 2019-03-06 "
    "§ 16); Vetlanda kommun, riktlinjer för SKA (BUN 2024-06-04 § 55)",
    "Lokal förinställning (svenljunga, svenljunga-2019, vetlanda)",
    "Förinställningen räknar upp händelser som årshjulet (plans/arshjul.yaml) ska ha, t.ex. "
    "Vetlandas förutsättnings-, process- och resultatdialog. En händelse räknas när dess "
    "namn innehåller något av förinställningens ord (och typen stämmer, om den anges). "
    "Tillsammans ska de händelser som räknas ha en tidpunkt i varje krävd månad (eller i "
    "någon av månaderna när flera går bra), täcka krävda veckor och förekomma så många "
    "gånger per läsår som krävs.",
    """
händelser:
  - id: förutsättningsdialog
    namn: Förutsättningsdialog
    typ: dialog
    när: september
    nivå: huvudman
    ansvarig: [utvecklingsledare, rektor]
  - id: tld-enkät
    namn: TLD-enkät om trygghet, lärande och delaktighet
    typ: mätning
    när: [oktober, april]
    nivå: enhet
    ansvarig: [rektor]
""",
    failing=Example(
        {
            CONFIG: _VETLANDA,
            YEAR_WHEEL: YEAR_WHEEL_TEXT + _VETLANDA_EVENTS.replace("när: januari", "när: mars"),
        }
    ),
    passing=Example({CONFIG: _VETLANDA, YEAR_WHEEL: YEAR_WHEEL_TEXT + _VETLANDA_EVENTS}),
).organiser
def calendar_events(ctx: Context) -> Iterator[Outcome]:
    required = ctx.settings.required_events
    if not required:
        return
    if not ctx.exists(CALENDAR_PATH):
        names = join_sv([f"'{r.name}'" for r in required])
        yield ctx.hit(
            f"{K.PLANS}/",
            f"Årshjulet saknas, så det går inte att se {names}.",
            f"Skriv {CALENDAR_PATH} med läsårets händelser.",
        )
        return
    wheel = ctx.calendar
    if wheel is None:  # schema findings say what is wrong with it
        return
    for event_required in required:
        yield from _check_event(ctx, wheel, event_required)


def _check_event(ctx: Context, wheel: YearWheel, required: RequiredEvent) -> Iterator[Hit]:
    indexes = [i for i, e in enumerate(wheel.events) if _matches(e, required)]
    if not indexes:
        yield key_hit(
            ctx,
            CALENDAR_PATH,
            "händelser",
            f"Årshjulet saknar '{required.name}'.",
            f"Lägg till händelsen, t.ex. {_expected(required)}.",
        )
        return
    events = [wheel.events[i] for i in indexes]
    gaps = _missing(required, events, ctx.year)
    if gaps:
        yield ctx.hit(
            CALENDAR_PATH,
            f"'{required.name}' har {join_sv(gaps)}.",
            f"Ändra när: i händelsen, eller lägg till en händelse: {_expected(required)}.",
            at=("händelser", indexes[0], "när"),
        )


# -- LOK-deadline-enhetsrapport ---------------------------------------------------------


def report_deadline(text: str, year: SchoolYear) -> dt.date | None:
    """The last day for the units' reports of `year`, or None if `text` is unreadable.

    A day in the spring ('30 juni', '1 maj') falls in the läsår's spring. A day from
    July to December ('15 augusti') means the autumn after the läsår: a report of a
    läsår cannot be due before the läsår is half over.
    """
    try:
        when = parse_when(text)
    except ValueError:
        return None
    deadline = span(when, year)[1]
    if deadline.year == year.start:
        deadline = deadline.replace(year=year.start + 1)
    return deadline


@RuleSpec(
    "LOK-deadline-enhetsrapport",
    LOCAL,
    Group.DOCUMENTATION,
    "Enhetens kvalitetsrapport är inlämnad senast sista dagen",
    "Svenljunga kommun, plan för SKA (BUN 2019-03-06 § 16): kvalitetsrapporterna klara "
    "30 juni; Vetlanda kommun, riktlinjer för SKA (BUN 2024-06-04 § 55): läsårsrapporten "
    "påbörjad till resultatdialogen i maj–juni",
    "Lokal förinställning (svenljunga, svenljunga-2019, vetlanda)",
    "Varje enhets kvalitetsrapport för läsåret ska finnas och vara incheckad i git senast "
    "rapport_senast (standard 30 juni, som lagen). Inlämningsdagen är dagen för den "
    "första incheckning som lade till filen, eller inlämnad i rapportens metadata när "
    "rapporten lämnades in innan den kom in i git. En dag i juli–december avser hösten efter "
    "läsåret. Är mappen inte ett git-arkiv räknas en befintlig rapport som inlämnad i dag, "
    "eftersom inget visar när den skrevs.",
    """
# ska.yaml
förinställningar: [svenljunga]
inställningar:
  rapport_senast: 30 juni
""",
    failing=Example(
        {
            CONFIG: _enabled("LOK-deadline-enhetsrapport"),
            REPORT: edited(REPORT_TEXT, (_SUBMITTED, _SUBMITTED + "inlämnad: 2026-07-03\n")),
        }
    ),
    passing=Example(
        {
            CONFIG: _enabled("LOK-deadline-enhetsrapport"),
            REPORT: edited(REPORT_TEXT, (_SUBMITTED, _SUBMITTED + "inlämnad: 2026-06-26\n")),
        }
    ),
).unit
def unit_report_deadline(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    deadline = report_deadline(ctx.settings.report_deadline, ctx.year)
    if deadline is None:
        if unit.id == ctx.units[0].id:  # say it once, not once per unit
            yield ctx.hit(
                CONFIG_PATH,
                f"rapport_senast '{ctx.settings.report_deadline}' går inte att läsa som en dag.",
                "Skriv dagen som t.ex. 30 juni eller 1 maj.",
                at=("inställningar", "rapport_senast"),
            )
        return
    path = unit.report_path
    if not ctx.exists(path):
        if ctx.today <= deadline:
            yield Pending(unit.id, deadline, "kvalitetsrapporten")
        else:
            yield ctx.hit(
                unit.folder,
                f"Kvalitetsrapporten för läsåret {ctx.year} saknas; sista dag var {deadline}.",
                f"Skriv {path} och checka in den.",
            )
        return
    ctx.repo.reads.note(GIT_REFS)
    dates = ctx.once(("git", "first-dates"), lambda: gitinfo.FirstDates(ctx.repo.root))
    submissions = ctx.once(("git", "submissions"), lambda: Submissions(ctx.repo))
    report = ctx.report(unit)
    if report is not None and report.meta.submitted is not None:
        delivered: dt.date | None = report.meta.submitted
    elif dates.top is not None:  # the day it reached the main branch, see obligations
        delivered = submissions.date(path)
    else:
        delivered = ctx.today  # nothing shows an earlier date: see the rule's explanation
    if delivered is not None and delivered <= deadline and delivered <= ctx.today:
        return
    if ctx.today <= deadline:
        yield Pending(unit.id, deadline, "kvalitetsrapporten")
    elif report is not None and report.meta.submitted is not None:
        yield ctx.hit(
            path,
            f"Kvalitetsrapporten för läsåret {ctx.year} lämnades in {delivered} enligt "
            f"inlämnad, efter sista dag {deadline}.",
            "Lämna in rapporten i tid nästa läsår, eller skriv ett undantag med skäl i ska.yaml.",
            at=("inlämnad",),
        )
    elif delivered is None:
        yield ctx.hit(
            path,
            f"Kvalitetsrapporten för läsåret {ctx.year} är inte incheckad i git; sista dag "
            f"var {deadline}.",
            "Checka in rapporten (git add och git commit).",
        )
    elif dates.top is None:
        yield ctx.hit(
            path,
            f"Kvalitetsrapporten för läsåret {ctx.year} räknas som inlämnad {delivered}, "
            f"efter sista dag {deadline}: mappen är inte ett git-arkiv, så inget visar ett "
            "tidigare datum.",
            "Lägg dokumentationen i ett git-arkiv, så att incheckningen visar inlämningsdagen.",
        )
    else:
        yield ctx.hit(
            path,
            f"Kvalitetsrapporten för läsåret {ctx.year} checkades in {delivered}, efter "
            f"sista dag {deadline}.",
            "Lämna in rapporten i tid nästa läsår, eller skriv ett undantag med skäl i ska.yaml.",
        )


# -- LOK-prioriterade-omraden -----------------------------------------------------------


@RuleSpec(
    "LOK-prioriterade-omraden",
    LOCAL,
    Group.PLANNING,
    "Utvecklingsplanen prioriterar kunskaper och högst tre målområden, med en effektkedja",
    "Vetlanda kommun, riktlinjer för SKA (BUN 2024-06-04 § 55, reviderad 2026-06-09 § 57)",
    "Lokal förinställning (vetlanda)",
    "I varje utvecklingsplan ska målområdet kunskaper alltid vara prioriterat, och antalet "
    "prioriterade målområden får inte överstiga max_prioriterade_områden (standard 3). Om "
    "kunskaper räknas in i antalet styrs av antal_inklusive_kunskaper (standard ja), "
    "eftersom riktlinjerna går att läsa på båda sätten. Varje åtagande ska ha tänkta "
    "effekter och aktiviteter med förväntade resultat (effektkedjan), och ingen av dem får "
    "vara tom. Gäller alla enheter med utvecklingsplan, även förskolor, där kunskaper "
    "motsvaras av Omsorg, utveckling och lärande (Lpfö 18 avsnitt 2.2).",
    """
prioriterade_målområden:
  - målområde: kunskaper
    motivering: Läsresultaten i åk 1–3 har sjunkit två år i rad.
    åtaganden:
      - id: läsflyt
        beskrivning: Alla elever i åk 1–3 läser dagligen med stöd.
        tänkta_effekter: [Fler elever når gränsvärdet i läsflyt.]
        aktiviteter:
          - beskrivning: Lästid 20 minuter efter lunch.
            förväntat_resultat: Eleverna läser mer och med bättre flyt.
""",
    failing=Example(
        {CONFIG: _enabled("LOK-prioriterade-omraden"), PLAN: edited(PLAN_TEXT, *_OTHER_AREA)}
    ),
    passing=Example({CONFIG: _enabled("LOK-prioriterade-omraden"), PLAN: PLAN_TEXT}),
).unit
def prioritised_areas(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    plan = ctx.plan(unit)
    if plan is None:  # no plan, or a broken one: other findings say so
        return
    path = unit.plan_path
    key = "prioriterade_målområden"
    # Two priorities may share a läroplan area (e.g. reading and mathematics under
    # Kunskaper); the limit counts areas, not priorities.
    areas = list(dict.fromkeys(p.goal_area for p in plan.priorities))
    if GoalArea.KNOWLEDGE not in areas:
        yield key_hit(
            ctx,
            path,
            key,
            "Kunskaper är inte ett prioriterat målområde i utvecklingsplanen.",
            "Lägg till målområde: kunskaper med åtaganden (i förskolan: omsorg, utveckling "
            "och lärande).",
        )
    limit = ctx.settings.max_priorities
    first: dict[GoalArea, int] = {}  # area → its first priority (where a hit points)
    for i, priority in enumerate(plan.priorities):
        first.setdefault(priority.goal_area, i)
    counted = [
        first[area]
        for area in areas
        if ctx.settings.count_includes_knowledge or area is not GoalArea.KNOWLEDGE
    ]
    if len(counted) > limit:
        besides = "" if ctx.settings.count_includes_knowledge else " utöver kunskaper"
        yield ctx.hit(
            path,
            f"Utvecklingsplanen har {len(counted)} prioriterade målområden{besides}; högst "
            f"{limit} är tillåtna.",
            "Prioritera färre målområden; flera åtaganden inom samma område går bra.",
            at=(key, counted[limit], "målområde"),
        )
    for i, priority in enumerate(plan.priorities):
        for j, commitment in enumerate(priority.commitments):
            base = (key, i, "åtaganden", j)
            for k, effect in enumerate(commitment.intended_effects):
                if is_blank(effect):
                    yield ctx.hit(
                        path,
                        f"Åtagandet '{commitment.id}' har en tänkt effekt utan innehåll.",
                        "Skriv vad åtagandet ska leda till.",
                        at=(*base, "tänkta_effekter", k),
                    )
            for k, activity in enumerate(commitment.activities):
                if is_blank(activity.expected_result):
                    yield ctx.hit(
                        path,
                        f"En aktivitet i åtagandet '{commitment.id}' saknar förväntat resultat.",
                        "Skriv vad aktiviteten ska leda till i förväntat_resultat.",
                        at=(*base, "aktiviteter", k, "förväntat_resultat"),
                    )


# -- LOK-internkontroll -----------------------------------------------------------------


@RuleSpec(
    "LOK-internkontroll",
    LOCAL,
    Group.ORGANISATION,
    "Internkontrollplan för varje år, och åtgärd för varje avvikelse",
    "Vaggeryds kommun, SKA 2.0 – utvecklat kvalitetsarbete",
    "Lokal förinställning (vaggeryd)",
    "Huvudmannen har en internkontrollplan (plans/internkontroll/<år>.yaml) för varje "
    "kalenderår som läsåret berör och som har börjat: identifierade risker, bedömda efter "
    "sannolikhet och konsekvens, med kontrollmoment. Varje avvikelse som kontrollerna "
    "hittar ska ha en åtgärd med ansvarig och datum, senast brist_åtgärd_dagar (standard "
    "30) dagar efter att den upptäcktes. Regeln överlappar skollagen 4 kap. 7 §.",
    """
risker:
  - id: särskilt-stöd
    beskrivning: Elever får inte särskilt stöd i tid.
    sannolikhet: 2
    konsekvens: 4
    kontrollmoment:
      - {beskrivning: Stickprov av åtgärdsprogram, metod: stickprov,
         ansvarig: utvecklingsledare, när: mars}
avvikelser:
  - datum: 2026-03-20
    risk: särskilt-stöd
    beskrivning: Två utredningar var äldre än åtta veckor.
    åtgärd: {beskrivning: Rutinen gås igenom med EHT., ansvarig: rektor, klart: 2026-05-01}
""",
    failing=Example({CONFIG: _enabled("LOK-internkontroll")}),
    passing=Example({CONFIG: _enabled("LOK-internkontroll"), _CONTROL_2025: _CONTROL_2025_TEXT}),
).organiser
def internal_control(ctx: Context) -> Iterator[Outcome]:
    years = sorted({ctx.year.first_day.year, ctx.year.last_day.year})
    grace = dt.timedelta(days=ctx.settings.deficiency_days)
    for year in years:
        if dt.date(year, 1, 1) > ctx.today:
            continue
        path = K.INTERNAL_CONTROL.path(calendar_year=year)
        if not ctx.exists(path):
            yield ctx.hit(
                CONTROL_FOLDER,
                f"Internkontrollplan för {year} saknas.",
                f"Skriv {path} med risker, bedömning och kontrollmoment.",
            )
            continue
        control = ctx.internal_control(year)
        if control is None:  # schema findings say what is wrong
            continue
        # The schema already asks for at least one risk, each assessed (sannolikhet,
        # konsekvens) and with at least one kontrollmoment; what is left is the follow-up.
        for index, deviation in enumerate(control.deviations):
            if deviation.action is not None:
                continue
            due = deviation.date + grace
            if ctx.today <= due:
                yield Pending("huvudman", due, "åtgärd mot en avvikelse i internkontrollen")
                continue
            yield ctx.hit(
                path,
                f"Avvikelsen {deviation.date} (risk '{deviation.risk}') saknar åtgärd.",
                "Lägg till åtgärd: med beskrivning, ansvarig (roll) och klart (datum).",
                at=("avvikelser", index, "datum"),
            )


# -- LOK-egenkontroll -------------------------------------------------------------------

SELF_CHECK_WORD = "egenkontroll"


def self_check_deadline(ctx: Context) -> tuple[dt.date | None, str]:
    """The last day for the units' egenkontroll in the läsår and where it comes from: the
    last day of an årshjul event about the egenkontroll, else `egenkontroll_senast`."""
    wheel = ctx.calendar
    events = [
        e
        for e in (wheel.events if wheel is not None else [])
        if SELF_CHECK_WORD in f"{e.id} {e.name}".casefold()
    ]
    ends = [span(when, ctx.year)[1] for event in events for when in event.when]
    if ends:
        return max(ends), "årshjulet"
    try:
        when = parse_when(ctx.settings.self_check_deadline)
    except ValueError:
        return None, "egenkontroll_senast"
    return span(when, ctx.year)[1], "egenkontroll_senast"


@RuleSpec(
    "LOK-egenkontroll",
    LOCAL,
    Group.DOCUMENTATION,
    "Enheten har besvarat sin egenkontroll i tid",
    "Vaggeryds kommun, SKA 2.0 – utvecklat kvalitetsarbete: internkontroll som ett sätt "
    "för rektor att återkommande checka av verksamheten på hygiennivå",
    "Lokal förinställning (vaggeryd)",
    "Varje enhet besvarar sin egenkontroll för läsåret "
    f"({K.SELF_CHECK.pattern}, `ska ny egenkontroll`): varje "
    "kontrollpunkt har svar ja, nej eller delvis och datum, senast den sista dagen för en "
    "händelse om egenkontroll i årshjulet, annars egenkontroll_senast (standard 31 "
    "oktober). Ett svar nej eller delvis ska ha en åtgärd.",
    """
# units/åsenskolan/2025-26/egenkontroll.yaml
kontrollpunkter:
  - område: Elevhälsa
    fråga: Har åtgärdsprogrammen datum för utvärdering?
    svar: delvis
    datum: 2025-10-14
    åtgärd: Elevhälsoteamet kompletterar programmen före jul.
""",
    failing=Example({CONFIG: _enabled("LOK-egenkontroll"), SELF_CHECK: None}),
    passing=Example({CONFIG: _enabled("LOK-egenkontroll")}),
).unit
def self_check_answered(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    deadline, source = self_check_deadline(ctx)
    if deadline is None:
        if unit.id == ctx.units[0].id:  # say it once, not once per unit
            yield ctx.hit(
                CONFIG_PATH,
                f"egenkontroll_senast '{ctx.settings.self_check_deadline}' går inte att läsa "
                "som en dag.",
                "Skriv dagen som t.ex. 31 oktober.",
                at=("inställningar", "egenkontroll_senast"),
            )
        return
    path = K.SELF_CHECK.path(unit=unit.id, year=ctx.year)
    due = ctx.today > deadline
    where = f"sista dag var {deadline} enligt {source}"
    if not ctx.exists(path):
        if not due:
            yield Pending(unit.id, deadline, "egenkontrollen")
        else:
            yield ctx.hit(
                unit.folder,
                f"Egenkontrollen för läsåret {ctx.year} saknas; {where}.",
                f"Skriv {path} (ska ny egenkontroll {unit.id}) och besvara kontrollpunkterna.",
            )
        return
    check = ctx.model(path, SelfCheck)
    if check is None:  # schema findings say what is wrong
        return
    waiting = False
    for index, point in enumerate(check.points):
        at: tuple[str | int, ...] = ("kontrollpunkter", index)
        if point.answer is None or point.date is None:
            if not due:
                waiting = True
                continue
            missing = "svar" if point.answer is None else "datum"
            yield ctx.hit(
                path,
                f"Kontrollpunkten '{point.question}' saknar {missing}; {where}.",
                "Svara ja, nej eller delvis och skriv datum när punkten besvarades.",
                at=(*at, "fråga"),
            )
            continue
        if due and point.date > deadline:
            yield ctx.hit(
                path,
                f"Kontrollpunkten '{point.question}' besvarades {point.date}, efter "
                f"sista dag {deadline} enligt {source}.",
                "Besvara egenkontrollen i tid nästa läsår, eller skriv ett undantag med skäl "
                "i ska.yaml.",
                at=(*at, "datum"),
            )
        if point.needs_action and point.action is None:
            yield ctx.hit(
                path,
                f"Kontrollpunkten '{point.question}' har svaret {point.answer} men ingen åtgärd.",
                "Skriv under åtgärd: vad som görs, av vem och när.",
                at=(*at, "svar"),
            )
    if waiting:
        yield Pending(unit.id, deadline, "egenkontrollen")


# -- LOK-tld-resultat -------------------------------------------------------------------

# "TLD" as a word of its own: in a file name (tld.csv, tld-ht2025.csv) or a measure
# (TLD: känner sig trygg), not inside another word.
_TLD = re.compile(r"(?<![^\W\d_])tld(?![^\W\d_])", re.IGNORECASE)
TLD_MONTHS = ("oktober", "april")  # Vetlanda's guidelines, when the årshjul names none


def is_tld(path: str, row: ResultRow) -> bool:
    """Whether a result row is a TLD result: its file name or its measure has the word
    TLD (`resultat/tld.csv`, `TLD: känner sig trygg`)."""
    stem = path.rsplit("/", 1)[-1].removesuffix(".csv")
    return bool(_TLD.search(stem) or _TLD.search(row.measure))


def tld_measurements(ctx: Context) -> tuple[list[tuple[dt.date, dt.date]], str]:
    """The läsår's TLD measurements as (first day, last day), and where they come from:
    the årshjul's events of typ mätning with TLD in their id or name, else October and
    April as in Vetlanda's guidelines."""
    wheel = ctx.calendar
    events = [
        e
        for e in (wheel.events if wheel is not None else [])
        if e.kind == EventKind.MEASUREMENT and _TLD.search(f"{e.id} {e.name}")
    ]
    spans = sorted({span(when, ctx.year) for event in events for when in event.when})
    if spans:
        return spans, "årshjulet"
    return [span(parse_when(m), ctx.year) for m in TLD_MONTHS], "riktlinjerna"


def term_of(day: dt.date) -> Term:
    """The termin a day falls in: July–December the hösttermin, else the vårtermin."""
    return Term("ht" if day.month >= 7 else "vt", day.year)


_TLD_TEXT = """\
mått,termin,tillfälle,typ,grupp,kön,antal,totalt
TLD: känner sig trygg,ht2025,oktober,enkät,åk 4–6,flickor,30,34
TLD: känner sig trygg,ht2025,oktober,enkät,åk 4–6,pojkar,28,33
TLD: känner sig trygg,ht2025,oktober,enkät,åk 4–6,alla,58,67
TLD: känner sig trygg,vt2026,april,enkät,åk 4–6,flickor,31,34
TLD: känner sig trygg,vt2026,april,enkät,åk 4–6,pojkar,29,33
TLD: känner sig trygg,vt2026,april,enkät,åk 4–6,alla,60,67
"""
_TLD_PATH = RESULTS.rsplit("/", 1)[0] + "/tld.csv"


@RuleSpec(
    "LOK-tld-resultat",
    LOCAL,
    Group.DOCUMENTATION,
    "Enheten har TLD-resultat för terminen när TLD-mätningen är genomförd",
    "Vetlanda kommun, riktlinjer för SKA (BUN 2024-06-04 § 55, reviderad 2026-06-09 § 57): "
    "TLD-mätning om trygghet, lärande och delaktighet i oktober och april",
    "Lokal förinställning (vetlanda)",
    "Varje enhet med grundskola ska ha TLD-resultat för terminen när tiden för "
    "TLD-mätningen har gått ut. Mätningarna är årshjulets händelser av typ mätning med TLD "
    "i id eller namn (sista dagen i deras när), annars oktober och april som i "
    "riktlinjerna. En resultatrad räknas som TLD när filnamnet eller måttet har ordet TLD, "
    "t.ex. resultat/tld.csv eller måttet TLD: känner sig trygg, och terminen är mätningens "
    "(oktober: ht, april: vt). Före sista dagen är resultaten inte sena än.",
    """
# units/strandskolan/2025-26/resultat/tld.csv
mått,termin,tillfälle,typ,grupp,kön,antal,totalt
TLD: känner sig trygg,ht2025,oktober,enkät,F–3,alla,74,83
TLD: känner sig trygg,vt2026,april,enkät,F–3,alla,76,83
""",
    failing=Example({CONFIG: _enabled("LOK-tld-resultat")}),
    passing=Example({CONFIG: _enabled("LOK-tld-resultat"), _TLD_PATH: _TLD_TEXT}),
).unit
def tld_results(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    if SchoolForm.COMPULSORY not in unit.school_forms:
        return
    measurements, source = tld_measurements(ctx)
    tables = ctx.results(unit)
    tld_files = [path for path, table in tables if any(is_tld(path, r) for r in table.rows)]
    folder = K.RESULTS.folder(unit=unit.id, year=ctx.year) + "/"
    started = unit.model.active_from
    for _, last in measurements:
        if started is not None and started > last:
            continue  # the unit had not begun when the measurement was made
        term = term_of(last)
        if ctx.today <= last:
            yield Pending(unit.id, last, f"TLD-resultaten för {term}")
            continue
        if any(
            is_tld(path, row) and row.term == term for path, table in tables for row in table.rows
        ):
            continue
        yield ctx.hit(
            tld_files[0] if tld_files else folder,
            f"TLD-resultat för {term} saknas; tiden för TLD-mätningen gick ut {last} enligt "
            f"{source}.",
            f"Lägg enhetens TLD-resultat för {term} i "
            f"{tld_files[0] if tld_files else folder + 'tld.csv'}, med termin {term} och "
            "ordet TLD i filnamnet eller måttet.",
        )
