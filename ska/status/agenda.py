"""The coming weeks and the overdue: the årshjul's events and deadlines around a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.planning.deadlines import Deadline, State, deadlines, upcoming
from ska.planning.occurrences import Occurrence, occurrences


@dataclass(frozen=True)
class Agenda:
    today: dt.date
    until: dt.date
    coming: list[Occurrence]
    deadlines: list[Deadline]

    @property
    def overdue(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state.overdue]

    @property
    def late(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state is State.LATE]

    @property
    def due_soon(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state is State.COMING and d.due <= self.until]


def build_agenda(repo: Repository, year: SchoolYear, today: dt.date, weeks: int) -> Agenda:
    """Events going on or starting within `weeks` weeks, and every deadline of the läsår."""
    items = occurrences(repo, year)
    return Agenda(
        today,
        today + dt.timedelta(weeks=weeks),
        upcoming(items, today, weeks),
        deadlines(repo, items, today),
    )
