"""Result rows as series: hidden first, then followed over time and set against others.

Suppression comes before everything (see ska.results.published): a hidden row keeps its place
in a series but never shows its figure, and it cannot start or end a change, a gap
between girls and boys or a comparison. Sums over several rows (the kommun's units, a
cohort's feeder schools) are computed from all rows, hidden ones too, but are hidden
themselves when they describe fewer pupils than the threshold, or when a hidden row
could be worked out from them by subtracting the rows that are shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ska.load.csvtable import Table
from ska.model.results import Direction, Gender, MeasureKind, ReferenceRow, ResultRow, grade_of
from ska.model.types import SchoolYear, Term
from ska.results.published import Published, UnitTable, publish

KOMMUN = "kommunens enheter"
EPSILON = 1e-9  # float slack when a change is compared with a threshold

# (unit, measure, subject, group): one measured group of a unit, both genders
GroupKey = tuple[str, str, str | None, str]


@dataclass(frozen=True, slots=True)
class ReferenceTable:
    """One file of reference values: `plans/jämförelser/<name>.csv`."""

    path: str
    table: Table[ReferenceRow]


@dataclass(frozen=True, slots=True)
class Observation:
    """One result row, where it came from and whether suppression hides it."""

    unit: str
    path: str
    line: int
    order: int  # position over all files read, for "file order"
    row: ResultRow
    hidden: bool

    @property
    def figure(self) -> float | None:
        """The row's figure, or None when it is hidden (or describes nobody)."""
        return None if self.hidden else self.row.figure


@dataclass(frozen=True, slots=True)
class Sum:
    """Several rows taken together."""

    figure: float | None
    total: int
    hidden: bool
    share: bool


def observe(units: Iterable[UnitTable], threshold: int) -> list[Observation]:
    """Every row of every table, hidden as the one decision over each unit's results
    says (see ska.results.published)."""
    return observations(publish(units, threshold).values())


def observations(publications: Iterable[Published]) -> list[Observation]:
    found: list[Observation] = []
    for publication in publications:
        start = len(found)
        found += [
            Observation(r.unit, r.path, r.line, start + i, r.row, r.hidden)
            for i, r in enumerate(publication.rows)
        ]
    return found


def term_key(term: Term) -> int:
    """Terms in time order: vt2026 before ht2026."""
    return term.year * 2 + (1 if term.season == "ht" else 0)


def chronological(observations: Iterable[Observation]) -> list[Observation]:
    """By term, then in file order (which orders the occasions within a term)."""
    return sorted(observations, key=lambda o: (term_key(o.row.term), o.order))


def when(term: Term, occasion: str | None) -> str:
    """`vt2026`, or `ht2025 (september)` when the term has several occasions."""
    return f"{term} ({occasion})" if occasion else str(term)


def measure_kinds(
    observations: Iterable[Observation], references: Iterable[ReferenceTable]
) -> dict[str, MeasureKind]:
    """Each measure's kind, from the first row that states it."""
    kinds: dict[str, MeasureKind] = {}
    rows: list[ResultRow | ReferenceRow] = [o.row for o in observations]
    rows += [row for table in references for row in table.table.rows]
    for row in rows:
        if row.kind is not None:
            kinds.setdefault(row.measure, row.kind)
    return kinds


def place(row: ResultRow | ReferenceRow) -> tuple[str, int | str]:
    """What a row describes within its unit: its årskurs when it has one, else its group."""
    grade = row.effective_grade
    return ("årskurs", grade) if grade is not None else ("grupp", row.group)


def whole_grade(observations: Sequence[Observation]) -> list[Observation]:
    """One unit's rows for one grade or group, each pupil once.

    A row naming the grade itself (`åk 6`) is preferred to rows of its classes (`6A`
    with årskurs 6), which are otherwise added together; a repeated group counts once.
    """
    named = [o for o in observations if grade_of(o.row.group) is not None]
    chosen: dict[str, Observation] = {}
    for o in named or observations:
        chosen.setdefault(o.row.group, o)
    return list(chosen.values())


def combine(observations: Sequence[Observation], threshold: int) -> Sum:
    """Rows as one: shares as Σ antal / Σ totalt, values as a mean weighted by totalt."""
    total = sum(o.row.total for o in observations)
    share = all(o.row.count is not None for o in observations)
    if len(observations) == 1:
        return Sum(observations[0].figure, total, observations[0].hidden, share)
    hidden_total = sum(o.row.total for o in observations if o.hidden)
    hidden = (
        total < threshold
        or 0 < hidden_total < threshold  # the hidden rows = the sum − the shown rows
        or any(o.hidden and o.row.total >= threshold for o in observations)  # secondary
    )
    if hidden:
        return Sum(None, total, True, share)
    counts = [o.row.count for o in observations if o.row.count is not None]
    if share:
        return Sum(100 * sum(counts) / total if total else None, total, False, True)
    weighted = [(o.row.figure, o.row.total) for o in observations if o.row.figure is not None]
    weight = sum(size for _, size in weighted)
    mean = sum(figure * size for figure, size in weighted) / weight if weight else None
    return Sum(mean, total, False, False)


def worse_by(difference: float, direction: Direction) -> float | None:
    """How much worse a figure is than another, given the direction; None when neutral."""
    if direction is Direction.HIGHER:
        return -difference
    if direction is Direction.LOWER:
        return difference
    return None


def word(change: float | None) -> str | None:
    """The direction of a change in Swedish; less than one unit counts as none."""
    if change is None:
        return None
    if abs(change) < 1 - EPSILON:
        return "oförändrat"
    return "ökar" if change > 0 else "minskar"


@dataclass(frozen=True, slots=True)
class Point:
    """One measurement in a series; a hidden one has no figure and no change."""

    term: Term
    occasion: str | None
    figure: float | None
    total: int
    hidden: bool
    compared_with: Term | None = None  # the nearest earlier point with a figure
    compared_occasion: str | None = None
    change: float | None = None  # figure − that point's figure


@dataclass(frozen=True, slots=True)
class Trend:
    """One unit's measure, subject, group and gender followed over time."""

    unit: str
    measure: str
    subject: str | None
    kind: MeasureKind
    group: str
    gender: Gender
    share: bool  # figures are per cent (antal of totalt), not values
    points: tuple[Point, ...]  # oldest first
    since: Point | None  # the point the last one is compared with
    change: float | None  # the last point − `since`; None when the last one is hidden
    first: Point | None  # the first point with a figure, when the last one has one too
    change_since_first: float | None
    word: str | None  # ökar, minskar or oförändrat, for `change`
    word_since_first: str | None


def trends(
    observations: Sequence[Observation], year: SchoolYear, kinds: dict[str, MeasureKind]
) -> list[Trend]:
    """Every series with a point in `year`, with its points up to then."""
    series: defaultdict[tuple[str, str, str | None, str, Gender], list[Observation]]
    series = defaultdict(list)
    for o in observations:
        row = o.row
        series[(o.unit, row.measure, row.subject, row.group, row.gender)].append(o)
    found: list[Trend] = []
    for (unit, measure, subject, group, gender), members in series.items():
        ordered = _distinct(chronological(members))
        if not any(o.row.term.school_year == year for o in ordered):
            continue
        points = _points(ordered)
        last = points[-1]
        shown = [p for p in points if p.figure is not None and p.occasion == last.occasion]
        since = first = None
        change = change_since_first = None
        if last.figure is not None and len(shown) > 1:
            since, first = shown[-2], shown[0]
            change = last.change
            change_since_first = last.figure - _figure(first)
        found.append(
            Trend(
                unit,
                measure,
                subject,
                kinds.get(measure, MeasureKind.OTHER),
                group,
                gender,
                all(o.row.count is not None for o in ordered),
                tuple(points),
                since,
                change,
                first,
                change_since_first,
                word(change),
                word(change_since_first),
            )
        )
    return sorted(found, key=lambda t: t.unit)


def _distinct(ordered: list[Observation]) -> list[Observation]:
    """One point per term and occasion: a repeated row counts once, the first."""
    seen: set[tuple[Term, str | None]] = set()
    kept = []
    for o in ordered:
        moment = (o.row.term, o.row.occasion)
        if moment not in seen:
            seen.add(moment)
            kept.append(o)
    return kept


def _figure(point: Point) -> float:
    assert point.figure is not None
    return point.figure


def _points(ordered: list[Observation]) -> list[Point]:
    """The points in time order, each compared with the nearest earlier one of the same
    occasion (September with September: another occasion measures other pupils or
    another point of their year)."""
    points: list[Point] = []
    last: dict[str | None, Point] = {}
    for o in ordered:
        term, occasion, figure = o.row.term, o.row.occasion, o.figure
        before = last.get(occasion)
        if figure is None or before is None:
            point = Point(term, occasion, figure, o.row.total, o.hidden)
        else:
            change = figure - _figure(before)
            point = Point(
                term, occasion, figure, o.row.total, False, before.term, before.occasion, change
            )
        points.append(point)
        if figure is not None:
            last[occasion] = point
    return points


@dataclass(frozen=True, slots=True)
class Gap:
    """Girls against boys in one group at one time."""

    unit: str
    measure: str
    subject: str | None
    kind: MeasureKind
    group: str
    share: bool
    term: Term
    occasion: str | None
    girls: float
    boys: float
    gap: float  # girls − boys
    previous_term: Term | None  # the nearest earlier gap of the same group, if any
    previous_occasion: str | None
    previous_gap: float | None
    widened: float | None  # |gap| − |previous gap|


def gaps(
    observations: Sequence[Observation], year: SchoolYear, kinds: dict[str, MeasureKind]
) -> list[Gap]:
    """The gaps in `year`, each with the gap before it at the same occasion (which may be
    from an earlier läsår)."""
    cells: defaultdict[GroupKey, dict[tuple[Term, str | None], dict[Gender, Observation]]]
    cells = defaultdict(dict)
    for o in chronological(observations):
        row = o.row
        key = (o.unit, row.measure, row.subject, row.group)
        cells[key].setdefault((row.term, row.occasion), {}).setdefault(row.gender, o)
    found: list[Gap] = []
    for (unit, measure, subject, group), moments in cells.items():
        before: dict[str | None, Gap] = {}  # the last gap of each occasion
        for (term, occasion), by_gender in moments.items():
            previous = before.get(occasion)
            girls, boys = by_gender.get(Gender.GIRLS), by_gender.get(Gender.BOYS)
            if girls is None or boys is None or girls.figure is None or boys.figure is None:
                continue
            difference = girls.figure - boys.figure
            gap = Gap(
                unit,
                measure,
                subject,
                kinds.get(measure, MeasureKind.OTHER),
                group,
                girls.row.count is not None and boys.row.count is not None,
                term,
                occasion,
                girls.figure,
                boys.figure,
                difference,
                previous.term if previous else None,
                previous.occasion if previous else None,
                previous.gap if previous else None,
                abs(difference) - abs(previous.gap) if previous else None,
            )
            if term.school_year == year:
                found.append(gap)
            before[occasion] = gap
    return sorted(found, key=lambda g: g.unit)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A unit's figure (kön alla) against a reference value at the same time."""

    unit: str
    measure: str
    subject: str | None
    kind: MeasureKind
    group: str
    gender: Gender
    share: bool
    term: Term
    occasion: str | None
    figure: float
    reference: str  # what it is compared with: riket, kommunens enheter, …
    reference_figure: float | None  # None when the kommun's units' sum is hidden
    difference: float | None  # figure − reference_figure
    below: bool  # worse than the reference, given the measure's direction
    source: str  # the reference file, or '' for the kommun's units computed here
    hidden: bool  # the reference figure is hidden (a small sum)
