"""What a rule sees: the repository for one läsår, loaded once and shared by every rule.

A document that failed its schema check as a whole has no model here; the rules skip
it (its schema findings already say what is wrong) rather than report the same gap
twice, and the context notes that the rule asking for it could not judge that row. A
document that failed only in part is here with gaps in place of what failed (see
ska.model.gaps); a rule that reaches a gap stops, and the engine records why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from ska.cache.inputs import Cached
from ska.load.csvtable import Table
from ska.load.documents import Routine
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.control import InternalControl, KaaReport
from ska.model.curriculum import SchoolForm
from ska.model.gaps import GapReached, present
from ska.model.initiative import DecidedBy, Initiative
from ska.model.organiser import Organiser
from ska.model.report import Report
from ska.model.results import ResultRow
from ska.model.settings import Settings
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan, Unit
from ska.model.year_wheel import DocumentKind, YearWheel
from ska.planning.obligations import due_date
from ska.rules.engine import Hit, row_of

T = TypeVar("T")


@dataclass(frozen=True)
class OrganiserReport:
    """One of the huvudman's reports for the läsår and the skolformer it covers."""

    path: str
    report: Report
    forms: list[SchoolForm]


@dataclass(frozen=True)
class InitiativeInfo:
    """An insats with its id, its file, and the unit it belongs to (None: huvudman)."""

    id: str
    path: str
    unit: str | None
    model: Initiative

    def active_in(self, year: SchoolYear) -> bool:
        """Whether the insats's period overlaps the läsår (open-ended: still running)."""
        return self.model.period.overlaps(year)

    @property
    def decided_by_organiser(self) -> bool:
        """Whether the huvudman (nämnd or förvaltning) decided the insats; without
        beslutad_av, where its file lies says it."""
        decided = self.model.decided_by
        if decided is None:
            return self.unit is None
        return decided is not DecidedBy.UNIT


@dataclass(frozen=True)
class UnitInfo:
    """A unit active in the läsår, with its documents for that läsår."""

    id: str
    path: str
    model: Unit
    folder: str  # units/<id>/<läsår>/
    plan_path: str
    report_path: str

    @property
    def school_forms(self) -> list[SchoolForm]:
        return self.model.school_forms

    @property
    def name(self) -> str:
        return str(present(self.model.name, self.id))


class Context:
    """The repository as the rules see it for one läsår and one reference date."""

    def __init__(
        self,
        repo: Repository,
        year: SchoolYear,
        today: dt.date,
        settings: Settings,
        cache: Cached | None = None,
    ) -> None:
        self.repo = repo
        self.cache = cache  # content hashes and the store, for rules that remember
        self.year = year
        self.today = today
        self.settings = settings
        self.texts: dict[str, str | None] = {}  # raw file texts, read once (rules.sources)
        self.memo: dict[tuple[str, str], Any] = {}  # other things several rules read once
        self.rule_id = ""  # the rule running now, set by the engine
        # (row, rule id) → why the rule could not judge that row: a file it needs is broken
        self.blocked: dict[tuple[str, str], str] = {}

    def model(self, path: str, cls: type[T]) -> T | None:
        """The model of a file, noting for the running rule when it exists but is broken."""
        found = self.repo.model(path, cls)
        if found is None and path in self.repo.files and self.rule_id:
            self.blocked.setdefault(
                (row_of(path), self.rule_id), f"{path} kunde inte läsas (se schemafelen)"
            )
        return found

    # -- time ---------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        """Whether the läsår is over on the reference date."""
        return self.today > self.year.last_day

    def due(self, kind: DocumentKind) -> dt.date:
        """The day the läsår's document of `kind` is due (see planning.obligations)."""
        if ("due", kind.value) not in self.memo:
            self.memo[("due", kind.value)] = due_date(self.repo, self.year, kind)
        found: dt.date = self.memo[("due", kind.value)]
        return found

    def overdue(self, kind: DocumentKind) -> bool:
        """Whether the läsår's document of `kind` is past its due date."""
        return self.today > self.due(kind)

    # -- positions ------------------------------------------------------------------
    def hit(
        self,
        path: str,
        message: str,
        hint: str = "",
        at: tuple[str | int, ...] = (),
        line: int | None = None,
        key: bool = False,
    ) -> Hit:
        """A hit at `path`: on `line`, or at the value `at` names (its key with `key`)."""
        column = None
        if at and path in self.repo.files:
            found, column = self.repo.document(path).at(at, key)
            line = found if found is not None else line
        return Hit(path, message, hint, line, column)

    # -- huvudman level ----------------------------------------------------------
    @property
    def organiser(self) -> Organiser | None:
        return self.model(K.ORGANISER.pattern, Organiser)

    @property
    def organiser_report_path(self) -> str:
        """Where the läsår's report is written when it is missing."""
        return self.repo.expected_organiser_report(self.year)

    @property
    def organiser_reports(self) -> list[OrganiserReport]:
        """The huvudman's reports that count for the läsår (one for all forms, or one per
        verksamhetsform; per läsår or calendar year), each with the forms it covers."""
        found = []
        for path in self.repo.organiser_reports(self.year):
            report = self.model(path, Report)
            if report is None:
                continue
            scope = set(present(report.meta.school_forms, []))
            forms = [f for f in self.school_forms if f in scope] if scope else self.school_forms
            found.append(OrganiserReport(path, report, forms))
        return found

    @property
    def organiser_text(self) -> str:
        """The text of all the läsår's huvudman reports together."""
        return "\n\n".join(r.report.text for r in self.organiser_reports)

    @property
    def organiser_report_written(self) -> bool:
        """Whether any file of the huvudman's report for the läsår exists."""
        return bool(self.repo.organiser_reports(self.year))

    @property
    def calendar(self) -> YearWheel | None:
        return self.model(K.YEAR_WHEEL.pattern, YearWheel)

    @property
    def routine(self) -> Routine | None:
        return self.model(K.COMPLAINTS.pattern, Routine)

    def kaa(self, year: int) -> KaaReport | None:
        return self.model(K.KAA.path(calendar_year=year), KaaReport)

    def internal_control(self, year: int) -> InternalControl | None:
        return self.model(K.INTERNAL_CONTROL.path(calendar_year=year), InternalControl)

    @cached_property
    def initiatives(self) -> list[InitiativeInfo]:
        found = []
        for path, located in self.repo.files.items():
            if located.kind in (K.INITIATIVE, K.UNIT_INITIATIVE):
                model = self.repo.model(path, Initiative)
                if model is not None:
                    found.append(InitiativeInfo(located.stem, path, located.unit, model))
        return found

    @cached_property
    def organiser_initiatives(self) -> list[InitiativeInfo]:
        """The insatser the huvudman decided: those in plans/insatser/ unless marked
        beslutad_av: enhet, and a unit's insats marked beslutad_av: nämnd or förvaltning."""
        return [i for i in self.initiatives if i.decided_by_organiser]

    # -- unit level ------------------------------------------------------------------
    @cached_property
    def units(self) -> list[UnitInfo]:
        """Every unit active at some point of the läsår, in folder order."""
        return self._units[0]

    @cached_property
    def unreadable_units(self) -> list[tuple[str, str]]:
        """(id, why) of the units whose enhet.yaml does not say their skolformer or
        whether they are active in the läsår: every rule is unjudged for them."""
        return self._units[1]

    @cached_property
    def _units(self) -> tuple[list[UnitInfo], list[tuple[str, str]]]:
        active = []
        unreadable = []
        for unit_id in self.repo.unit_ids:
            unit = self.repo.unit(unit_id)
            path = K.UNIT.path(unit=unit_id)
            if unit is None:
                unreadable.append((unit_id, f"{path} kunde inte läsas (se schemafelen)"))
                continue
            try:
                if not unit.active_in(self.year) or not unit.school_forms:
                    continue
            except GapReached as reached:
                unreadable.append((unit_id, reached.gap.describe()))
                continue
            active.append(
                UnitInfo(
                    unit_id,
                    path,
                    unit,
                    f"{K.UNIT_REPORT.folder(unit=unit_id, year=self.year)}/",
                    K.DEVELOPMENT_PLAN.path(unit=unit_id, year=self.year),
                    K.UNIT_REPORT.path(unit=unit_id, year=self.year),
                )
            )
        return active, unreadable

    @cached_property
    def unit_ids(self) -> frozenset[str]:
        """The ids of the units active in the läsår."""
        return frozenset(u.id for u in self.units)

    @cached_property
    def school_forms(self) -> list[SchoolForm]:
        """The huvudman's skolformer, or those of its units if huvudman.yaml is broken."""
        if self.organiser is not None and isinstance(self.organiser.__dict__["school_forms"], list):
            return self.organiser.school_forms
        return sorted({f for u in self.units for f in u.school_forms})

    def plan(self, unit: UnitInfo, year: SchoolYear | None = None) -> DevelopmentPlan | None:
        path = K.DEVELOPMENT_PLAN.path(unit=unit.id, year=year or self.year)
        return self.model(path, DevelopmentPlan)

    def report(self, unit: UnitInfo, year: SchoolYear | None = None) -> Report | None:
        return self.model(K.UNIT_REPORT.path(unit=unit.id, year=year or self.year), Report)

    @cached_property
    def _result_files(self) -> dict[tuple[str, str], list[str]]:
        """(unit, läsår folder) → its result files, found in one pass over the repository."""
        found: dict[tuple[str, str], list[str]] = {}
        for path, located in self.repo.files.items():
            if located.kind is K.RESULTS and located.unit and located.school_year:
                found.setdefault((located.unit, located.school_year.folder), []).append(path)
        return found

    def results(
        self, unit: UnitInfo, year: SchoolYear | None = None
    ) -> list[tuple[str, Table[ResultRow]]]:
        paths = self._result_files.get((unit.id, (year or self.year).folder), [])
        models = ((path, self.model(path, Table)) for path in paths)
        return [(path, table) for path, table in models if table is not None]

    def exists(self, path: str) -> bool:
        return path in self.repo.files
