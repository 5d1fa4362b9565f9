"""Flags: what the rektor's analysis of the läsår must address, in Swedish.

A flag is raised for a result that went the wrong way since the previous measurement
(or changed a lot, for a measure that is neither better nor worse), for a gap between
girls and boys that widened, and for a result worse than a reference value. Only shown
figures are ever flagged: every flag rests on points, gaps and comparisons that already
left the hidden rows out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ska.markdown import number
from ska.model.results import Direction, Gender
from ska.model.settings import Settings
from ska.model.types import SchoolYear, Term
from ska.results.questions import QUESTIONS, FlagKind
from ska.results.series import EPSILON, Comparison, Gap, Point, Trend, when, worse_by


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    unit: str
    measure: str
    subject: str | None
    group: str
    gender: Gender | None  # None for a gap between girls and boys
    term: Term
    occasion: str | None
    against: str  # what the figure is set against: a term (ht2025) or a reference (riket)
    figures: tuple[tuple[str, float], ...]  # the figures involved, by Swedish name
    text: str
    questions: tuple[str, ...]


def flags(
    trends: Sequence[Trend],
    gaps: Sequence[Gap],
    comparisons: Sequence[Comparison],
    settings: Settings,
    year: SchoolYear,
) -> list[Flag]:
    """The flags of `year`, by unit, then measure, then kind."""
    found = [
        *(f for t in trends for p in t.points if (f := _drop(t, p, settings, year))),
        *(f for g in gaps if (f := _gap(g, settings, year))),
        *(f for c in comparisons if (f := _below(c, settings, year))),
    ]
    kinds = list(FlagKind)
    return sorted(found, key=lambda f: (f.unit, f.measure.casefold(), kinds.index(f.kind)))


def _drop(trend: Trend, point: Point, settings: Settings, year: SchoolYear) -> Flag | None:
    if point.term.school_year != year or point.figure is None or point.change is None:
        return None
    assert point.compared_with is not None
    change, direction = point.change, trend.kind.direction
    if direction is Direction.NEUTRAL:
        if abs(change) + EPSILON < settings.flag_drop:
            return None
        kind, how = FlagKind.CHANGE, f"en förändring {'uppåt' if change > 0 else 'nedåt'} med"
    else:
        if (worse_by(change, direction) or 0.0) + EPSILON < settings.flag_drop:
            return None
        kind, how = FlagKind.DROP, "upp" if change > 0 else "ned"
    before = when(point.compared_with, point.compared_occasion)
    text = (
        f"{_label(trend.measure, trend.subject, trend.group, trend.gender)}: "
        f"{_figure(point.figure, trend.share)} {when(point.term, point.occasion)}, "
        f"{how} {_amount(change, trend.share)} från {before}."
    )
    figures = (
        ("värde", point.figure),
        ("föregående", point.figure - change),
        ("förändring", change),
    )
    return Flag(
        kind,
        trend.unit,
        trend.measure,
        trend.subject,
        trend.group,
        trend.gender,
        point.term,
        point.occasion,
        before,
        figures,
        text,
        QUESTIONS[kind],
    )


def _gap(gap: Gap, settings: Settings, year: SchoolYear) -> Flag | None:
    if gap.term.school_year != year or gap.widened is None or gap.previous_gap is None:
        return None
    if gap.widened + EPSILON < settings.flag_gender_gap:
        return None
    assert gap.previous_term is not None
    before = when(gap.previous_term, gap.previous_occasion)
    leader = "flickorna" if gap.gap > 0 else "pojkarna"
    turned = ", då pojkarna var högre" if gap.previous_gap < 0 < gap.gap else ""
    if gap.gap < 0 < gap.previous_gap:
        turned = ", då flickorna var högre"
    text = (
        f"{_label(gap.measure, gap.subject, gap.group, None)}: "
        f"flickor {_figure(gap.girls, gap.share)}, pojkar {_figure(gap.boys, gap.share)} "
        f"{when(gap.term, gap.occasion)}, en skillnad på {_amount(gap.gap, gap.share)} "
        f"({leader} högre), {_amount(gap.widened, gap.share)} större än {before}{turned}."
    )
    figures = (
        ("flickor", gap.girls),
        ("pojkar", gap.boys),
        ("skillnad", gap.gap),
        ("föregående skillnad", gap.previous_gap),
        ("ökning", gap.widened),
    )
    kind = FlagKind.GENDER_GAP
    return Flag(
        kind,
        gap.unit,
        gap.measure,
        gap.subject,
        gap.group,
        None,
        gap.term,
        gap.occasion,
        before,
        figures,
        text,
        QUESTIONS[kind],
    )


def _below(comparison: Comparison, settings: Settings, year: SchoolYear) -> Flag | None:
    c = comparison
    if c.term.school_year != year or c.reference_figure is None or c.difference is None:
        return None
    worse = worse_by(c.difference, c.kind.direction)
    if worse is None or worse + EPSILON < settings.flag_below_reference:
        return None
    text = (
        f"{_label(c.measure, c.subject, c.group, c.gender)}: {_figure(c.figure, c.share)} "
        f"{when(c.term, c.occasion)} jämfört med {c.reference} "
        f"{_figure(c.reference_figure, c.share)}, {_amount(c.difference, c.share)} "
        f"{'lägre' if c.difference < 0 else 'högre'}."
    )
    figures = (
        ("värde", c.figure),
        ("jämförelsevärde", c.reference_figure),
        ("skillnad", c.difference),
    )
    kind = FlagKind.BELOW_REFERENCE
    return Flag(
        kind,
        c.unit,
        c.measure,
        c.subject,
        c.group,
        c.gender,
        c.term,
        c.occasion,
        c.reference,
        figures,
        text,
        QUESTIONS[kind],
    )


def _label(measure: str, subject: str | None, group: str, gender: Gender | None) -> str:
    """`Läsförståelse, svenska, åk 1, flickor`: what a figure describes."""
    parts = [measure]
    if subject:
        parts.append(subject)
    if group.casefold() != "alla":
        parts.append(group)
    if gender is not None and gender is not Gender.ALL:
        parts.append(gender.value)
    return ", ".join(parts)


def _decimal(value: float) -> str:
    """One decimal with a decimal comma, without a trailing `,0`: 62, 62,5."""
    text = number(value, 1)
    return text.removesuffix(",0")


def _figure(value: float, share: bool) -> str:
    """A share in per cent (`62 %`, `70,5 %`) or a mean with one decimal (`4,2`)."""
    return f"{_decimal(value)} %" if share else number(value, 1)


def _amount(difference: float, share: bool) -> str:
    """The size of a difference: `18 procentenheter`, `1 procentenhet` or `0,6`."""
    if not share:
        return number(abs(difference), 1)
    size = _decimal(abs(difference))
    return f"{size} {'procentenhet' if size == '1' else 'procentenheter'}"
