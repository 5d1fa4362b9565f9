"""The målkarta as a picture (SVG): the styrkedja from KF målområde through nämndens mål
and the units' åtaganden to the insatser, as four columns of boxes joined by lines.

Each nämndmål is a band of its own: its box at the top, the åtaganden and insatser it
is the first to be served by stacked beside it, and its KF målområde's box spanning the
bands of its goals. An åtagande or insats that serves several goals is drawn once, with
a line to each. A line from a goal straight to an insats (the insats names the goal
itself) is dashed, one through an åtagande solid, so the line's kind is never told by
colour alone; each column has a heading and each åtagande starts with its unit's name.

Every box is a group with an id (`kf-<id>`, `mal-<id>`, `atagande-<enhet>-<id>`,
`insats-<id>`) and every line names the boxes it joins (`data-fran`, `data-till`), so
what is drawn can be read from the file itself. When the picture would be taller than a
page, it is split into parts at KF målområden (a målområde is never split).

The SVG is written by hand and deterministically, like the risk matrix. Every text a
person wrote passes through markupsafe's escaping, the one escaping step of ska's HTML
templates.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from markupsafe import escape

from ska import markdown as md
from ska.markdown import join_sv
from ska.render import svg
from ska.render.context import ChartFile, PictureMaker, plain_picture
from ska.render.goals import Chain, ChainArea, ChainCommitment, ChainGoal, ChainInitiative

TEXT, GREY, LINE = "#1A1A1A", "#4D4D4D", "#5A5A5A"
# Light fills, so that black text on them keeps a contrast above 7:1.
FILLS = ("#DCE9F5", "#CFE8D5", "#F8E7A6", "#EBDDF2")
STROKES = ("#4A78A8", "#4E8A5E", "#A88A1E", "#7D5A93")
HEADINGS = ("KF:s målområde", "Nämndens mål", "Enheternas åtaganden", "Insatser")
WIDTHS = (140.0, 170.0, 250.0, 160.0)
GUTTER = 34.0
MARGIN = 16.0
TOP = 70.0  # room for the title and the column headings
FONT_SIZE, LINE_H, PAD = 11.0, 13.5, 6.0
# A DejaVu Sans character of FONT_SIZE, on average and a little generous: plain, bold.
CHAR_W = {"kf": 7.1, "mal": 7.1, "atagande": 6.2, "insats": 6.2}
# Lines a box's text may take before it is cut with " …" (the table has every word).
MAX_LINES = {"kf": 10, "mal": 8, "atagande": 3, "insats": 3}
BOX_GAP, BAND_GAP, AREA_GAP = 6.0, 12.0, 22.0
MAX_HEIGHT = 1150.0  # about an A4 page at the picture's width
NOTE = "Inga åtaganden eller insatser"
CONTINUED = "(forts.)"


@dataclass(frozen=True)
class Box:
    id: str
    column: int
    y: float
    lines: tuple[str, ...]
    bold: str = ""  # the first line's leading words set in bold (an åtagande's unit)
    span: float = 0.0  # at least this tall (a KF målområde spans its goals' bands)

    @property
    def x(self) -> float:
        return MARGIN + sum(WIDTHS[: self.column]) + GUTTER * self.column

    @property
    def height(self) -> float:
        return max(len(self.lines) * LINE_H + 2 * PAD, self.span)

    @property
    def right(self) -> float:
        return self.x + WIDTHS[self.column]

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def _lines(text: str, column: int, kind: str) -> tuple[str, ...]:
    chars = int((WIDTHS[column] - 2 * PAD) / CHAR_W[kind])
    found = textwrap.wrap(text, chars, max_lines=MAX_LINES[kind], placeholder=" …")
    return tuple(found or [""])


def _height(text: str, column: int, kind: str) -> float:
    return len(_lines(text, column, kind)) * LINE_H + 2 * PAD


def _commitment_text(commitment: ChainCommitment) -> str:
    return f"{commitment.unit}: {commitment.text}"


@dataclass(frozen=True)
class Part:
    """One picture: some KF målområden with their goals, and every åtagande and insats
    that serves one of those goals (one that also serves a goal of another part is drawn
    in both, so that each picture shows its goals' whole chain)."""

    areas: tuple[ChainArea, ...]
    goals: tuple[ChainGoal, ...]
    commitments: tuple[ChainCommitment, ...]
    initiatives: tuple[ChainInitiative, ...]
    continued: frozenset[str] = frozenset()  # goals whose åtaganden began in a part before


def _part(chain: Chain, area_ids: Collection[str]) -> Part:
    goals = tuple(g for g in chain.goals if g.area in area_ids)
    commitments = {c.key: c for g in goals for c in chain.commitments_of(g.id)}
    initiatives = {i.id: i for g in goals for i in chain.initiatives_of(g.id)}
    return Part(
        tuple(a for a in chain.areas if a.id in area_ids),
        goals,
        tuple(c for c in chain.commitments if c.key in commitments),
        tuple(i for i in chain.initiatives if i.id in initiatives),
    )


def _owner(part: Part) -> tuple[dict[str, str], dict[str, str]]:
    """The goal each åtagande and insats is drawn beside: the first of the part's goals
    it serves."""
    order = [g.id for g in part.goals]

    def first(goals: Iterable[str]) -> str:
        return min((g for g in goals if g in order), key=order.index)

    commitments = {c.key: first(c.goals) for c in part.commitments}
    initiatives = {
        i.id: first([*i.goals, *(commitments[k] for k in i.commitments if k in commitments)])
        for i in part.initiatives
    }
    return commitments, initiatives


def _band_heights(part: Part) -> dict[str, float]:
    """How tall each goal's band is: its box, or its åtaganden or its insatser stacked."""
    owner_c, owner_i = _owner(part)
    found = {}
    for goal in part.goals:
        commitments = [c for c in part.commitments if owner_c[c.key] == goal.id]
        initiatives = [i for i in part.initiatives if owner_i[i.id] == goal.id]
        stacks = [
            _height(goal.name, 1, "mal"),
            sum(_height(_commitment_text(c), 2, "atagande") + BOX_GAP for c in commitments),
            sum(_height(i.title, 3, "insats") + BOX_GAP for i in initiatives),
            LINE_H + 2 * PAD,  # the note of a goal without åtaganden or insatser
        ]
        found[goal.id] = max(stacks)
    return found


def _area_height(part: Part, area: ChainArea) -> float:
    bands = _band_heights(part).values()
    return max(sum(bands) + BAND_GAP * (len(bands) - 1), _height(area.name, 0, "kf"))


def _piece(
    area: ChainArea,
    goal: ChainGoal,
    initiatives: list[ChainInitiative],
    chunk: list[ChainCommitment],
    first: bool,
) -> tuple[Part, float]:
    keys = {c.key for c in chunk}
    linked = tuple(
        i for i in initiatives if keys & set(i.commitments) or (first and goal.id in i.goals)
    )
    later = frozenset() if first else frozenset({goal.id})
    part = Part((area,), (goal,), tuple(chunk), linked, later)
    return part, _area_height(part, area)


def _pieces(chain: Chain, area: ChainArea) -> list[tuple[Part, float]]:
    """A målområde too tall for a page in pieces: each goal with as many of its
    åtaganden as fit a page, and the insatser linked to those (those that name the goal
    itself come with its first piece)."""
    budget = MAX_HEIGHT - TOP - MARGIN - 40  # the legend below
    found = []
    for goal in (g for g in chain.goals if g.area == area.id):
        initiatives = chain.initiatives_of(goal.id)
        chunk: list[ChainCommitment] = []
        first = True
        for commitment in chain.commitments_of(goal.id):
            if chunk and _piece(area, goal, initiatives, [*chunk, commitment], first)[1] > budget:
                found.append(_piece(area, goal, initiatives, chunk, first))
                chunk, first = [], False
            chunk.append(commitment)
        if chunk or first:
            found.append(_piece(area, goal, initiatives, chunk, first))
    return found


def _joined(chain: Chain, pieces: list[Part]) -> Part:
    """Pieces of one målområde in one picture, each åtagande and insats once."""
    commitments = {c.key: c for p in pieces for c in p.commitments}
    initiatives = {i.id: i for p in pieces for i in p.initiatives}
    return Part(
        pieces[0].areas,
        tuple(dict.fromkeys(g for p in pieces for g in p.goals)),
        tuple(c for c in chain.commitments if c.key in commitments),
        tuple(i for i in chain.initiatives if i.id in initiatives),
        frozenset(pieces[0].continued),
    )


def parts(chain: Chain) -> list[Part]:
    """The chain in pictures of at most about a page each, split between KF målområden;
    a målområde taller than a page is split between its goals, and a goal with more
    åtaganden than a page holds between them (its box is repeated, marked continued). A
    chain without goals has no picture."""
    heights = {}
    for area in chain.areas:
        part = _part(chain, {area.id})
        if part.goals:
            heights[area.id] = _area_height(part, area) + AREA_GAP  # at most: shared boxes once
    groups: list[list[str]] = []
    used = MAX_HEIGHT
    for area_id, height in heights.items():
        if used + height > MAX_HEIGHT - TOP:
            groups.append([])
            used = 0.0
        groups[-1].append(area_id)
        used += height
    found = []
    for group in groups:
        if len(group) > 1 or heights[group[0]] <= MAX_HEIGHT - TOP:
            found.append(_part(chain, group))
            continue
        area = next(a for a in chain.areas if a.id == group[0])
        batch: list[Part] = []
        used = 0.0
        for piece, height in _pieces(chain, area):
            if batch and used + height + BAND_GAP > MAX_HEIGHT - TOP - AREA_GAP:
                found.append(_joined(chain, batch))
                batch, used = [], 0.0
            batch.append(piece)
            used += height + BAND_GAP
        found.append(_joined(chain, batch))
    return found


def _layout(chain: Chain, part: Part) -> tuple[list[Box], list[tuple[str, str, bool]], float]:
    """The boxes, the lines (from, to, straight from a goal to an insats) and the bottom
    of the part's picture."""
    owner_c, owner_i = _owner(part)
    boxes: list[Box] = []
    notes: list[Box] = []
    y = TOP
    for area in part.areas:
        top = y
        for goal in (g for g in part.goals if g.area == area.id):
            commitments = [c for c in part.commitments if owner_c[c.key] == goal.id]
            initiatives = [i for i in part.initiatives if owner_i[i.id] == goal.id]
            name = f"{goal.name} {CONTINUED}" if goal.id in part.continued else goal.name
            boxes.append(Box(f"mal-{goal.id}", 1, y, _lines(name, 1, "mal")))
            bottom = y + boxes[-1].height
            for column, stack in ((2, commitments), (3, initiatives)):
                below = y
                for item in stack:
                    if isinstance(item, ChainCommitment):
                        text = _commitment_text(item)
                        box = Box(
                            f"atagande-{item.key}",
                            column,
                            below,
                            _lines(text, column, "atagande"),
                            bold=f"{item.unit}:",
                        )
                    else:
                        box = Box(
                            f"insats-{item.id}", column, below, _lines(item.title, 3, "insats")
                        )
                    boxes.append(box)
                    below += box.height + BOX_GAP
                    bottom = max(bottom, box.y + box.height)
            if not chain.commitments_of(goal.id) and not chain.initiatives_of(goal.id):
                notes.append(Box(f"inget-{goal.id}", 2, y, (NOTE,)))
                bottom = max(bottom, y + notes[-1].height)
            y = bottom + BAND_GAP
        area_box = Box(f"kf-{area.id}", 0, top, _lines(area.name, 0, "kf"), span=y - BAND_GAP - top)
        boxes.append(area_box)
        y = max(y, top + area_box.height + BAND_GAP) + AREA_GAP - BAND_GAP
    lines: list[tuple[str, str, bool]] = []
    for goal in part.goals:
        lines.append((f"kf-{goal.area}", f"mal-{goal.id}", False))
    for commitment in part.commitments:
        for goal_id in commitment.goals:
            lines.append((f"mal-{goal_id}", f"atagande-{commitment.key}", False))
    for ins in part.initiatives:
        through: set[str] = set()
        for commitment in part.commitments:
            if commitment.key in ins.commitments:
                lines.append((f"atagande-{commitment.key}", f"insats-{ins.id}", False))
                through |= set(commitment.goals)
        for goal_id in ins.goals:
            if goal_id not in through:
                lines.append((f"mal-{goal_id}", f"insats-{ins.id}", True))
    drawn = {b.id for b in boxes}
    shown = [line for line in lines if line[0] in drawn and line[1] in drawn]
    return boxes + notes, shown, y - AREA_GAP + MARGIN


def _text(x: float, y: float, text: str, size: float, **attrs: str) -> str:
    names = {k: k.rstrip("_").replace("_", "-") for k in attrs}  # class_ is class
    extra = "".join(f' {names[k]}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}"{extra}>{escape(text)}</text>'


def _box(box: Box) -> list[str]:
    kind = box.id.split("-", 1)[0]
    if kind == "inget":
        return [
            _text(
                box.x + PAD, box.y + PAD + 10, NOTE, FONT_SIZE - 1, fill=GREY, font_style="italic"
            )
        ]
    column = box.column
    out = [
        f'<g id="{escape(box.id)}" class="{kind}">',
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{WIDTHS[column]:.1f}" '
        f'height="{box.height:.1f}" rx="4" fill="{FILLS[column]}" stroke="{STROKES[column]}" '
        f'stroke-width="1"/>',
    ]
    for index, line in enumerate(box.lines):
        if not line:
            continue
        y = box.y + PAD + 10 + index * LINE_H
        x = box.x + PAD
        weight = "bold" if kind in ("kf", "mal") else "normal"
        if index == 0 and box.bold and line.startswith(box.bold):
            rest = line[len(box.bold) :]
            out.append(
                f'<text x="{x:.1f}" y="{y:.1f}" font-size="{FONT_SIZE:g}" fill="{TEXT}">'
                f'<tspan font-weight="bold">{escape(box.bold)}</tspan>{escape(rest)}</text>'
            )
        else:
            out.append(_text(x, y, line, FONT_SIZE, fill=TEXT, font_weight=weight))
    out.append("</g>")
    return out


def _line(source: Box, target: Box, direct: bool) -> str:
    """A curve from the right of one box to the left of the next column's box; a line
    straight from a goal to an insats runs in the gap above the goal's band instead,
    across the åtaganden, and down beside the insatser."""
    x1, y1, x2, y2 = source.right, source.middle, target.x, target.middle
    if direct:
        track = source.y - BAND_GAP / 2
        near, far = x1 + GUTTER / 3, x2 - GUTTER / 3
        d = f"M {x1:.1f} {y1:.1f} H {near:.1f} V {track:.1f} H {far:.1f} V {y2:.1f} H {x2:.1f}"
        kind, dash = "direkt", ' stroke-dasharray="5 3"'
    else:
        if source.column == 0:  # a KF målområde spans its goals: straight across to each
            y1 = y2
        bend = min((x2 - x1) / 2, GUTTER * 1.5)
        d = (
            f"M {x1:.1f} {y1:.1f} C {x1 + bend:.1f} {y1:.1f} {x2 - bend:.1f} {y2:.1f} "
            f"{x2:.1f} {y2:.1f}"
        )
        kind, dash = "kedja", ""
    return (
        f'<path id="{escape(f"linje-{source.id}-{target.id}")}" class="{kind}" '
        f'data-fran="{escape(source.id)}" data-till="{escape(target.id)}" d="{d}" '
        f'fill="none" stroke="{LINE}" stroke-width="1.2"{dash}/>'
    )


def _legend(y: float) -> list[str]:
    x = MARGIN
    return [
        f'<path d="M {x:.1f} {y - 4:.1f} H {x + 28:.1f}" stroke="{LINE}" stroke-width="1.2"/>',
        _text(x + 34, y, "genom ett åtagande", 10, fill=TEXT),
        f'<path d="M {x + 170:.1f} {y - 4:.1f} H {x + 198:.1f}" stroke="{LINE}" '
        f'stroke-width="1.2" stroke-dasharray="5 3"/>',
        _text(x + 204, y, "insatsen hänvisar själv till målet", 10, fill=TEXT),
    ]


def describe(chain: Chain, part: Part, title: str) -> str:
    """The part in words (the alt text): each KF målområde, its nämndens mål, how many
    åtaganden serve each goal and whose, and the insatser."""
    said = [
        f"{title}: styrkedjan från kommunfullmäktiges målområden genom nämndens mål till "
        f"enheternas åtaganden {chain.year} och insatserna, i fyra kolumner med linjer "
        "mellan det som hör ihop."
    ]
    for area in part.areas:
        goals = [g for g in part.goals if g.area == area.id]
        texts = []
        for goal in goals:
            commitments = [c for c in part.commitments if goal.id in c.goals]
            units = list(dict.fromkeys(c.unit for c in commitments))
            keys = {c.key for c in commitments}
            initiatives = [
                i.title for i in part.initiatives if goal.id in i.goals or keys & set(i.commitments)
            ]
            text = f"nämndens mål {goal.name}"
            if goal.id in part.continued:
                text += f" {CONTINUED}"
            if commitments:
                count = len(commitments)
                text += f", {count} {'åtagande' if count == 1 else 'åtaganden'} ({join_sv(units)})"
            else:
                text += ", inga åtaganden"
            text += f", insatser: {join_sv(initiatives)}" if initiatives else ", inga insatser"
            texts.append(text)
        said.append(f"Målområdet {area.name.rstrip('.')}: {'; '.join(texts)}.")
    said.append("Tabellen under bilden visar samma sak med åtagandenas hela text.")
    return " ".join(said)


def goal_map_svg(chain: Chain, part: Part, title: str) -> str:
    """One part of the målkarta as an SVG picture."""
    boxes, lines, bottom = _layout(chain, part)
    by_id = {b.id: b for b in boxes}
    width = MARGIN * 2 + sum(WIDTHS) + GUTTER * 3
    height = bottom + 24
    headings = []
    for column, heading in enumerate(HEADINGS):
        x = MARGIN + sum(WIDTHS[:column]) + GUTTER * column
        label = f"{heading} {chain.year}" if column == 2 else heading
        headings.append(_text(x, TOP - 14, label, 11, fill=TEXT, font_weight="bold"))
    body = [
        _text(MARGIN, 24, title, 14, fill=TEXT, font_weight="bold"),
        *headings,
        *(_line(by_id[a], by_id[b], direct) for a, b, direct in lines),
        *(part for box in boxes for part in _box(box)),
        *_legend(bottom + 12),
    ]
    return svg.document("malkarta", width, height, title, describe(chain, part, title), body)


def tall(picture: ChartFile) -> bool:
    """Whether the picture is too tall to be as wide as an A4 page's text (about 16 cm
    wide, 22 cm tall with its caption)."""
    found = re.search(r'width="([0-9.]+)" height="([0-9.]+)"', picture.svg)
    return found is not None and float(found[2]) > 1.35 * float(found[1])


def figures(pictures: list[ChartFile]) -> list[dict[str, str | bool]]:
    """The pictures as a template shows them: file, caption, alt text, and whether tall."""
    return [
        {"fil": p.name, "titel": md.escape(p.title), "alt": p.alt, "hög": tall(p)} for p in pictures
    ]


def goal_map_pictures(
    chain: Chain, picture: PictureMaker = plain_picture, stem: str = "malkarta"
) -> list[ChartFile]:
    """The målkarta's pictures (`malkarta-1.svg`, …) with their PNG copies through
    `picture`; none without goals."""
    found = parts(chain)
    pictures = []
    for number, part in enumerate(found, start=1):
        title = f"Målkarta {chain.year}"
        if len(found) > 1:
            title += f", del {number} av {len(found)}"
        svg = goal_map_svg(chain, part, title)
        alt = describe(chain, part, title)
        pictures.append(picture(f"{stem}-{number}.svg", svg, title, alt))
    return pictures
