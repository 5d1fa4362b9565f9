"""The årshjul as a wheel picture (SVG) to pin on the wall, as Plandisc and Stratsys draw it.

Twelve month sectors run clockwise from August at the top; each kind of event has its
own ring and each occurrence is an arc from its start to its end. Overlapping arcs in a
ring stack in tracks. An arc carries a number; the numbered list beside the wheel says
what, when and who. The SVG is written by hand and deterministically: the same plan gives
the same file.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from ska.model.types import SchoolYear
from ska.model.year_wheel import MONTHS
from ska.planning.occurrences import ACTIVITY, KIND_LABELS, Occurrence
from ska.render import svg

# The rings from the centre out; their Okabe–Ito colours (safe for colour blindness) and
# darker edges.
RINGS = ("dialog", "mätning", "rapport", "beslut", "uppföljning", "möte", ACTIVITY)
FILLS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442")
EDGES = ("#004B75", "#946600", "#005C43", "#8A3D00", "#2B7AA8", "#99507A", "#8C8200")
RING_LABELS = {**KIND_LABELS, ACTIVITY: "Enheternas aktiviteter"}
SCHOOL_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)
HOLE, GAP, BAND = 118.0, 6.0, 32.0  # px: the centre's radius, between rings, month names
MARGIN, COLUMN, GUTTER = 28.0, 400.0, 28.0
MAX_LISTED_ACTIVITIES = 24  # more are summarised per unit in the list
TEXT, GREY = "#1A1A1A", "#4D4D4D"


def _width(text: str, size: float) -> float:
    """An estimate of the text's width in DejaVu Sans (wider than the fallbacks)."""
    narrow, wide = "fijlrtI .,:;'()-|!", "mwMW"
    em = [
        0.33 if c in narrow else 0.9 if c in wide else 0.72 if c.isupper() else 0.62 for c in text
    ]
    return sum(em) * size


def _wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while _width(lines[-1] + " …", size) > width and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += " …"
    return lines


def _el(tag: str, **attrs: object) -> str:
    """An empty SVG element; `stroke_width` is written stroke-width, floats rounded."""
    pairs = {
        k.replace("_", "-"): f"{v:.1f}" if isinstance(v, float) else v for k, v in attrs.items()
    }
    return f"<{tag}" + "".join(f" {k}={quoteattr(str(v))}" for k, v in pairs.items()) + "/>"


def _label(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    turn: float | None = None,
    weight: str = "bold",
    fill: str = TEXT,
    anchor: str = "middle",
) -> str:
    """Text with its letters' middle at y; `turn` (an angle) lays it along the circle."""
    attrs = {"font-weight": weight, "fill": fill, "text-anchor": anchor}
    attrs |= {} if turn is None else {"transform": _upright(turn, x, y)}
    head = f'<text x="{x:.1f}" y="{y + size * 0.36:.1f}" font-size="{size:g}"'
    return (
        head + "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items()) + f">{escape(text)}</text>"
    )


def _colours(kind: str) -> dict[str, str]:
    return {"fill": FILLS[RINGS.index(kind)], "stroke": EDGES[RINGS.index(kind)]}


def _upright(a: float, x: float, y: float) -> str:
    """A rotation that lays text along the circle at angle `a`, never upside down."""
    turn = math.degrees(a) - (180 if math.pi / 2 < a < 3 * math.pi / 2 else 0)
    return f"rotate({turn:.1f} {x:.1f} {y:.1f})"


@dataclass
class _Entry:
    """One item of the list: an event (all its occurrences) or a unit's activity."""

    number: int
    kind: str
    name: str
    responsible: tuple[str, ...]
    unit_name: str | None
    whens: list[str] = field(default_factory=list)
    continues: bool = False


@dataclass(frozen=True)
class _Arc:
    entry: _Entry
    start: float  # radians clockwise from the top (1 August)
    end: float
    open_start: bool  # the event continues before August or after July
    open_end: bool


_Tracks = list[list[tuple[_Arc, float, float]]]  # per track: arcs with drawn start and end


@dataclass(frozen=True)
class _Ring:
    kind: str
    inner: float
    lane: float  # the width of one track
    tracks: _Tracks

    @property
    def mid(self) -> float:
        return self.inner + len(self.tracks) * self.lane / 2


@dataclass(frozen=True)
class _Line:
    """A line of the list: 11 px grey details, 12 px names, bold headings."""

    text: str
    size: float = 12
    number: str = ""
    fill: str = TEXT
    indent: float = 32
    swatch: str | None = None  # a heading's ring

    @property
    def height(self) -> float:
        return self.size * 1.32 + (12 if self.swatch else 0)


class _Geometry:
    def __init__(self, year: SchoolYear, cx: float = 0, cy: float = 0) -> None:
        self.origin = dt.date(year.start, 8, 1)
        self.days = (dt.date(year.start + 1, 8, 1) - self.origin).days
        self.cx, self.cy = cx, cy

    def day(self, day: dt.date) -> int:
        """Days since 1 August; the July before the läsår counts as its last month."""
        if day < self.origin and (day.year, day.month) == (self.origin.year, 7):
            day = day.replace(year=day.year + 1)
        return (day - self.origin).days

    def angle(self, day: dt.date) -> float:
        """The angle of the start of `day`, clockwise from the top."""
        return 2 * math.pi * self.day(day) / self.days

    def xy(self, r: float, a: float) -> tuple[float, float]:
        return self.cx + r * math.sin(a), self.cy - r * math.cos(a)

    def p(self, r: float, a: float) -> str:
        return "{:.1f},{:.1f}".format(*self.xy(r, a))

    def sector(self, r0: float, r1: float, a0: float, a1: float, tips: tuple[bool, bool]) -> str:
        """An annular sector; an open end is drawn as a point (the event continues)."""
        tip = min(6 / r0, (a1 - a0) / 3)
        b0, b1 = a0 + tip * tips[0], a1 - tip * tips[1]
        large, mid = int(b1 - b0 > math.pi), (r0 + r1) / 2
        path = f"M{self.p(r1, b0)} A{r1:.1f},{r1:.1f} 0 {large} 1 {self.p(r1, b1)}"
        path += f" L{self.p(mid, a1)}" * tips[1] + f" L{self.p(r0, b1)}"
        path += f" A{r0:.1f},{r0:.1f} 0 {large} 0 {self.p(r0, b0)}"
        return path + f" L{self.p(mid, a0)}" * tips[0] + " Z"


def _ring(o: Occurrence) -> str:
    """An occurrence's ring; a kind without a ring of its own goes with the meetings."""
    return o.kind if o.kind in RINGS else ACTIVITY if o.unit else "möte"


def _order(items: Sequence[Occurrence]) -> list[Occurrence]:
    return sorted(items, key=lambda o: (RINGS.index(_ring(o)), o.unit_name or "", o.start))


def _key(o: Occurrence) -> tuple[object, ...]:
    return (_ring(o), o.event, o.unit, o.name, o.responsible)


def numbers(items: Sequence[Occurrence]) -> list[int]:
    """The number each occurrence carries in the wheel, in the order of `items` (a
    recurring event has one number), so a document's lists can name it."""
    found: dict[tuple[object, ...], int] = {}
    for o in _order(items):
        found.setdefault(_key(o), len(found) + 1)
    return [found[_key(o)] for o in items]


def _entries(items: Sequence[Occurrence], geo: _Geometry) -> tuple[list[_Entry], list[_Arc]]:
    """Entries numbered in the list's order (ring, unit, date), one per event; the arcs."""
    ring = _ring
    found: dict[tuple[object, ...], _Entry] = {}
    arcs = []
    for o in _order(items):
        key = _key(o)
        new = _Entry(len(found) + 1, ring(o), o.name, o.responsible, o.unit_name)
        entry = found.setdefault(key, new)
        entry.whens += [o.when] if o.when not in entry.whens else []
        d0, d1 = geo.day(o.start), geo.day(o.end + dt.timedelta(days=1))
        if d1 < d0:  # starts in the July before the läsår and runs into it
            d0 = -1
        open0, open1 = not 0 <= d0 <= geo.days, not 0 <= d1 <= geo.days
        a0, a1 = (2 * math.pi * min(max(d, 0), geo.days) / geo.days for d in (d0, d1))
        a1 = min(a1, a0 + 2 * math.pi - 1e-3)  # a whole year still has two ends to draw
        entry.continues |= open0 or open1
        arcs.append(_Arc(entry, a0, a1, open0, open1))
    return list(found.values()), arcs


def _tracks(arcs: list[_Arc], radius: float) -> _Tracks:
    """Arcs laid in tracks so that none overlap; a short arc is widened to fit its number."""
    tracks: _Tracks = []
    for arc in sorted(arcs, key=lambda a: (a.start, -a.end, a.entry.number)):
        least = (_width(str(arc.entry.number), 12) + 10) / radius
        a0, a1 = arc.start, arc.end
        if a1 - a0 < least:
            mid = min(max((a0 + a1) / 2, least / 2), 2 * math.pi - least / 2)
            a0, a1 = mid - least / 2, mid + least / 2
        free = next((t for t in tracks if t[-1][2] <= a0 + 1e-9), None)
        if free is None:
            tracks.append(free := [])
        free.append((arc, a0, a1))
    return tracks or [[]]


def _legend(entries: list[_Entry]) -> list[list[_Line]]:
    """The numbered list as blocks of lines that stay together in a column."""
    note = "Numret på en båge hänvisar till listan; en återkommande händelse har samma nummer."
    if any(e.continues for e in entries):
        note += " En spetsig ände betyder att händelsen fortsätter utanför läsåret."
    if not entries:
        note = "Inga händelser är planerade för läsåret."
    blocks = [[_Line("Händelser i årshjulet", 16, indent=0)]]
    blocks[0] += [_Line(t, 12, fill=GREY, indent=0) for t in _wrap(note, COLUMN, 12, 4)]
    for kind in RINGS:
        mine = [e for e in entries if e.kind == kind]
        head = [_Line(f"{RING_LABELS[kind]} ({len(mine)})", 14, indent=24, swatch=kind)]
        if kind == ACTIVITY and len(mine) > MAX_LISTED_ACTIVITIES:
            for unit in dict.fromkeys(e.unit_name for e in mine):
                numbers = [e.number for e in mine if e.unit_name == unit]
                n = len(numbers)
                text = f"{unit or 'Utan enhet'}: {n} aktivitet{'er' * (n > 1)}, nr {numbers[0]}"
                text += f"–{numbers[-1]}" * (n > 1)
                blocks.append([*head, *(_Line(t, indent=0) for t in _wrap(text, COLUMN, 12, 2))])
                head = []
            text = "Aktiviteterna sammanfattas per enhet; de står i enheternas utvecklingsplaner."
            blocks[-1] += [_Line(t, 12, fill=GREY, indent=0) for t in _wrap(text, COLUMN, 12, 3)]
            continue
        for e in mine:
            name = _wrap(e.name, COLUMN - 32, 12, 2 if kind == ACTIVITY else 3)
            detail = [e.unit_name] if e.unit_name else []
            detail += [", ".join(e.whens) + " (fortsätter)" * e.continues]
            detail += [", ".join(e.responsible)] if e.responsible else []
            lines = [_Line(name[0], number=str(e.number)), *(_Line(t) for t in name[1:])]
            lines += [
                _Line(t, 11, fill=GREY) for t in _wrap(" · ".join(detail), COLUMN - 32, 11, 2)
            ]
            blocks.append([*head, *lines])
            head = []
    return blocks


def _columns(blocks: list[list[_Line]], height: float) -> list[list[list[_Line]]]:
    columns: list[list[list[_Line]]] = [[]]
    used = 0.0
    for block in blocks:
        size = sum(line.height for line in block) + 4
        if used + size > height and columns[-1]:
            columns.append([])
            used = 0.0
        columns[-1].append(block)
        used += size
    return columns


def _draw_legend(columns: list[list[list[_Line]]], x: float, top: float) -> list[str]:
    out = []
    for c, column in enumerate(columns):
        left, y = x + c * (COLUMN + GUTTER), top
        for line in (line for block in column for line in (*block, _Line("", 0))):
            y += line.height + 4 * (not line.text)  # a little space after each block
            if line.swatch:
                box = {"x": left, "y": y - 13, "width": 16, "height": 16, "rx": 3}
                out.append(_el("rect", **box, **_colours(line.swatch)))
            mid = y - line.size * 0.36  # y is the baseline
            if line.number:
                out.append(_label(left + 26, mid, line.number, 12, anchor="end"))
            if line.text:
                weight = "bold" if line.size > 12 else "normal"
                at = (left + line.indent, mid)
                out.append(
                    _label(*at, line.text, line.size, weight=weight, fill=line.fill, anchor="start")
                )
    return out


def _ring_label(geo: _Geometry, ring: _Ring, july: float) -> list[str]:
    """The ring's name along it in July, when July is free in that ring and it fits."""
    label, r = RING_LABELS[ring.kind], ring.mid - 4  # the baseline: letters sit in the middle
    free = all(a1 <= july for track in ring.tracks for _, _, a1 in track)
    if not free or _width(label, 11) > r * (2 * math.pi - july) - 8:
        return []
    ref = f"ring-{RINGS.index(ring.kind)}"
    path = f"M{geo.p(r, july)} A{r:.1f},{r:.1f} 0 0 1 {geo.p(r, 2 * math.pi)}"
    return [
        _el("path", id=ref, d=path, fill="none"),
        f'<text font-size="11" font-weight="bold" fill="{TEXT}" text-anchor="middle">'
        f'<textPath href="#{ref}" startOffset="50%">{escape(label)}</textPath></text>',
    ]


def _draw_year_wheel(
    geo: _Geometry, rings: list[_Ring], outer: float, year: SchoolYear
) -> list[str]:
    centre = {"cx": geo.cx, "cy": geo.cy}
    out = [_el("circle", **centre, r=outer + BAND, fill="#E6E6E6")]
    out.append(_el("circle", **centre, r=outer, fill="#FFFFFF"))
    for ring in rings:  # each ring a faint band of its colour
        tint = {"stroke": FILLS[RINGS.index(ring.kind)], "stroke_opacity": 0.13}
        width = len(ring.tracks) * ring.lane
        out.append(_el("circle", **centre, r=ring.mid, fill="none", stroke_width=width, **tint))
    months = [dt.date(year.start + (m < 8), m, 1) for m in SCHOOL_MONTHS]
    bounds = [geo.angle(d) for d in months] + [2 * math.pi]
    for i, a in enumerate(bounds[:12]):
        out.append(_el("path", d=f"M{geo.p(HOLE, a)} L{geo.p(outer + BAND, a)}", stroke="#B3B3B3"))
        mid = (a + bounds[i + 1]) / 2
        x, y = geo.xy(outer + BAND / 2, mid)
        name = MONTHS[months[i].month - 1].capitalize()
        out.append(_label(x, y, name, 15, turn=mid))
    for ring in rings:
        ink = "#FFFFFF" if ring.kind == "dialog" else "#000000"
        for t, track in enumerate(ring.tracks):
            lo, hi = ring.inner + t * ring.lane + 1.5, ring.inner + (t + 1) * ring.lane - 1.5
            for arc, a0, a1 in track:
                tips = (arc.open_start, arc.open_end)
                out.append(_el("path", d=geo.sector(lo, hi, a0, a1, tips), **_colours(ring.kind)))
                x, y = geo.xy((lo + hi) / 2, (a0 + a1) / 2)
                out.append(_label(x, y, str(arc.entry.number), 12, turn=(a0 + a1) / 2, fill=ink))
        out += _ring_label(geo, ring, bounds[11])
    return out


def _draw_centre(geo: _Geometry, title: str, today: dt.date | None, outer: float) -> list[str]:
    """The title in the centre; today as a needle from the centre and a line of text."""
    out = []
    name, _, organiser = title.partition(" – ")
    lines = [(t, 20, "bold", TEXT) for t in _wrap(name, 2 * HOLE - 20, 20, 2)]
    lines += [(t, 14, "normal", GREY) for t in _wrap(organiser, 2 * HOLE - 36, 14, 3)]
    if today is not None:
        a = geo.angle(today) + math.pi / geo.days  # the middle of the day
        needle = f"M{geo.p(HOLE - 6, a)} L{geo.p(outer + BAND + 6, a)}"
        out.append(_el("path", d=needle, stroke="#000000", stroke_width=3))
        x, y = geo.xy(outer + BAND + 6, a)
        out.append(_el("circle", cx=x, cy=y, r=5, fill="#000000"))
        lines += [(f"I dag {today.day} {MONTHS[today.month - 1]}", 15, "bold", "#000000")]
    y = geo.cy - sum(size * 1.3 for _, size, _, _ in lines) / 2
    for text, size, weight, fill in lines:
        y += size * 1.3
        out.append(_label(geo.cx, y - size * 0.66, text, size, weight=weight, fill=fill))
    return out


def year_wheel_svg(
    items: Sequence[Occurrence],
    year: SchoolYear,
    today: dt.date | None,
    title: str,
    legend: bool = True,
) -> str:
    """The läsår's årshjul as an SVG wheel with a numbered list; today marked if given.
    Without `legend` the wheel stands alone, as large as a page allows, for a document
    whose own text lists the numbers (a list in the picture would be too small to read)."""
    entries, arcs = _entries(items, _Geometry(year))
    blocks = _legend(entries)
    # As tall as the wheel needs, or taller (with wider tracks) to keep the list in two columns.
    mine = {k: [a for a in arcs if a.entry.kind == k] for k in RINGS}
    count = sum(len(_tracks(mine[k], HOLE)) for k in RINGS)  # at least as many as drawn
    fixed = HOLE + GAP * (len(RINGS) - 1) + BAND + 12 + MARGIN
    height = 2 * (fixed + 16 * count)
    while len(_columns(blocks, height - 2 * MARGIN)) > 2 and height < 1600:
        height += 20
    lane = min(max((height / 2 - fixed) / count, 16), 30)
    columns = _columns(blocks, height - 2 * MARGIN)
    geo = _Geometry(year, height / 2, height / 2)
    left = height - MARGIN + GUTTER  # the list's left edge
    width = left + len(columns) * (COLUMN + GUTTER) - GUTTER + MARGIN if legend else height
    rings, radius = [], HOLE
    for kind in RINGS:
        rings.append(_Ring(kind, radius, lane, _tracks(mine[kind], radius + lane / 2)))
        radius += len(rings[-1].tracks) * lane + GAP
    if today is not None and not year.first_day <= today <= year.last_day:
        today = None
    summary = ", ".join(f"{RING_LABELS[k].lower()} {len(mine[k])}" for k in RINGS)
    desc = (
        f"Årshjul för läsåret {year} med {len(arcs)} händelser i ringar efter typ, inifrån "
        f"och ut: {summary}. Augusti står överst och månaderna följer medurs till juli. "
        + (
            "Varje båge har ett nummer som förklaras i listan bredvid hjulet."
            if legend
            else "Varje båge har ett nummer som förklaras i dokumentets tabeller."
        )
    )
    if today is not None:
        desc += f" Dagens datum, {today.day} {MONTHS[today.month - 1]} {today.year}, är markerat."
    body = [
        *_draw_year_wheel(geo, rings, radius - GAP, year),
        *_draw_centre(geo, title, today, radius - GAP),
        *(_draw_legend(columns, left, MARGIN) if legend else []),
    ]
    return svg.document("arshjul", width, height, title, desc, body)
