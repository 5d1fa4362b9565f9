"""Obligations: every document with a due date, and where it stands on a given day.

An obligation is a document someone owes by a date: a unit's utvecklingsplan for the
läsår, its kvalitetsrapport on the läsår, the huvudman's kvalitetsrapport. The due dates
come from the årshjul's events with a `dokument`; a kvalitetsrapport the årshjul does not
date is due when the law expects it (the unit's when the läsår ends, 30 June; the
huvudman's by 30 September after it).

A document counts as submitted on the day it first appeared on the main branch in git,
so "on time" is a fact, not a claim. Two exceptions: a report's `inlämnad` says when it
was handed in, and a document that entered git before the repository's import date
(`historik_från` in ska.yaml) counts as submitted on its own date (`inlämnad`, else
`datum`). A document on a branch but not yet on the main branch counts as handed in on
the day judged (it is, once the branch is merged). Outside git an existing document
counts as submitted, with no date. A document that does not pass its schema check, or a
report still marked `utkast`, is not submitted.

`validate`, `status` (the matrix, "Kommande", the overdue list and `--strict`) and the
calendar all read obligations from here, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from enum import StrEnum

from ska import gitinfo
from ska.cache.codec import DATE, TEXT, optional, record
from ska.cache.memo import entries
from ska.findings import Severity
from ska.load.reads import GIT_REFS
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.config import Config
from ska.model.report import Report
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan
from ska.model.year_wheel import DocumentKind, YearWheel
from ska.planning.presence import presences
from ska.planning.resolve import span

ORGANISER_ROW = "huvudman"
# How long before its due date an open obligation shows as due soon.
SOON = dt.timedelta(weeks=4)


class State(StrEnum):
    """Where an obligation stands on a given day."""

    NOT_DUE = "inte aktuellt än"
    DUE_SOON = "snart dags"
    ON_TIME = "inlämnad i tid"
    LATE = "inlämnad sent"
    MISSING = "saknas"
    FAILING = "har fel"

    @property
    def overdue(self) -> bool:
        """Past its due date and not submitted: an error."""
        return self in (State.MISSING, State.FAILING)

    @property
    def submitted(self) -> bool:
        return self in (State.ON_TIME, State.LATE)


@dataclass(frozen=True)
class Obligation:
    year: SchoolYear  # the läsår the document is about
    name: str  # the årshjul event's name
    document: DocumentKind
    path: str  # where the document belongs
    row: str  # a unit's id, or "huvudman"
    row_name: str
    responsible: tuple[str, ...]
    due: dt.date
    submitted: dt.date | None  # when it counts as handed in (None: not, or no date known)
    state: State
    detail: str = ""  # why a present document does not count, or that it is on a branch

    @property
    def label(self) -> str:
        return _LABELS[self.document]


_LABELS = {
    DocumentKind.UNIT_REPORT: "kvalitetsrapport",
    DocumentKind.DEVELOPMENT_PLAN: "utvecklingsplan",
    DocumentKind.ORGANISER_REPORT: "huvudmannens kvalitetsrapport",
}


def document_year(kind: DocumentKind, due: dt.date, calendar: bool = False) -> SchoolYear:
    """The läsår the document due on `due` is about.

    A report is written after its läsår: one due in calendar year Y (30 juni, or
    September) is about läsår Y-1/Y. A development plan is for the läsår it is due in.
    A huvudman that reports per calendar year (`calendar`) writes the report of year
    Y-1 during Y; it counts for the läsår that ended in Y-1.
    """
    if kind is DocumentKind.DEVELOPMENT_PLAN:
        return SchoolYear.containing(due)
    if calendar and kind is DocumentKind.ORGANISER_REPORT:
        return SchoolYear(due.year - 2)
    return SchoolYear(due.year - 1)


def document_path(repo: Repository, kind: DocumentKind, year: SchoolYear, unit: str | None) -> str:
    if kind is DocumentKind.ORGANISER_REPORT or unit is None:
        written = repo.organiser_reports(year)
        return written[0] if written else repo.expected_organiser_report(year)
    unit_kind = K.DEVELOPMENT_PLAN if kind is DocumentKind.DEVELOPMENT_PLAN else K.UNIT_REPORT
    return unit_kind.path(unit=unit, year=year)


@dataclass(frozen=True)
class _Due:
    name: str
    document: DocumentKind
    level: str
    due: dt.date
    responsible: tuple[str, ...]


def _defaults(year: SchoolYear, calendar: bool) -> list[_Due]:
    """The law's and ska's due dates: unit reports when the läsår ends, the huvudman's by
    30 September after (per calendar year: 31 March after the year the läsår ends in)."""
    organiser_due = dt.date(year.start + 2, 3, 31) if calendar else dt.date(year.start + 1, 9, 30)
    return [
        _Due(
            "Enheternas kvalitetsrapporter",
            DocumentKind.UNIT_REPORT,
            "enhet",
            year.last_day,
            ("rektor",),
        ),
        _Due(
            "Huvudmannens kvalitetsrapport",
            DocumentKind.ORGANISER_REPORT,
            "huvudman",
            organiser_due,
            (),
        ),
    ]


def _dues(repo: Repository, year: SchoolYear) -> list[_Due]:
    """The due dates of the documents about `year`: the årshjul's, then the defaults for
    the reports it does not date."""
    wheel = repo.model(K.YEAR_WHEEL.pattern, YearWheel)
    organiser = repo.organiser
    roles = {r.id: r.name for r in organiser.roles} if organiser else {}
    calendar = repo.by_calendar_year
    found: list[_Due] = []
    for event in wheel.events if wheel else []:
        if event.document is None:
            continue
        # a plan is due in its own läsår; a report in the årshjul of the läsår after it
        # (30 juni is the last day of the läsår itself, September the next one's)
        for wheel_year in (year, year.next()):
            ends = [span(when, wheel_year)[1] for when in event.when]
            ends = [d for d in ends if document_year(event.document, d, calendar) == year]
            if ends:
                found.append(
                    _Due(
                        event.name,
                        event.document,
                        "huvudman"
                        if event.document is DocumentKind.ORGANISER_REPORT
                        else event.level,
                        min(ends),
                        tuple(roles.get(r, r) for r in event.responsible),
                    )
                )
                break
    kinds = {d.document for d in found}
    return found + [d for d in _defaults(year, calendar) if d.document not in kinds]


class Submissions:
    """When documents count as submitted in one repository: git's first dates, the
    import date in ska.yaml, and the documents' own dates. `Submissions.of(repo)` is
    the one of a loaded repository, asked of git once."""

    @classmethod
    def of(cls, repo: Repository) -> Submissions:
        found = _SUBMISSIONS.get(repo)
        if found is None:
            found = _SUBMISSIONS[repo] = cls(repo)
        return found

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.in_git = gitinfo.work_tree(repo.root) is not None
        branch = gitinfo.main_branch(repo.root) if self.in_git else "HEAD"
        self.dates = gitinfo.FirstDates(repo.root, branch)
        config = repo.model(K.CONFIG.pattern, Config)
        self.history_from = config.history_from if config is not None else None
        self.known: dict[str, dt.date | None] = {}
        self.facts: dict[str, Own] = {}

    def learn(self, paths: list[str]) -> None:
        """Read what the documents at `paths` say of themselves at once: from the cache
        for those unchanged since the last run (see Repository.facts)."""
        wanted = {p: f"inlämning\0{p}" for p in paths if p in self.repo.files}
        self.facts.update(self.repo.facts(wanted, _OWN, self._own))

    def _fact(self, path: str) -> Own:
        if path not in self.facts:
            self.learn([path])
        self.repo.reads.note(path)
        return self.facts[path]

    def _own(self, path: str) -> Own:
        """What a document says of itself: submitted (inlämnad), its own date, and why
        it does not count if it does not."""
        document = self.repo.document(path)
        model = document.model
        problem = ""
        if model is None or any(f.severity is Severity.ERROR for f in document.findings):
            problem = "har fel"
        elif isinstance(model, Report) and model.is_draft:
            problem = "är ett utkast"
        if isinstance(model, Report):  # a date that cannot be read (a gap) is no date
            submitted = _day(vars(model.meta).get("submitted"))
            return Own(submitted, submitted or _day(vars(model.meta).get("date")), problem)
        if isinstance(model, DevelopmentPlan):
            return Own(None, _day(vars(model).get("date")), problem)
        return Own(None, None, problem)

    def date(self, path: str) -> dt.date | None:
        """The day the document counts as submitted, or None (not in git, or no file)."""
        self.repo.reads.note(path, GIT_REFS)
        if path not in self.known:
            self.known[path] = self._date(path)
        return self.known[path]

    def _date(self, path: str) -> dt.date | None:
        if path not in self.repo.files:
            return None
        own = self._fact(path)
        if own.submitted is not None:
            return own.submitted
        if not self.in_git:
            return None
        first = self.dates.of(self.repo.files[path].disk_path)
        if first is None:
            return None  # not committed on the main branch: not handed in
        if self.history_from is not None and first < self.history_from:
            return own.date or first
        return first

    def problem(self, path: str) -> str:
        """Why a present document does not count, or "" when it does."""
        return self._fact(path).problem


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


@dataclass(frozen=True)
class Own:
    """What a document says of itself, for when it counts as handed in."""

    submitted: dt.date | None  # inlämnad, in a report's front matter
    date: dt.date | None  # that, or the document's own datum
    problem: str  # "har fel", "är ett utkast" or ""


_OWN = entries(record(Own, submitted=optional(DATE), date=optional(DATE), problem=TEXT))


_SUBMISSIONS: weakref.WeakKeyDictionary[Repository, Submissions] = weakref.WeakKeyDictionary()


def _rows(repo: Repository, year: SchoolYear, level: str) -> list[tuple[str, str]]:
    if level == "huvudman":
        organiser = repo.organiser
        return [(ORGANISER_ROW, organiser.name if organiser else "Huvudmannen")]
    known = presences(repo, year)
    return [(unit_id, p.name) for unit_id, p in known.items() if p.active and not p.why]


def unit_since(
    submissions: Submissions, unit_id: str, today: dt.date, year: SchoolYear
) -> dt.date | None:
    """The first day a unit owes documents: its `aktiv_från`, else the day its enhet.yaml
    reached the main branch (today, on a branch); None when nothing limits it (outside
    git, or before the import date). A unit added in November does not owe the plan that
    was due in September."""
    repo = submissions.repo
    repo.reads.note(GIT_REFS)
    presence = presences(repo, year).get(unit_id)
    if presence is not None and presence.since is not None:
        return presence.since
    path = K.UNIT.path(unit=unit_id)
    if not submissions.in_git or path not in repo.files:
        return None
    first = submissions.dates.of(repo.files[path].disk_path)
    if first is None:
        return today
    if submissions.history_from is not None and first < submissions.history_from:
        return None
    return first


def obligations(
    repo: Repository,
    year: SchoolYear,
    today: dt.date,
    submissions: Submissions | None = None,
) -> list[Obligation]:
    """Every obligation about `year`, with its state on `today`, by due date."""
    submissions = submissions or Submissions.of(repo)
    owed = []
    since: dict[str, dt.date | None] = {}
    for due in _dues(repo, year):
        for row, row_name in _rows(repo, year, due.level):
            if row != ORGANISER_ROW:
                if row not in since:
                    since[row] = unit_since(submissions, row, today, year)
                start = since[row]
                if start is not None and due.due < start:
                    continue  # due before the unit was there
            path = document_path(repo, due.document, year, None if row == ORGANISER_ROW else row)
            owed.append((due, path, row, row_name))
    submissions.learn([path for _, path, _, _ in owed])
    found = [_judge(submissions, year, *item, today) for item in owed]
    return sorted(found, key=lambda o: (o.due, o.row != ORGANISER_ROW, o.row_name, o.path))


def _judge(
    submissions: Submissions,
    year: SchoolYear,
    due: _Due,
    path: str,
    row: str,
    row_name: str,
    today: dt.date,
) -> Obligation:
    present = path in submissions.repo.files
    first = submissions.date(path) if present else None
    on_branch = False
    if first is not None:
        handed_in = first <= today  # handed in after the day we judge: not there yet then
        submitted = first if handed_in else None
    elif present and submissions.in_git:
        # on this branch but not yet on the main branch: in when the branch is merged, so a
        # pull request that brings a missing document is not held up by its absence
        handed_in, submitted, on_branch = True, today, True
    else:
        handed_in, submitted = present, None  # outside git: there, with no date
    problem = submissions.problem(path) if handed_in else ""
    if handed_in and not problem:
        state = State.LATE if submitted is not None and submitted > due.due else State.ON_TIME
    elif today > due.due:
        state = State.FAILING if handed_in else State.MISSING
    elif today >= due.due - SOON:
        state = State.DUE_SOON
    else:
        state = State.NOT_DUE
    return Obligation(
        year,
        due.name,
        due.document,
        path,
        row,
        row_name,
        due.responsible,
        due.due,
        submitted if state.submitted else None,
        state,
        problem or ("inte på huvudgrenen än" if on_branch else ""),
    )


def is_open(obligation: Obligation) -> bool:
    """Still owed: not yet submitted (whether due or not)."""
    return not obligation.state.submitted


def judged_years(repo: Repository, today: dt.date) -> list[SchoolYear]:
    """The läsår to judge on `today`: the previous one while anything of it is still
    owed (if the repository documents it at all), then the one going on."""
    current = SchoolYear.containing(today)
    previous = current.previous()
    if not _documented(repo, previous):
        return [current]  # a läsår from before the repository is not judged afterwards
    owed = any(is_open(o) for o in obligations(repo, previous, today))
    return [previous, current] if owed else [current]


def _documented(repo: Repository, year: SchoolYear) -> bool:
    """Whether the repository holds any document of the läsår."""
    return any(located.school_year == year for located in repo.files.values())


def year_meant(kind: DocumentKind, today: dt.date) -> SchoolYear:
    """The läsår a user means who asks for a new document of `kind` on `today`: a plan
    for the läsår going on (from 1 July the one starting); a report on the läsår that
    just ended from July to December, else on the one going on."""
    current = SchoolYear.containing(today)
    if kind is DocumentKind.DEVELOPMENT_PLAN:
        return current
    return current.previous() if today.month >= 7 else current


def due_date(repo: Repository, year: SchoolYear, kind: DocumentKind) -> dt.date:
    """The day a document of `kind` about `year` is due (the årshjul's, else the law's);
    a plan the årshjul does not date is due when the läsår ends."""
    found = [d.due for d in _dues(repo, year) if d.document is kind]
    return found[0] if found else year.last_day
