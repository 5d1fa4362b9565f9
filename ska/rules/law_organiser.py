"""Law rules at huvudman level: skollagen 4 kap. 3, 7 and 8 §§, 2 kap. 8 a §, 29 kap. 9 §.

These check presence and traceability, never quality: that the huvudman planned,
followed up, analysed and acted for the läsår, appointed a skolchef, has a written
complaints routine, and (a kommun) documents its aktivitetsansvar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ska.cache.codec import TEXT, list_of, optional
from ska.cache.memo import entries
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import (
    BOARD_GOALS,
    BOARD_GOALS_TEXT,
    INITIATIVE,
    INITIATIVE_TEXT,
    ORGANISER,
    ORGANISER_REPORT,
    ORGANISER_REPORT_TEXT,
    ORGANISER_TEXT,
    PLAN,
    PLAN_TEXT,
    ROUTINE,
    ROUTINE_TEXT,
    UNIT_INITIATIVE,
    UNIT_INITIATIVE_TEXT,
    edited,
)
from ska.findings import Severity
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm
from ska.model.initiative import DecidedBy, Initiative
from ska.model.organiser import SchoolChief
from ska.model.report import Report
from ska.model.types import SLUG_PATTERN
from ska.model.year_wheel import DocumentKind
from ska.rules.context import Context, OrganiserReport
from ska.rules.engine import Group, Outcome, Pending, RuleSpec, row_of
from ska.rules.text import is_blank, words
from ska.rules.vocabulary import (
    CAUSE_EXAMPLES,
    NEEDS,
    NO_INITIATIVE,
    causes,
    form_passages,
    forms_named,
    is_follow_up,
)
from ska.suggest import did_you_mean, join_sv

SL4_3 = "SL 4:3 (lydelse 2022-07-01)"
# The 2022 wording of 4 kap. 3 § (prop. 2021/22:160) made the analysis of causes explicit.
LAW_2022 = dt.date(2022, 7, 1)
LAW = RuleClass.LAW
EVERY_FORM = "alla"
SLUG = re.compile(SLUG_PATTERN)

# Examples: the huvudman's routine, report and insatser as the example kommun has them,
# changed where a rule finds a gap.
_LATER_GOALS = (("från: 2026", "från: 2027"), ("till: 2028", "till: 2029"))
_FORMS_FOLLOWED_UP = "I förskoleklassen och fritidshemmet är"
_ANALYSIS = "Nedgången beror sannolikt på att lästiden minskat."
_FOLLOW_UP = """\
  - datum: 2026-02-10
    åtagande: läsflyt
    text: Lästiden efter lunch genomförs bara i hälften av klasserna.
    brist: ja
"""
_ACTION = """\
    åtgärd:
      beskrivning: Rektor följer upp lästiden i varje klass varannan vecka.
      ansvarig: rektor
      klart: 2026-03-15
"""
_REORGANISATION = K.INITIATIVE.path(name="fritidshemmets-lokal")
_REORGANISATION_TEXT = """\
titel: Fritidshemmet samlas i en lokal
syfte: Samla fritidshemmets två avdelningar i skolans nya lokal.
mål: [En gemensam fritidsverksamhet för åk F–3.]
åtgärder: [Avdelningarna slås ihop från januari.]
ansvarig: förvaltningschef
verksamhetsformer: [fritidshem]
läroplansområden: [normer_och_värden]
grundas_på: ["Lokalutredningen 2025: avdelningarnas lokaler är för små."]
period: {start: 2026-01, slut: 2026-06}
status: genomförande
uppföljning:
  metod: Enkät till barnen och vårdnadshavarna.
  planerad: [2026-05-20]
berör_barn: ja
"""
_CHILD_IMPACT = """\
barnkonsekvensanalys:
  gjord: ja
  referens: BUN 2025/112
"""


def organiser_report_due(ctx: Context) -> Iterator[Outcome]:
    """The huvudman's report for the läsår: a finding if due and missing, else pending."""
    if ctx.organiser_report_written:
        return
    folder = ctx.organiser_report_path.rpartition("/")[0] + "/"  # per läsår or calendar year
    due = ctx.due(DocumentKind.ORGANISER_REPORT)
    if ctx.today > due:
        yield ctx.hit(
            folder,
            f"Huvudmannens kvalitetsrapport för läsåret {ctx.year} saknas; sista dag var {due}.",
            f"Skriv {ctx.organiser_report_path} med uppföljning, analys och utvecklingsområden.",
        )
    else:
        yield Pending("huvudman", due, "huvudmannens kvalitetsrapport")


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
    failing=Example({BOARD_GOALS: edited(BOARD_GOALS_TEXT, *_LATER_GOALS), INITIATIVE: None}),
    passing=Example({BOARD_GOALS: BOARD_GOALS_TEXT, INITIATIVE: None}),
).organiser
def planning(ctx: Context) -> Iterator[Outcome]:
    goals = ctx.repo.board_goals
    years = {ctx.year.first_day.year, ctx.year.last_day.year}
    if (
        goals is not None
        and goals.goals
        and any(goals.period.start <= y <= goals.period.end for y in years)
    ):
        return
    if any(i.active_in(ctx.year) for i in ctx.organiser_initiatives):
        return
    yield ctx.hit(
        f"{K.PLANS}/",
        f"Huvudmannen har ingen planering för läsåret {ctx.year}: inga av nämndens mål "
        "gäller perioden och ingen insats på huvudmannanivå pågår.",
        f"Lägg nämndens mål för perioden i {K.BOARD_GOALS.pattern} eller en insats i "
        f"{K.INITIATIVE.folder()}/.",
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
    "(publicerad.url eller publicerad.kanaler). En rutin som beslutades efter läsårets slut "
    "räknas inte för läsåret; gällde en tidigare version, anges dess beslut under "
    "tidigare_beslut. Har rutinen upphört att gälla, eller gäller den från en senare dag, "
    "anges det med till och från; ett läsår utanför perioden har då ingen rutin.",
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
    failing=Example({ROUTINE: None}),
    passing=Example({ROUTINE: ROUTINE_TEXT}),
).organiser
def complaints_routine(ctx: Context) -> Iterator[Outcome]:
    path = K.COMPLAINTS.pattern
    if not ctx.exists(path):
        yield ctx.hit(
            f"{K.PLANS}/",
            "Huvudmannen har ingen skriftlig rutin för klagomål.",
            f"Skriv rutinen i {path} (skollagen 4 kap. 8 §).",
        )
        return
    routine = ctx.routine
    if routine is None:
        return
    meta = routine.meta
    if not meta.overlaps(ctx.year):
        yield ctx.hit(
            path,
            f"Klagomålsrutinen gällde {meta.describe()}, inte under läsåret {ctx.year}.",
            "Gällde en annan rutin under läsåret, beskriv den; annars rätta från och till.",
            ("från",) if meta.start is not None and meta.start > ctx.year.last_day else ("till",),
        )
    elif meta.late(ctx.year):
        yield ctx.hit(
            path,
            f"Klagomålsrutinen beslutades {meta.decision.date}, efter läsåret {ctx.year}, "
            "och räknas därför inte för det läsåret.",
            "Gällde en tidigare version av rutinen under läsåret, skriv dess beslut under "
            "tidigare_beslut: (organ, datum, paragraf).",
            ("beslut", "datum"),
        )
    if is_blank(routine.body):
        yield ctx.hit(
            path,
            "Klagomålsrutinen har ingen text, bara metadata.",
            "Skriv rutinen under metadata: hur klagomål tas emot, utreds och åtgärdas.",
        )
    published = routine.meta.published
    if published.url is None and not published.channels:
        yield ctx.hit(
            path,
            "Det står inte hur allmänheten får veta om klagomålsrutinen.",
            "Fyll i publicerad.url (webbsidan) eller publicerad.kanaler.",
            ("publicerad",),
        )


def _followed_up(passages: dict[SchoolForm, list[str]], form: SchoolForm) -> bool:
    return any(is_follow_up(p) for p in passages.get(form, []))


@RuleSpec(
    "SL4-3-uppfoljning",
    LAW,
    Group.FOLLOW_UP,
    "Huvudmannen följer upp varje skolform",
    "Skollagen 4 kap. 3 §",
    SL4_3,
    "Huvudmannen ska följa upp utbildningen. När läsåret är slut ska huvudmannens "
    "kvalitetsrapport (plans/<läsår>/kvalitetsrapport.md) finnas med ett avsnitt "
    "Resultat (eller Uppföljning) som inte är tomt och som följer upp varje skolform i "
    "huvudman.yaml: en underrubrik som nämner skolformen (även en gemensam, som 'Grundskola "
    "och fritidshem'), eller en mening om skolformen med resultat (siffror, andelar, "
    "enkäter, 'sjönk', 'oförändrade' …) eller ett skäl till att resultat saknas. Äldre namn "
    "räknas: grundsärskola och träningsskola (anpassad grundskola), gymnasiesärskola "
    "(anpassad gymnasieskola), särvux och sfi (komvux), fritids (fritidshem). Ett namn som "
    "bara nämns, utan något om resultaten, är ingen uppföljning.",
    """
## Resultat

### Förskola
Språkscreeningen visar ...

### Grundskola
Andelen elever med godkända betyg i alla ämnen ...
""",
    failing=Example(
        {
            ORGANISER_REPORT: edited(
                ORGANISER_REPORT_TEXT, (_FORMS_FOLLOWED_UP, "I förskoleklassen är")
            )
        }
    ),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
).organiser
def organiser_follow_up(ctx: Context) -> Iterator[Outcome]:
    yield from organiser_report_due(ctx)
    reports = ctx.organiser_reports
    for one in reports:
        yield from _follow_up(ctx, one)
    unreported = [f for f in ctx.school_forms if not any(f in r.forms for r in reports)]
    if reports and unreported:
        yield ctx.hit(
            f"{K.ORGANISER_REPORT.folder(year=ctx.year)}/",
            "Ingen av huvudmannens kvalitetsrapporter för läsåret gäller "
            + join_sv([f.label.lower() for f in unreported])
            + ".",
            "Lägg till skolformen under skolformer i en av rapporterna, eller skriv en "
            "rapport för den (kvalitetsrapport-<namn>.md).",
        )


def _follow_up(ctx: Context, one: OrganiserReport) -> Iterator[Outcome]:
    """SL4-3-uppfoljning in one of the huvudman's reports: each form it covers."""
    report, path = one.report, one.path
    if report.is_draft and not ctx.overdue(DocumentKind.ORGANISER_REPORT):
        due = ctx.due(DocumentKind.ORGANISER_REPORT)
        yield Pending("huvudman", due, "huvudmannens kvalitetsrapport (utkast)")
        return
    section = report.section("resultat")
    if section is None or is_blank(section.text):
        line = section.line if section else None
        yield ctx.hit(
            path,
            "Avsnittet Resultat är tomt.",
            "Skriv uppföljningen av läsårets resultat per skolform.",
            line=line,
        )
        return
    passages = form_passages(section.text)
    absent = [f for f in one.forms if not passages.get(f)]
    empty = [f for f in one.forms if passages.get(f) and not _followed_up(passages, f)]
    if absent:
        yield ctx.hit(
            path,
            "Uppföljningen tar inte upp " + join_sv([f.label.lower() for f in absent]) + ".",
            "Skriv om varje skolform under Resultat, gärna med en underrubrik per skolform.",
            line=section.line,
        )
    if empty:
        yield ctx.hit(
            path,
            "Uppföljningen nämner "
            + join_sv([f.label.lower() for f in empty])
            + " men redovisar inga resultat för "
            + ("dem" if len(empty) > 1 else "den")
            + ".",
            "Skriv vad uppföljningen visar för skolformen (resultat, andelar, enkäter), "
            "eller varför det inte finns resultat, t.ex. för få elever.",
            line=section.line,
        )


@RuleSpec(
    "SL4-3-analys",
    LAW,
    Group.ANALYSIS,
    "Huvudmannen analyserar orsakerna",
    "Skollagen 4 kap. 3 §; prop. 2021/22:160 s. 226",
    SL4_3,
    "Sedan 2022 kräver lagen att huvudmannen analyserar orsakerna till det uppföljningen "
    "visar; en sammanställning av resultat räcker inte. Huvudmannens kvalitetsrapport ska "
    "ha ett eget avsnitt Analys, skilt från Resultat, som inte är tomt.",
    """
## Analys
Nedgången i läsförståelse beror sannolikt på att den gemensamma lästiden minskade när
schemat lades om, eftersom skolorna som behöll lästiden inte har samma nedgång.
""",
    failing=Example(
        {
            ORGANISER_REPORT: edited(
                ORGANISER_REPORT_TEXT, (_ANALYSIS, "<!-- Skrivs efter resultatdialogen. -->")
            )
        }
    ),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
    valid_from=LAW_2022,
).organiser
def organiser_analysis(ctx: Context) -> Iterator[Outcome]:
    for one in ctx.organiser_reports:
        yield from _analysis(ctx, one)


def _analysis(ctx: Context, one: OrganiserReport) -> Iterator[Outcome]:
    report = one.report
    if report.is_draft and not ctx.overdue(DocumentKind.ORGANISER_REPORT):
        due = ctx.due(DocumentKind.ORGANISER_REPORT)
        yield Pending("huvudman", due, "huvudmannens kvalitetsrapport (utkast)")
        return
    section = report.section("analys")
    if section is not None and is_blank(section.text):
        yield ctx.hit(
            one.path,
            "Avsnittet Analys är tomt.",
            "Skriv vad som förklarar resultaten: orsaker, samband och jämförelser över tid.",
            line=section.line,
        )


@RuleSpec(
    "SL4-3-analys-orsaker",
    LAW,
    Group.ANALYSIS,
    "Analysen söker orsaker och är mer än siffror",
    "Skollagen 4 kap. 3 och 4 §§; prop. 2021/22:160 s. 226",
    SL4_3,
    "En heuristik, därför bara en varning: analysen i huvudmannens och enheternas "
    "kvalitetsrapporter bör ha minst analys_min_ord ord (standard 150) och uttrycka orsaker "
    "('beror på', 'orsak', 'på grund av', 'bedöms vara en effekt av', 'hänger samman med', "
    "'har påverkat', 'tack vare' … med böjningar). En analys som bara "
    "upprepar resultaten uppfyller inte lagens krav på analys av orsaker.",
    """
## Analys
Trygghetsresultaten sjönk under hösten i åk 7–9. Det beror sannolikt på att
rastvakterna minskade när två tjänster var vakanta, eftersom nedgången främst syns i
frågorna om raster och korridorer ...
""",
    severity=Severity.WARNING,
    failing=Example(
        {
            ORGANISER_REPORT: edited(
                ORGANISER_REPORT_TEXT,
                (_ANALYSIS, "Andelen elever som läser med flyt sjönk från 74 till 68 procent."),
            )
        }
    ),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
    valid_from=LAW_2022,
).each_report()
def analysis_causes(ctx: Context, targets: list[tuple[str, Report | None]]) -> Iterator[Outcome]:
    minimum = ctx.settings.analysis_min_words
    for path, report in targets:
        section = report.section("analys") if report is not None else None
        if section is None or is_blank(section.text):
            continue
        count = len(words(section.text))
        if count < minimum:
            yield ctx.hit(
                path,
                f"Analysen är kort ({count} ord, minst {minimum} väntas).",
                "Beskriv orsaker, samband och jämförelser, inte bara resultaten.",
                line=section.line,
            )
        if not causes(section.text):
            looked = ", ".join(f"'{p}'" for p in CAUSE_EXAMPLES)
            yield ctx.hit(
                path,
                f"Analysen uttrycker inga orsaker (ska letade efter uttryck som {looked}).",
                "Skriv vad resultaten beror på, t.ex. 'beror sannolikt på', 'bedöms vara en "
                "effekt av', 'hänger samman med'. Det här är en textheuristik: stämmer den "
                "inte, godta fyndet med ett undantag i ska.yaml.",
                line=section.line,
            )


@RuleSpec(
    "SL4-3-skolformer",
    LAW,
    Group.ANALYSIS,
    "Analys och insatser för varje skolform",
    "Skollagen 4 kap. 3 §; Skolverkets allmänna råd om systematiskt kvalitetsarbete",
    SL4_3,
    "Skolinspektionen kritiserar oftast att en skolform följs upp men aldrig analyseras "
    "eller leder till något. Regeln ser på varje skolform som följs upp i huvudmannens "
    "kvalitetsrapport: om analysen behandlar skolformer var för sig ska den också ta upp "
    "den här (eller uppföljningen av skolformen ange orsaker); en analys som inte nämner "
    "någon skolform räknas som gemensam för alla. Visar uppföljningen ett behov ('sjönk', "
    "'lägre', 'brister', 'behöver' …) ska en insats som huvudmannen beslutat och som pågår under "
    "läsåret gälla skolformen (verksamhetsformer), eller rapporten säga varför ingen insats "
    "behövs. En textheuristik, därför en varning.",
    """
## Analys
### Grundskola
Nedgången beror sannolikt på att lästiden minskat.
### Fritidshem
Resultaten är oförändrade eftersom personalgruppen är densamma.
""",
    severity=Severity.WARNING,
    failing=Example(
        {
            ORGANISER_REPORT: edited(
                ORGANISER_REPORT_TEXT,
                (_ANALYSIS, "I grundskolan beror nedgången sannolikt på att lästiden minskat."),
                (
                    "i svenska sjunkit i grundskolan",
                    "i svenska sjunkit i grundskolan och i fritidshemmet",
                ),
                ("I förskoleklassen och fritidshemmet är", "I förskoleklassen är"),
            )
        }
    ),
    passing=Example({ORGANISER_REPORT: ORGANISER_REPORT_TEXT}),
).organiser
def analysis_and_initiatives_per_form(ctx: Context) -> Iterator[Outcome]:
    for one in ctx.organiser_reports:
        yield from _per_form(ctx, one)


def _per_form(ctx: Context, one: OrganiserReport) -> Iterator[Outcome]:
    report, path = one.report, one.path
    if report.is_draft and not ctx.overdue(DocumentKind.ORGANISER_REPORT):
        return
    results = report.section("resultat")
    if results is None:
        return
    passages = form_passages(results.text)
    forms = [f for f in one.forms if _followed_up(passages, f)]
    analysis = report.section("analys")
    analysed = forms_named(analysis.text) if analysis is not None else set()
    if analysed:
        unanalysed = [
            f for f in forms if f not in analysed and not any(causes(p) for p in passages[f])
        ]
        if unanalysed:
            yield ctx.hit(
                path,
                "Analysen tar upp skolformer var för sig men inte "
                + join_sv([f.label.lower() for f in unanalysed])
                + ".",
                "Skriv vad resultaten i skolformen beror på, under Analys.",
                line=analysis.line if analysis is not None else results.line,
            )
    covered = _forms_with_initiative(ctx)
    reasons = form_passages(report.text)
    for form in forms:
        if not any(NEEDS.search(p) for p in passages[form]):
            continue
        if form in covered or any(NO_INITIATIVE.search(p) for p in reasons.get(form, [])):
            continue
        yield ctx.hit(
            path,
            f"Uppföljningen visar ett behov i {form.label.lower()}, men ingen insats som "
            f"huvudmannen beslutat gäller skolformen under läsåret {ctx.year}.",
            f"Lägg till {form.value} under verksamhetsformer i en insats i plans/insatser/, "
            "eller skriv i rapporten varför ingen insats behövs.",
            line=results.line,
        )


def _forms_with_initiative(ctx: Context) -> set[SchoolForm]:
    covered: set[SchoolForm] = set()
    for info in ctx.organiser_initiatives:
        if not info.active_in(ctx.year):
            continue
        forms = info.model.forms
        if EVERY_FORM in forms:
            return set(SchoolForm)
        covered |= {f for f in SchoolForm if f.value in forms}
    return covered


@RuleSpec(
    "SL4-3-insatser",
    LAW,
    Group.INITIATIVES,
    "Huvudmannen genomför insatser",
    "Skollagen 4 kap. 3 §",
    SL4_3,
    "Utifrån analysen ska huvudmannen genomföra de åtgärder som behövs för att utveckla "
    "utbildningen. Minst en insats som huvudmannen beslutat ska pågå under läsåret: en "
    "insats i plans/insatser/ (utom en markerad beslutad_av: enhet), eller en enhets insats "
    "markerad beslutad_av: nämnd eller förvaltning.",
    """
# plans/insatser/läslyftet.yaml
titel: Läslyftet
syfte: Förbättra läsförståelsen i åk 1–3.
period: {start: 2026-01, slut: 2026-12}
status: genomförande
...
""",
    failing=Example(
        {
            INITIATIVE: edited(
                INITIATIVE_TEXT,
                ("{start: 2026-01, slut: 2026-12}", "{start: 2024-08, slut: 2025-06}"),
                ("status: genomförande", "status: avslutad"),
            )
        }
    ),
    passing=Example({INITIATIVE: INITIATIVE_TEXT}),
).organiser
def organiser_initiatives(ctx: Context) -> Iterator[Outcome]:
    if not any(i.active_in(ctx.year) for i in ctx.organiser_initiatives):
        yield ctx.hit(
            f"{K.INITIATIVE.folder()}/",
            f"Ingen insats på huvudmannanivå pågår under läsåret {ctx.year}.",
            f"Lägg till en insats i {K.INITIATIVE.folder()}/ med en period som täcker läsåret.",
        )


@RuleSpec(
    "SL4-3-insats-beslut",
    LAW,
    Group.INITIATIVES,
    "Nämndens insatser har ett beslut",
    "Skollagen 4 kap. 3 §; kommunallagen 6 kap. (nämndens beslut protokollförs)",
    SL4_3,
    "En insats anger vem som beslutade den (beslutad_av: nämnd, förvaltning eller enhet). "
    "En insats som pågår under läsåret och anges beslutad av nämnden bör hänvisa till "
    "beslutet (beslut: organ, datum, paragraf), så att det syns att huvudmannen agerat "
    "efter analysen. Skolinspektionen frågar efter huvudmannens beslut, inte enhetens. Ett "
    "beslut daterat efter läsårets slut räknas inte för läsåret.",
    """
beslutad_av: nämnd
beslut: {organ: Barn- och utbildningsnämnden, datum: 2025-12-16, paragraf: "§ 143"}
""",
    severity=Severity.WARNING,
    failing=Example({INITIATIVE: INITIATIVE_TEXT + "beslutad_av: nämnd\n"}),
    passing=Example(
        {
            INITIATIVE: INITIATIVE_TEXT
            + "beslutad_av: nämnd\nbeslut: {organ: Barn- och utbildningsnämnden, "
            + 'datum: 2025-12-16, paragraf: "§ 143"}\n'
        }
    ),
).everywhere
def board_decisions(ctx: Context) -> Iterator[Outcome]:
    for info in ctx.initiatives:
        model = info.model
        if model.decided_by is not DecidedBy.BOARD or not info.active_in(ctx.year):
            continue
        if model.decision is None or model.decision.date is None:
            yield ctx.hit(
                info.path,
                f"Insatsen '{info.id}' anges beslutad av nämnden men hänvisar inte till beslutet.",
                "Fyll i beslut: {organ: …, datum: ÅÅÅÅ-MM-DD, paragraf: …}, "
                "eller ändra beslutad_av.",
                at=("beslutad_av",),
            )
        elif model.decision.after(ctx.year):
            yield ctx.hit(
                info.path,
                f"Insatsen '{info.id}' pågick under läsåret {ctx.year}, men nämndens beslut "
                f"({model.decision.date}) kom efter läsårets slut och räknas inte för det "
                "läsåret.",
                "Hänvisa till det beslut som gällde under läsåret, eller ändra beslutad_av "
                "till den som beslutade då (förvaltning eller enhet).",
                at=("beslut", "datum"),
            )


@RuleSpec(
    "SL4-3-insatser-grund",
    LAW,
    Group.INITIATIVES,
    "Varje insats bygger på analysen",
    "Skollagen 4 kap. 3 och 4 §§",
    SL4_3,
    "Insatserna ska genomföras 'på grundval av' analysen. Varje insats som pågår under "
    "läsåret bör ange vad den bygger på under grundas_på: ett utvecklingsområde (id) ur en "
    "kvalitetsrapport, eller en mening om vilken analys som visar behovet. Ett id som inte "
    "finns i någon kvalitetsrapport räknas som en bruten länk.",
    """
grundas_på:
  - läsförståelse
  - "Huvudmannens kvalitetsrapport 2024/25: 74 % nådde riktmärket i lässcreeningen"
""",
    severity=Severity.WARNING,
    failing=Example(
        {UNIT_INITIATIVE: edited(UNIT_INITIATIVE_TEXT, ("grundas_på: [läsning-2025-26]\n", ""))}
    ),
    passing=Example({UNIT_INITIATIVE: UNIT_INITIATIVE_TEXT}),
).everywhere
def initiatives_grounded(ctx: Context) -> Iterator[Outcome]:
    known = _development_area_ids(ctx)
    for path, (stem, based_on) in _grounds(ctx).items():
        if not based_on:
            yield ctx.hit(
                path,
                f"Insatsen '{stem}' anger inte vilken analys den bygger på.",
                "Fyll i grundas_på med ett utvecklingsområde (id) eller en mening ur analysen.",
                at=("titel",),
            )
            continue
        for index, ground in enumerate(based_on):
            if SLUG.match(ground) and ground not in known:
                yield ctx.hit(
                    path,
                    f"grundas_på hänvisar till '{ground}', som inte är ett utvecklingsområde "
                    "i någon kvalitetsrapport.",
                    did_you_mean(ground, known)
                    or "Skriv id för ett utvecklingsområde, "
                    "eller en mening om vilken analys som visar behovet.",
                    at=("grundas_på", index),
                )


_GROUNDS = entries(optional(list_of(TEXT)))


def _grounds(ctx: Context) -> dict[str, tuple[str, list[str]]]:
    """path → (id, grundas_på) of each readable insats going on in the läsår, kept in the
    cache per file (a changed report does not read every insats again)."""
    files = {
        path: f"grundas_på\0{path}\0{ctx.year}"
        for path, located in ctx.repo.files.items()
        if located.kind in (K.INITIATIVE, K.UNIT_INITIATIVE)
    }

    def grounds(path: str) -> list[str] | None:
        model = ctx.repo.model(path, Initiative)
        if model is None or not model.period.overlaps(ctx.year):
            return None
        return list(model.based_on or [])

    found = ctx.repo.facts(files, _GROUNDS, grounds)
    return {p: (ctx.repo.files[p].stem, g) for p, g in found.items() if g is not None}


def _development_area_ids(ctx: Context) -> set[str]:
    reports = {
        path: f"utvecklingsområden\0{path}"
        for path, located in ctx.repo.files.items()
        if located.kind in (K.UNIT_REPORT, *K.ORGANISER_REPORTS)
    }

    def area_ids(path: str) -> list[str]:
        report = ctx.repo.model(path, Report)
        return [a.id for a in report.meta.development_areas] if report is not None else []

    found = ctx.repo.facts(reports, _IDS, area_ids)
    return {area for ids in found.values() for area in ids}


_IDS = entries(list_of(TEXT))


@RuleSpec(
    "SL4-7-brist-atgard",
    LAW,
    Group.INITIATIVES,
    "Brister leder till åtgärder",
    "Skollagen 4 kap. 7 §",
    "SL 4:7 (lydelse 2011-07-01)",
    "Om uppföljning, klagomål eller något annat visar brister ska huvudmannen se till att "
    "nödvändiga åtgärder vidtas. Varje uppföljning markerad brist: ja (i en insats eller "
    "utvecklingsplan) och varje avvikelse i internkontrollen ska ha en åtgärd med ansvarig "
    "och datum, senast brist_åtgärd_dagar (standard 30) dagar efter att bristen noterades.",
    """
uppföljningar:
  - datum: 2026-02-10
    åtagande: lästid
    text: Lästiden efter lunch genomförs bara i hälften av klasserna.
    brist: ja
    åtgärd:
      beskrivning: Rektor följer upp lästiden i varje klass varannan vecka.
      ansvarig: rektor
      klart: 2026-03-15
""",
    failing=Example({PLAN: PLAN_TEXT + _FOLLOW_UP}),
    passing=Example({PLAN: PLAN_TEXT + _FOLLOW_UP + _ACTION}),
).everywhere
def deficiencies_acted_on(ctx: Context) -> Iterator[Outcome]:
    days = dt.timedelta(days=ctx.settings.deficiency_days)
    for path, loc, date, row in _deficiencies_without_action(ctx):
        due = date + days
        if ctx.today <= due:
            yield Pending(row, due, "åtgärd mot en brist")
            continue
        yield ctx.hit(
            path,
            f"Bristen som noterades {date} har ingen åtgärd.",
            "Lägg till åtgärd: med beskrivning, ansvarig (roll) och klart (datum).",
            at=loc,
        )


def _deficiencies_without_action(
    ctx: Context,
) -> Iterator[tuple[str, tuple[str | int, ...], dt.date, str]]:
    """(file, location, date, row) of every deficiency in the läsår without an action."""

    def within(day: dt.date) -> bool:
        return ctx.year.first_day <= day <= ctx.year.last_day

    for info in ctx.initiatives:
        follow_up = info.model.follow_up
        for index, entry in enumerate(follow_up.entries if follow_up else []):
            if entry.deficiency and entry.action is None and within(entry.date):
                loc = ("uppföljning", "genomförd", index, "brist")
                yield info.path, loc, entry.date, row_of(info.path)
    for unit in ctx.units:
        plan = ctx.plan(unit)
        for index, item in enumerate(plan.follow_ups if plan else []):
            if item.deficiency and item.action is None and within(item.date):
                yield unit.plan_path, ("uppföljningar", index, "brist"), item.date, unit.id
    for year in sorted({ctx.year.first_day.year, ctx.year.last_day.year}):
        control = ctx.internal_control(year)
        path = K.INTERNAL_CONTROL.path(calendar_year=year)
        for index, deviation in enumerate(control.deviations if control else []):
            if deviation.action is None and within(deviation.date):
                row = deviation.unit or "huvudman"
                yield path, ("avvikelser", index, "datum"), deviation.date, row


@RuleSpec(
    "SL2-8a-skolchef",
    LAW,
    Group.ORGANISATION,
    "Huvudmannen har utsett skolchef för alla skolformer",
    "Skollagen 2 kap. 8 a §",
    "SL 2:8 a (lydelse 2018-07-01)",
    "Huvudmannen ska utse en eller flera skolchefer som biträder huvudmannen i att se till "
    "att föreskrifterna följs. Varje skolchef ska ha ett beslut (organ, datum, paragraf), och "
    "tillsammans ska skolcheferna omfatta alla huvudmannens skolformer. Ett beslut efter "
    "läsårets slut räknas inte för läsåret (tidigare beslut anges under tidigare_beslut). "
    "Har ett förordnande upphört, eller börjat senare, anges det med till och från; läsåret "
    "bedöms efter de skolchefer vars förordnande gällde någon gång under läsåret.",
    """
skolchefer:
  - roll: förvaltningschef
    omfattning: [alla]
    beslut: {organ: Barn- och utbildningsnämnden, datum: 2019-01-15, paragraf: "§ 3"}
""",
    failing=Example(
        {ORGANISER: edited(ORGANISER_TEXT, ("omfattning: [alla]", "omfattning: [grundskola]"))}
    ),
    passing=Example({ORGANISER: ORGANISER_TEXT}),
    valid_from=dt.date(2018, 7, 1),
).organiser
def school_chief(ctx: Context) -> Iterator[Outcome]:
    org = ctx.organiser
    if org is None:
        return
    path = K.ORGANISER.pattern
    names = {r.id: r.name.lower() for r in org.roles}

    def uncovered(chiefs: list[SchoolChief]) -> list[str]:
        covered = {scope for chief in chiefs for scope in chief.scope}
        if EVERY_FORM in covered:
            return []
        return [f.label.lower() for f in org.school_forms if f.value not in covered]

    def late(chief: SchoolChief) -> bool:
        return chief.late(ctx.year)

    in_year = [c for c in org.school_chiefs if c.overlaps(ctx.year)]
    absent = uncovered([c for c in in_year if not late(c)])
    if not absent:
        return
    outside = [(i, c) for i, c in enumerate(org.school_chiefs) if not c.overlaps(ctx.year)]
    if outside and len(uncovered([c for c in org.school_chiefs if not late(c)])) < len(absent):
        index, chief = outside[0]
        yield ctx.hit(
            path,
            f"Ingen skolchef var utsedd för {join_sv(absent)} under läsåret {ctx.year}: "
            f"förordnandet för {names.get(chief.role, chief.role)} gällde {chief.describe()}.",
            "Lägg till den skolchef som var utsedd under läsåret, med från och till, eller "
            "rätta perioden.",
            at=("skolchefer", index, "från" if chief.start is not None else "till"),
        )
        return
    if len(uncovered(in_year)) < len(absent):  # a decision after the läsår
        chiefs = enumerate(org.school_chiefs)
        index, chief = next((i, c) for i, c in chiefs if late(c) and c.overlaps(ctx.year))
        yield ctx.hit(
            path,
            f"Ingen skolchef var utsedd för {join_sv(absent)} under läsåret {ctx.year}: "
            f"beslutet om skolchef ({chief.decision.date}) kom efter läsårets slut och "
            "räknas inte för det läsåret.",
            "Fanns ett tidigare beslut om skolchef, skriv det under tidigare_beslut: "
            "(organ, datum, paragraf).",
            at=("skolchefer", index, "beslut", "datum"),
        )
        return
    yield ctx.hit(
        path,
        "Ingen skolchef är utsedd för " + join_sv(absent) + ".",
        "Lägg till skolformerna i en skolchefs omfattning, eller skriv omfattning: [alla].",
        at=("skolchefer",),
        key=True,
    )


@RuleSpec(
    "BK-barnets-basta",
    LAW,
    Group.INITIATIVES,
    "Barnets bästa prövas när en insats berör barn",
    "Skollagen 1 kap. 10 §; lag (2018:1197) om FN:s konvention om barnets rättigheter, "
    "art. 3 och 12",
    "SL 1:10 (lydelse 2011-07-01)",
    "I all utbildning ska barnets bästa vara utgångspunkt. En insats markerad berör_barn: ja "
    "(t.ex. ändrad barngruppsorganisation eller minskade resurser) ska ha en "
    "barnkonsekvensanalys som är gjord och har en referens. Lagen anger ingen form för "
    "dokumentationen, därför en varning; förinställningarna svenljunga och vetlanda gör "
    "den till fel.",
    """
berör_barn: ja
barnkonsekvensanalys:
  gjord: ja
  referens: BUN 2026/45
""",
    severity=Severity.WARNING,
    failing=Example({_REORGANISATION: _REORGANISATION_TEXT}),
    passing=Example({_REORGANISATION: _REORGANISATION_TEXT + _CHILD_IMPACT}),
).everywhere
def child_best_interests(ctx: Context) -> Iterator[Outcome]:
    for info in ctx.initiatives:
        if not info.model.concerns_children or not info.active_in(ctx.year):
            continue
        impact = info.model.child_impact
        if impact is None or not impact.done:
            yield ctx.hit(
                info.path,
                f"Insatsen '{info.id}' berör barn men har ingen gjord barnkonsekvensanalys.",
                "Gör en barnkonsekvensanalys och fyll i barnkonsekvensanalys: {gjord: ja, "
                "referens: …}.",
                at=("berör_barn",),
            )
        elif is_blank(impact.reference):
            yield ctx.hit(
                info.path,
                f"Barnkonsekvensanalysen för '{info.id}' saknar referens.",
                "Ange var analysen finns, t.ex. ett diarienummer.",
                at=("barnkonsekvensanalys", "gjord"),
            )
