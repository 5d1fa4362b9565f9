"""Nämndens mål followed up, as data for the huvudman's report and the plan: for each
goal a table of its indikatorer with baseline, the outcomes period by period, target and
the direction of the latest change; and the målkarta, the styrkedja from KF målområde to
the units' åtaganden and the insatser. Every plain text is escaped here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.initiative import Initiative
from ska.model.organiser import Better, BoardGoals, Indicator, Organiser, period_of
from ska.model.types import SchoolYear, YearMonth
from ska.model.unit import DevelopmentPlan

NO_VALUE = "–"


def value_text(number: float) -> str:
    """`82,5`: as many decimals as written, at most two."""
    decimals = len(f"{number:.2f}".rstrip("0").split(".")[1])
    return md.number(int(number)) if number.is_integer() else md.number(number, decimals)


def _order(period: str) -> tuple[int, int, str]:
    found = period_of(period)
    return (found[1], found[0] == "läsår", period) if found else (9999, False, period)


def _reached(value: float, target: float, better: Better) -> bool:
    return value >= target if better is Better.UP else value <= target


def direction(indicator: Indicator) -> str:
    """How the latest outcome moved from the value before it (an outcome or the baseline),
    judged by which way is better; `Målet nått` once the target is reached."""
    outcomes = sorted(indicator.outcomes, key=lambda o: _order(str(o.period)))
    if not outcomes:
        return NO_VALUE
    latest = outcomes[-1].value
    before = outcomes[-2].value if len(outcomes) > 1 else None
    if before is None and indicator.baseline is not None:
        before = indicator.baseline.value
    better = indicator.better_way()
    target = indicator.target.value if indicator.target else None
    if better is not None and target is not None and _reached(latest, target, better):
        return "Målet nått"
    if before is None or better is None:
        return NO_VALUE
    if latest == before:
        return "→ oförändrat"
    improved = (latest > before) == (better is Better.UP)
    arrow = "↑" if latest > before else "↓"
    return f"{arrow} bättre" if improved else f"{arrow} sämre"


def indicator_table(indicators: list[Indicator]) -> md.Markdown:
    """One row per indikator: baseline, one column per period with an outcome, target,
    direction."""
    periods = sorted({str(o.period) for i in indicators for o in i.outcomes}, key=_order)
    rows = []
    for indicator in indicators:
        by_period = {str(o.period): o.value for o in indicator.outcomes}
        base, target = indicator.baseline, indicator.target
        rows.append(
            [
                f"{indicator.name} ({indicator.unit})",
                f"{value_text(base.value)} ({base.period})" if base else NO_VALUE,
                *(value_text(by_period[p]) if p in by_period else NO_VALUE for p in periods),
                f"{value_text(target.value)} ({target.period})" if target else NO_VALUE,
                direction(indicator),
            ]
        )
    header = ["Indikator", "Utgångsvärde", *(f"Utfall {p}" for p in periods), "Målvärde"]
    header.append("Riktning")
    align = "lr" + "r" * len(periods) + "rl"
    widths = (34, 14, *(10 for _ in periods), 14, 12)
    return md.table(header, rows, align, widths)


def sources_of(indicators: list[Indicator]) -> md.Markdown:
    """`Indikator 2025/26: källa, datum; …` for each outcome with a source or a date."""
    found: list[str] = []
    for indicator in indicators:
        for outcome in sorted(indicator.outcomes, key=lambda o: _order(str(o.period))):
            said = [str(outcome.source or indicator.source or "")]
            said.append(md.date(outcome.date) if outcome.date else "")
            text = ", ".join(s for s in said if s)
            if text:
                found.append(md.escape(f"{indicator.name} {outcome.period}: {text}"))
    return md.Markdown("; ".join(found))


def goal_follow_up(org: Organiser, goals: BoardGoals) -> list[dict[str, Any]]:
    """Each nämndmål with its KF målområde, its indikator table and where the values
    come from."""
    council = {a.id: a.name for a in org.council_goal_areas}
    return [
        {
            "id": goal.id,
            "namn": md.escape(goal.name),
            "kf_målområde": md.escape(council.get(goal.council_area, goal.council_area)),
            "tabell": indicator_table(goal.indicators) if goal.indicators else "",
            "källor": sources_of(goal.indicators),
        }
        for goal in goals.goals
    ]


def goal_attainment(goals: BoardGoals) -> list[dict[str, str | int]]:
    """Each indikator of each nämndmål in plain words for the start page: baseline, the
    latest outcome with its period, target and direction. Not escaped: the page's
    template escapes for HTML."""
    rows: list[dict[str, str | int]] = []
    for goal in goals.goals:
        for number, indicator in enumerate(goal.indicators):
            outcomes = sorted(indicator.outcomes, key=lambda o: _order(str(o.period)))
            latest = outcomes[-1] if outcomes else None
            base, target = indicator.baseline, indicator.target
            rows.append(
                {
                    "mål": str(goal.name),
                    # the goal's cell spans its indikatorer: a count on the first row only
                    "rader": len(goal.indicators) if number == 0 else 0,
                    "indikator": f"{indicator.name} ({indicator.unit})",
                    "utgångsvärde": f"{value_text(base.value)} ({base.period})"
                    if base
                    else NO_VALUE,
                    "senaste": f"{value_text(latest.value)} ({latest.period})"
                    if latest
                    else "inget utfall ännu",
                    "målvärde": f"{value_text(target.value)} ({target.period})"
                    if target
                    else NO_VALUE,
                    "riktning": direction(indicator),
                }
            )
    return rows


def goal_map(
    repo: Repository,
    org: Organiser,
    goals: BoardGoals,
    year: SchoolYear,
    sources: list[str],
    since: YearMonth | None = None,
    units: Collection[str] | None = None,
) -> md.Markdown:
    """The styrkedja as one table: each KF målområde, the nämndens mål under it, the
    units' åtaganden that serve the goal in `year`'s utvecklingsplaner (of `units` when
    given, e.g. one verksamhetsform's), and the insatser linked to the goal (directly, or
    through one of those åtaganden) that run in `year` and have not ended before `since`
    (the plan's start)."""
    commitments: dict[str, list[str]] = defaultdict(list)
    linked: dict[str, set[str]] = defaultdict(set)  # goal → insats ids via åtaganden
    for unit_id in repo.unit_ids if units is None else [u for u in repo.unit_ids if u in units]:
        path = K.DEVELOPMENT_PLAN.path(unit=unit_id, year=year)
        plan = repo.model(path, DevelopmentPlan) if path in repo.files else None
        unit = repo.unit(unit_id)
        if plan is None or unit is None:
            continue
        sources.append(path)
        for priority in plan.priorities:
            for goal_id in priority.board_goals:
                for commitment in priority.commitments:
                    commitments[goal_id].append(f"{unit.name}: {commitment.description}")
                    linked[goal_id].update(commitment.initiatives)
    initiatives: dict[str, list[str]] = defaultdict(list)
    for ins_id, paths in sorted(repo.initiative_files.items()):
        for path in paths:
            ins = repo.model(path, Initiative)
            if ins is None or not ins.period.overlaps(year):
                continue
            if since is not None and ins.period.end is not None and not since <= ins.period.end:
                continue
            sources.append(path)
            for goal in goals.goals:
                if goal.id in ins.board_goals or ins_id in linked[goal.id]:
                    initiatives[goal.id].append(ins.title)
    rows = []
    for council in org.council_goal_areas:
        for goal in (g for g in goals.goals if g.council_area == council.id):
            rows.append(
                [
                    council.name,
                    goal.name,
                    "; ".join(commitments[goal.id]) or NO_VALUE,
                    "; ".join(dict.fromkeys(initiatives[goal.id])) or NO_VALUE,
                ]
            )
    header = ["KF:s målområde", "Nämndens mål", f"Enheternas åtaganden {year}", "Insatser"]
    return md.table(header, rows, "llll", (16, 24, 36, 24))
