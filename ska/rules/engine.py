"""The rule engine: what a rule is and what its checks yield.

A rule is a check over the whole loaded repository for one läsår, with metadata that
says where it comes from (law, allmänna råd, publishing law, a municipality's own
choice), how serious a gap is by default, where it applies and why. Checks yield
`Hit`s (a place and a message) and `Pending`s (a requirement not due yet); the engine
turns hits into findings with the rule's id and effective severity, so a check never
decides its own severity and the configuration can change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ska.cache.codec import DATE, INT, TEXT, Codec, Json, Malformed, enum, list_of, optional, record
from ska.checks.base import Check, Example, RuleClass
from ska.findings import Finding, Severity
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm
from ska.model.organiser import OrganiserKind
from ska.model.types import SchoolYear, period_text

if TYPE_CHECKING:
    from ska.load.discovery import Located
    from ska.model.report import Report
    from ska.model.settings import Settings
    from ska.rules.context import Context, UnitInfo


class Group(StrEnum):
    """The requirement groups: the columns of `ska status`."""

    PLANNING = "planering"
    FOLLOW_UP = "uppföljning"
    ANALYSIS = "analys"
    INITIATIVES = "insatser"
    PARTICIPATION = "delaktighet"
    NATIONAL_GOALS = "nationella_mål"
    DOCUMENTATION = "dokumentation"
    ORGANISATION = "organisation"
    COMPLAINTS = "klagomål"
    KAA = "kaa"
    PUBLISHING = "publicering"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize().replace("Kaa", "KAA")

    @property
    def short(self) -> str:
        """A header narrow enough for a terminal table."""
        return _SHORT.get(self, self.label)


_SHORT = {
    Group.PLANNING: "Plan",
    Group.FOLLOW_UP: "Uppf",
    Group.INITIATIVES: "Insats",
    Group.PARTICIPATION: "Delakt",
    Group.NATIONAL_GOALS: "Mål",
    Group.DOCUMENTATION: "Dok",
    Group.ORGANISATION: "Org",
    Group.COMPLAINTS: "Klag",
    Group.PUBLISHING: "Publ",
}


class Scope(StrEnum):
    """Which rows of the status matrix a rule speaks about."""

    ORGANISER = "huvudman"
    UNIT = "enhet"
    ALL = "alla"


ORGANISER_ROW = "huvudman"


@dataclass(frozen=True, slots=True)
class Hit:
    """A place where a rule is not met. `severity` only to mark a note as info."""

    path: str
    message: str
    hint: str = ""
    line: int | None = None
    column: int | None = None
    severity: Severity | None = None


# Hits as the cache keeps them (plain data; see ska.cache.codec).
HIT = record(
    Hit,
    path=TEXT,
    message=TEXT,
    hint=TEXT,
    line=optional(INT),
    column=optional(INT),
    severity=optional(enum(Severity)),
)
HITS = list_of(HIT)


@dataclass(frozen=True, slots=True)
class Pending:
    """A requirement that is not due yet for a row, e.g. a report due on 30 June."""

    row: str
    due: dt.date
    what: str


Outcome = Hit | Pending
PENDING = record(Pending, row=TEXT, due=DATE, what=TEXT)


def _encode_outcome(outcome: Outcome) -> Json:
    if isinstance(outcome, Pending):
        return ["p", PENDING.encode(outcome)]
    return ["h", HIT.encode(outcome)]


def _decode_outcome(value: Json) -> Outcome:
    if type(value) is not list or len(value) != 2 or value[0] not in ("h", "p"):
        raise Malformed("outcome expected")
    return HIT.decode(value[1]) if value[0] == "h" else PENDING.decode(value[1])


# Hits and pendings in the order a check gave them, as the cache keeps them.
OUTCOMES = list_of(Codec(_encode_outcome, _decode_outcome))
OrganiserCheck = Callable[["Context"], Iterable[Outcome]]
UnitCheck = Callable[["Context", "UnitInfo"], Iterable[Outcome]]
# A check of reports: (path, report or None when it cannot be read) for each.
ReportCheck = Callable[["Context", "list[tuple[str, Report | None]]"], Iterable[Outcome]]
# A check of one file's text that depends on nothing else (but the settings), so its hits
# can be cached by the file's content: (path, text, located, settings) → hits.
FileCheck = Callable[[str, str, "Located", "Settings"], Iterable[Hit]]
FileSelect = Callable[["Context", str, "Located"], bool]


@dataclass(frozen=True, kw_only=True)
class Rule(Check):
    """A completeness requirement: a check with a column in the status matrix, the rows
    it speaks about, and the function that tests it."""

    group: Group
    scope: Scope
    example: str  # a passing example, shown by `ska forklara`
    organiser_check: OrganiserCheck | None = None
    unit_check: UnitCheck | None = None
    file_check: FileCheck | None = None
    file_select: FileSelect | None = None  # which files file_check reads in a läsår
    school_forms: frozenset[SchoolForm] | None = None  # None: every skolform
    organiser_kinds: frozenset[OrganiserKind] | None = None  # None: every kind of huvudman
    reads_build: bool = False  # checks what `ska build` wrote, not the sources
    # The file check reads the läsår from `located.school_year`: a standing document (no
    # läsår of its own) gets the läsår being judged, and its hits are remembered per läsår.
    files_by_year: bool = False
    # The period the law or advice behind the rule applies (None: open); a läsår is
    # judged by the rules in force during it.
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def in_force(self, year: SchoolYear) -> bool:
        """Whether the rule applied at some time during the läsår."""
        if self.valid_from is not None and year.last_day < self.valid_from:
            return False
        return self.valid_to is None or year.first_day <= self.valid_to

    @property
    def validity(self) -> str:
        """The period of validity in Swedish, for `ska regler` and `ska forklara`."""
        return period_text(self.valid_from, self.valid_to, "alla läsår")

    def applies_to_unit(self, forms: Iterable[SchoolForm]) -> bool:
        if self.scope is Scope.ORGANISER:
            return False
        return self.school_forms is None or any(f in self.school_forms for f in forms)

    @property
    def applies_where(self) -> str:
        """Where the rule applies, in Swedish, for `ska forklara` and the rule list."""
        levels = {
            Scope.ORGANISER: "huvudmannen",
            Scope.UNIT: "varje enhet",
            Scope.ALL: "huvudmannen och varje enhet",
        }[self.scope]
        parts = [levels]
        if self.school_forms is not None:
            forms = ", ".join(f.label.lower() for f in sorted(self.school_forms))
            parts.append(f"skolformerna {forms}")
        if self.organiser_kinds is not None:
            parts.append("huvudman av typen " + ", ".join(sorted(self.organiser_kinds)))
        return "; ".join(parts)


_DEFAULT = {
    RuleClass.LAW: Severity.ERROR,
    RuleClass.ADVICE: Severity.WARNING,
    RuleClass.PUBLISHING: Severity.ERROR,
    RuleClass.LOCAL: None,
}


# Skollagen (2010:800) applied from 1 July 2011 (lag 2010:801): a law rule whose source
# version is a paragraph of it ("SL …") is in force from then unless it names a later day.
SCHOOL_ACT = dt.date(2011, 7, 1)


@dataclass(frozen=True)
class RuleSpec:
    """The metadata of a rule, before its check is attached by a decorator."""

    id: str
    rule_class: RuleClass
    group: Group
    title: str
    source: str
    source_version: str
    explanation: str
    example: str
    severity: Severity | str | None = "default"
    school_forms: frozenset[SchoolForm] | None = None
    organiser_kinds: frozenset[OrganiserKind] | None = None
    reads_build: bool = False
    failing: Example | None = None  # files that give the finding, for `ska forklara`
    passing: Example | None = None  # the same, corrected
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    files_by_year: bool = False

    def _rule(self, scope: Scope, **checks: object) -> Rule:
        severity = self.severity
        if severity == "default":
            severity = _DEFAULT[self.rule_class]
        elif isinstance(severity, str):
            severity = Severity(severity)
        return Rule(
            id=self.id,
            rule_class=self.rule_class,
            group=self.group,
            scope=scope,
            title=self.title,
            source=self.source,
            source_version=self.source_version,
            explanation=self.explanation,
            example=self.example.strip("\n"),
            severity=severity if isinstance(severity, Severity) else None,
            school_forms=self.school_forms,
            organiser_kinds=self.organiser_kinds,
            reads_build=self.reads_build,
            failing=self.failing,
            passing=self.passing,
            valid_from=self._valid_from(),
            valid_to=self.valid_to,
            files_by_year=self.files_by_year,
            **checks,  # type: ignore[arg-type]
        )

    def _valid_from(self) -> dt.date | None:
        law = self.rule_class is RuleClass.LAW and self.source_version.startswith("SL ")
        return SCHOOL_ACT if self.valid_from is None and law else self.valid_from

    def organiser(self, check: OrganiserCheck) -> Rule:
        """The rule with `check` at huvudman level (run once per läsår)."""
        return self._rule(Scope.ORGANISER, organiser_check=check)

    def everywhere(self, check: OrganiserCheck) -> Rule:
        """The rule with `check` over the whole repository (all rows)."""
        return self._rule(Scope.ALL, organiser_check=check)

    def each_file(
        self, select: FileSelect, also: OrganiserCheck | None = None
    ) -> Callable[[FileCheck], Rule]:
        """The rule with a check of one file at a time, over the files `select` picks (rows:
        the huvudman and every unit). The check sees only the file and the settings, so
        what it found is remembered by the file's content and not redone while the file
        is unchanged. `also` is a check of the whole repository the rule makes as well."""

        def make(check: FileCheck) -> Rule:
            return self._rule(Scope.ALL, file_check=check, file_select=select, organiser_check=also)

        return make

    def split(self, organiser: OrganiserCheck) -> Callable[[UnitCheck], Rule]:
        """The rule with a check of the huvudman level and a check of each unit (rows:
        the huvudman and every unit). What a unit's check found is remembered with what
        that check read, so that a change in one unit does not re-check the others."""

        def make(check: UnitCheck) -> Rule:
            return self._rule(Scope.ALL, organiser_check=organiser, unit_check=check)

        return make

    def each_report(self, also: OrganiserCheck | None = None) -> Callable[[ReportCheck], Rule]:
        """The rule with a check of the läsår's reports: the huvudman's together, and
        each unit's by itself (see `split`); `also` checks more at huvudman level."""

        def make(check: ReportCheck) -> Rule:
            def organiser(ctx: Context) -> Iterator[Outcome]:
                yield from check(ctx, ctx.report_targets(None))
                if also is not None:
                    yield from also(ctx)

            def unit(ctx: Context, unit: UnitInfo) -> Iterable[Outcome]:
                return check(ctx, ctx.report_targets(unit))

            return self.split(organiser)(unit)

        return make

    def unit(self, check: UnitCheck) -> Rule:
        """The rule with `check` at unit level (run for every applicable unit)."""
        return self._rule(Scope.UNIT, unit_check=check)


def row_of(path: str) -> str:
    """The status row a path belongs to: a unit's id, or the huvudman."""
    parts = path.split("/")
    if len(parts) >= 2 and parts[0] == K.UNITS and parts[1]:
        return parts[1]
    return ORGANISER_ROW


def to_finding(rule: Rule, hit: Hit, severity: Severity) -> Finding:
    return Finding(
        hit.path,
        hit.line,
        hit.column,
        rule.id,
        hit.severity or severity,
        hit.message,
        hit.hint,
    )
