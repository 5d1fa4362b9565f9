"""Results per arbetslag: which of a unit's published results belong to each team.

Vaggeryd's SKA 2.0 analyses results at skolform, unit and team (arbetslag) level. A
teamuppdrag in the utvecklingsplan names the team's groups (`grupper: [åk 7]`), written
as the `grupp` column of the result files has them; a row belongs to the team when its
group is one of them or lies inside one (a class of årskurs 7 inside `åk 7`, `åk 8`
inside `åk 7–9`). The mapping lives in the plan of the läsår, since the teams change
from year to year, and no result row has to repeat it.

The rows are the unit's publication (ska.results.published) with its one suppression
decision: a team's summary shows a subset of what the unit's report shows and adds no
sums of its own, so nothing hidden there can be worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan, TeamAssignment
from ska.results.published import Published, PublishedRow
from ska.suppression import group_identity, identity_of, within


@dataclass(frozen=True)
class TeamResults:
    """One teamuppdrag with the published rows of its groups in the läsår."""

    team: TeamAssignment
    rows: tuple[PublishedRow, ...]
    unmatched: tuple[str, ...]  # groups of the team that no row of the läsår has

    @property
    def hidden(self) -> int:
        return sum(row.hidden for row in self.rows)


def team_results(
    plan: DevelopmentPlan, publication: Published, year: SchoolYear
) -> list[TeamResults]:
    """Each teamuppdrag that names groups, with the rows of the läsår's result files
    that belong to it, in file order."""
    rows = publication.of_year(year)
    identities = [group_identity(r.row) for r in rows]
    found = []
    for team in plan.team_assignments:
        if not team.groups:
            continue
        wanted = [identity_of(g) for g in team.groups]
        mine = tuple(
            row
            for row, identity in zip(rows, identities, strict=True)
            if any(within(identity, w) for w in wanted)
        )
        unmatched = tuple(
            g
            for g, w in zip(team.groups, wanted, strict=True)
            if not any(within(identity, w) for identity in identities)
        )
        found.append(TeamResults(team, mine, unmatched))
    return found
