"""The insatser: the one reading of every insats that documents show, and the
Sammanställning av insatser as a document of its own.

Vaggeryd's SKA 2.0 keeps a compilation of every insats of the förvaltning so that it can
act as the organisation's collective memory. The huvudman's kvalitetsrapport shows the
insatser that ran during its läsår in a table (ska.render.organiser); the compilation
shows every insats of the huvudman and the units across all läsår, grouped by the läsår
it started and whether it is still going on, with who decided it, what it serves, its
follow-ups and its effect. Both read the insatser and their table rows from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.curriculum import GoalArea, SchoolForm, area_heading
from ska.model.initiative import DecidedBy, Initiative, Status
from ska.model.types import SchoolYear
from ska.render.context import Prepared, _goal_names, _organiser_facts
from ska.render.provenance import provenance

HUVUDMAN = "Huvudman"
ENDED = frozenset({Status.COMPLETED, Status.CANCELLED})


@dataclass(frozen=True)
class InitiativeEntry:
    """One readable insats: its id, its file and the unit it belongs to (None: huvudman)."""

    id: str
    path: str
    unit: str | None
    model: Initiative

    @property
    def started(self) -> SchoolYear:
        """The läsår the insats started in (its period's first month)."""
        start = self.model.period.start
        return SchoolYear.containing(dt.date(start.year, start.month, 1))

    @property
    def ongoing(self) -> bool:
        return self.model.status not in ENDED


def initiative_entries(repo: Repository) -> list[InitiativeEntry]:
    """Every insats of the repository whose file can be read, by id and then path."""
    found = []
    for ins_id, paths in sorted(repo.initiative_files.items()):
        for path in sorted(paths):
            model = repo.model(path, Initiative)
            if model is not None:
                found.append(InitiativeEntry(ins_id, path, repo.files[path].unit, model))
    return found


def summary_row(
    entry: InitiativeEntry, roles: Mapping[str, str], unit_names: Mapping[str, str]
) -> dict[str, str]:
    """An insats as one row of a table: title, level, responsible role, period, status
    and when it was last followed up (table cells)."""
    ins = entry.model
    entries = ins.follow_up.entries if ins.follow_up else []
    latest = max(entries, key=lambda e: e.date) if entries else None
    level = unit_names.get(entry.unit, entry.unit) if entry.unit else HUVUDMAN
    return {
        "id": entry.id,
        "titel": md.cell(ins.title),
        "nivå": md.cell(level),
        "ansvarig": md.cell(roles.get(ins.responsible, ins.responsible)),
        "period": f"{ins.period.start}–{ins.period.end or ''}",
        "status": ins.status.value,
        "uppföljd": md.date(latest.date) if latest else "–",
    }


def decided_by(entry: InitiativeEntry) -> str:
    """Who decided the insats, in Swedish, with the decision when there is one; without
    beslutad_av, where the file lies says it (a unit's own insats: the rektor)."""
    ins = entry.model
    decided = ins.decided_by
    if decided is None:
        decided = DecidedBy.UNIT if entry.unit else None
    words = {
        DecidedBy.BOARD: "Nämnden",
        DecidedBy.ADMINISTRATION: "Förvaltningen",
        DecidedBy.UNIT: "Enheten (rektor)",
    }
    who = words[decided] if decided is not None else "Huvudmannen (inte angivet vem)"
    if ins.decision is not None:
        parts = [ins.decision.organ]
        if ins.decision.date is not None:
            parts.append(md.date(ins.decision.date))
        if ins.decision.paragraph is not None:
            parts.append(str(ins.decision.paragraph))
        who += f": {' '.join(parts)}"
    return who


def _focus_names(repo: Repository) -> dict[str, str]:
    areas = repo.focus_areas
    return {a.id: a.name for a in areas.focus_areas} if areas else {}


def _area_names(areas: list[GoalArea], forms: list[str]) -> list[str]:
    """The läroplan's goal areas by the headings of the insats's own skolformer."""
    known = {f.value: f for f in SchoolForm}
    school_forms = [known[f] for f in forms if f in known] or list(SchoolForm)
    return [area_heading(a, school_forms) for a in areas]


def _details(
    entry: InitiativeEntry,
    summary: dict[str, str],
    goals: Mapping[str, str],
    focus: Mapping[str, str],
) -> dict[str, Any]:
    ins = entry.model
    follow_ups = sorted(ins.follow_up.entries if ins.follow_up else [], key=lambda e: e.date)
    facts = [
        ("Nivå", summary["nivå"]),
        ("Beslutad av", md.cell(decided_by(entry))),
        ("Ansvarig", summary["ansvarig"]),
        ("Period", summary["period"]),
        ("Fas", summary["status"]),
        ("Verksamhetsformer", md.cell(", ".join(ins.forms))),
    ]
    served = [
        ("Nämndens mål", [goals.get(g, g) for g in ins.board_goals]),
        ("Läroplanens målområden", _area_names(ins.goal_areas, ins.forms)),
        ("Fokusområden", [focus.get(f, f) for f in ins.focus_areas]),
    ]
    facts += [(name, md.cell("; ".join(items))) for name, items in served if items]
    if ins.follow_up is not None:
        facts.append(("Uppföljningsmetod", md.cell(ins.follow_up.method)))
    return {
        "id": entry.id,
        "titel": md.escape(ins.title),
        "fakta": md.table(["Uppgift", "Värde"], [list(f) for f in facts], "ll", (24, 76)),
        "syfte": md.escape(ins.purpose),
        "mål": [md.escape(g) for g in ins.goals],
        "uppföljningar": md.table(
            ["Datum", "Vad uppföljningen visade", "Status efter", "Brist"],
            [
                [
                    md.date(f.date),
                    md.cell(f.text),
                    f.status.value if f.status else "–",
                    "Ja" if f.deficiency else "Nej",
                ]
                for f in follow_ups
            ],
            "llll",
            (14, 58, 16, 8),
        )
        if follow_ups
        else "",
        "effekt": md.escape(ins.effect) if ins.effect else "",
    }


def compilation(repo: Repository, today: dt.date) -> Prepared | None:
    """The Sammanställning av insatser: every insats of the huvudman and the units, by
    the läsår it started (latest first) and whether it goes on or has ended; None when
    the repository has no insats that can be read."""
    entries = initiative_entries(repo)
    if not entries:
        return None
    organiser = repo.organiser
    roles = {r.id: r.name for r in organiser.roles} if organiser else {}
    unit_names = {u: str(m.name) for u in repo.unit_ids if (m := repo.unit(u)) is not None}
    goals, focus = _goal_names(repo), _focus_names(repo)
    sources = [K.ORGANISER.pattern, *(e.path for e in entries)]
    if goals:
        sources.append(K.BOARD_GOALS.pattern)
    if focus:
        sources.append(K.FOCUS_AREAS.pattern)
    sources += [K.UNIT.path(unit=e.unit) for e in entries if e.unit]
    years = []
    for year in sorted({e.started for e in entries}, reverse=True):
        groups = []
        for ongoing, heading in ((True, "Pågående"), (False, "Avslutade")):
            chosen = [e for e in entries if e.started == year and e.ongoing == ongoing]
            if chosen:
                shown = [
                    _details(e, summary_row(e, roles, unit_names), goals, focus) for e in chosen
                ]
                groups.append({"rubrik": heading, "insatser": shown})
        years.append({"läsår": str(year), "grupper": groups})
    ordered = sorted(entries, key=lambda e: (-e.started.start, not e.ongoing, e.id))
    overview = []
    for e in ordered:
        row = summary_row(e, roles, unit_names)
        cells = [row["titel"], row["nivå"], md.cell(decided_by(e)), row["period"]]
        overview.append([*cells, row["status"], row["uppföljd"]])
    table = md.table(
        ["Insats", "Nivå", "Beslutad av", "Period", "Fas", "Senast uppföljd"],
        overview,
        "llllll",
        (30, 16, 22, 14, 12, 14),
    )
    context = {
        "dokument": {
            "titel": "Sammanställning av insatser",
            "undertitel": md.escape(organiser.name) if organiser else "",
            "datum": md.date(today),
        },
        "huvudman": _organiser_facts(repo),
        "antal": len(entries),
        "pågående": sum(e.ongoing for e in entries),
        "översikt": table,
        "läsår": years,
    }
    context["underlag"] = provenance(repo, sources, organiser)
    return Prepared(context, sorted(set(sources)))
