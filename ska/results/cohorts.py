"""Cohorts: the same pupils followed back in time, grade by grade, across units.

A cohort starts at a grade in the läsår analysed (åk 9 in 2025/26) and steps back one
grade and one läsår at a time (åk 8 in 2024/25, åk 7 in 2023/24, …) as long as there is
data. At each step the unit(s) of the step after are looked in first; a unit without
rows for the grade that läsår is replaced by the units its pupils come from
(`elever_från`), whose rows are added together: a 7–9 school's åk 6 is in its F–6
feeder schools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ska.model.results import Gender, MeasureKind, grade_label
from ska.model.types import SchoolYear, Term
from ska.results.series import Observation, combine, term_key, whole_grade

# (unit, measure, subject, grade, läsår)
_Key = tuple[str, str, str | None, int, SchoolYear]


@dataclass(frozen=True, slots=True)
class CohortStep:
    """The cohort in one läsår: its grade, where it went to school and its figure."""

    year: SchoolYear
    term: Term
    grade: str  # F, åk 1 … åk 9
    units: tuple[str, ...]
    figure: float | None  # None when hidden
    total: int
    hidden: bool


@dataclass(frozen=True, slots=True)
class Cohort:
    unit: str
    measure: str
    subject: str | None
    kind: MeasureKind
    share: bool
    steps: tuple[CohortStep, ...]  # oldest first, at least two
    change: float | None  # the last step − the first step with a figure


def cohorts(
    observations: Sequence[Observation],
    feeders: dict[str, list[str]],
    year: SchoolYear,
    threshold: int,
    kinds: dict[str, MeasureKind],
) -> list[Cohort]:
    """Every cohort (kön alla) of every unit and measure with a grade in `year`."""
    index: defaultdict[_Key, list[Observation]] = defaultdict(list)
    for o in observations:
        grade = o.row.effective_grade
        if o.row.gender is Gender.ALL and grade is not None:
            index[(o.unit, o.row.measure, o.row.subject, grade, o.row.term.school_year)].append(o)
    found: list[Cohort] = []
    for unit, measure, subject, grade, start in list(index):
        if start != year:
            continue
        steps = _follow(index, feeders, (unit, measure, subject, grade, start), threshold)
        if len(steps) < 2:
            continue
        shown = [s.figure for s in steps if s.figure is not None]
        last = steps[-1].figure
        change = last - shown[0] if last is not None and len(shown) > 1 else None
        share = all(o.row.count is not None for o in index[(unit, measure, subject, grade, start)])
        kind = kinds.get(measure, MeasureKind.OTHER)
        found.append(Cohort(unit, measure, subject, kind, share, tuple(steps), change))
    return sorted(found, key=lambda c: c.unit)


def _follow(
    index: dict[_Key, list[Observation]],
    feeders: dict[str, list[str]],
    start: _Key,
    threshold: int,
) -> list[CohortStep]:
    unit, measure, subject, grade, year = start
    steps: list[CohortStep] = []
    current = [unit]
    while grade >= 0:
        found: dict[str, list[Observation]] = {}
        for here in current:
            own = (here, measure, subject, grade, year) in index
            for source in [here] if own else feeders.get(here, []):
                rows = _at_time(index.get((source, measure, subject, grade, year)))
                if rows:
                    found.setdefault(source, rows)
        if not found:
            break
        members = [o for rows in found.values() for o in rows]
        total = combine(members, threshold)
        term = max((o.row.term for o in members), key=term_key)
        steps.append(
            CohortStep(
                year,
                term,
                grade_label(grade),
                tuple(found),
                total.figure,
                total.total,
                total.hidden,
            )
        )
        current = list(found)
        grade, year = grade - 1, year.previous()
    return steps[::-1]


def _at_time(observations: list[Observation] | None) -> list[Observation]:
    """The end-of-year measurement: the vt term if there is one, its last occasion."""
    if not observations:
        return []
    season = "vt" if any(o.row.term.season == "vt" for o in observations) else "ht"
    in_term = [o for o in observations if o.row.term.season == season]
    last = max(in_term, key=lambda o: o.order).row.occasion
    return whole_grade([o for o in in_term if o.row.occasion == last])
