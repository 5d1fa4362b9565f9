"""Nämndens mål followed up, as data for the huvudman's report and the plan: for each
goal a table of its indikatorer with baseline, the outcomes period by period, target and
the direction of the latest change; and the målkarta, the styrkedja from KF målområde to
the units' åtaganden and the insatser. Every plain text is escaped here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
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


def _latest(indicator: Indicator) -> tuple[float | None, float | None]:
    """The latest outcome and the value before it (an outcome or the baseline)."""
    outcomes = sorted(indicator.outcomes, key=lambda o: _order(str(o.period)))
    if not outcomes:
        return None, None
    before = outcomes[-2].value if len(outcomes) > 1 else None
    if before is None and indicator.baseline is not None:
        before = indicator.baseline.value
    return outcomes[-1].value, before


def reached(indicator: Indicator) -> bool | None:
    """Whether the latest outcome reaches the target, judged by which way is better; None
    without an outcome, a target or a way that is better."""
    latest, _ = _latest(indicator)
    better = indicator.better_way()
    if latest is None or better is None or indicator.target is None:
        return None
    return _reached(latest, indicator.target.value, better)


def reached_text(indicator: Indicator) -> str:
    """`Ja`, `Inte ännu` or `–` for the målkort's column."""
    found = reached(indicator)
    return NO_VALUE if found is None else "Ja" if found else "Inte ännu"


def direction(indicator: Indicator) -> str:
    """How the latest outcome moved from the value before it (an outcome or the baseline),
    judged by which way is better; `Målet nått` once the target is reached."""
    latest, before = _latest(indicator)
    if latest is None:
        return NO_VALUE
    if reached(indicator):
        return "Målet nått"
    better = indicator.better_way()
    if before is None or better is None:
        return NO_VALUE
    if latest == before:
        return "→ oförändrat"
    improved = (latest > before) == (better is Better.UP)
    arrow = "↑" if latest > before else "↓"
    return f"{arrow} bättre" if improved else f"{arrow} sämre"


def until(indicator: Indicator, year: SchoolYear) -> Indicator:
    """The indikator with the outcomes measured up to `year`: of a läsår up to it, of a
    calendar year up to the one it ends in (a period ska cannot read is kept)."""

    def kept(period: str) -> bool:
        found = period_of(period)
        if found is None:
            return True
        return found[1] <= (year.start if found[0] == "läsår" else year.last_day.year)

    outcomes = [o for o in indicator.outcomes if kept(str(o.period))]
    return indicator.model_copy(update={"outcomes": outcomes})


def indicator_table(indicators: list[Indicator], with_reached: bool = False) -> md.Markdown:
    """One row per indikator: baseline, one column per period with an outcome, target,
    direction, and with `with_reached` whether the target is reached."""
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
                *([reached_text(indicator)] if with_reached else []),
            ]
        )
    header = ["Indikator", "Utgångsvärde", *(f"Utfall {p}" for p in periods), "Målvärde"]
    header.append("Riktning")
    align = "lr" + "r" * len(periods) + "rl"
    widths: tuple[int, ...] = (34, 14, *(10 for _ in periods), 14, 12)
    if with_reached:
        header.append("Nått")
        align += "l"
        widths = (28, *widths[1:], 11)
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


@dataclass(frozen=True)
class ChainArea:
    """A KF målområde in the styrkedja."""

    id: str
    name: str


@dataclass(frozen=True)
class ChainGoal:
    id: str
    name: str
    area: str  # the KF målområde's id


@dataclass(frozen=True)
class ChainCommitment:
    """A unit's åtagande, the nämndens mål its prioriterat område serves and the insatser
    it names."""

    key: str  # unique in the chain: <enhet>-<åtagande>
    unit: str  # the unit's name
    text: str
    goals: tuple[str, ...]
    initiatives: tuple[str, ...]


@dataclass(frozen=True)
class ChainInitiative:
    """An insats of the läsår linked to a goal: directly (`goals`) or through an
    åtagande (`commitments`)."""

    id: str
    title: str
    goals: tuple[str, ...]
    commitments: tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    """The styrkedja of a läsår, from KF målområde to insats: what the målkarta shows,
    as a table and as a picture. Areas and goals in their order, only goals under a
    known KF målområde."""

    year: SchoolYear
    areas: tuple[ChainArea, ...]
    goals: tuple[ChainGoal, ...]
    commitments: tuple[ChainCommitment, ...]
    initiatives: tuple[ChainInitiative, ...]

    def commitments_of(self, goal_id: str) -> list[ChainCommitment]:
        return [c for c in self.commitments if goal_id in c.goals]

    def initiatives_of(self, goal_id: str) -> list[ChainInitiative]:
        """The insatser serving the goal: linked to it or to one of its åtaganden."""
        via = {c.key for c in self.commitments_of(goal_id)}
        return [i for i in self.initiatives if goal_id in i.goals or via & set(i.commitments)]


def goal_chain(
    repo: Repository,
    org: Organiser,
    goals: BoardGoals,
    year: SchoolYear,
    sources: list[str],
    since: YearMonth | None = None,
    units: Collection[str] | None = None,
) -> Chain:
    """The styrkedja: each KF målområde, the nämndens mål under it, the units' åtaganden
    that serve a goal in `year`'s utvecklingsplaner (of `units` when given, e.g. one
    verksamhetsform's), and the insatser linked to a goal (directly, or through one of
    those åtaganden) that run in `year` and have not ended before `since` (the plan's
    start)."""
    areas = tuple(ChainArea(a.id, str(a.name)) for a in org.council_goal_areas)
    known = {a.id for a in areas}
    shown = tuple(
        ChainGoal(g.id, str(g.name), a.id)
        for a in areas
        for g in goals.goals
        if g.council_area == a.id and a.id in known
    )
    goal_ids = {g.id for g in shown}
    commitments: list[ChainCommitment] = []
    keys: set[str] = set()
    for unit_id in repo.unit_ids if units is None else [u for u in repo.unit_ids if u in units]:
        path = K.DEVELOPMENT_PLAN.path(unit=unit_id, year=year)
        plan = repo.model(path, DevelopmentPlan) if path in repo.files else None
        unit = repo.unit(unit_id)
        if plan is None or unit is None:
            continue
        sources.append(path)
        for priority in plan.priorities:
            served = tuple(g for g in dict.fromkeys(priority.board_goals) if g in goal_ids)
            if not served:
                continue
            for commitment in priority.commitments:
                key = f"{unit_id}-{commitment.id}"
                while key in keys:
                    key += "-2"
                keys.add(key)
                commitments.append(
                    ChainCommitment(
                        key,
                        str(unit.name),
                        str(commitment.description),
                        served,
                        tuple(commitment.initiatives),
                    )
                )
    initiatives: dict[str, ChainInitiative] = {}
    for ins_id, paths in sorted(repo.initiative_files.items()):
        for path in paths:
            ins = repo.model(path, Initiative)
            if ins is None or not ins.period.overlaps(year):
                continue
            if since is not None and ins.period.end is not None and not since <= ins.period.end:
                continue
            sources.append(path)
            direct = tuple(g for g in shown if g.id in ins.board_goals)
            via = tuple(c.key for c in commitments if ins_id in c.initiatives)
            if (direct or via) and ins_id not in initiatives:
                initiatives[ins_id] = ChainInitiative(
                    ins_id, str(ins.title), tuple(g.id for g in direct), via
                )
    return Chain(year, areas, shown, tuple(commitments), tuple(initiatives.values()))


def goal_map_table(chain: Chain) -> md.Markdown:
    """The styrkedja as one table, a row per nämndmål: its KF målområde, the units'
    åtaganden and the insatser (the accessible form of the målkarta picture)."""
    names = {a.id: a.name for a in chain.areas}
    rows = [
        [
            names[goal.area],
            goal.name,
            "; ".join(f"{c.unit}: {c.text}" for c in chain.commitments_of(goal.id)) or NO_VALUE,
            "; ".join(dict.fromkeys(i.title for i in chain.initiatives_of(goal.id))) or NO_VALUE,
        ]
        for goal in chain.goals
    ]
    header = ["KF:s målområde", "Nämndens mål", f"Enheternas åtaganden {chain.year}", "Insatser"]
    return md.table(header, rows, "llll", (16, 24, 36, 24))
