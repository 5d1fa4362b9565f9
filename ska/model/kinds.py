"""The kinds of document a repository holds, where each lives, and its model.

This table is the single source for discovery (which file is what), for schema
export (`schemas/<schema>.schema.json`) and for the README's tour of the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ska.model.base import SkaModel
from ska.model.config import Config
from ska.model.control import ComplaintsRoutine, InternalControl, KaaReport
from ska.model.dialog import Dialog
from ska.model.initiative import Initiative
from ska.model.mapping import ImportMapping
from ska.model.organiser import BoardGoals, FocusAreas, Organiser
from ska.model.report import ReportMeta
from ska.model.results import ReferenceRow, ResultRow
from ska.model.review import Review
from ska.model.self_check import SelfCheck
from ska.model.unit import DevelopmentPlan, Unit
from ska.model.year_wheel import YearWheel


class Format(StrEnum):
    YAML = "yaml"
    MARKDOWN = "markdown"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of document: its Swedish name, where it lives, format and model."""

    name: str
    pattern: str
    format: Format
    model: type[SkaModel]
    schema: str
    description: str


CONFIG = Kind(
    "konfiguration",
    "ska.yaml",
    Format.YAML,
    Config,
    "ska",
    "Hur repositoriet kontrolleras: förinställningar, allvarlighet per regel och undantag.",
)
ORGANISER = Kind(
    "huvudman",
    "plans/huvudman.yaml",
    Format.YAML,
    Organiser,
    "huvudman",
    "Huvudmannen: vision, målområden, skolformer, roller, skolchefer och forum.",
)
BOARD_GOALS = Kind(
    "nämndens mål",
    "plans/mal.yaml",
    Format.YAML,
    BoardGoals,
    "mal",
    "Nämndens mål med indikatorer, kopplade till kommunfullmäktiges målområden.",
)
FOCUS_AREAS = Kind(
    "fokusområden",
    "plans/fokusomraden.yaml",
    Format.YAML,
    FocusAreas,
    "fokusomraden",
    "Strategiska fokusområden med period.",
)
YEAR_WHEEL = Kind(
    "årshjul",
    "plans/arshjul.yaml",
    Format.YAML,
    YearWheel,
    "arshjul",
    "Årshjulets återkommande händelser: dialoger, mätningar, rapporter och beslut.",
)
COMPLAINTS = Kind(
    "klagomålsrutin",
    "plans/klagomalsrutin.md",
    Format.MARKDOWN,
    ComplaintsRoutine,
    "klagomalsrutin",
    "Huvudmannens skriftliga rutin för klagomål (skollagen 4 kap. 8 §).",
)
INITIATIVE = Kind(
    "insats",
    "plans/insatser/<id>.yaml",
    Format.YAML,
    Initiative,
    "insats",
    "En insats på huvudmannanivå: syfte, mål, åtgärder, ansvar, period och uppföljning.",
)
UNIT_INITIATIVE = Kind(
    "insats",
    "units/<enhet>/insatser/<id>.yaml",
    Format.YAML,
    Initiative,
    "insats",
    "En insats på enhetsnivå.",
)
KAA = Kind(
    "KAA",
    "plans/kaa/<år>.yaml",
    Format.YAML,
    KaaReport,
    "kaa",
    "Det kommunala aktivitetsansvaret under ett kalenderår.",
)
INTERNAL_CONTROL = Kind(
    "internkontroll",
    "plans/internkontroll/<år>.yaml",
    Format.YAML,
    InternalControl,
    "internkontroll",
    "Internkontrollplan för ett år: risker, kontrollmoment och avvikelser.",
)
REVIEW = Kind(
    "granskning",
    "plans/granskningar/<id>.yaml",
    Format.YAML,
    Review,
    "granskning",
    "En extern granskning: Skolinspektionens beslut eller revisorernas rapport, med brister.",
)
ORGANISER_REPORT = Kind(
    "huvudmannens kvalitetsrapport",
    "plans/<läsår>/kvalitetsrapport.md",
    Format.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "Huvudmannens kvalitetsrapport för ett läsår (metadata överst i Markdown-filen).",
)
DIALOG = Kind(
    "dialog",
    "plans/<läsår>/dialoger/<id>.yaml",
    Format.YAML,
    Dialog,
    "dialog",
    "En dialog eller ett möte som hölls: händelse i årshjulet, deltagare, frågor och "
    "överenskommelser.",
)
UNIT = Kind(
    "enhet",
    "units/<enhet>/enhet.yaml",
    Format.YAML,
    Unit,
    "enhet",
    "En förskole- eller skolenhet.",
)
DEVELOPMENT_PLAN = Kind(
    "utvecklingsplan",
    "units/<enhet>/<läsår>/utvecklingsplan.yaml",
    Format.YAML,
    DevelopmentPlan,
    "utvecklingsplan",
    "Enhetens utvecklingsplan för ett läsår: prioriterade målområden och effektkedja.",
)
SELF_CHECK = Kind(
    "egenkontroll",
    "units/<enhet>/<läsår>/egenkontroll.yaml",
    Format.YAML,
    SelfCheck,
    "egenkontroll",
    "Rektors egenkontroll av återkommande rutiner för ett läsår: kontrollpunkter med svar "
    "och åtgärder.",
)
UNIT_REPORT = Kind(
    "kvalitetsrapport",
    "units/<enhet>/<läsår>/kvalitetsrapport.md",
    Format.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "Enhetens kvalitetsrapport för ett läsår (metadata överst i Markdown-filen).",
)
RESULTS = Kind(
    "resultat",
    "units/<enhet>/<läsår>/resultat/<namn>.csv",
    Format.CSV,
    ResultRow,
    "resultatrad",
    "En rad i en resultattabell (CSV): aggregerade resultat per termin, grupp och kön.",
)
REFERENCES = Kind(
    "jämförelsevärden",
    "plans/jämförelser/<namn>.csv",
    Format.CSV,
    ReferenceRow,
    "jamforelserad",
    "En rad med jämförelsevärden (CSV): t.ex. rikets eller kommunens resultat per termin.",
)
IMPORT_MAPPING = Kind(
    "importmappning",
    "plans/import/<namn>.yaml",
    Format.YAML,
    ImportMapping,
    "import",
    "Hur en CSV-export från ett skolsystem eller Skolverket blir resultat eller jämförelser.",
)

ALL_KINDS = (
    CONFIG,
    ORGANISER,
    BOARD_GOALS,
    FOCUS_AREAS,
    YEAR_WHEEL,
    COMPLAINTS,
    INITIATIVE,
    KAA,
    INTERNAL_CONTROL,
    REVIEW,
    ORGANISER_REPORT,
    DIALOG,
    UNIT,
    UNIT_INITIATIVE,
    DEVELOPMENT_PLAN,
    SELF_CHECK,
    UNIT_REPORT,
    RESULTS,
    REFERENCES,
    IMPORT_MAPPING,
)


# The keys of huvudman.yaml that belong to the plan för systematiskt kvalitetsarbete. A
# repository that holds only reports has a huvudman.yaml without `plan:`; these keys are
# then outside the repository (coverage), not missing.
PLAN_KEYS = frozenset(
    {
        "plan",
        "vision",
        "kf_målområden",
        "verksamhetsidé",
        "roller",
        "skolchefer",
        "ansvarsfördelning",
        "forum",
    }
)
