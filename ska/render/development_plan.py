"""A unit's utvecklingsplan for one läsår as a document of its own: what the rektor
brings to the förutsättningsdialog. The prioritised areas with their effektkedja
(åtaganden, tänkta effekter, aktiviteter, förväntade resultat), the nämndens mål each
area serves, the arbetslag's teamuppdrag, and the follow-ups made so far with their brister
and åtgärder."""

from __future__ import annotations

from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.control import Action
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan
from ska.render.context import (
    Prepared,
    _effect_chain,
    _goal_names,
    _organiser_facts,
    _unit_facts,
    team_assignments,
    team_results_tables,
)
from ska.render.provenance import provenance
from ska.results.published import published


def _action(action: Action | None, roles: dict[str, str]) -> str:
    if action is None:
        return "–"
    who = roles.get(action.responsible, action.responsible)
    return md.cell(f"{action.description} ({who}, klart {md.date(action.deadline)})")


def plan_path(unit_id: str, year: SchoolYear) -> str:
    return K.DEVELOPMENT_PLAN.path(unit=unit_id, year=year)


def development_plan_document(
    repo: Repository, unit_id: str, year: SchoolYear, threshold: int
) -> Prepared | None:
    """The utvecklingsplan, or None if the unit or the plan is missing or broken. Each
    teamuppdrag that names its groups gets the läsår's results for them so far, with the
    unit's one suppression decision (`threshold`: the smallest group shown)."""
    path = plan_path(unit_id, year)
    unit = repo.unit(unit_id)
    plan = repo.model(path, DevelopmentPlan)
    if unit is None or plan is None:
        return None
    sources = [K.UNIT.path(unit=unit_id), path, K.ORGANISER.pattern]
    if repo.board_goals is not None:
        sources.append(K.BOARD_GOALS.pattern)
    organiser = repo.organiser
    roles = {r.id: r.name for r in organiser.roles} if organiser else {}
    described = {c.id: c.description for area in plan.priorities for c in area.commitments}
    follow_ups = [
        [
            md.date(item.date),
            md.cell(described.get(item.commitment, item.commitment)),
            md.cell(item.text),
            "Ja" if item.deficiency else "Nej",
            _action(item.action, roles),
        ]
        for item in sorted(plan.follow_ups, key=lambda f: f.date)
    ]
    teams: list[dict[str, Any]] = []
    if any(t.groups for t in plan.team_assignments):
        publication = published(repo, unit_id, threshold)
        sources += dict.fromkeys(r.path for r in publication.rows)
        teams = team_results_tables(plan, publication, year)
    context = {
        "dokument": {
            "titel": f"Utvecklingsplan {year}",
            "undertitel": unit.name,
            "läsår": str(year),
            "datum": md.date(plan.date),
        },
        "huvudman": _organiser_facts(repo),
        "enhet": _unit_facts(unit_id, unit, plan.date),
        "plan": {
            "ansvarig": md.escape(plan.responsible),
            "områden": _effect_chain(plan, unit.school_forms, _goal_names(repo), year),
            "teamuppdrag": team_assignments(plan),
            "arbetslagsresultat": teams,
            "gräns": threshold,
            "uppföljningar": md.table(
                ["Datum", "Åtagande", "Vad uppföljningen visade", "Brist", "Åtgärd"],
                follow_ups,
                "lllll",
                (14, 24, 40, 8, 30),
            )
            if follow_ups
            else "",
        },
        "underlag": provenance(repo, sources, organiser),
    }
    return Prepared(context, sorted(set(sources)))
