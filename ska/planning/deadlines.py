"""What is due soon, and who is late: the årshjul's deadlines against the repository.

An årshjul event with a `dokument` is a deadline: every unit's kvalitetsrapport by
30 juni, the huvudman's report in September. A document counts as delivered on the day
it first appeared on the main branch (git), so "on time" is a fact, not a claim; outside
git an existing document counts, with no date. A delivered document that does not pass
its schema check is not delivered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ska import gitinfo
from ska.findings import Severity
from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.model.year_wheel import DocumentKind
from ska.planning.occurrences import Occurrence


class State(StrEnum):
    DELIVERED = "inlämnad"
    LATE = "inlämnad sent"
    MISSING = "saknas"
    INVALID = "har fel"
    COMING = "kommande"

    @property
    def overdue(self) -> bool:
        return self in (State.MISSING, State.INVALID)


@dataclass(frozen=True)
class Deadline:
    name: str
    document: DocumentKind
    path: str  # where the document belongs
    row: str  # a unit's id, or "huvudman"
    row_name: str
    responsible: tuple[str, ...]
    due: dt.date
    delivered: dt.date | None
    state: State


def document_year(kind: DocumentKind, due: dt.date) -> SchoolYear:
    """The läsår the document due on `due` is about.

    A report is written after its läsår: one due in calendar year Y (30 juni, or
    September) is about läsår Y-1/Y. A development plan is for the läsår it is due in.
    """
    if kind is DocumentKind.DEVELOPMENT_PLAN:
        return SchoolYear.containing(due)
    return SchoolYear(due.year - 1)


def _path(kind: DocumentKind, year: SchoolYear, unit: str | None) -> str:
    if kind is DocumentKind.ORGANISER_REPORT or unit is None:
        return f"plans/{year.folder}/kvalitetsrapport.md"
    name = (
        "utvecklingsplan.yaml" if kind is DocumentKind.DEVELOPMENT_PLAN else "kvalitetsrapport.md"
    )
    return f"units/{unit}/{year.folder}/{name}"


def _active_units(repo: Repository, year: SchoolYear) -> list[tuple[str, str]]:
    found = []
    for unit_id in repo.unit_ids:
        unit = repo.unit(unit_id)
        if unit is not None and unit.active_in(year):
            found.append((unit_id, unit.name))
    return found


def deadlines(repo: Repository, items: list[Occurrence], today: dt.date) -> list[Deadline]:
    """Every document deadline among the occurrences, with its state on `today`."""
    in_git = gitinfo.work_tree(repo.root) is not None
    dates = gitinfo.FirstDates(repo.root, gitinfo.main_branch(repo.root) if in_git else "HEAD")
    organiser = repo.organiser
    organiser_name = organiser.name if organiser else "Huvudmannen"
    found = []
    for item in items:
        if item.document is None or item.unit is not None:
            continue
        year = document_year(item.document, item.end)
        if item.level == "enhet" and item.document is not DocumentKind.ORGANISER_REPORT:
            rows = _active_units(repo, year)
        else:
            rows = [("huvudman", organiser_name)]
        for row, name in rows:
            path = _path(item.document, year, None if row == "huvudman" else row)
            delivered = (
                dates.of(repo.files[path].disk_path) if in_git and path in repo.files else None
            )
            if delivered is not None and delivered > today:
                delivered = None  # committed after the day we judge: not there yet then
            state = _state(repo, path, item.end, delivered, in_git, today)
            found.append(
                Deadline(
                    item.name,
                    item.document,
                    path,
                    row,
                    name,
                    item.responsible,
                    item.end,
                    delivered,
                    state,
                )
            )
    return sorted(found, key=lambda d: (d.due, d.row_name, d.path))


def _state(
    repo: Repository,
    path: str,
    due: dt.date,
    delivered: dt.date | None,
    in_git: bool,
    today: dt.date,
) -> State:
    exists = path in repo.files and (delivered is not None or not in_git)
    if exists:
        document = repo.document(path)
        if document.model is None or any(f.severity is Severity.ERROR for f in document.findings):
            return State.INVALID if today > due else State.COMING
        if delivered is not None and delivered > due:
            return State.LATE
        return State.DELIVERED
    return State.MISSING if today > due else State.COMING


def upcoming(items: list[Occurrence], today: dt.date, weeks: int) -> list[Occurrence]:
    """Occurrences that begin or end within `weeks` weeks from `today` (not those that
    merely go on through the whole window, like a term-long activity)."""
    until = today + dt.timedelta(weeks=weeks)
    return [o for o in items if today <= o.start <= until or today <= o.end <= until]
