"""The årshjul of one läsår as concrete occurrences: every event on its dates.

Each `när` of an årshjul event becomes one occurrence. An event at unit level with a
document (a kvalitetsrapport by 30 juni) is a deadline for every unit. The activities in
the units' utvecklingsplaner join the plan when their `när` can be read as a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.gaps import Gap
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan
from ska.model.year_wheel import DocumentKind, EventKind, When, YearWheel, parse_when
from ska.planning.resolve import span

# An activity from an utvecklingsplan is shown as this kind of event.
ACTIVITY = "aktivitet"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One event on concrete dates in one läsår."""

    uid: str  # stable between builds and years' re-imports: läsår, event, index, unit
    event: str  # the event's id (or the activity's commitment id)
    name: str
    kind: str  # an EventKind value, or "aktivitet"
    level: str  # huvudman or enhet
    start: dt.date
    end: dt.date  # inclusive
    when: str  # as written, e.g. "november–februari"
    responsible: tuple[str, ...]  # role names (or the name written in the plan)
    unit: str | None = None  # a unit's id for an activity; None for the årshjul's events
    unit_name: str | None = None
    document: DocumentKind | None = None
    description: str | None = None
    source: str = K.YEAR_WHEEL.pattern

    @property
    def single_day(self) -> bool:
        return self.start == self.end


def occurrences(repo: Repository, year: SchoolYear) -> list[Occurrence]:
    """The läsår's occurrences in date order: the årshjul's, then the units' activities."""
    found = _year_wheel(repo, year) + _activities(repo, year)
    return sorted(found, key=lambda o: (o.start, o.end, o.name, o.unit or ""))


def _role_names(repo: Repository, ids: list[str]) -> tuple[str, ...]:
    organiser = repo.organiser
    names = {r.id: r.name for r in organiser.roles} if organiser else {}
    return tuple(names.get(i, i) for i in ids)


def _year_wheel(repo: Repository, year: SchoolYear) -> list[Occurrence]:
    wheel = repo.model(K.YEAR_WHEEL.pattern, YearWheel)
    if wheel is None or isinstance(vars(wheel)["events"], Gap):
        return []  # the årshjul's schema findings say why it is left out
    found = []
    for event in wheel.events:
        for index, when in enumerate(event.when, start=1):
            start, end = span(when, year)
            found.append(
                Occurrence(
                    uid=f"{year.folder}-{event.id}-{index}",
                    event=event.id,
                    name=event.name,
                    kind=event.kind.value,
                    level=event.level,
                    start=start,
                    end=end,
                    when=str(when),
                    responsible=_role_names(repo, event.responsible),
                    document=event.document,
                    description=event.description,
                )
            )
    return found


def readable_when(text: str | None) -> When | None:
    """An activity's `när` as a time, or None when it is free text ("löpande")."""
    if not text:
        return None
    try:
        return parse_when(text)
    except PydanticCustomError:
        return None


def _activities(repo: Repository, year: SchoolYear) -> list[Occurrence]:
    found = []
    for unit_id in repo.unit_ids:
        path = K.DEVELOPMENT_PLAN.path(unit=unit_id, year=year)
        plan = repo.model(path, DevelopmentPlan)
        unit = repo.unit(unit_id)
        if plan is None or unit is None:
            continue
        for area in plan.priorities:
            for commitment in area.commitments:
                for index, activity in enumerate(commitment.activities, start=1):
                    when = readable_when(activity.when)
                    if when is None:
                        continue
                    start, end = span(when, year)
                    found.append(
                        Occurrence(
                            uid=f"{year.folder}-{unit_id}-{commitment.id}-{index}",
                            event=commitment.id,
                            name=activity.description,
                            kind=ACTIVITY,
                            level="enhet",
                            start=start,
                            end=end,
                            when=str(when),
                            responsible=(activity.responsible or plan.responsible,),
                            unit=unit_id,
                            unit_name=unit.name,
                            description=f"{unit.name}: {commitment.description}",
                            source=path,
                        )
                    )
    return found


KIND_LABELS = {
    EventKind.DIALOG.value: "Dialog",
    EventKind.MEASUREMENT.value: "Mätning",
    EventKind.REPORT.value: "Rapport",
    EventKind.DECISION.value: "Beslut",
    EventKind.FOLLOW_UP.value: "Uppföljning",
    EventKind.MEETING.value: "Möte",
    ACTIVITY: "Enhetens aktivitet",
}
