"""The målkort: nämndens mål followed up for one läsår, as a document of its own.

Each nämndmål with its KF målområde and målbilder, its indikatorer with baseline, the
outcomes measured up to the läsår, target, direction and whether the target is reached
(the tables and charts of the huvudman's report, ska.render.goals and goal_charts), and
the units' åtaganden and the insatser that serve it; an overview first and the målkarta
last. Built where the repository has nämndens mål.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.gaps import is_gap
from ska.model.organiser import BoardGoal
from ska.model.types import SchoolYear
from ska.render.context import PictureMaker, Prepared, _organiser_facts, plain_picture
from ska.render.goal_map_picture import figures, goal_map_pictures
from ska.render.goals import (
    NO_VALUE,
    Chain,
    goal_chain,
    goal_map_table,
    indicator_table,
    reached,
    sources_of,
    until,
)
from ska.render.provenance import provenance


def _latest_date(goals: list[BoardGoal]) -> dt.date | None:
    dates = [o.date for g in goals for i in g.indicators for o in i.outcomes if o.date]
    return max(dates) if dates else None


def _overview(goals: list[BoardGoal], chain: Chain, areas: dict[str, str]) -> md.Markdown:
    """A row per goal: its KF målområde, how many indikatorer reach their target, and how
    many åtaganden and insatser serve it."""
    rows = []
    for goal in goals:
        judged = [reached(i) for i in goal.indicators]
        known = [r for r in judged if r is not None]
        rows.append(
            [
                goal.name,
                areas.get(goal.council_area, goal.council_area),
                md.number(len(goal.indicators)),
                f"{sum(known)} av {len(known)}" if known else NO_VALUE,
                md.number(len(chain.commitments_of(goal.id))),
                md.number(len(chain.initiatives_of(goal.id))),
            ]
        )
    header = ["Mål", "KF:s målområde", "Indikatorer", "Målvärdet nått", "Åtaganden", "Insatser"]
    return md.table(header, rows, "llrrrr", (34, 26, 10, 12, 10, 8))


def scorecard(
    repo: Repository, year: SchoolYear, picture: PictureMaker = plain_picture
) -> Prepared | None:
    """The målkort of `year`, or None without a valid huvudman or nämndens mål."""
    organiser, board = repo.organiser, repo.board_goals
    if organiser is None or board is None:
        return None
    from ska.render.goal_charts import indicator_charts  # matplotlib loads only to draw

    sources = [K.ORGANISER.pattern, K.BOARD_GOALS.pattern]
    chain = goal_chain(repo, organiser, board, year, sources)
    areas = {a.id: a.name for a in organiser.council_goal_areas}
    goals = [
        goal.model_copy(update={"indicators": [until(i, year) for i in goal.indicators]})
        for goal in board.goals
    ]
    assets: dict[str, str | bytes] = {}
    items: list[dict[str, Any]] = []
    for goal in goals:
        charts = indicator_charts(goal.indicators)
        for chart in charts:
            assets |= chart.files()
        commitments = chain.commitments_of(goal.id)
        items.append(
            {
                "namn": md.escape(goal.name),
                "kf_målområde": md.escape(areas.get(goal.council_area, goal.council_area)),
                "målbilder": [md.cell(d) for d in goal.descriptions],
                "tabell": indicator_table(goal.indicators, with_reached=True)
                if goal.indicators
                else "",
                "källor": sources_of(goal.indicators),
                "diagram": [{"fil": c.name, "titel": c.title, "alt": c.alt} for c in charts],
                "åtaganden": md.table(
                    ["Enhet", "Åtagande"],
                    [[c.unit, c.text] for c in commitments],
                    "ll",
                    (24, 76),
                )
                if commitments
                else "",
                "insatser": [md.escape(i.title) for i in chain.initiatives_of(goal.id)],
            }
        )
    pictures = goal_map_pictures(chain, picture)
    for found in pictures:
        assets |= found.files()
    latest = _latest_date(goals)
    context = {
        "dokument": {
            "titel": f"Målkort {year}",
            "undertitel": "Nämndens mål"
            + ("" if is_gap(board.period) else f" {board.period.start}–{board.period.end}"),
            "läsår": str(year),
            "datum": md.date(latest) if latest else "",
        },
        "huvudman": _organiser_facts(repo),
        "översikt": _overview(goals, chain, areas),
        "mål": items,
        "målkarta": goal_map_table(chain),
        "målkarta_bilder": figures(pictures),
        "underlag": provenance(repo, sorted(set(sources)), organiser),
    }
    return Prepared(context, sorted(set(sources)), assets)
