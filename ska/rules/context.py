"""What a rule sees: the repository for one läsår, loaded once and shared by every rule.

A document that failed its schema check as a whole has no model here; the rules skip
it (its schema findings already say what is wrong) rather than report the same gap
twice, and the context notes that the rule asking for it could not judge that row. A
document that failed only in part is here with gaps in place of what failed (see
ska.model.gaps); a rule that reaches a gap stops, and the engine records why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ska.cache.inputs import Cached
from ska.load.csvtable import Table
from ska.load.documents import Routine
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.control import InternalControl, KaaReport
from ska.model.curriculum import SchoolForm
from ska.model.gaps import present
from ska.model.initiative import DecidedBy, Initiative
from ska.model.organiser import Organiser
from ska.model.report import Report
from ska.model.results import ResultRow
from ska.model.settings import Settings
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan, Unit
from ska.model.year_wheel import DocumentKind, YearWheel
from ska.planning.obligations import due_date
from ska.planning.presence import presences
from ska.rules.engine import Hit, row_of

T = TypeVar("T")


class recorded(Generic[T]):
    """A property worked out once per context whose inputs are noted at every use, so
    that a rule that takes it from memory depends on what it read (ska.load.reads)."""

    def __init__(self, func: Callable[[Context], T], groups: Iterable[str] = ()) -> None:
        self.func = func
        self.groups = tuple(groups)
        self.name = func.__name__

    def __get__(self, ctx: Context, owner: type) -> T:
        return ctx.once(self.name, lambda: self.func(ctx), self.groups)


def reading(*kinds: K.Kind) -> Callable[[Callable[[Context], T]], recorded[T]]:
    """`recorded`, counting every file of `kinds` as one input (the whole kind)."""
    return lambda func: recorded(func, [k.name for k in kinds])


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
    folder: str  # units/<id>/<läsår>/
    plan_path: str
    report_path: str
    name: str
    school_forms: list[SchoolForm]
    repo: Repository = field(repr=False, compare=False)

    @property
    def model(self) -> Unit:
        """The unit's enhet.yaml (read when a rule asks: valid, or the unit is not here)."""
        found = self.repo.unit(self.id)
        assert found is not None
        return found


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
        self._derived: dict[Hashable, tuple[Any, frozenset[str]]] = {}
        self.rule_id = ""  # the rule running now, set by the engine
        # (row, rule id) → why the rule could not judge that row: a file it needs is broken
        self.blocked: dict[tuple[str, str], str] = {}
        self.blocked_log: list[tuple[str, str]] = []  # (row, why) in the order noted

    def once(self, name: Hashable, compute: Callable[[], T], groups: Iterable[str] = ()) -> T:
        """What several rules read, worked out once per run; what it read is noted for
        every rule that uses it (see ska.load.reads)."""
        return self.repo.reads.derived(self._derived, name, compute, groups)

    def model(self, path: str, cls: type[T]) -> T | None:
        """The model of a file, noting for the running rule when it exists but is broken."""
        found = self.repo.model(path, cls)
        if found is None and path in self.repo.files and self.rule_id:
            row, why = row_of(path), f"{path} kunde inte läsas (se schemafelen)"
            self.blocked.setdefault((row, self.rule_id), why)
            self.blocked_log.append((row, why))
        return found

    # -- time ---------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        """Whether the läsår is over on the reference date."""
        return self.today > self.year.last_day

    def due(self, kind: DocumentKind) -> dt.date:
        """The day the läsår's document of `kind` is due (see planning.obligations)."""
        return self.once(("due", kind.value), lambda: due_date(self.repo, self.year, kind))

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

    def report_targets(self, unit: UnitInfo | None) -> list[tuple[str, Report | None]]:
        """The läsår's reports of a unit, or of the huvudman (None): (path, report or
        None when it cannot be read) for each; a unit's report path even if missing."""
        if unit is None:
            return [(r.path, r.report) for r in self.organiser_reports]
        return [(unit.report_path, self.report(unit))]

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

    @reading(K.INITIATIVE, K.UNIT_INITIATIVE)
    def initiatives(self) -> list[InitiativeInfo]:
        return self._initiatives((K.INITIATIVE, K.UNIT_INITIATIVE))

    def unit_initiatives(self, unit_id: str) -> list[InitiativeInfo]:
        """The insatser in the unit's own folder (units/<id>/insatser/): reads only those,
        so that a rule over one unit does not depend on every insats."""
        return self._initiatives((K.UNIT_INITIATIVE,), unit_id)

    def _initiatives(
        self, kinds: tuple[K.Kind, ...], unit: str | None = None
    ) -> list[InitiativeInfo]:
        found = []
        for path, located in self.repo.files.items():
            if located.kind in kinds and (unit is None or located.unit == unit):
                model = self.repo.model(path, Initiative)
                if model is not None:
                    found.append(InitiativeInfo(located.stem, path, located.unit, model))
        return found

    @recorded
    def organiser_initiatives(self) -> list[InitiativeInfo]:
        """The insatser the huvudman decided: those in plans/insatser/ unless marked
        beslutad_av: enhet, and a unit's insats marked beslutad_av: nämnd or förvaltning."""
        return [i for i in self.initiatives if i.decided_by_organiser]

    # -- unit level ------------------------------------------------------------------
    @recorded
    def units(self) -> list[UnitInfo]:
        """Every unit active at some point of the läsår, in folder order."""
        return self._units[0]

    @recorded
    def unreadable_units(self) -> list[tuple[str, str]]:
        """(id, why) of the units whose enhet.yaml does not say their skolformer or
        whether they are active in the läsår: every rule is unjudged for them."""
        return self._units[1]

    @reading(K.UNIT)
    def _units(self) -> tuple[list[UnitInfo], list[tuple[str, str]]]:
        """From each enhet.yaml's presence in the läsår, kept in the cache (a change to
        one unit's documents does not read every enhet.yaml again)."""
        active = []
        unreadable = []
        for unit_id, presence in presences(self.repo, self.year).items():
            if presence.why:
                unreadable.append((unit_id, presence.why))
            elif presence.active and presence.forms:
                active.append(
                    UnitInfo(
                        unit_id,
                        K.UNIT.path(unit=unit_id),
                        f"{K.UNIT_REPORT.folder(unit=unit_id, year=self.year)}/",
                        K.DEVELOPMENT_PLAN.path(unit=unit_id, year=self.year),
                        K.UNIT_REPORT.path(unit=unit_id, year=self.year),
                        presence.name,
                        presence.forms,
                        self.repo,
                    )
                )
        return active, unreadable

    @recorded
    def unit_ids(self) -> frozenset[str]:
        """The ids of the units active in the läsår."""
        return frozenset(u.id for u in self.units)

    @recorded
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

    @recorded
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
