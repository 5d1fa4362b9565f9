"""Charts for reports: results over terms, and one measure compared across units.

Charts are SVG drawn with matplotlib's object API (no pyplot, no global state left
behind). Text is drawn as paths, so Typst, Word and browsers show the same glyphs
whatever fonts they have, and the same input gives byte-identical SVG. Charts draw
published rows (see ska.results.published) and decide nothing about suppression: a
hidden value is never drawn, labelled or described, and a note in the chart and the
Swedish alt text say how many are hidden and why.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING, Any, Literal

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ska.model.results import Gender, ResultRow
from ska.model.types import Term
from ska.results.published import PublishedRow
from ska.results.tables import measure_label
from ska.suggest import join_sv
from ska.suppression import HIDDEN, Reason

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

CM = 1 / 2.54
WIDTH = 16 * CM  # an A4 text column
ALT_LENGTH = 300
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "path",  # glyphs as paths: the same in every renderer
    "svg.hashsalt": "ska",  # stable ids for clip paths and markers
    "font.family": "DejaVu Sans",  # ships with matplotlib, so every machine draws alike
    "font.size": 9,  # ticks, legend, values and notes; axis labels at 10 pt
    "axes.labelsize": 10,
    "text.parse_math": False,  # a $ in a unit name is just a dollar sign
    "axes.spines.top": False,
    "axes.spines.right": False,
}


# Colours from Okabe & Ito's colour-blind-safe palette (vermilion darkened to 5.5:1 on
# white, so its labels are readable); marker and line style tell the genders apart in
# black and white too.
STYLES: dict[Gender, dict[str, Any]] = {
    Gender.GIRLS: {"label": "Flickor", "color": "#B04A00", "marker": "o", "linestyle": "--"},
    Gender.BOYS: {"label": "Pojkar", "color": "#0072B2", "marker": "s", "linestyle": "-."},
    Gender.ALL: {"label": "Alla", "color": "#000000", "marker": "D", "linewidth": 2.2},
}
BAR_COLOUR = "#0072B2"
MAX_BARS = 25  # units compared with a bar each; more are shown as a distribution
_WORDS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")


@dataclass(frozen=True)
class Chart:
    svg: str  # the SVG document
    alt: str  # Swedish alt text: what the chart shows and its main values
    title: str  # a short Swedish caption, also drawn as the chart's own title
    png: bytes = b""  # the same chart as PNG, for Word


@dataclass(frozen=True)
class _Series:
    """One measure for one group: a value (or None) per term and gender."""

    terms: list[Term]
    values: dict[Gender, list[float | None]]
    hidden: int
    secondary: bool  # some value is hidden only because it would reveal another
    percent: bool

    def shown_terms(self) -> int:
        columns = zip(*self.values.values(), strict=True)
        return sum(any(v is not None for v in column) for column in columns)


def term_key(term: Term) -> tuple[int, bool]:
    """ht2024 < vt2025 < ht2025: the calendar year, then spring before autumn."""
    return term.year, term.season == "ht"


def _number(value: float, decimals: int = 1) -> str:
    """`78,5`, `84`, `−2,5`: rounded half up, decimal comma, no trailing `,0`."""
    with localcontext(prec=400):  # room for any float's digits
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    rounded = rounded.copy_abs() if rounded.is_zero() else rounded  # no −0
    text = f"{rounded:f}".rstrip("0").rstrip(".") if decimals else f"{rounded:f}"
    return text.replace("-", "−").replace(".", ",")


def _show(value: float, percent: bool, decimals: int = 1) -> str:
    return f"{_number(value, decimals)} %" if percent else _number(value, decimals)


def _measured(row: ResultRow, percent: bool) -> float | None:
    if percent:
        return 100 * row.count / row.total if row.count is not None and row.total else None
    return row.value if row.value is not None and math.isfinite(row.value) else None


def _series(rows: Sequence[PublishedRow], measure: str, group: str) -> _Series:
    picked = [p for p in rows if measure_label(p.row) == measure and p.row.group == group]
    percent = bool(picked) and all(p.row.count is not None for p in picked)
    terms = sorted({p.row.term for p in picked}, key=term_key)
    position = {term: i for i, term in enumerate(terms)}
    values: dict[Gender, list[float | None]] = {g: [None] * len(terms) for g in STYLES}
    for p in picked:
        slot = values[p.row.gender]
        if not p.hidden and slot[position[p.row.term]] is None:
            slot[position[p.row.term]] = _measured(p.row, percent)
    secondary = any(p.reason is Reason.SECONDARY for p in picked)
    return _Series(terms, values, sum(p.hidden for p in picked), secondary, percent)


def _word(count: int) -> str:
    """Small numbers in words, as Swedish prose writes them: `två`, `tio`, `11`."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else str(count)


def _hidden_sentence(count: int, threshold: int, secondary: bool) -> str:
    word = _word(count)
    noun = "värde" if count == 1 else "värden"
    why = f"gruppen är mindre än {threshold}"
    return f"{word.capitalize()} {noun} visas inte eftersom {why}" + (_ELSE if secondary else ".")


_ELSE = " eller för att ett dolt värde annars skulle gå att räkna fram."


def _swedish(text: str) -> str:
    """A sort key with å, ä and ö after z."""
    return text.casefold().translate(str.maketrans("åäö", "{|}"))


def _figure(height_cm: float) -> Figure:
    return Figure(figsize=(WIDTH, height_cm * CM), layout="constrained")


def _chart(figure: Figure, title: str, alt: str) -> Chart:
    """The figure with its title drawn on top, as SVG and as PNG (Word shows no SVG
    in older versions; matplotlib writes both from the same drawing)."""
    heading = textwrap.fill(title, 60)  # 11 pt bold across the 16 cm column
    if figure.legends:  # above the legend, left aligned, so the two never overlap
        figure.legends[0].set_title(heading, prop=FontProperties(size=11, weight="bold"))
        figure.legends[0].set_alignment("left")
    else:
        figure.axes[0].set_title(heading, loc="left", fontsize=11, fontweight="bold")
    buffer = io.StringIO()
    metadata = {"Date": None, "Creator": "ska", "Title": title, "Description": alt}
    figure.savefig(buffer, format="svg", metadata=metadata)
    raster = io.BytesIO()
    figure.savefig(raster, format="png", dpi=150, metadata={"Software": None})
    return Chart(buffer.getvalue(), alt, title, raster.getvalue())


def _percent_range(values: Sequence[float], bars: bool) -> tuple[float, float, int]:
    """A percent axis that fits the data: whole tens around the values, within 0–100,
    at least 40 points tall; bars always start at 0 (a cut bar misleads)."""
    low = 0.0 if bars or not values else max(0.0, math.floor(min(values) / 10) * 10 - 10)
    high = 100.0 if not values else min(100.0, math.ceil(max(values) / 10) * 10 + 10)
    if high - low < 40:
        low = max(0.0, high - 40)
        high = max(high, low + 40)
    step = 10 if high - low <= 60 else 20
    return low, high, step


def _axis(ax: Axes, percent: bool, axis: Literal["x", "y"], values: Sequence[float] = ()) -> None:
    """The value axis: a percent range that fits `values` with `Andel (%)`, or a plain
    value axis with decimal commas."""
    label = "Andel (%)" if percent else "Värde"
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_label_text(label)
    target.set_major_formatter(FuncFormatter(lambda v, _: _number(v, 2)))
    if percent:
        low, high, step = _percent_range(values, bars=axis == "x")
        (ax.set_ylim if axis == "y" else ax.set_xlim)(low, high)
        target.set_ticks(range(int(low), int(high) + 1, step))
    ax.grid(axis=axis, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _label(ax: Axes, text: str, xy: tuple[float, float], dx: int, colour: str = "#000") -> None:
    """A value beside a point, `dx` points to its right (or left, when negative)."""
    align = "left" if dx > 0 else "right"
    ax.annotate(text, xy, (dx, 0), textcoords="offset points", ha=align, va="center", color=colour)


def _spread(values: list[float], gap: float) -> list[float]:
    """Label heights for values at one x: in their order, at least `gap` apart, centred."""
    placed: dict[int, float] = {}
    for i in sorted(range(len(values)), key=values.__getitem__):
        placed[i] = max(values[i], max(placed.values(), default=-math.inf) + gap)
    shift = (sum(values) - sum(placed.values())) / len(values)
    return [placed[i] + shift for i in range(len(values))]


def _draw_over_time(series: _Series, threshold: int) -> Figure:
    figure = _figure(8.5)
    ax = figure.add_subplot()
    count = len(series.terms)
    handles: list[Line2D] = []
    labels: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for gender in (Gender.GIRLS, Gender.BOYS, Gender.ALL):
        values = series.values[gender]
        shown = [i for i, v in enumerate(values) if v is not None]
        if not shown:
            continue
        ys = [math.nan if v is None else v for v in values]  # a gap where nothing is shown
        style = {"linewidth": 1.6, "markersize": 6, **STYLES[gender]}
        handles += ax.plot(range(count), ys, gid=f"serie-{gender.value}", **style)
        for x, side in ((0, -8), (count - 1, 8)):  # label the ends of the axis
            value = values[x]
            if value is not None:
                labels.setdefault((x, side), []).append((value, style["color"]))
    for index in range(1, count):  # a thin line between läsår
        if series.terms[index].school_year != series.terms[index - 1].school_year:
            ax.axvline(index - 0.5, color="#bbbbbb", linewidth=0.8, linestyle=":")
    pad = max(0.4, 0.16 * (count - 1))  # about 1.6 cm beside the ends for their labels
    ax.set_xlim(-pad, count - 1 + pad)
    ax.set_xticks(range(count), labels=[str(t) for t in series.terms])
    drawn = [v for values in series.values.values() for v in values if v is not None]
    _axis(ax, series.percent, "y", drawn)
    if not series.percent:
        ax.margins(y=0.25)
    low, high = ax.get_ylim()
    for (x, side), points in sorted(labels.items()):
        texts: dict[str, tuple[float, str]] = {}
        for value, colour in points:  # equal labels once, in black
            text = _show(value, series.percent)
            texts[text] = (value, colour if text not in texts else "#000000")
        heights = _spread([v for v, _ in texts.values()], 0.08 * (high - low))
        for (text, (_, colour)), y in zip(texts.items(), heights, strict=True):
            _label(ax, text, (x, y), side, colour)
    figure.legend(handles=handles, loc="outside upper left", ncols=3, frameon=False)
    if series.hidden:
        note = _hidden_sentence(series.hidden, threshold, series.secondary)
        figure.supxlabel(textwrap.fill(note, 85), x=0.01, ha="left", fontsize=9)
    return figure


def _alt_over_time(series: _Series, measure: str, group: str, threshold: int) -> str:
    first, last = series.terms[0], series.terms[-1]
    kind = "andel i procent" if series.percent else "värde"
    where = "" if group.casefold() == "alla" else f", {group}"
    head = f"Linjediagram, {kind} per termin: {measure}{where}, {first}–{last}."
    parts: dict[Gender, str] = {}
    for gender in (Gender.GIRLS, Gender.BOYS, Gender.ALL):
        values = series.values[gender]
        shown = [(series.terms[i], v) for i, v in enumerate(values) if v is not None]
        if not shown:
            continue
        (t0, v0), (t1, v1) = shown[0], shown[-1]
        name = STYLES[gender]["label"].lower()
        start = _show(v0, series.percent, 0) + ("" if t0 == first else f" ({t0})")
        end = _show(v1, series.percent, 0) + ("" if t1 == last else f" ({t1})")
        if len(shown) == 1:
            parts[gender] = f"{name} {start}"
        elif start == end:
            parts[gender] = f"{name} oförändrat {start}"
        else:
            parts[gender] = f"{name} från {start} till {end}"
    tail = _hidden_sentence(series.hidden, threshold, series.secondary) if series.hidden else ""
    options = [list(parts.values()), [parts[g] for g in parts if g is Gender.ALL]]
    bodies = [", ".join(o) + "." for o in options if o]
    texts = [" ".join(filter(None, (head, b[:1].upper() + b[1:], tail))) for b in bodies]
    return _shortest(texts)


def _shortest(texts: list[str]) -> str:
    """The first text that fits in ALT_LENGTH characters, or else the shortest."""
    return next((t for t in texts if len(t) <= ALT_LENGTH), min(texts, key=len))


def _caption(measure: str, *details: str) -> str:
    return ", ".join([measure, *(d for d in details if d and d.casefold() != "alla")])


def measure_over_time(
    rows: Sequence[PublishedRow], measure: str, group: str, threshold: int
) -> Chart | None:
    """One measure for one group across every term in `rows`, a line per gender.

    Shares (antal/totalt) are drawn as percent, other measures as their värde. None when
    fewer than two terms have a value that may be shown.
    """
    series = _series(rows, measure, group)
    return _over_time(series, measure, group, threshold)


def _over_time(series: _Series, measure: str, group: str, threshold: int) -> Chart | None:
    if series.shown_terms() < 2:
        return None
    title = _caption(measure, group)
    alt = _alt_over_time(series, measure, group, threshold)
    with mpl.rc_context(_RC):
        return _chart(_draw_over_time(series, threshold), title, alt)


def units_compared(
    values: Sequence[tuple[str, PublishedRow]], measure: str, threshold: int
) -> Chart | None:
    """Horizontal bars, one per unit, for the measure's latest term and gender `alla`.

    Highest value on top; units whose value is hidden (in the unit's own publication)
    come last, marked `..`. None when fewer than two units have a value that may be shown.
    With more than MAX_BARS units a bar each would not fit a page to be read: the chart
    shows instead how many units fall in each span of values (the table beside it names
    every unit).
    """
    pairs = [
        (u, p) for u, p in values if measure_label(p.row) == measure and p.row.gender is Gender.ALL
    ]
    if not pairs:
        return None
    term = max((p.row.term for _, p in pairs), key=term_key)
    pairs = [(u, p) for u, p in pairs if p.row.term == term]
    percent = all(p.row.count is not None for _, p in pairs)
    groups = {p.row.group for _, p in pairs}
    shown: list[tuple[str, float]] = []
    hidden: list[str] = []
    secondary = False
    for unit, entry in pairs:
        row = entry.row
        name = unit if len(groups) == 1 else f"{unit} ({row.group})"
        value = _measured(row, percent)
        if entry.hidden or row.total < threshold:
            hidden.append(name)
            secondary = secondary or entry.reason is Reason.SECONDARY
        elif value is not None:
            shown.append((name, value))
    if len(shown) < 2:
        return None
    shown.sort(key=lambda p: (-p[1], _swedish(p[0])))
    hidden.sort(key=_swedish)
    group = next(iter(groups)) if len(groups) == 1 else ""
    title = _caption(measure, group, str(term))
    many = len(shown) + len(hidden) > MAX_BARS
    describe, draw = (
        (_alt_distribution, _draw_distribution) if many else (_alt_compared, _draw_compared)
    )
    alt = describe(shown, hidden, percent, title, threshold, secondary)
    with mpl.rc_context(_RC):
        return _chart(draw(shown, hidden, percent, threshold, secondary), title, alt)


def _alt_compared(
    shown: list[tuple[str, float]],
    hidden: list[str],
    percent: bool,
    title: str,
    threshold: int,
    secondary: bool,
) -> str:
    kind = "andel i procent" if percent else "värde"
    head = f"Liggande stapeldiagram, {kind} per enhet: {title}."
    every = ", ".join(f"{u} {_show(v, percent, 0)}" for u, v in shown) + "."
    span = _extremes(shown, percent)
    tails = [""]
    if hidden:
        why = _because(hidden, threshold, secondary)
        tails = [
            f"Värdet visas inte för {join_sv(hidden)} {why}",
            _hidden_units(hidden, threshold, secondary),
        ]
    return _shortest([" ".join(filter(None, (head, b, t))) for b in (every, span) for t in tails])


def _draw_compared(
    shown: list[tuple[str, float]],
    hidden: list[str],
    percent: bool,
    threshold: int,
    secondary: bool,
) -> Figure:
    names = [u for u, _ in shown] + hidden
    figure = _figure(2.8 + 0.75 * len(names) + (0.6 if hidden else 0))
    ax = figure.add_subplot()
    ax.barh(range(len(shown)), [v for _, v in shown], height=0.6, color=BAR_COLOUR, gid="staplar")
    ax.set_yticks(range(len(names)), labels=[textwrap.fill(n, 30) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.5)  # the first unit on top
    ax.tick_params(axis="y", length=0)
    _axis(ax, percent, "x", [v for _, v in shown])
    if not percent:
        ax.margins(x=0.15)
    labels = [(_show(v, percent), max(v, 0.0)) for _, v in shown] + [(HIDDEN, 0.0)] * len(hidden)
    for position, (text, x) in enumerate(labels):
        _label(ax, text, (x, position), 4)
    if hidden:
        note = f"{HIDDEN} Värdet visas inte eftersom gruppen är mindre än {threshold}"
        note += _ELSE if secondary else "."
        figure.supxlabel(textwrap.fill(note, 85), x=0.01, ha="left", fontsize=9)
    return figure


def _extremes(shown: list[tuple[str, float]], percent: bool) -> str:
    """`Högst A 90 %, lägst B 40 % av 12 enheter.` (`shown` runs from highest to lowest)."""
    (top, high), (bottom, low) = shown[0], shown[-1]
    return (
        f"Högst {top} {_show(high, percent, 0)}, lägst {bottom} {_show(low, percent, 0)}"
        f" av {len(shown)} enheter."
    )


def _hidden_units(hidden: list[str], threshold: int, secondary: bool) -> str:
    """`Värdet visas inte för tre enheter eftersom …`, or nothing when none is hidden."""
    if not hidden:
        return ""
    units = f"{_word(len(hidden))} enheter" if len(hidden) > 1 else "en enhet"
    return f"Värdet visas inte för {units} {_because(hidden, threshold, secondary)}"


def _because(hidden: list[str], threshold: int, secondary: bool) -> str:
    why = f"eftersom {'grupperna' if len(hidden) > 1 else 'gruppen'} är mindre än {threshold}"
    return why + (_ELSE if secondary else ".")


def _spans(values: list[float], percent: bool) -> list[tuple[float, float, int]]:
    """Ten spans of equal width over the values (whole tens of percent), each with the
    number of values in it; the last span includes its upper end."""
    low, high = (0.0, 100.0) if percent else (min(values), max(values))
    if high == low:
        high = low + 1
    width = (high - low) / 10
    counts = [0] * 10
    for value in values:
        counts[min(int((value - low) / width), 9)] += 1
    return [(low + i * width, low + (i + 1) * width, counts[i]) for i in range(10)]


def _span_label(low: float, high: float, percent: bool) -> str:
    decimals = 0 if percent or high - low >= 10 else 1
    return f"{_number(low, decimals)}–{_show(high, percent, decimals)}"


def _alt_distribution(
    shown: list[tuple[str, float]],
    hidden: list[str],
    percent: bool,
    title: str,
    threshold: int,
    secondary: bool,
) -> str:
    head = f"Stapeldiagram, antal enheter per intervall: {title}."
    spans = _spans([v for _, v in shown], percent)
    counts = "; ".join(f"{_span_label(lo, hi, percent)}: {n}" for lo, hi, n in spans if n)
    span = _extremes(shown, percent)
    tail = _hidden_units(hidden, threshold, secondary)
    texts = [(head, counts + ".", span, tail), (head, span, tail)]
    return _shortest([" ".join(filter(None, parts)) for parts in texts])


def _draw_distribution(
    shown: list[tuple[str, float]],
    hidden: list[str],
    percent: bool,
    threshold: int,
    secondary: bool,
) -> Figure:
    spans = _spans([v for _, v in shown], percent)
    figure = _figure(9.5 + (0.6 if hidden else 0))
    ax = figure.add_subplot()
    ax.bar(range(len(spans)), [n for _, _, n in spans], width=0.8, color=BAR_COLOUR, gid="staplar")
    ax.set_xticks(
        range(len(spans)),
        labels=[_span_label(lo, hi, percent) for lo, hi, _ in spans],
        rotation=45,
        ha="right",
    )
    ax.yaxis.set_label_text("Antal enheter")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.xaxis.set_label_text("Andel" if percent else "Värde")
    for position, (_, _, count) in enumerate(spans):
        if count:
            ax.annotate(str(count), (position, count), (0, 3), textcoords="offset points",
                        ha="center", va="bottom")  # fmt: skip
    ax.margins(y=0.15)
    if hidden:
        note = _hidden_units(hidden, threshold, secondary)
        figure.supxlabel(textwrap.fill(note, 85), x=0.01, ha="left", fontsize=9)
    return figure


def charts_for_unit(
    rows_by_year: Mapping[str, Sequence[PublishedRow]], threshold: int, limit: int = 6
) -> list[Chart]:
    """The charts worth drawing for a unit's report, at most `limit`.

    Candidates are the measure and group pairs with at least two terms of shown values,
    ranked by how many terms they cover, then by group size, then by where they first
    appear. The best group of each measure goes first, so six groups of one screening
    do not crowd out everything else; other groups fill the remaining places. The
    charts come in the order their measures first appear in the files.
    """
    rows = [row for year in sorted(rows_by_year) for row in rows_by_year[year]]
    first: dict[tuple[str, str], int] = {}
    size: dict[tuple[str, str], int] = {}
    picked: dict[tuple[str, str], list[PublishedRow]] = {}
    for index, entry in enumerate(rows):
        key = (measure_label(entry.row), entry.row.group)
        first.setdefault(key, index)
        size[key] = max(size.get(key, 0), entry.row.total)
        picked.setdefault(key, []).append(entry)
    series = {key: _series(picked[key], *key) for key in first}
    ranked = sorted(
        (key for key in first if series[key].shown_terms() >= 2),
        key=lambda k: (-series[k].shown_terms(), -size[k], first[k]),
    )
    best: dict[str, tuple[str, str]] = {}  # each measure's best group, in rank order
    for key in ranked:
        best.setdefault(key[0], key)
    chosen = [*best.values(), *(k for k in ranked if k not in best.values())][: max(limit, 0)]
    charts = (_over_time(series[k], *k, threshold) for k in sorted(chosen, key=first.__getitem__))
    return [chart for chart in charts if chart is not None]
