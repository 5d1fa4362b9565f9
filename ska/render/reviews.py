"""External reviews in the huvudman's report: what Skolinspektionen and the auditors found
that concerns the läsår, each brist with its state, deadline, evidence and the insatser
that answer it. Every plain text is escaped here.

A review concerns a läsår when it was dated before the läsår ended and either was dated
within it, had its deadline within it, or had a brist still open when the läsår began (a
brist remedied before the läsår is history already told). A brist tied to a skolform or
an enhet outside the report's verksamhetsform is left to that form's report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm
from ska.model.gaps import present
from ska.model.initiative import Initiative
from ska.model.review import Deficiency, DeficiencyState, Review, Reviewer
from ska.model.types import SchoolYear

_REVIEWER = {
    Reviewer.SCHOOLS_INSPECTORATE: "Skolinspektionen",
    Reviewer.AUDITORS: "Revisorerna",
    Reviewer.OTHER: "Annan granskare",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """What one report covers: the skolformer (values) and the units (id → name)."""

    forms: frozenset[str]
    units: dict[str, str]


def _still_open_on(brist: Deficiency, day: dt.date) -> bool:
    if brist.state is DeficiencyState.OPEN:
        return True
    return brist.remedied is None or brist.remedied >= day


def _in_scope(brist: Deficiency, scope: Scope) -> bool:
    if brist.school_form is not None and brist.school_form not in scope.forms:
        return False
    return brist.unit is None or brist.unit in scope.units


def _concerns(review: Review, shown: list[Deficiency], year: SchoolYear) -> bool:
    if review.date > year.last_day or not shown:
        return False
    if review.date >= year.first_day:
        return True
    deadlines = [d for d in (review.deadline, *(b.deadline for b in shown)) if d is not None]
    if any(year.first_day <= d <= year.last_day for d in deadlines):
        return True
    return any(_still_open_on(b, year.first_day) for b in shown)


def _form_label(value: str) -> str:
    try:
        return SchoolForm(value).label
    except ValueError:
        return value


def review_history(
    repo: Repository, year: SchoolYear, scope: Scope, sources: list[str]
) -> list[dict[str, Any]]:
    """The reviews that concern the läsår, oldest first, each with a table of its brister."""
    found: list[tuple[str, str, Review]] = []
    for path, located in sorted(repo.files.items()):
        if located.kind is K.REVIEW:
            review = repo.model(path, Review)
            if review is not None:
                found.append((path, located.stem, review))
    titles = {stem: review.title for _, stem, review in found}
    reviews = []
    for path, _, review in sorted(found, key=lambda f: (f[2].date, f[1])):
        shown = [b for b in review.deficiencies if _in_scope(b, scope)]
        if not _concerns(review, shown, year):
            continue
        sources.append(path)
        rows = [_row(repo, review, brist, scope, titles, sources) for brist in shown]
        reviewer, kind = present(review.reviewer, None), present(review.kind, None)
        facts = [
            _REVIEWER[reviewer] if reviewer else str(review.reviewer),
            kind.value.replace("_", " ") if kind else str(review.kind),
            md.date(review.date),
        ]
        if review.reference:
            facts.append(f"diarienummer {review.reference}")
        fine = present(review.fine, None)
        if fine is not None:
            facts.append(f"vite {md.number(fine)} kronor")
        reviews.append(
            {
                "titel": md.escape(review.title),
                "uppgifter": md.escape(", ".join(facts)),
                "sista_dag": md.date(review.deadline) if review.deadline else "",
                "brister": md.table(
                    ["Brist", "Gäller", "Status", "Sista dag", "Belägg", "Insatser"],
                    rows,
                    "llllll",
                    (30, 12, 14, 12, 16, 16),
                ),
            }
        )
    return reviews


def _row(
    repo: Repository,
    review: Review,
    brist: Deficiency,
    scope: Scope,
    titles: dict[str, str],
    sources: list[str],
) -> list[str]:
    text = brist.description
    if brist.earlier:
        earlier_review = brist.earlier.split("/", 1)[0]
        text += f" (återkommer från {titles.get(earlier_review, earlier_review)})"
    concerns = [_form_label(brist.school_form)] if brist.school_form else []
    if brist.unit:
        concerns.append(scope.units.get(brist.unit, brist.unit))
    if brist.state is DeficiencyState.REMEDIED:
        state = f"åtgärdad {md.date(brist.remedied)}" if brist.remedied else "åtgärdad"
    else:
        state = "öppen"
    deadline = brist.deadline or review.deadline
    actions = [_initiative_title(repo, a, sources) for a in brist.actions]
    return [
        md.cell(text),
        md.cell(", ".join(concerns) or "Huvudmannen"),
        md.cell(state),
        md.date(deadline) if deadline else "–",
        md.cell(brist.evidence or "–"),
        md.cell("; ".join(actions) or "–"),
    ]


def _initiative_title(repo: Repository, initiative_id: str, sources: list[str]) -> str:
    for path in repo.initiative_files.get(initiative_id, []):
        initiative = repo.model(path, Initiative)
        if initiative is not None:
            sources.append(path)
            return str(initiative.title)
    return initiative_id
