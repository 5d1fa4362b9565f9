"""Which documents a repository has, and how each is prepared.

A unit's kvalitetsrapport per läsår, the huvudman's kvalitetsrapport per läsår and
verksamhetsform, the plan för systematiskt kvalitetsarbete and the Sammanställning av
insatser. Each is a `Job` with a
stable id, the folder it is built into, its template and a function that prepares it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ska.cache.inputs import Cached
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.gaps import Gap, Reason, is_gap, present
from ska.model.settings import Settings
from ska.model.types import SchoolYear
from ska.render import (
    context,
    development_plan,
    initiatives,
    organiser,
    plan,
    scorecard,
    year_wheel,
)
from ska.render.chartcache import ChartCache, row_material
from ska.render.context import ChartFile, Prepared
from ska.render.options import KINDS
from ska.results.analysis import Analysis, repository_analysis
from ska.results.published import PublishedRow
from ska.status.matrix import Status, build_status


@dataclass
class Inputs:
    """What every document's preparation shares during one build."""

    root: Path
    threshold: int
    today: dt.date
    charts: ChartCache
    statuses: dict[SchoolYear, Status] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    cache: Cached | None = None  # for the status matrix's validation
    repo: Repository | None = None  # the build's, shared with the status's validation

    def results(self, repo: Repository, year: SchoolYear) -> Analysis:
        """The analysis of every unit's results for a läsår, computed once per repository."""
        return repository_analysis(repo, self.settings, year)

    def unit_charts(
        self, rows: Mapping[str, Sequence[PublishedRow]], threshold: int
    ) -> list[ChartFile]:
        def draw() -> list[ChartFile]:
            from ska.render.charts import charts_for_unit  # matplotlib loads only to draw

            return [
                ChartFile(f"diagram-{i}.svg", c.svg, c.title, c.alt, c.png)
                for i, c in enumerate(charts_for_unit(rows, threshold), start=1)
            ]

        material = f"enhet {threshold} " + repr([(y, row_material(rows[y])) for y in sorted(rows)])
        return self.charts.remember(material, draw)

    def compared(
        self, values: list[tuple[str, PublishedRow]], measure: str, threshold: int
    ) -> ChartFile | None:
        def draw() -> list[ChartFile]:
            from ska.render.charts import units_compared

            chart = units_compared(values, measure, threshold)
            return [ChartFile("", chart.svg, chart.title, chart.alt, chart.png)] if chart else []

        names = [name for name, _ in values]
        material = f"jämför {threshold} {measure} {names} " + row_material(r for _, r in values)
        charts = self.charts.remember(material, draw)
        return charts[0] if charts else None

    def risk_matrix(self, name: str, svg: str, title: str, alt: str) -> ChartFile:
        """The risk matrix picture with its PNG copy for Word, drawn once per picture."""
        return self._drawn("riskmatris", name, svg, title, alt)

    def picture(self, name: str, svg: str, title: str, alt: str) -> ChartFile:
        """A hand-drawn picture (the målkarta) with its PNG copy for Word, drawn once."""
        return self._drawn("bild", name, svg, title, alt)

    def _drawn(self, what: str, name: str, svg: str, title: str, alt: str) -> ChartFile:
        def draw() -> list[ChartFile]:
            from ska.render.convert import ConversionError, rasterise_svg

            try:
                png = rasterise_svg(svg.encode("utf-8"))
            except ConversionError:  # Word's copy is then drawn when Word's file is written
                png = b""
            return [ChartFile(name, svg, title, alt, png)]

        return self.charts.remember(f"{what} {name} {title} {alt} {svg}", draw)[0]

    def status(self, year: SchoolYear) -> Status:
        """The completeness matrix for a läsår, computed once per build."""
        if year not in self.statuses:
            from ska.validate.run import validate_repository

            result = validate_repository(
                self.root,
                None,
                year,
                self.today,
                build_output=False,
                cache=self.cache,
                repo=self.repo,
            )
            self.statuses[year] = build_status(result)
        return self.statuses[year]


@dataclass(frozen=True)
class Job:
    id: str  # e.g. 2025-26/åsenskolan/kvalitetsrapport
    title: str  # for messages and the site index
    kind: str  # enhetsrapport, huvudmannarapport, plan
    source: str  # the main source file, where findings point
    folder: str  # inside the build folder
    stem: str
    template: str
    prepare: Callable[[Inputs], Prepared | None]  # None: the source is broken
    year: SchoolYear | None = None
    published: tuple[str, ...] = ()  # files besides the formats that readers get (.ics)


def jobs_for(
    repo: Repository,
    years: list[SchoolYear] | None = None,
    kinds: tuple[str, ...] = KINDS,
    today: dt.date | None = None,
) -> list[Job]:
    """Every document of the repository (of the given läsår and kinds), in a stable order.

    The årshjul is built for the given läsår, else for every läsår the repository has
    documents for and the one going on; a unit's utvecklingsplan for the given läsår,
    else for the one going on; the målkort, where nämndens mål are written, likewise. The
    Sammanställning av insatser covers every läsår, so it is built whichever läsår are asked
    for, when the repository has an insats.
    """
    current = SchoolYear.containing(today or dt.date.today())
    jobs = [_plan_job(repo)] if _holds_plan(repo) else []
    if repo.initiative_files:
        jobs.append(_initiatives_job(repo))
    if K.YEAR_WHEEL.pattern in repo.files:
        year_wheel_years = (
            set(years)
            if years
            else _years(repo) | {SchoolYear.containing(today or dt.date.today())}
        )
        jobs += [_year_wheel_job(repo, y) for y in sorted(year_wheel_years)]
    for path, located in sorted(repo.files.items()):
        year = located.school_year
        if year is None or (years is not None and year not in years):
            continue
        if located.kind is K.UNIT_REPORT and located.unit is not None:
            jobs.append(_unit_job(repo, located.unit, year, path))
        elif located.kind is K.DEVELOPMENT_PLAN and located.unit is not None:
            if years is not None or year == current:
                jobs.append(_development_plan_job(repo, located.unit, year, path))
        elif located.kind in K.ORGANISER_REPORTS:
            jobs += [
                _organiser_job(repo, form, year, path)
                for published, form in organiser.publications(repo, year)
                if published == path
            ]
    if K.BOARD_GOALS.pattern in repo.files:
        jobs += [_scorecard_job(repo, y) for y in sorted(set(years) if years else {current})]
    return [j for j in jobs if j.kind in kinds]


def _holds_plan(repo: Repository) -> bool:
    """Whether the repository holds the plan: huvudman.yaml with its `plan:` (a
    repository of reports only has the huvudman's name and skolformer, see gaps)."""
    if K.ORGANISER.pattern not in repo.files:
        return False
    organiser = repo.organiser
    plan = vars(organiser).get("plan") if organiser is not None else None
    return not (isinstance(plan, Gap) and plan.reason is Reason.OUTSIDE)


def _years(repo: Repository) -> set[SchoolYear]:
    return {f.school_year for f in repo.files.values() if f.school_year is not None}


def _year_wheel_job(repo: Repository, year: SchoolYear) -> Job:
    def prepare(inputs: Inputs) -> Prepared | None:
        return year_wheel.year_wheel_document(repo, year, inputs.today)

    return Job(
        id=f"{year.folder}/arshjul/arshjul",
        title=f"Årshjul {year}",
        kind="arshjul",
        source=K.YEAR_WHEEL.pattern,
        folder=f"{year.folder}/arshjul",
        stem="arshjul",
        template="arshjul.md.j2",
        prepare=prepare,
        year=year,
        published=("arshjul.ics", "arshjul.svg"),
    )


def _unit_job(repo: Repository, unit_id: str, year: SchoolYear, path: str) -> Job:
    unit = repo.unit(unit_id)
    name = present(unit.name, unit_id) if unit else unit_id

    def prepare(inputs: Inputs) -> Prepared | None:
        return context.unit_report(
            repo,
            unit_id,
            year,
            inputs.threshold,
            inputs.unit_charts,
            inputs.results(repo, year),
            inputs.settings.protect_key_figures,
        )

    return Job(
        id=f"{year.folder}/{unit_id}/kvalitetsrapport",
        title=f"Kvalitetsrapport {year}, {name}",
        kind="enhetsrapport",
        source=path,
        folder=f"{year.folder}/{unit_id}",
        stem="kvalitetsrapport",
        template="enhetsrapport.md.j2",
        prepare=prepare,
        year=year,
    )


def _development_plan_job(repo: Repository, unit_id: str, year: SchoolYear, path: str) -> Job:
    unit = repo.unit(unit_id)
    name = present(unit.name, unit_id) if unit else unit_id

    def prepare(inputs: Inputs) -> Prepared | None:
        return development_plan.development_plan_document(repo, unit_id, year, inputs.threshold)

    return Job(
        id=f"{year.folder}/{unit_id}/utvecklingsplan",
        title=f"Utvecklingsplan {year}, {name}",
        kind="utvecklingsplan",
        source=path,
        folder=f"{year.folder}/{unit_id}",
        stem="utvecklingsplan",
        template="utvecklingsplan.md.j2",
        prepare=prepare,
        year=year,
    )


def _scorecard_job(repo: Repository, year: SchoolYear) -> Job:
    def prepare(inputs: Inputs) -> Prepared | None:
        return scorecard.scorecard(repo, year, inputs.picture)

    return Job(
        id=f"{year.folder}/huvudman/malkort/malkort",
        title=f"Målkort {year}, nämndens mål",
        kind="malkort",
        source=K.BOARD_GOALS.pattern,
        folder=f"{year.folder}/huvudman/malkort",
        stem="malkort",
        template="malkort.md.j2",
        prepare=prepare,
        year=year,
    )


def _plan_job(repo: Repository) -> Job:
    def prepare(inputs: Inputs) -> Prepared | None:
        return plan.plan_document(repo, inputs.today, inputs.picture)

    organiser_ = repo.organiser
    title = "Plan för det systematiska kvalitetsarbetet"
    if organiser_ is not None and not is_gap(organiser_.plan):
        title = present(organiser_.plan.title, title)
    return Job(
        id="plan/plan",
        title=title,
        kind="plan",
        source=K.ORGANISER.pattern,
        folder="plan",
        stem="plan",
        template="plan.md.j2",
        prepare=prepare,
    )


def _initiatives_job(repo: Repository) -> Job:
    def prepare(inputs: Inputs) -> Prepared | None:
        return initiatives.compilation(repo, inputs.today)

    return Job(
        id="insatser/sammanstallning",
        title="Sammanställning av insatser",
        kind="insatser",
        source=K.INITIATIVE.folder(),
        folder="insatser",
        stem="sammanstallning",
        template="insatser.md.j2",
        prepare=prepare,
    )


def _organiser_job(repo: Repository, form: organiser.Form, year: SchoolYear, path: str) -> Job:
    def prepare(inputs: Inputs) -> Prepared | None:
        return organiser.organiser_report(
            repo,
            path,
            form,
            year,
            inputs.threshold,
            inputs.compared,
            inputs.status,
            inputs.results(repo, year),
            inputs.risk_matrix,
            inputs.picture,
            inputs.settings.protect_key_figures,
        )

    located = repo.files[path]
    period = str(located.calendar_year or year)
    folder = f"{located.calendar_year or year.folder}/huvudman/{form.id}"
    # A second report of the same form and period (two files naming the same skolform)
    # keeps its own name beside the first.
    first = next(
        p
        for p, f in organiser.publications(repo, year)
        if f.id == form.id and repo.files[p].calendar_year == located.calendar_year
    )
    stem = "kvalitetsrapport" if path == first else f"kvalitetsrapport-{located.stem}"
    return Job(
        id=f"{folder}/{stem}",
        title=f"Huvudmannens kvalitetsrapport {period}, {form.title.lower()}",
        kind="huvudmannarapport",
        source=path,
        folder=folder,
        stem=stem,
        template="huvudmannarapport.md.j2",
        prepare=prepare,
        year=year,
    )
