"""A chart per indikator of nämndens mål: the baseline, the outcomes period by period and
the target as a dashed line, with an alt text that says the same in words. Drawn once per
indikator and build (the huvudman's reports of every verksamhetsform show the same)."""

from __future__ import annotations

import hashlib
import math
from functools import cache

import matplotlib as mpl

from ska.model.organiser import Indicator
from ska.render.charts import _RC, Chart, _chart, _figure, _number
from ska.render.context import ChartFile
from ska.render.goals import _order, direction

LINE = "#0072B2"
TARGET = "#B04A00"


def _points(indicator: Indicator) -> list[tuple[str, float]]:
    """The baseline, then each outcome, by period."""
    outcomes = sorted(indicator.outcomes, key=lambda o: _order(str(o.period)))
    found = [(str(o.period), o.value) for o in outcomes]
    base = indicator.baseline
    if base is not None and str(base.period) not in {p for p, _ in found}:
        found.insert(0, (str(base.period), base.value))
    return found


def _alt(indicator: Indicator, points: list[tuple[str, float]]) -> str:
    base, target = indicator.baseline, indicator.target
    said = [f"Linjediagram: {indicator.name} ({indicator.unit})."]
    if base is not None:
        said.append(f"Utgångsvärde {_number(base.value, 2)} ({base.period}).")
    outcomes = [(p, v) for p, v in points if base is None or p != str(base.period)]
    if outcomes:
        said.append("Utfall " + ", ".join(f"{_number(v, 2)} ({p})" for p, v in outcomes) + ".")
    if target is not None:
        said.append(f"Målvärde {_number(target.value, 2)} ({target.period}).")
    riktning = direction(indicator)
    if riktning != "–":
        said.append(f"Riktning: {riktning}.")
    return " ".join(said)


@cache
def _drawn(json: str) -> Chart | None:
    indicator = Indicator.model_validate_json(json)
    points = _points(indicator)
    if not indicator.outcomes or not points:
        return None
    title = f"{indicator.name} ({indicator.unit})"
    with mpl.rc_context(_RC):
        figure = _figure(6.5)
        ax = figure.add_subplot()
        xs = list(range(len(points)))
        ys = [v for _, v in points]
        ax.plot(xs, ys, color=LINE, marker="o", linewidth=2, label="Utfall", gid="utfall")
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(
                _number(y, 2), (x, y), (0, 7), textcoords="offset points", ha="center", va="bottom"
            )
        labels = [p for p, _ in points]
        target = indicator.target
        if target is not None and math.isfinite(target.value):
            ax.axhline(target.value, color=TARGET, linestyle="--", linewidth=1.4, gid="målvärde")
            ax.annotate(
                f"Mål {_number(target.value, 2)} ({target.period})",
                (xs[-1], target.value),
                (8, 3),
                textcoords="offset points",
                ha="left",
                va="bottom",
                color=TARGET,
            )
        ax.set_xticks(xs, labels=labels)
        ax.set_xlim(-0.4, len(points) - 1 + 1.6)
        ax.margins(y=0.3)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _chart(figure, title, _alt(indicator, points))


def indicator_charts(indicators: list[Indicator]) -> list[ChartFile]:
    """A chart per indikator that has an outcome, named by its content so the same
    indikator is the same file in every report."""
    found = []
    for indicator in indicators:
        json = indicator.model_dump_json(by_alias=True)
        chart = _drawn(json)
        if chart is None:
            continue
        name = "mål-" + hashlib.sha256(json.encode("utf-8")).hexdigest()[:12] + ".svg"
        found.append(ChartFile(name, chart.svg, chart.title, chart.alt, chart.png))
    return found
