"""The kinds of document a repository holds, where each lives, and its model.

This table is the single source for discovery (which file is what), for schema
export (`schemas/<schema>.schema.json`) and for the README's tour of the layout.
"""

from __future__ import annotations

import re
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
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan, Unit
from ska.model.year_wheel import YearWheel


class FileFormat(StrEnum):
    """What a kind's files are written in (not how ska prints or builds anything)."""

    YAML = "yaml"
    MARKDOWN = "markdown"
    CSV = "csv"


# The two folders a repository's documents live in (besides ska.yaml at the root).
PLANS = "plans"
UNITS = "units"
TOP_FOLDERS = (PLANS, UNITS)

_PLACEHOLDER = re.compile(r"<([^<>/]+)>")
# Which keyword of `Kind.path` fills which placeholder of a pattern.
_FILLED_BY = {"enhet": "unit", "läsår": "year", "år": "calendar_year", "id": "name", "namn": "name"}


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of document: its Swedish name, where it lives, format and model.

    `pattern` is the only place a kind's path is written: code builds a real path with
    `path(…)` and the folder with `folder(…)`, never by hand (tests/test_paths_from_kinds.py).
    """

    name: str
    pattern: str
    format: FileFormat
    model: type[SkaModel]
    schema: str
    description: str

    def path(
        self,
        *,
        unit: str | None = None,
        year: SchoolYear | None = None,
        calendar_year: int | None = None,
        name: str | None = None,
    ) -> str:
        """The path of one document of this kind: `<enhet>` is filled from `unit`,
        `<läsår>` from `year` (its folder, 2025-26), `<år>` from `calendar_year` and
        `<id>`/`<namn>` from `name` (the file's name without suffix)."""
        return _fill(self.pattern, unit=unit, year=year, calendar_year=calendar_year, name=name)

    def folder(
        self,
        *,
        unit: str | None = None,
        year: SchoolYear | None = None,
        calendar_year: int | None = None,
    ) -> str:
        """The folder this kind's files live in, filled like `path` (no trailing slash)."""
        return _fill(self.folder_pattern, unit=unit, year=year, calendar_year=calendar_year)

    @property
    def keywords(self) -> frozenset[str]:
        """The keywords `path` needs for this kind: `{"unit", "year"}` for a unit report."""
        return frozenset(_FILLED_BY[p] for p in _PLACEHOLDER.findall(self.pattern))

    @property
    def folder_pattern(self) -> str:
        """The folder part of the pattern, placeholders unfilled: `plans/<läsår>/dialoger`."""
        return self.pattern.rpartition("/")[0]

    def names(self, file_name: str) -> bool:
        """Whether a file's name (no folder) is one of this kind's: `kvalitetsrapport-
        förskola.md` for `kvalitetsrapport-<namn>.md`."""
        parts = _PLACEHOLDER.split(self.file_name)
        literal = [re.escape(p) for p in parts[::2]]
        return re.fullmatch("[^/]+".join(literal), file_name) is not None

    @property
    def file_name(self) -> str:
        """The last part of the pattern: `kvalitetsrapport.md`, or `<id>.yaml` for a kind
        whose files are named freely."""
        return self.pattern.rpartition("/")[2]

    @property
    def glob(self) -> str:
        """The pattern with every placeholder as `*`: `units/*/enhet.yaml`."""
        return _PLACEHOLDER.sub("*", self.pattern)


def _fill(pattern: str, **values: str | int | SchoolYear | None) -> str:
    """`pattern` with each placeholder replaced by its keyword's value. A placeholder left
    without a value, or a value for a placeholder the pattern lacks, is a programming error."""
    used: set[str] = set()

    def one(match: re.Match[str]) -> str:
        keyword = _FILLED_BY[match[1]]
        value = values.get(keyword)
        if value is None:
            raise ValueError(f"{pattern}: {keyword}= is needed for <{match[1]}>")
        used.add(keyword)
        return value.folder if isinstance(value, SchoolYear) else str(value)

    filled = _PLACEHOLDER.sub(one, pattern)
    extra = sorted(k for k, v in values.items() if v is not None and k not in used)
    if extra:
        raise ValueError(f"{pattern} has no place for {', '.join(extra)}")
    return filled


CONFIG = Kind(
    "konfiguration",
    "ska.yaml",
    FileFormat.YAML,
    Config,
    "ska",
    "Hur repositoriet kontrolleras: förinställningar, allvarlighet per regel och undantag.",
)
ORGANISER = Kind(
    "huvudman",
    "plans/huvudman.yaml",
    FileFormat.YAML,
    Organiser,
    "huvudman",
    "Huvudmannen: vision, målområden, skolformer, roller, skolchefer och forum.",
)
BOARD_GOALS = Kind(
    "nämndens mål",
    "plans/mal.yaml",
    FileFormat.YAML,
    BoardGoals,
    "mal",
    "Nämndens mål med indikatorer, kopplade till kommunfullmäktiges målområden.",
)
FOCUS_AREAS = Kind(
    "fokusområden",
    "plans/fokusomraden.yaml",
    FileFormat.YAML,
    FocusAreas,
    "fokusomraden",
    "Strategiska fokusområden med period.",
)
YEAR_WHEEL = Kind(
    "årshjul",
    "plans/arshjul.yaml",
    FileFormat.YAML,
    YearWheel,
    "arshjul",
    "Årshjulets återkommande händelser: dialoger, mätningar, rapporter och beslut.",
)
COMPLAINTS = Kind(
    "klagomålsrutin",
    "plans/klagomalsrutin.md",
    FileFormat.MARKDOWN,
    ComplaintsRoutine,
    "klagomalsrutin",
    "Huvudmannens skriftliga rutin för klagomål (skollagen 4 kap. 8 §).",
)
INITIATIVE = Kind(
    "insats",
    "plans/insatser/<id>.yaml",
    FileFormat.YAML,
    Initiative,
    "insats",
    "En insats på huvudmannanivå: syfte, mål, åtgärder, ansvar, period och uppföljning.",
)
UNIT_INITIATIVE = Kind(
    "insats",
    "units/<enhet>/insatser/<id>.yaml",
    FileFormat.YAML,
    Initiative,
    "insats",
    "En insats på enhetsnivå.",
)
KAA = Kind(
    "KAA",
    "plans/kaa/<år>.yaml",
    FileFormat.YAML,
    KaaReport,
    "kaa",
    "Det kommunala aktivitetsansvaret under ett kalenderår.",
)
INTERNAL_CONTROL = Kind(
    "internkontroll",
    "plans/internkontroll/<år>.yaml",
    FileFormat.YAML,
    InternalControl,
    "internkontroll",
    "Internkontrollplan för ett år: risker, kontrollmoment och avvikelser.",
)
REVIEW = Kind(
    "granskning",
    "plans/granskningar/<id>.yaml",
    FileFormat.YAML,
    Review,
    "granskning",
    "En extern granskning: Skolinspektionens beslut eller revisorernas rapport, med brister.",
)
ORGANISER_REPORT = Kind(
    "huvudmannens kvalitetsrapport",
    "plans/<läsår>/kvalitetsrapport.md",
    FileFormat.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "Huvudmannens kvalitetsrapport för ett läsår (metadata överst i Markdown-filen).",
)
ORGANISER_REPORT_PART = Kind(
    "huvudmannens kvalitetsrapport",
    "plans/<läsår>/kvalitetsrapport-<namn>.md",
    FileFormat.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "En av huvudmannens kvalitetsrapporter för ett läsår, när kommunen skriver en per "
    "verksamhetsform (skolformer: i metadata), t.ex. kvalitetsrapport-förskola.md.",
)
CALENDAR_REPORT = Kind(
    "huvudmannens kvalitetsrapport",
    "plans/<år>/kvalitetsrapport.md",
    FileFormat.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "Huvudmannens kvalitetsrapport för ett kalenderår; den räknas för läsåret som slutar "
    "det året (kvalitetsrapporten 2026 för läsåret 2025/26).",
)
CALENDAR_REPORT_PART = Kind(
    "huvudmannens kvalitetsrapport",
    "plans/<år>/kvalitetsrapport-<namn>.md",
    FileFormat.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "En av huvudmannens kvalitetsrapporter för ett kalenderår, en per verksamhetsform.",
)
DIALOG = Kind(
    "dialog",
    "plans/<läsår>/dialoger/<id>.yaml",
    FileFormat.YAML,
    Dialog,
    "dialog",
    "En dialog eller ett möte som hölls: händelse i årshjulet, deltagare, frågor och "
    "överenskommelser.",
)
UNIT = Kind(
    "enhet",
    "units/<enhet>/enhet.yaml",
    FileFormat.YAML,
    Unit,
    "enhet",
    "En förskole- eller skolenhet.",
)
DEVELOPMENT_PLAN = Kind(
    "utvecklingsplan",
    "units/<enhet>/<läsår>/utvecklingsplan.yaml",
    FileFormat.YAML,
    DevelopmentPlan,
    "utvecklingsplan",
    "Enhetens utvecklingsplan för ett läsår: prioriterade målområden och effektkedja.",
)
SELF_CHECK = Kind(
    "egenkontroll",
    "units/<enhet>/<läsår>/egenkontroll.yaml",
    FileFormat.YAML,
    SelfCheck,
    "egenkontroll",
    "Rektors egenkontroll av återkommande rutiner för ett läsår: kontrollpunkter med svar "
    "och åtgärder.",
)
UNIT_REPORT = Kind(
    "kvalitetsrapport",
    "units/<enhet>/<läsår>/kvalitetsrapport.md",
    FileFormat.MARKDOWN,
    ReportMeta,
    "kvalitetsrapport",
    "Enhetens kvalitetsrapport för ett läsår (metadata överst i Markdown-filen).",
)
RESULTS = Kind(
    "resultat",
    "units/<enhet>/<läsår>/resultat/<namn>.csv",
    FileFormat.CSV,
    ResultRow,
    "resultatrad",
    "En rad i en resultattabell (CSV): aggregerade resultat per termin, grupp och kön.",
)
REFERENCES = Kind(
    "jämförelsevärden",
    "plans/jämförelser/<namn>.csv",
    FileFormat.CSV,
    ReferenceRow,
    "jamforelserad",
    "En rad med jämförelsevärden (CSV): t.ex. rikets eller kommunens resultat per termin.",
)
IMPORT_MAPPING = Kind(
    "importmappning",
    "plans/import/<namn>.yaml",
    FileFormat.YAML,
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
    ORGANISER_REPORT_PART,
    CALENDAR_REPORT,
    CALENDAR_REPORT_PART,
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

# Every kind of huvudman's report: per läsår or calendar year, one for all forms or one of
# several (each scoped by its `skolformer:`).
ORGANISER_REPORTS = (ORGANISER_REPORT, ORGANISER_REPORT_PART, CALENDAR_REPORT, CALENDAR_REPORT_PART)
CALENDAR_REPORTS = (CALENDAR_REPORT, CALENDAR_REPORT_PART)


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
