"""Nämndens mål followed up: each indikator has an outcome for every period whose
follow-up point in the årshjul has passed.

A period is a läsår (`2025/26`) or a calendar year (`2025`), the same kind as the
indikator's baseline. The periods asked for run from the one after the baseline up to
the target. A period is followed up at the first end of the årshjul event the indikator
(or `plans/mal.yaml`) names in `följs_upp_vid` after the period is over; without one, a
läsår when the huvudman's kvalitetsrapport is due and a calendar year at the end of
March the year after (when the årsbokslut is done).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ska import markdown as md
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import BOARD_GOALS, BOARD_GOALS_TEXT, edited
from ska.findings import Severity
from ska.model import kinds as K
from ska.model.organiser import BoardGoals, Indicator, period_of
from ska.model.types import SchoolYear
from ska.model.year_wheel import DocumentKind, Event, YearWheel
from ska.planning.obligations import due_date
from ska.planning.resolve import span
from ska.rules.context import Context
from ska.rules.engine import Group, Outcome, RuleSpec

_AUTUMN = dt.date(2026, 10, 15)  # the huvudman's report for 2025/26 is due
_OUTCOME = '        utfall:\n          - {period: "2025/26", värde: 84.0, datum: 2026-07-01}\n'


def period_text(kind: str, start: int) -> str:
    return str(SchoolYear(start)) if kind == "läsår" else str(start)


def _period_end(kind: str, start: int) -> dt.date:
    return SchoolYear(start).last_day if kind == "läsår" else dt.date(start, 12, 31)


def _event_end(event: Event, after: dt.date) -> dt.date | None:
    """The first day on or after `after` when an occurrence of `event` is over."""
    ends = [
        span(when, SchoolYear(start))[1]
        for start in (after.year - 1, after.year)
        for when in event.when
    ]
    found = [end for end in ends if end >= after]
    return min(found) if found else None


def follow_up_day(
    ctx: Context, goals: BoardGoals, indicator: Indicator, kind: str, start: int
) -> dt.date:
    """The day the period's outcome is to be followed up."""
    end = _period_end(kind, start)
    event_id = indicator.follow_up_event or goals.follow_up_event
    wheel = ctx.model(K.YEAR_WHEEL.pattern, YearWheel)
    event = next((e for e in wheel.events if e.id == event_id), None) if wheel else None
    if event is not None:
        found = _event_end(event, end + dt.timedelta(days=1))
        if found is not None:
            return found
    if kind == "läsår":
        return max(end, due_date(ctx.repo, SchoolYear(start), DocumentKind.ORGANISER_REPORT))
    return dt.date(start + 1, 3, 31)


def owed_periods(indicator: Indicator) -> list[tuple[str, int]]:
    """The periods after the baseline up to the target, of the baseline's kind."""
    if indicator.baseline is None:
        return []
    first = period_of(str(indicator.baseline.period))
    if first is None:
        return []
    last = period_of(str(indicator.target.period)) if indicator.target else None
    kind, start = first
    stop = last[1] if last is not None and last[0] == kind else start + 3
    return [(kind, year) for year in range(start + 1, stop + 1)]


@RuleSpec(
    "AR-uppf-namndmal",
    RuleClass.ADVICE,
    Group.FOLLOW_UP,
    "Nämndens mål följs upp med utfall för indikatorerna",
    "Skolverkets allmänna råd om systematiskt kvalitetsarbete (SKOLFS 2012:98), avsnittet "
    "om huvudmannens uppföljning; kommunallagen 5 kap. 3 § om mål och riktlinjer",
    "SKOLFS 2012:98",
    "Huvudmannen bör följa upp om verksamheten når de mål den har satt. Varje indikator i "
    "plans/mal.yaml med utgångsvärde ska ha ett utfall (utfall: period, värde, källa, datum) "
    "för varje läsår eller kalenderår efter utgångsvärdet, upp till målvärdets period, när "
    "årshjulets uppföljningspunkt för perioden har passerats. Uppföljningspunkten är "
    "händelsen som följs_upp_vid pekar ut (på indikatorn eller överst i filen); utan den "
    "följs ett läsår upp när huvudmannens kvalitetsrapport ska vara klar och ett kalenderår "
    "den 31 mars året efter.",
    """
indikatorer:
  - id: behörighet
    namn: Andel elever i åk 9 behöriga till yrkesprogram
    enhet: procent
    utgångsvärde: {värde: 82.5, period: "2024/25"}
    målvärde: {värde: 90, period: "2027/28"}
    utfall:
      - {period: "2025/26", värde: 84.0, källa: Skolverket, datum: 2026-07-01}
""",
    severity=Severity.WARNING,
    failing=Example({BOARD_GOALS: edited(BOARD_GOALS_TEXT, (_OUTCOME, ""))}, today=_AUTUMN),
    passing=Example({BOARD_GOALS: BOARD_GOALS_TEXT}, today=_AUTUMN),
).organiser
def goal_outcomes(ctx: Context) -> Iterator[Outcome]:
    path = K.BOARD_GOALS.pattern
    goals = ctx.model(path, BoardGoals)
    if goals is None:
        return
    for i, goal in enumerate(goals.goals):
        for j, indicator in enumerate(goal.indicators):
            have = {period_of(str(o.period)) for o in indicator.outcomes}
            for kind, start in owed_periods(indicator):
                if (kind, start) in have or _period_end(kind, start) > ctx.year.last_day:
                    continue
                day = follow_up_day(ctx, goals, indicator, kind, start)
                if day >= ctx.today:
                    continue
                period = period_text(kind, start)
                yield ctx.hit(
                    path,
                    f"Indikatorn {indicator.id} under målet {goal.id} saknar utfall för "
                    f"{period}, som skulle följas upp senast {md.date(day)}.",
                    f'Lägg till under utfall: - {{period: "{period}", värde: …, '
                    "källa: …, datum: …}.",
                    at=("mål", i, "indikatorer", j, "id"),
                )
