"""The coming weeks and the overdue: the årshjul's events and the obligations around a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.planning.obligations import Obligation, State, Submissions, obligations
from ska.planning.occurrences import Occurrence, occurrences


@dataclass(frozen=True)
class Agenda:
    today: dt.date
    until: dt.date
    years: list[SchoolYear]  # the läsår judged
    coming: list[Occurrence]  # going on or starting in the window
    obligations: list[Obligation]  # of the läsår judged

    @property
    def overdue(self) -> list[Obligation]:
        return [o for o in self.obligations if o.state.overdue]

    @property
    def late(self) -> list[Obligation]:
        return [o for o in self.obligations if o.state is State.LATE]

    @property
    def due_soon(self) -> list[Obligation]:
        """Owed and due within the window."""
        return [
            o
            for o in self.obligations
            if o.state in (State.NOT_DUE, State.DUE_SOON) and o.due <= self.until
        ]


def in_window(items: list[Occurrence], today: dt.date, until: dt.date) -> list[Occurrence]:
    """Occurrences going on at some point from `today` to `until`: those that start in
    the window and those that started before it and still go on."""
    return [o for o in items if o.start <= until and o.end >= today]


def build_agenda(
    repo: Repository,
    years: list[SchoolYear],
    today: dt.date,
    weeks: int,
    owed: list[Obligation] | None = None,
) -> Agenda:
    """The årshjul's events in the window of `weeks` weeks from `today` (from the läsår
    the window touches), and the obligations of the läsår judged (`owed` if computed)."""
    until = today + dt.timedelta(weeks=weeks)
    wheel_years = sorted({SchoolYear.containing(today), SchoolYear.containing(until)})
    seen: set[str] = set()
    coming = []
    for year in wheel_years:
        for item in in_window(occurrences(repo, year), today, until):
            if item.uid not in seen:
                seen.add(item.uid)
                coming.append(item)
    coming.sort(key=lambda o: (o.start, o.end, o.name, o.unit or ""))
    if owed is None:
        submissions = Submissions.of(repo)
        owed = [o for y in years for o in obligations(repo, y, today, submissions)]
    return Agenda(today, until, list(years), coming, owed)
