"""From models to the data a report template sees (Swedish keys, plain values).

Each builder returns a `Prepared`: the context, the repository files it was built
from (for provenance and for knowing when to rebuild) and the files the document
needs beside it (charts). Nothing here renders; it only reads and arranges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ska import markdown as md
from ska.load import links
from ska.load.repository import Repository
from ska.markdown import UserMarkdown
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm, area_heading, judged_on
from ska.model.gaps import present
from ska.model.initiative import Initiative
from ska.model.report import SECTIONS, KeyFigure, Report
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan, Unit
from ska.render.convert import ConversionError, rasterise_svg
from ska.render.dialogs import dialog_records
from ska.render.provenance import provenance
from ska.render.self_check import self_check_summary
from ska.results.analysis import Analysis
from ska.results.published import Published, PublishedRow, published
from ska.results.tables import ResultTable, pivot_table, result_table, table_title
from ska.results.teams import team_results
from ska.results.view import unit_sections
from ska.suppression import HIDDEN

# (published rows per läsår, threshold) → charts as (file name, svg, caption, alt text)
ChartMaker = Callable[[Mapping[str, Sequence[PublishedRow]], int], list["ChartFile"]]


@dataclass(frozen=True)
class ChartFile:
    name: str
    svg: str
    title: str
    alt: str
    png: bytes = b""  # the same chart for Word, named like the SVG with .png

    def files(self) -> dict[str, str | bytes]:
        """The chart's files beside the document: the SVG, and the PNG when there is one."""
        found: dict[str, str | bytes] = {self.name: self.svg}
        if self.png:
            found[png_name(self.name)] = self.png
        return found


# (file name, svg, title, alt) → the picture with its PNG copy for Word (see Inputs.picture)
PictureMaker = Callable[[str, str, str, str], ChartFile]


def plain_picture(name: str, svg: str, title: str, alt: str) -> ChartFile:
    """A hand-drawn picture without a PNG: Word's copy is then drawn when Word's file is
    written (see ska.render.convert.for_word)."""
    return ChartFile(name, svg, title, alt)


def png_name(name: str) -> str:
    return name.removesuffix(".svg") + ".png"


@dataclass
class Prepared:
    context: dict[str, Any]
    sources: list[str]
    assets: dict[str, str | bytes] = field(default_factory=dict)  # file name → content
    # (source file, picture target as written) → the asset it is published as
    pictures: dict[tuple[str, str], str] = field(default_factory=dict)


def _initiative(repo: Repository, initiative_id: str) -> tuple[str | None, Initiative | None]:
    paths = repo.initiative_files.get(initiative_id, [])
    if not paths:
        return None, None
    return paths[0], repo.model(paths[0], Initiative)


def user_markdown(
    repo: Repository,
    path: str,
    parts: Sequence[tuple[str, int]],
    assets: dict[str, str | bytes],
    pictures: dict[tuple[str, str], str],
) -> list[UserMarkdown]:
    """People's Markdown (text, first line) from the file at `path`, to be read by pandoc
    when the document is written. Each picture it may show (a picture file inside the
    repository, see ska.load.links) is copied into `assets` under a new flat name, and
    an SVG is made a PNG first; any other picture becomes its alt text."""
    texts = [links.user_text(text) for text, _ in parts]
    for refs in links.references(texts):
        for kind, target, _ in refs:
            if kind != "bild" or (path, target) in pictures:
                continue
            picture = links.judge_image(repo.root, path, target)
            if not isinstance(picture, links.Picture):
                continue
            data, suffix = picture.data, picture.suffix
            if suffix == ".svg":
                try:
                    data, suffix = rasterise_svg(data), ".png"
                except ConversionError:
                    continue
            name = f"bild-{len(pictures) + 1}{suffix}"
            assets[name] = data
            pictures[(path, target)] = name
    return [UserMarkdown(text, path, line) for text, line in parts]


def sections(
    repo: Repository,
    path: str,
    report: Report,
    assets: dict[str, str | bytes],
    pictures: dict[tuple[str, str], str],
) -> list[dict[str, Any]]:
    """The rektor's sections in their order, each a piece of Markdown placed into the
    document as pandoc reads it (headings one level up)."""
    chosen = [s for s in report.sections if s.text.strip()]
    texts = user_markdown(repo, path, [(s.text, s.line + 1) for s in chosen], assets, pictures)
    placed: set[str] = set()
    found = []
    for section, text in zip(chosen, texts, strict=True):
        # What ska adds to a part (results' tables, the analysis' flags …) follows the
        # first heading of that part, when several headings feed it.
        key = section.key if section.key and section.key not in placed else ""
        placed.add(key)
        found.append({"nyckel": key, "rubrik": section.heading, "text": text})
    return found


def key_figures(report: Report, threshold: int, protect_all: bool = False) -> md.Markdown:
    """The report's nyckeltal as a Markdown table, or '' when it has none. They are
    structure (enrolled children, staff, groups), shown as they are, except where the
    kommun protects them (a figure marked `skyddas`, or every count with
    `skydda_nyckeltal`): a count from 1 to threshold − 1 is then shown as '..', like a
    result of a small group."""
    figures = report.meta.key_figures
    if not figures:
        return md.Markdown("")
    rows = []
    for figure in figures:
        value = ""
        if figure.value is not None and _hidden(figure, threshold, protect_all):
            value = HIDDEN
        elif figure.value is not None:
            whole = float(figure.value).is_integer()
            decimals = len(repr(figure.value).split(".")[1]) if not whole else 0
            value = md.number(int(figure.value) if whole else figure.value, min(decimals, 2))
        if figure.unit:
            value = f"{value} {figure.unit}".strip()
        when = md.date(figure.date) if figure.date else (figure.period or "")
        said = [t for t in (figure.change, figure.comparison) if t]
        rows.append([figure.name, value or "–", when or "–", "; ".join(said) or "–"])
    header = ["Nyckeltal", "Värde", "Avser", "Förändring och jämförelse"]
    return md.table(header, rows, "lrll")


def _hidden(figure: KeyFigure, threshold: int, protect_all: bool) -> bool:
    """Whether a protected nyckeltal is a small count (a whole number 1 … threshold − 1)."""
    value = figure.value
    if value is None or not (figure.protected or protect_all):
        return False
    return float(value).is_integer() and 0 < value < threshold


def _participation(report: Report, forms: Sequence[SchoolForm]) -> list[dict[str, str]]:
    part = report.meta.participation
    who = [("Personal", part.staff), ("Elever", part.pupils)]
    who += [("Barn", part.children), ("Vårdnadshavare", part.guardians)]
    return [{"vem": name, "text": md.escape(text)} for name, text in who if text]


def _goal_names(repo: Repository) -> dict[str, str]:
    goals = repo.board_goals
    return {g.id: g.name for g in goals.goals} if goals else {}


def _effect_chain(
    plan: DevelopmentPlan,
    forms: Sequence[SchoolForm],
    goal_names: dict[str, str] | None = None,
    year: SchoolYear | None = None,
) -> list[dict[str, Any]]:
    """The plan's prioritised areas with their åtaganden, activities and follow-ups, and
    the nämndens mål (by name) each area serves; headings from the curriculum of the
    plan's läsår."""
    day = judged_on(year) if year is not None else None
    names = goal_names or {}
    follow_ups: dict[str, list[dict[str, Any]]] = {}
    for item in plan.follow_ups:
        follow_ups.setdefault(item.commitment, []).append(
            {"datum": md.date(item.date), "text": md.escape(item.text), "brist": item.deficiency}
        )
    return [
        {
            "målområde": area_heading(area.goal_area, forms, day),
            "motivering": md.escape(area.reason),
            "nämndmål": [md.escape(names.get(g, g)) for g in area.board_goals],
            "åtaganden": [
                {
                    "id": c.id,
                    "beskrivning": md.escape(c.description),
                    "tänkta_effekter": [md.escape(e) for e in c.intended_effects],
                    "aktiviteter": [
                        {
                            "beskrivning": md.cell(a.description),
                            "förväntat_resultat": md.cell(a.expected_result),
                            "ansvarig": md.cell(a.responsible or "–"),
                            "när": md.cell(a.when or "–"),
                        }
                        for a in c.activities
                    ],
                    "uppföljningar": follow_ups.get(c.id, []),
                }
                for c in area.commitments
            ],
        }
        for area in plan.priorities
    ]


def team_assignments(plan: DevelopmentPlan) -> str:
    """The plan's teamuppdrag as a table: arbetslag, uppdrag, the åtaganden it serves (by
    description), the results the team analyses and when it is checked; empty if none."""
    if not plan.team_assignments:
        return ""
    described = {c.id: c.description for area in plan.priorities for c in area.commitments}
    rows = [
        [
            md.cell(team.team),
            md.cell(team.assignment),
            md.cell("; ".join(described.get(c, c) for c in team.commitments) or "–"),
            md.cell("; ".join(team.results) or "–"),
            md.cell(team.check_in or "–"),
        ]
        for team in plan.team_assignments
    ]
    return md.table(
        ["Arbetslag", "Uppdrag", "Bidrar till åtagandet", "Följer upp", "Avstämning"],
        rows,
        "lllll",
        (14, 34, 26, 26, 14),
    )


def team_results_tables(
    plan: DevelopmentPlan, publication: Published, year: SchoolYear
) -> list[dict[str, Any]]:
    """The läsår's results per arbetslag: for each teamuppdrag that names its groups, a
    table of their results for flickor, pojkar and alla (hidden values as in the unit's
    other tables, see ska.results.teams), and the groups no result file has."""
    found = []
    for item in team_results(plan, publication, year):
        table = result_table(item.team.team, item.rows) if item.rows else None
        found.append(
            {
                "arbetslag": md.escape(item.team.team),
                "grupper": [md.escape(g) for g in item.team.groups],
                "följer_upp": [md.escape(r) for r in item.team.results],
                "markdown": table.markdown if table else "",
                "dolda": item.hidden,
                "saknas": [md.escape(g) for g in item.unmatched],
            }
        )
    return found


def unit_report(
    repo: Repository,
    unit_id: str,
    year: SchoolYear,
    threshold: int,
    charts: ChartMaker,
    results: Analysis | None = None,
    protect_figures: bool = False,
) -> Prepared | None:
    """The unit's kvalitetsrapport for the läsår, or None if it has none (or it is broken).
    `protect_figures`: ska.yaml's skydda_nyckeltal."""
    report_path = K.UNIT_REPORT.path(unit=unit_id, year=year)
    unit = repo.unit(unit_id)
    report = repo.model(report_path, Report)
    if unit is None or report is None:
        return None
    sources = [K.UNIT.path(unit=unit_id), report_path, K.ORGANISER.pattern]
    forms = unit.school_forms
    organiser = repo.organiser

    areas = []
    for area in report.meta.development_areas:
        linked = []
        for ins_id in area.initiatives:
            path, ins = _initiative(repo, ins_id)
            if path:
                sources.append(path)
            linked.append({"id": ins_id, "titel": md.escape(ins.title) if ins else ins_id})
        areas.append(
            {
                "id": area.id,
                "beskrivning": md.escape(area.description),
                "varför": md.escape(area.why),
                "målområden": [area_heading(g, forms, judged_on(year)) for g in area.goal_areas],
                "insatser": linked,
            }
        )

    earlier = []
    previous_path = K.UNIT_REPORT.path(unit=unit_id, year=year.previous())
    previous = repo.model(previous_path, Report)
    if report.meta.earlier_areas and previous is not None:
        sources.append(previous_path)
    described = {a.id: a.description for a in previous.meta.development_areas} if previous else {}
    for item in report.meta.earlier_areas:
        earlier.append(
            {
                "id": item.id,
                "beskrivning": md.escape(described.get(item.id, item.id)),
                "bedömning": md.escape(item.assessment),
            }
        )

    # One decision over all of the unit's results (see ska.results.published): every
    # result file of the unit is a source, since any of them can hide a value here.
    publication = published(repo, unit_id, threshold)
    sources += dict.fromkeys(r.path for r in publication.rows)
    tables: list[ResultTable] = []
    overviews: list[ResultTable] = []
    rows_by_year: dict[str, list[PublishedRow]] = {}
    for y in (year.previous().previous(), year.previous(), year):
        if y == year:
            for path in publication.paths(y):
                stem = path.rsplit("/", 1)[1].removesuffix(".csv")
                entries = publication.of_file(path)
                title = table_title(stem, [e.row for e in entries])
                tables.append(result_table(title, entries))
                overviews.append(pivot_table(title, entries))
        if year_rows := publication.of_year(y):
            rows_by_year[str(y)] = year_rows
    drawn = charts(rows_by_year, threshold) if rows_by_year else []

    plan_path = K.DEVELOPMENT_PLAN.path(unit=unit_id, year=year)
    plan = repo.model(plan_path, DevelopmentPlan)
    if plan is not None:
        sources.append(plan_path)
        if repo.board_goals is not None:
            sources.append(K.BOARD_GOALS.pattern)

    assets: dict[str, str | bytes] = {k: v for c in drawn for k, v in c.files().items()}
    pictures: dict[tuple[str, str], str] = {}
    context = {
        "dokument": {
            "titel": str(present(report.meta.title, None) or f"Kvalitetsrapport {year}"),
            "undertitel": unit.name,
            "läsår": str(year),
            "datum": md.date(report.meta.date),
            "status": report.meta.status.value,
        },
        "huvudman": _organiser_facts(repo),
        "enhet": _unit_facts(unit_id, unit, report.meta.date),
        "rapport": {
            "ansvarig": md.escape(report.meta.responsible),
            "avsnitt": sections(repo, report_path, report, assets, pictures),
            "nyckeltal": key_figures(report, threshold, protect_figures),
            "delaktighet": _participation(report, forms),
            "utvecklingsområden": areas,
            "tidigare": earlier,
        },
        "resultat": {
            "tabeller": [{"titel": t.title, "markdown": t.markdown} for t in tables],
            "översikter": [{"titel": t.title, "markdown": t.markdown} for t in overviews],
            "dolda": sum(t.hidden for t in tables),
            "dolda_i_översikter": sum(t.hidden for t in overviews),
            "gräns": threshold,
            "diagram": [{"fil": c.name, "titel": c.title, "alt": c.alt} for c in drawn],
        },
        "analys": _analysis(repo, unit_id, results, sources),
        "plan": (
            {
                "ansvarig": md.escape(plan.responsible),
                "områden": _effect_chain(plan, forms, _goal_names(repo), year),
                "teamuppdrag": team_assignments(plan),
                "arbetslagsresultat": team_results_tables(plan, publication, year),
            }
            if plan
            else None
        ),
        "dialoger": dialog_records(repo, year, {unit_id}, sources),
        "egenkontroll": self_check_summary(repo, unit_id, year, sources),
    }
    context["underlag"] = provenance(repo, sources, organiser)
    return Prepared(context, sorted(set(sources)), assets, pictures)


def _analysis(
    repo: Repository, unit_id: str, results: Analysis | None, sources: list[str]
) -> dict[str, Any]:
    """The unit's flags with their analysis questions, and its comparisons, gaps and
    cohorts as tables (hidden figures are `..`, see ska.results)."""
    if results is None:
        return {"flaggor": [], "tabeller": [], "dolda": False}
    sources += [p for p, loc in repo.files.items() if loc.kind is K.REFERENCES]
    names = {u: (m.name if (m := repo.unit(u)) else u) for u in repo.unit_ids}
    sections = [s for s in unit_sections(results, unit_id, names) if s.rows]
    flags = [
        {
            "flagga": str(f.kind),
            "text": md.escape(f.text),
            "frågor": [md.escape(q) for q in f.questions],
        }
        for f in results.flags
        if f.unit == unit_id
    ]
    tables = []
    for section in sections:
        rows = [row for row in section.rows if _says_something(row)]
        note = section.note
        if len(rows) < len(section.rows):
            left_out = len(section.rows) - len(rows)
            note = (
                f"{_count_sv(left_out, 'rad', 'rader')} utan något värde att visa (gruppen är "
                "för liten eller jämförelsevärdet saknas) är utelämnade."
                + (f" {note}" if note and rows else "")
            )
        tables.append(
            {
                "titel": section.title,
                "markdown": md.table(
                    section.header,
                    [[md.cell(c) for c in row] for row in rows],
                    "ll" + "r" * (len(section.header) - 2),
                    widths=section.widths,
                )
                if rows
                else "",
                "not": note,
            }
        )
    hidden = any(HIDDEN in row for s in sections for row in s.rows)
    return {"flaggor": flags, "tabeller": tables, "dolda": hidden}


def _says_something(row: Sequence[str]) -> bool:
    """A row of figures shows something when a figure after its three labels (measure,
    group, term) has a digit; a row of nothing but `..` and `–` is left out."""
    figures = row[3:]
    return not figures or any(any(c.isdigit() for c in cell) for cell in figures)


def _count_sv(count: int, one: str, many: str) -> str:
    words = ("Ingen", "En", "Två", "Tre", "Fyra", "Fem", "Sex", "Sju", "Åtta", "Nio", "Tio")
    return f"{words[count] if count < len(words) else count} {one if count == 1 else many}"


def _organiser_facts(repo: Repository) -> dict[str, str]:
    org = repo.organiser
    if org is None:
        return {"namn": "", "organ": "", "förvaltning": ""}
    return {
        "namn": md.escape(org.name),
        "organ": md.escape(org.organ),
        "förvaltning": md.escape(org.administration or ""),
    }


def _unit_facts(unit_id: str, unit: Unit, day: dt.date) -> dict[str, Any]:
    """The unit as a document dated `day` shows it: with the rektor in office that day."""
    on_day = unit.principals_on(day) if isinstance(day, dt.date) else []
    principals = on_day or [str(unit.current_principal)]
    return {
        "id": unit_id,
        "namn": md.escape(unit.name),
        "typ": unit.kind.value,
        "skolformer": [f.label.lower() for f in unit.school_forms],
        "årskurser": md.escape(unit.grades or ""),
        "rektor": md.escape(" och ".join(str(p) for p in principals)),
        "skolenhetskod": unit.code or "",
    }


SECTION_HEADINGS = {s.key: s.heading for s in SECTIONS}
