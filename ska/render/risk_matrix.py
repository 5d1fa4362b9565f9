"""The internkontroll's risks as a risk matrix picture (SVG): sannolikhet × konsekvens.

Sannolikhet runs from 1 to 4 left to right, konsekvens from 1 to 4 bottom to top; each
cell is coloured by its riskvärde (sannolikhet × konsekvens) and shows the value and the
numbers of the risks placed in it, so colour is never the only sign. A numbered list
beside the matrix names the risks. Each cell is a group (`id="ruta-s<sannolikhet>-k
<konsekvens>"`) holding its rectangle and its risks' numbers, so where a risk is drawn
can be read from the file itself.

The SVG is written by hand and deterministically, like the year wheel picture. Every
text a person wrote passes through the escaping Jinja's autoescape uses for HTML
(markupsafe), the one escaping step of ska's HTML templates.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

from ska.render import svg

SCALE = (1, 2, 3, 4)
LIKELIHOOD = {1: "Osannolik", 2: "Mindre sannolik", 3: "Sannolik", 4: "Mycket sannolik"}
CONSEQUENCE = {1: "Lindrig", 2: "Måttlig", 3: "Kännbar", 4: "Allvarlig"}
# Riskvärde bands, lowest first: (highest value in the band, name, fill). Light fills,
# so that black text on them keeps a contrast above 7:1.
BANDS = (
    (3, "låg", "#CFE8D5"),
    (6, "måttlig", "#F8E7A6"),
    (9, "hög", "#F6C28B"),
    (16, "mycket hög", "#EC9A92"),
)
CELL_W, CELL_H = 96.0, 72.0
LEFT, TOP = 150.0, 56.0  # room for the konsekvens labels and the title
LABEL_X = 44.0  # the konsekvens axis's name, turned upright
LIST_X_GAP, LIST_WIDTH = 32.0, 330.0
TEXT, GREY, EDGE = "#1A1A1A", "#4D4D4D", "#FFFFFF"
LIST_CHARS, LIST_LINES = 48, 2


@dataclass(frozen=True)
class PlacedRisk:
    """A risk as the picture shows it: its number in the report, a short name and its cell."""

    number: int
    name: str
    likelihood: int
    consequence: int

    @property
    def score(self) -> int:
        return self.likelihood * self.consequence


def band(score: int) -> tuple[str, str]:
    """The riskvärde's band: its Swedish name and fill colour."""
    for top, name, fill in BANDS:
        if score <= top:
            return name, fill
    return BANDS[-1][1], BANDS[-1][2]


def _text(x: float, y: float, text: str, size: float, **attrs: str) -> str:
    names = {k: k.rstrip("_").replace("_", "-") for k in attrs}  # class_ is class
    extra = "".join(f' {names[k]}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}"{extra}>{escape(text)}</text>'


def _cell(likelihood: int, consequence: int, risks: Sequence[PlacedRisk]) -> list[str]:
    x = LEFT + (likelihood - 1) * CELL_W
    y = TOP + (4 - consequence) * CELL_H
    score = likelihood * consequence
    fill = band(score)[1]
    numbers = [str(r.number) for r in risks]
    lines = textwrap.wrap(", ".join(numbers), 9) or [""]
    out = [
        f'<g id="ruta-s{likelihood}-k{consequence}" data-sannolikhet="{likelihood}" '
        f'data-konsekvens="{consequence}" data-riskvarde="{score}">',
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{CELL_W:.1f}" height="{CELL_H:.1f}" '
        f'fill="{fill}" stroke="{EDGE}" stroke-width="2"/>',
        _text(x + 6, y + 14, str(score), 10, fill=GREY),
    ]
    if numbers:
        first = y + CELL_H / 2 + 6 - (len(lines) - 1) * 9
        for index, line in enumerate(lines):
            out.append(
                _text(
                    x + CELL_W / 2,
                    first + index * 18,
                    line,
                    16,
                    fill=TEXT,
                    font_weight="bold",
                    text_anchor="middle",
                    class_="risker",
                )
            )
    out.append("</g>")
    return out


def _axes() -> list[str]:
    bottom = TOP + 4 * CELL_H
    out = []
    for value in SCALE:
        cx = LEFT + (value - 0.5) * CELL_W
        out.append(
            _text(
                cx, bottom + 16, f"{value} {LIKELIHOOD[value]}", 10, fill=TEXT, text_anchor="middle"
            )
        )
        cy = TOP + (4.5 - value) * CELL_H
        out.append(
            _text(
                LEFT - 8, cy + 4, f"{value} {CONSEQUENCE[value]}", 10, fill=TEXT, text_anchor="end"
            )
        )
    out.append(
        _text(
            LEFT + 2 * CELL_W,
            bottom + 38,
            "Sannolikhet",
            12,
            fill=TEXT,
            font_weight="bold",
            text_anchor="middle",
        )
    )
    mid = TOP + 2 * CELL_H
    out.append(
        _text(
            LABEL_X,
            mid,
            "Konsekvens",
            12,
            fill=TEXT,
            font_weight="bold",
            text_anchor="middle",
            transform=f"rotate(-90 {LABEL_X:g} {mid:.1f})",
        )
    )
    return out


def _legend_bands(y: float) -> list[str]:
    out = [_text(LEFT, y, "Riskvärde:", 10, fill=TEXT, font_weight="bold")]
    x = LEFT + 66
    low = 1
    for top, name, fill in BANDS:
        label = f"{low}–{top} {name}"
        out.append(
            f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{fill}" '
            f'stroke="{GREY}" stroke-width="0.5"/>'
        )
        out.append(_text(x + 16, y, label, 10, fill=TEXT))
        x += 16 + 6.2 * len(label) + 14
        low = top + 1
    return out


def _list(risks: Sequence[PlacedRisk], x: float) -> tuple[list[str], float]:
    out = [_text(x, TOP - 8, "Risker", 12, fill=TEXT, font_weight="bold")]
    y = TOP + 10
    for risk in risks:
        lines = textwrap.wrap(risk.name, LIST_CHARS, max_lines=LIST_LINES, placeholder=" …")
        out.append(f'<g class="risk" data-nummer="{risk.number}">')
        out.append(_text(x, y, f"{risk.number}.", 11, fill=TEXT, font_weight="bold"))
        for index, line in enumerate(lines or [""]):
            out.append(_text(x + 24, y + index * 14, line, 11, fill=TEXT))
        out.append(
            _text(
                x + 24,
                y + len(lines) * 14,
                f"Riskvärde {risk.score}: sannolikhet {risk.likelihood}, "
                f"konsekvens {risk.consequence}",
                9,
                fill=GREY,
            )
        )
        out.append("</g>")
        y += (len(lines) + 1) * 14 + 8
    return out, y


def describe(risks: Sequence[PlacedRisk], title: str) -> str:
    """The picture in words: every risk, its cell and its riskvärde (the alt text)."""
    head = (
        f"{title}: riskmatris med sannolikhet 1–4 från vänster till höger och konsekvens "
        "1–4 nerifrån och upp, färgad efter riskvärdet."
    )
    if not risks:
        return head + " Inga risker."
    parts = [
        f"{r.number} {r.name}: sannolikhet {r.likelihood}, konsekvens {r.consequence}, "
        f"riskvärde {r.score} ({band(r.score)[0]})"
        for r in risks
    ]
    return f"{head} {'; '.join(parts)}."


def risk_matrix_svg(risks: Sequence[PlacedRisk], title: str) -> str:
    """The matrix with every risk's number in its cell and the numbered list beside it."""
    cells = []
    for consequence in reversed(SCALE):
        for likelihood in SCALE:
            here = [r for r in risks if (r.likelihood, r.consequence) == (likelihood, consequence)]
            cells += _cell(likelihood, consequence, here)
    list_x = LEFT + 4 * CELL_W + LIST_X_GAP
    listing, list_bottom = _list(risks, list_x)
    width = list_x + LIST_WIDTH
    bands_y = TOP + 4 * CELL_H + 66
    height = max(bands_y + 16, list_bottom + 8)
    body = [
        _text(LEFT, 24, title, 14, fill=TEXT, font_weight="bold"),
        *cells,
        *_axes(),
        *_legend_bands(bands_y),
        *listing,
    ]
    return svg.document("riskmatris", width, height, title, describe(risks, title), body)
