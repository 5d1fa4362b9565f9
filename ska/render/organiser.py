"""The huvudman's kvalitetsrapport for one verksamhetsform, compiled from every unit.

The huvudman's own text (follow-up, analysis, complaints) is shared by all forms; then
come the units' results side by side (likvärdighet), the themes their development
areas share, the completeness matrix, and every insats with its status – Vaggeryd's
"sammanställning".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ska import markdown as md
from ska.load.csvtable import Table
from ska.load.repository import Repository
from ska.model.curriculum import SchoolForm, area_heading
from ska.model.gaps import present
from ska.model.initiative import Initiative
from ska.model.organiser import Organiser
from ska.model.report import Report
from ska.model.results import Gender, ResultRow
from ska.model.types import SchoolYear
from ska.model.unit import Unit
from ska.render.context import ChartFile, Prepared, key_figures, sections
from ska.render.dialogs import dialog_records
from ska.render.goals import goal_follow_up
from ska.render.provenance import provenance
from ska.results.analysis import Analysis
from ska.results.tables import measure_label, shown_value, term_label
from ska.status.matrix import Status
from ska.suppression import HIDDEN, suppressed

S = SchoolForm


@dataclass(frozen=True)
class Form:
    """A verksamhetsform: the skolformer one huvudman report covers."""

    id: str
    title: str
    forms: frozenset[SchoolForm]


FORMS = (
    Form("forskola", "Förskola", frozenset({S.PRESCHOOL})),
    Form(
        "grundskola",
        "Förskoleklass, grundskola och fritidshem",
        frozenset({S.PRESCHOOL_CLASS, S.COMPULSORY, S.LEISURE_CENTRE, S.SPECIAL, S.SAMI}),
    ),
    Form("anpassad-grundskola", "Anpassad grundskola", frozenset({S.ADAPTED_COMPULSORY})),
    Form("gymnasieskola", "Gymnasieskola", frozenset({S.UPPER_SECONDARY})),
    Form(
        "anpassad-gymnasieskola", "Anpassad gymnasieskola", frozenset({S.ADAPTED_UPPER_SECONDARY})
    ),
    Form("komvux", "Kommunal vuxenutbildning", frozenset({S.ADULT})),
)
MAX_COMPARISONS = 8
CompareChart = Callable[[list[tuple[str, ResultRow]], str, int], ChartFile | None]  # see Inputs
StatusFor = Callable[[SchoolYear], Status]


def units_of(repo: Repository, form: Form, year: SchoolYear) -> list[tuple[str, Unit]]:
    """The units with a skolform of `form` that were active in the läsår."""
    found = []
    for unit_id in repo.unit_ids:
        unit = repo.unit(unit_id)
        if unit is not None and form.forms & set(unit.school_forms) and unit.active_in(year):
            found.append((unit_id, unit))
    return found


def forms_in(repo: Repository, year: SchoolYear) -> list[Form]:
    """The verksamhetsformer the läsår's huvudman report is published for: those its front
    matter names (skolformer:), with or without units in the repository, or else each of
    the huvudman's forms that has a unit."""
    report = repo.model(f"plans/{year.folder}/kvalitetsrapport.md", Report)
    scope = present(report.meta.school_forms, []) if report is not None else []
    if scope:
        return [f for f in FORMS if f.forms & set(scope)]
    organiser = repo.organiser
    own = set(present(organiser.school_forms, [])) if organiser else set()
    return [f for f in FORMS if f.forms & own and units_of(repo, f, year)]


def organiser_report(
    repo: Repository,
    form: Form,
    year: SchoolYear,
    threshold: int,
    compare: CompareChart,
    status_for: StatusFor,
    results: Analysis | None = None,
) -> Prepared | None:
    path = f"plans/{year.folder}/kvalitetsrapport.md"
    report = repo.model(path, Report)
    organiser = repo.organiser
    if report is None or organiser is None:
        return None
    units = units_of(repo, form, year)
    sources = [path, "plans/huvudman.yaml"] + [f"units/{u}/enhet.yaml" for u, _ in units]
    comparisons, charts = _comparisons(repo, units, year, threshold, compare, sources)
    status = status_for(year)
    assets: dict[str, str | bytes] = {c.name: c.svg for c in charts}
    pictures: dict[tuple[str, str], str] = {}
    wanted = {"huvudman", *(u for u, _ in units)}
    context = {
        "dokument": {
            "titel": str(
                present(report.meta.title, None) or f"Huvudmannens kvalitetsrapport {year}"
            ),
            "undertitel": form.title,
            "läsår": str(year),
            "datum": md.date(report.meta.date),
            "status": report.meta.status.value,
        },
        "huvudman": {"namn": md.escape(organiser.name), "organ": md.escape(organiser.organ)},
        "verksamhetsform": form.title,
        "enheter": [{"id": u, "namn": md.escape(unit.name)} for u, unit in units],
        "rapport": {
            "ansvarig": md.escape(report.meta.responsible),
            "avsnitt": sections(repo, path, report, assets, pictures),
            "nyckeltal": key_figures(report),
        },
        "jämförelser": comparisons,
        "diagram": [{"fil": c.name, "titel": c.title, "alt": c.alt} for c in charts],
        "gräns": threshold,
        "teman": _themes(repo, units, year, sources),
        "status": _status_table(status, wanted, year),
        "insatser": _initiatives(repo, organiser, form, units, year, sources),
        "flaggor": _flags(results, units),
        "nämndmål": _board_goals(repo, organiser, sources),
        "dialoger": dialog_records(repo, year, {u for u, _ in units}, sources),
    }
    context["underlag"] = provenance(repo.root, sources, organiser)
    return Prepared(context, sorted(set(sources)), assets, pictures)


def _board_goals(repo: Repository, organiser: Organiser, sources: list[str]) -> list[Any]:
    goals = repo.board_goals
    if goals is None:
        return []
    sources.append("plans/mal.yaml")
    return goal_follow_up(organiser, goals)


def _flags(results: Analysis | None, units: list[tuple[str, Unit]]) -> str:
    """The units' flagged results (see ska resultat) as one table, or nothing."""
    names = {u: unit.name for u, unit in units}
    rows = [
        [md.cell(names[f.unit]), str(f.kind), md.cell(f.text)]
        for f in (results.flags if results else ())
        if f.unit in names
    ]
    return md.table(["Enhet", "Flagga", "Vad"], rows, "lll", widths=(24, 16, 60)) if rows else ""


def _comparisons(
    repo: Repository,
    units: list[tuple[str, Unit]],
    year: SchoolYear,
    threshold: int,
    compare: CompareChart,
    sources: list[str],
) -> tuple[list[dict[str, Any]], list[ChartFile]]:
    """Measures reported by two or more units for the same term and group, side by side."""
    by_key: dict[tuple[str, str, str], list[tuple[str, ResultRow, bool]]] = defaultdict(list)
    for unit_id, unit in units:
        prefix = f"units/{unit_id}/{year.folder}/resultat/"
        for path in sorted(p for p in repo.files if p.startswith(prefix)):
            table = repo.model(path, Table)
            if table is None:
                continue
            sources.append(path)
            hidden = suppressed(table.rows, threshold)
            for index, row in enumerate(table.rows):
                if row.gender is Gender.ALL:
                    key = (measure_label(row), term_label(row), row.group)
                    by_key[key].append((unit.name, row, index in hidden))
    shared = sorted(
        ((k, v) for k, v in by_key.items() if len(v) >= 2),
        key=lambda kv: (-len(kv[1]), kv[0]),
    )[:MAX_COMPARISONS]
    comparisons: list[dict[str, Any]] = []
    charts: list[ChartFile] = []
    for (measure, term, group), entries in shared:
        rows = [
            [md.cell(name), HIDDEN if hidden else shown_value(row), md.number(row.total)]
            for name, row, hidden in entries
        ]
        comparisons.append(
            {
                "titel": md.escape(f"{measure}, {group}, {term}"),
                "markdown": md.table(["Enhet", "Resultat", "Antal"], rows, "lrr", (60, 20, 20)),
            }
        )
        shown = [(name, row) for name, row, hidden in entries if not hidden]
        chart = compare(shown, measure, threshold) if len(shown) >= 2 else None
        if chart is not None:
            name = f"jamforelse-{len(charts) + 1}.svg"
            charts.append(ChartFile(name, chart.svg, chart.title, chart.alt))
    return comparisons, charts


def _themes(
    repo: Repository, units: list[tuple[str, Unit]], year: SchoolYear, sources: list[str]
) -> list[dict[str, Any]]:
    """The units' development areas grouped by curriculum goal area, most shared first."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for unit_id, unit in units:
        path = f"units/{unit_id}/{year.folder}/kvalitetsrapport.md"
        report = repo.model(path, Report)
        if report is None:
            continue
        sources.append(path)
        for area in report.meta.development_areas:
            labels = [area_heading(g, unit.school_forms) for g in area.goal_areas] or [
                "Lokala områden"
            ]
            for label in labels:
                groups[label].append(
                    {"enhet": md.escape(unit.name), "text": md.escape(area.description)}
                )
    return [
        {"målområde": label, "antal": len({i["enhet"] for i in items}), "områden": items}
        for label, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def _status_table(status: Status, rows: set[str], year: SchoolYear) -> dict[str, Any]:
    groups = status.groups
    return {
        "rubriker": [g.label for g in groups],
        "rader": [
            {
                "namn": md.cell(r.name),
                "celler": [str(r.cells[g]) for g in groups],
                "fel": r.errors,
                "varningar": r.warnings,
            }
            for r in status.rows
            if r.id in rows
        ],
        # After the läsår the matrix no longer changes with the date, so neither does the text.
        "bedömt": (
            "efter läsårets slut"
            if dt.date.fromisoformat(status.today) > year.last_day
            else md.date(dt.date.fromisoformat(status.today))
        ),
    }


def _initiatives(
    repo: Repository,
    organiser: Organiser,
    form: Form,
    units: list[tuple[str, Unit]],
    year: SchoolYear,
    sources: list[str],
) -> list[dict[str, str]]:
    """Every insats for this verksamhetsform, of the huvudman and of its units, that ran
    during the läsår (a unit's own insats counts for the unit's forms)."""
    roles = {r.id: r.name for r in organiser.roles}
    names = {u: unit.name for u, unit in units}
    found = []
    for ins_id, paths in sorted(repo.initiative_files.items()):
        for path in paths:
            located = repo.files[path]
            if located.unit is not None and located.unit not in names:
                continue
            ins = repo.model(path, Initiative)
            if ins is None or not ({"alla"} | {f.value for f in form.forms}) & set(ins.forms):
                continue
            if not ins.period.overlaps(year):
                continue
            sources.append(path)
            entries = ins.follow_up.entries if ins.follow_up else []
            latest = max(entries, key=lambda e: e.date) if entries else None
            found.append(
                {
                    "id": ins_id,
                    "titel": md.cell(ins.title),
                    "nivå": md.cell(names[located.unit]) if located.unit else "Huvudman",
                    "ansvarig": md.cell(roles.get(ins.responsible, ins.responsible)),
                    "period": f"{ins.period.start}–{ins.period.end or ''}",
                    "status": ins.status.value,
                    "uppföljd": md.date(latest.date) if latest else "–",
                }
            )
    return found
