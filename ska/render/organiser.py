"""The huvudman's kvalitetsrapport for one verksamhetsform, compiled from every unit.

The huvudman's own text (follow-up, analysis, complaints) is shared by all forms; then
come the units' results side by side (likvärdighet), the themes their development
areas share, the completeness matrix, every insats with its status – Vaggeryd's
"sammanställning" – and the external reviews that concern the läsår, with their brister.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm, area_heading, judged_on
from ska.model.gaps import present
from ska.model.organiser import Organiser
from ska.model.report import Report
from ska.model.results import Gender
from ska.model.types import SchoolYear
from ska.model.unit import Unit
from ska.render.context import (
    ChartFile,
    PictureMaker,
    Prepared,
    key_figures,
    plain_picture,
    sections,
)
from ska.render.dialogs import dialog_records
from ska.render.goal_map_picture import figures, goal_map_pictures
from ska.render.goals import goal_chain, goal_follow_up, goal_map_table
from ska.render.initiatives import initiative_entries, summary_row
from ska.render.internal_control import MatrixMaker, internal_control, kaa_figures, plain_matrix
from ska.render.provenance import provenance
from ska.render.reviews import Scope, review_history
from ska.render.self_check import self_check_overview
from ska.results.analysis import Analysis
from ska.results.published import PublishedRow, published
from ska.results.tables import measure_label, shown_value, term_label
from ska.status.matrix import Status
from ska.suppression import HIDDEN

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
CompareChart = Callable[[list[tuple[str, PublishedRow]], str, int], ChartFile | None]  # see Inputs
StatusFor = Callable[[SchoolYear], Status]


def units_of(repo: Repository, form: Form, year: SchoolYear) -> list[tuple[str, Unit]]:
    """The units with a skolform of `form` that were active in the läsår."""
    found = []
    for unit_id in repo.unit_ids:
        unit = repo.unit(unit_id)
        if unit is not None and form.forms & set(unit.school_forms) and unit.active_in(year):
            found.append((unit_id, unit))
    return found


def publications(repo: Repository, year: SchoolYear) -> list[tuple[str, Form]]:
    """Which of the huvudman's reports for a läsår is published under which
    verksamhetsform. A report whose front matter names skolformer (skolformer:) is
    published under those forms, with or without units in the repository; one that names
    none under each of the huvudman's forms that has a unit and no report of its own.
    A text is never published under a form it does not cover."""
    scoped: list[tuple[str, Form]] = []
    whole: list[str] = []
    for path in repo.organiser_reports(year):
        report = repo.model(path, Report)
        scope = set(present(report.meta.school_forms, [])) if report is not None else set()
        if scope:
            scoped += [(path, f) for f in FORMS if f.forms & scope]
        else:
            whole.append(path)
    covered = {f.id for _, f in scoped}
    organiser = repo.organiser
    own = set(present(organiser.school_forms, [])) if organiser else set()
    rest = [f for f in FORMS if f.id not in covered and f.forms & own and units_of(repo, f, year)]
    return scoped + [(path, f) for path in whole for f in rest]


def forms_in(repo: Repository, year: SchoolYear) -> list[Form]:
    """The verksamhetsformer the läsår's huvudman reports are published for."""
    found = {f.id for _, f in publications(repo, year)}
    return [f for f in FORMS if f.id in found]


def organiser_report(
    repo: Repository,
    path: str,
    form: Form,
    year: SchoolYear,
    threshold: int,
    compare: CompareChart,
    status_for: StatusFor,
    results: Analysis | None = None,
    matrix: MatrixMaker = plain_matrix,
    picture: PictureMaker = plain_picture,
    protect_figures: bool = False,
) -> Prepared | None:
    """One of the huvudman's reports (the file at `path`) for one verksamhetsform. A
    report per calendar year shows the läsår that ended in that year."""
    report = repo.model(path, Report)
    calendar = repo.files[path].calendar_year if path in repo.files else None
    organiser = repo.organiser
    if report is None or organiser is None:
        return None
    units = units_of(repo, form, year)
    sources = [path, K.ORGANISER.pattern] + [K.UNIT.path(unit=u) for u, _ in units]
    comparisons, charts = _comparisons(repo, units, year, threshold, compare, sources)
    status = status_for(year)
    assets: dict[str, str | bytes] = {k: v for c in charts for k, v in c.files().items()}
    pictures: dict[tuple[str, str], str] = {}
    wanted = {"huvudman", *(u for u, _ in units)}
    # The åtgärder's state is judged on the report's date, else at the end of the läsår.
    on = report.meta.date if isinstance(report.meta.date, dt.date) else year.last_day
    controls, matrices = internal_control(repo, organiser, year, on, sources, matrix)
    assets |= {k: v for m in matrices for k, v in m.files().items()}
    goal_table, goal_pictures = _goal_map(
        repo, organiser, year, {u for u, _ in units}, sources, picture
    )
    assets |= {k: v for p in goal_pictures for k, v in p.files().items()}
    context = {
        "dokument": {
            "titel": str(
                present(report.meta.title, None)
                or f"Huvudmannens kvalitetsrapport {calendar or year}"
            ),
            "undertitel": form.title,
            "läsår": str(year),
            "kalenderår": calendar,
            "datum": md.date(report.meta.date),
            "status": report.meta.status.value,
        },
        "huvudman": {"namn": md.escape(organiser.name), "organ": md.escape(organiser.organ)},
        "verksamhetsform": form.title,
        "enheter": [{"id": u, "namn": md.escape(unit.name)} for u, unit in units],
        "rapport": {
            "ansvarig": md.escape(report.meta.responsible),
            "avsnitt": _form_sections(repo, path, report, form, assets, pictures),
            "nyckeltal": key_figures(report, threshold, protect_figures),
        },
        "jämförelser": comparisons,
        "diagram": [{"fil": c.name, "titel": c.title, "alt": c.alt} for c in charts],
        "gräns": threshold,
        "teman": _themes(repo, units, year, sources),
        "status": _status_table(status, wanted, year),
        "insatser": _initiatives(repo, organiser, form, units, year, sources),
        "flaggor": _flags(results, units),
        "nämndmål": _board_goals(repo, organiser, sources, assets),
        "målkarta": goal_table,
        "målkarta_bilder": figures(goal_pictures),
        "egenkontroller": self_check_overview(
            repo, [(u, str(unit.name)) for u, unit in units], year, sources
        ),
        "dialoger": dialog_records(repo, year, {u for u, _ in units}, sources),
        "granskningar": review_history(repo, year, _scope(form, units), sources),
        "internkontroll": controls,
        "kaa": (
            kaa_figures(repo, organiser, year, threshold, sources)
            if _reports_kaa(repo, form, year)
            else {}
        ),
    }
    context["underlag"] = provenance(repo, sources, organiser)
    return Prepared(context, sorted(set(sources)), assets, pictures)


def _scope(form: Form, units: list[tuple[str, Unit]]) -> Scope:
    """What the report covers, for the reviews' brister: the form's skolformer (a
    fritidshem brist belongs with grundskolan's report) and its units."""
    return Scope(frozenset(f.value for f in form.forms), {u: unit.name for u, unit in units})


# The verksamhetsformer whose report carries the KAA figures: the aktivitetsansvar is
# for young people who have left compulsory school and are not in gymnasieskolan.
KAA_FORMS = frozenset({"gymnasieskola", "anpassad-gymnasieskola", "komvux"})


def _reports_kaa(repo: Repository, form: Form, year: SchoolYear) -> bool:
    """Whether this form's report shows the KAA figures: the gymnasieskola and komvux
    reports, or every report when the läsår has neither."""
    if form.id in KAA_FORMS:
        return True
    return not any(f.id in KAA_FORMS for f in forms_in(repo, year))


# What a paragraph may start with to say which verksamhetsform it is about, besides the
# forms' own titles.
FORM_NAMES = {
    "forskola": ("förskola", "förskolan", "förskolor", "förskolorna"),
    "grundskola": (
        "grundskola",
        "grundskolan",
        "förskoleklass och grundskola",
        "grundskola och fritidshem",
        "förskoleklass, grundskola och fritidshem",
    ),
    "anpassad-grundskola": ("anpassad grundskola", "anpassade grundskolan"),
    "gymnasieskola": ("gymnasieskola", "gymnasieskolan"),
    "anpassad-gymnasieskola": ("anpassad gymnasieskola", "anpassade gymnasieskolan"),
    "komvux": ("komvux", "vuxenutbildning", "vuxenutbildningen", "kommunal vuxenutbildning"),
}
_LABEL = re.compile(r"^\*\*([^*]+?)[.:]?\*\*")


def _form_of(paragraph: str) -> str | None:
    """The verksamhetsform a paragraph opens with in bold (`**Förskola.** …`), if any."""
    found = _LABEL.match(paragraph.lstrip())
    if not found:
        return None
    label = " ".join(found[1].split()).casefold().rstrip(".:")
    for form in FORMS:
        if label == form.title.casefold() or label in FORM_NAMES.get(form.id, ()):
            return form.id
    return None


def for_form(text: str, form: Form) -> tuple[str, bool]:
    """A section's text for one verksamhetsform, and whether it is shared by all.

    A paragraph that opens with a form's name in bold (`**Förskola.**`) starts that
    form's part, which runs to the next such paragraph; what comes before the first is
    shared. Another form's parts become blank lines, so every line keeps its number."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    current: str | None = None
    shared = True
    out = []
    for part in parts:
        if part.strip():
            named = _form_of(part)
            if named is not None:
                current, shared = named, False
            if current not in (None, form.id):
                part = "\n" * part.count("\n")
        out.append(part)
    return "".join(out), shared


def _form_sections(
    repo: Repository,
    path: str,
    report: Report,
    form: Form,
    assets: dict[str, str | bytes],
    pictures: dict[tuple[str, str], str],
) -> list[dict[str, Any]]:
    """The huvudman's sections for one verksamhetsform: the shared text and this form's
    parts; when the report has parts per form, a section without any is marked as
    shared by all."""
    chosen = [(s, *for_form(s.text, form)) for s in report.sections]
    kept = [(s, text, shared) for s, text, shared in chosen if text.strip()]
    narrowed = replace(report, sections=tuple(replace(s, text=text) for s, text, _ in kept))
    found = sections(repo, path, narrowed, assets, pictures)
    by_form = any(not shared for _, _, shared in chosen)  # else every section is shared
    shared_by_heading = {s.heading: shared and by_form for s, _, shared in kept}
    return [{**item, "gemensamt": shared_by_heading.get(item["rubrik"], False)} for item in found]


def _board_goals(
    repo: Repository, organiser: Organiser, sources: list[str], assets: dict[str, str | bytes]
) -> list[Any]:
    """Each nämndmål with its indikator table and a chart per indikator with outcomes."""
    goals = repo.board_goals
    if goals is None:
        return []
    from ska.render.goal_charts import indicator_charts  # matplotlib loads only to draw

    sources.append(K.BOARD_GOALS.pattern)
    followed = goal_follow_up(organiser, goals)
    for item, goal in zip(followed, goals.goals, strict=True):
        charts = indicator_charts(goal.indicators)
        for chart in charts:
            assets |= chart.files()
        item["diagram"] = [{"fil": c.name, "titel": c.title, "alt": c.alt} for c in charts]
    return followed


def _goal_map(
    repo: Repository,
    organiser: Organiser,
    year: SchoolYear,
    units: set[str],
    sources: list[str],
    picture: PictureMaker,
) -> tuple[str, list[ChartFile]]:
    """The styrkedja of the läsår for this report's units: KF målområde → nämndens mål →
    the units' åtaganden → insatser, as in the plan, as a table and as pictures; nothing
    without nämndens mål."""
    goals = repo.board_goals
    if goals is None or not goals.goals:
        return "", []
    chain = goal_chain(repo, organiser, goals, year, sources, units=units)
    return goal_map_table(chain), goal_map_pictures(chain, picture)


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
    """Measures reported by two or more units for the same term and group, side by side;
    a value is hidden as the unit's own publication hides it (see ska.results.published)."""
    by_key: dict[tuple[str, str, str], list[tuple[str, PublishedRow]]] = defaultdict(list)
    for unit_id, unit in units:
        publication = published(repo, unit_id, threshold)
        sources += dict.fromkeys(r.path for r in publication.rows)
        for entry in publication.of_year(year):
            row = entry.row
            if row.gender is Gender.ALL:
                key = (measure_label(row), term_label(row), row.group)
                by_key[key].append((unit.name, entry))
    shared = sorted(
        ((k, v) for k, v in by_key.items() if len(v) >= 2),
        key=lambda kv: (-len(kv[1]), kv[0]),
    )[:MAX_COMPARISONS]
    comparisons: list[dict[str, Any]] = []
    charts: list[ChartFile] = []
    for (measure, term, group), entries in shared:
        rows = [
            [
                md.cell(name),
                HIDDEN if entry.hidden else shown_value(entry.row),
                md.number(entry.row.total),
            ]
            for name, entry in entries
        ]
        comparisons.append(
            {
                "titel": md.escape(f"{measure}, {group}, {term}"),
                "markdown": md.table(["Enhet", "Resultat", "Antal"], rows, "lrr", (60, 20, 20)),
            }
        )
        shown = sum(not entry.hidden for _, entry in entries)
        chart = compare(entries, measure, threshold) if shown >= 2 else None
        if chart is not None:
            name = f"jamforelse-{len(charts) + 1}.svg"
            charts.append(ChartFile(name, chart.svg, chart.title, chart.alt, chart.png))
    return comparisons, charts


def _themes(
    repo: Repository, units: list[tuple[str, Unit]], year: SchoolYear, sources: list[str]
) -> list[dict[str, Any]]:
    """The units' development areas grouped by curriculum goal area, most shared first."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for unit_id, unit in units:
        path = K.UNIT_REPORT.path(unit=unit_id, year=year)
        report = repo.model(path, Report)
        if report is None:
            continue
        sources.append(path)
        day = judged_on(year)
        for area in report.meta.development_areas:
            labels = [area_heading(g, unit.school_forms, day) for g in area.goal_areas] or [
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


STATUS_COLUMNS = 5  # units side by side in one completeness table; more go on in the next


def _status_table(status: Status, rows: set[str], year: SchoolYear) -> dict[str, Any]:
    """The completeness matrix turned on its side: one row per area of the law and the
    allmänna råd, one column per unit, so that a page holds it whatever the number of
    areas (fourteen columns of headings do not fit A4). More units than fit side by side
    continue in a second table."""
    groups = status.groups
    units = [r for r in status.rows if r.id in rows]
    tables = []
    for start in range(0, len(units), STATUS_COLUMNS):
        part = units[start : start + STATUS_COLUMNS]
        lines = [[g.label, *(str(r.cells[g]) for r in part)] for g in groups]
        lines.append(["Fel", *(md.number(r.errors) for r in part)])
        lines.append(["Varningar", *(md.number(r.warnings) for r in part)])
        share = (100 - 28) // max(len(part), 1)
        tables.append(
            md.table(
                ["Område", *(r.name for r in part)],
                lines,
                "l" + "c" * len(part),
                widths=(28, *(share,) * len(part)),
            )
        )
    return {
        "tabeller": tables,
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
    during the läsår (a unit's own insats counts for the unit's forms); the rows are
    those of the Sammanställning av insatser (ska.render.initiatives)."""
    roles = {r.id: r.name for r in organiser.roles}
    names = {u: unit.name for u, unit in units}
    wanted = {"alla"} | {f.value for f in form.forms}
    found = []
    for entry in initiative_entries(repo):
        if entry.unit is not None and entry.unit not in names:
            continue
        if not wanted & set(entry.model.forms) or not entry.model.period.overlaps(year):
            continue
        sources.append(entry.path)
        found.append(summary_row(entry, roles, names))
    return found
