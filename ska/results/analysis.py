"""Analysis of the units' results: trends, gender gaps, comparisons, cohorts and flags.

Pure computations over result tables (`inputs_from` is the one adapter that reads a
repository). Small groups are hidden before anything is computed, so no output ever
shows the figure of a hidden row; see ska.results.series.

The läsår analysed is `year`, or the newest läsår in the data: gaps, comparisons and
flags are about its terms, while trends and cohorts look back at earlier läsår. Data
after the läsår analysed is left out, so an earlier läsår is analysed as it was.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum

from ska.load.csvtable import Table
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.results import Gender, MeasureKind, ReferenceRow
from ska.model.settings import Settings
from ska.model.types import SchoolYear, Term
from ska.results.cohorts import Cohort, CohortStep, cohorts
from ska.results.flags import Flag, flags
from ska.results.published import UnitTable, publications, unit_tables
from ska.results.questions import QUESTIONS, FlagKind
from ska.results.series import (
    KOMMUN,
    Comparison,
    Gap,
    Observation,
    Point,
    ReferenceTable,
    Sum,
    Trend,
    combine,
    gaps,
    measure_kinds,
    observe,
    place,
    trends,
    whole_grade,
    worse_by,
)
from ska.results.series import (
    observations as from_publications,
)

__all__ = [
    "KOMMUN",
    "QUESTIONS",
    "Analysis",
    "Cohort",
    "CohortStep",
    "Comparison",
    "Flag",
    "FlagKind",
    "Gap",
    "Inputs",
    "Point",
    "ReferenceTable",
    "Trend",
    "UnitTable",
    "analyse",
    "inputs_from",
    "to_json",
]


@dataclass(frozen=True, slots=True)
class Inputs:
    units: list[UnitTable]
    references: list[ReferenceTable] = field(default_factory=list)
    feeders: dict[str, list[str]] = field(default_factory=dict)  # unit → its elever_från
    # the repository `units` were read from: its publications are decided once and shared
    # with the documents built from it (see ska.results.published)
    repository: Repository | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    year: SchoolYear | None  # the läsår analysed; None when there are no results
    trends: tuple[Trend, ...]
    gaps: tuple[Gap, ...]
    comparisons: tuple[Comparison, ...]
    cohorts: tuple[Cohort, ...]
    flags: tuple[Flag, ...]


def inputs_from(repo: Repository) -> Inputs:
    """The valid result and reference tables of a repository, and each unit's feeders."""
    units = unit_tables(repo)
    references: list[ReferenceTable] = []
    for path in sorted(repo.files):
        located = repo.files[path]
        if located.kind is K.REFERENCES:
            reference = repo.model(path, Table)
            if reference is not None:
                references.append(ReferenceTable(path, reference))
    feeders: dict[str, list[str]] = {}
    for unit_id in repo.unit_ids:
        unit = repo.unit(unit_id)
        if unit is not None and unit.pupils_from:
            feeders[unit_id] = list(unit.pupils_from)
    return Inputs(units, references, feeders, repo)


def repository_analysis(repo: Repository, settings: Settings, year: SchoolYear) -> Analysis:
    """`analyse` of the repository's results for `year`, worked out once per Repository:
    the rules' flags and `ska build`'s documents share it."""
    return repo.reads.derived(
        repo.derived,
        ("resultatanalys", repr(settings), str(year)),
        lambda: analyse(inputs_from(repo), settings, year),
        [k.name for k in ANALYSIS_INPUTS],
    )


# What the analysis is worked out from: every unit's results, the reference values, the units.
ANALYSIS_INPUTS = (K.RESULTS, K.REFERENCES, K.UNIT)


def analyse(
    inputs: Inputs,
    settings: Settings,
    year: SchoolYear | None = None,
    until: SchoolYear | None = None,
) -> Analysis:
    """Everything the rektor's analysis of `year` starts from. Without `year`: the newest
    läsår with results, no later than `until` when given (the läsår being reported on, so
    that a value imported in the autumn does not change which läsår is shown)."""
    threshold = settings.min_group_size
    if inputs.repository is not None:
        observations = from_publications(publications(inputs.repository, threshold).values())
    else:
        observations = observe(inputs.units, threshold)
    if year is None:
        years = {o.row.term.school_year for o in observations}
        earlier = {y for y in years if until is None or y.start <= until.start}
        year = max(earlier or years, default=None)
    if year is None:
        return Analysis(None, (), (), (), (), ())
    observations = [o for o in observations if o.row.term.school_year.start <= year.start]
    kinds = measure_kinds(observations, inputs.references)
    found_trends = trends(observations, year, kinds)
    found_gaps = gaps(observations, year, kinds)
    found_comparisons = comparisons(observations, inputs.references, year, threshold, kinds)
    found_cohorts = cohorts(observations, inputs.feeders, year, threshold, kinds)
    found_flags = flags(found_trends, found_gaps, found_comparisons, settings, year)
    return Analysis(
        year,
        tuple(found_trends),
        tuple(found_gaps),
        tuple(found_comparisons),
        tuple(found_cohorts),
        tuple(found_flags),
    )


# measure, subject, term, occasion, gender, and the grade or group
_Where = tuple[str, str | None, Term, str | None, Gender, tuple[str, int | str]]


def comparisons(
    observations: list[Observation],
    references: list[ReferenceTable],
    year: SchoolYear,
    threshold: int,
    kinds: dict[str, MeasureKind],
) -> list[Comparison]:
    """Each shown figure (kön alla) of `year` against the references and the kommun.

    A reference matches on measure, subject, term, occasion, kön and årskurs (or group
    when either has no årskurs). The kommun's units are summed for shares only, and only
    when at least two units measured the same thing: one unit is no comparison.
    """
    by_place: defaultdict[_Where, list[tuple[str, ReferenceRow]]] = defaultdict(list)
    for table in references:
        for ref in table.table.rows:
            where = (ref.measure, ref.subject, ref.term, ref.occasion, ref.gender, place(ref))
            by_place[where].append((table.path, ref))
    kommun: defaultdict[_Where, defaultdict[str, list[Observation]]]
    kommun = defaultdict(lambda: defaultdict(list))
    for o in observations:
        row = o.row
        if row.gender is Gender.ALL and row.count is not None:
            where = (row.measure, row.subject, row.term, row.occasion, row.gender, place(row))
            kommun[where][o.unit].append(o)

    sums: dict[_Where, Sum] = {}  # the kommun's sum, once per place and not once per unit
    found: list[Comparison] = []
    for o in observations:
        row, figure = o.row, o.figure
        if row.gender is not Gender.ALL or row.term.school_year != year or figure is None:
            continue
        kind = kinds.get(row.measure, MeasureKind.OTHER)
        where = (row.measure, row.subject, row.term, row.occasion, row.gender, place(row))
        for path, ref in by_place[where]:
            found.append(_comparison(o, figure, kind, ref.reference, ref.value, path, False))
        units = kommun.get(where)
        if row.count is not None and units is not None and len(units) > 1:
            if where not in sums:
                parts = [x for rows in units.values() for x in whole_grade(rows)]
                sums[where] = combine(parts, threshold)
            total = sums[where]
            found.append(_comparison(o, figure, kind, KOMMUN, total.figure, "", total.hidden))
    return sorted(found, key=lambda c: c.unit)


def _comparison(
    o: Observation,
    figure: float,
    kind: MeasureKind,
    label: str,
    other: float | None,
    source: str,
    hidden: bool,
) -> Comparison:
    difference = None if other is None else figure - other
    worse = None if difference is None else worse_by(difference, kind.direction)
    row = o.row
    return Comparison(
        o.unit,
        row.measure,
        row.subject,
        kind,
        row.group,
        row.gender,
        row.count is not None,
        row.term,
        row.occasion,
        figure,
        label,
        other,
        difference,
        worse is not None and worse > 0,
        source,
        hidden,
    )


# The Swedish keys of the JSON view, by field name.
_KEYS = {
    "year": "läsår",
    "trends": "trender",
    "gaps": "könsskillnader",
    "comparisons": "jämförelser",
    "cohorts": "kohorter",
    "flags": "flaggor",
    "unit": "enhet",
    "units": "enheter",
    "measure": "mått",
    "subject": "ämne",
    "kind": "typ",
    "group": "grupp",
    "grade": "årskurs",
    "gender": "kön",
    "share": "andel",
    "points": "punkter",
    "steps": "steg",
    "term": "termin",
    "occasion": "tillfälle",
    "figure": "värde",
    "total": "totalt",
    "hidden": "dold",
    "compared_with": "jämfört_med",
    "compared_occasion": "jämfört_med_tillfälle",
    "change": "förändring",
    "since": "jämfört_med",
    "first": "första",
    "change_since_first": "förändring_sedan_första",
    "word": "riktning",
    "word_since_first": "riktning_sedan_första",
    "girls": "flickor",
    "boys": "pojkar",
    "gap": "skillnad",
    "previous_term": "föregående_termin",
    "previous_occasion": "föregående_tillfälle",
    "previous_gap": "föregående_skillnad",
    "widened": "ökning",
    "reference": "jämförelse",
    "reference_figure": "jämförelsevärde",
    "difference": "skillnad",
    "below": "sämre",
    "source": "källa",
    "against": "jämfört_med",
    "figures": "värden",
    "text": "text",
    "questions": "frågor",
}


def to_json(analysis: Analysis) -> dict[str, object]:
    """A JSON-serialisable view with Swedish keys: terms as `vt2026`, läsår as `2025/26`,
    hidden figures as null."""
    view = _json(analysis)
    assert isinstance(view, dict)
    return view


def _json(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        view = {_KEYS[f.name]: _json(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, Flag):
            view[_KEYS["figures"]] = {name: _json(figure) for name, figure in value.figures}
        return view
    if isinstance(value, Term | SchoolYear):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    return value
