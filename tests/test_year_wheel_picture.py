"""The årshjul as a wheel picture: a well-formed, accessible SVG that Typst can draw."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typst

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.planning.occurrences import Occurrence, occurrences
from ska.render.year_wheel_picture import year_wheel_svg
from tests.conftest import PROJECT

Y2025 = SchoolYear(2025)
SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Årshjul 2025/26 – Testkommun"
PNG = b"\x89PNG\r\n\x1a\n"


def occurrence(
    name: str,
    start: dt.date,
    end: dt.date,
    kind: str = "dialog",
    unit: str | None = None,
    event: str | None = None,
) -> Occurrence:
    return Occurrence(
        uid=f"2025-26-{event or name}-{start}",
        event=event or name,
        name=name,
        kind=kind,
        level="enhet" if unit else "huvudman",
        start=start,
        end=end,
        when=f"{start}–{end}",
        responsible=("Rektor",),
        unit=unit,
        unit_name=unit.capitalize() if unit else None,
    )


SMALL = [
    occurrence("Förutsättningsdialog", dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
    occurrence("Elevenkät", dt.date(2025, 11, 3), dt.date(2025, 11, 23), "mätning"),
    occurrence("Kvalitetsrapporter klara", dt.date(2026, 6, 30), dt.date(2026, 6, 30), "rapport"),
    occurrence("Skolanalysgrupp", dt.date(2025, 9, 1), dt.date(2025, 9, 30), "möte"),
    occurrence("Skolanalysgrupp", dt.date(2026, 3, 1), dt.date(2026, 3, 31), "möte"),
    occurrence("Läsfrämjande", dt.date(2025, 8, 1), dt.date(2025, 12, 31), "aktivitet", "byskolan"),
]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def arc_numbers(root: ET.Element) -> list[str]:
    """The numbers on the arcs: digits laid along the circle."""
    return [
        t.text or "" for t in texts(root) if "transform" in t.attrib and (t.text or "").isdigit()
    ]


def legend(root: ET.Element) -> dict[str, str]:
    """The list's first line of each entry by its number (right-aligned before the name)."""
    found = {}
    elements = texts(root)
    for number, name in itertools.pairwise(elements):
        if number.get("text-anchor") == "end" and (number.text or "").isdigit():
            found[number.text or ""] = name.text or ""
    return found


def render(svg: str, folder: Path) -> bytes:
    """The SVG drawn by Typst's renderer, which rejects malformed SVG."""
    (folder / "wheel.svg").write_text(svg, encoding="utf-8")
    source = folder / "main.typ"
    source.write_text(
        '#set page(width: auto, height: auto, margin: 0pt)\n#image("wheel.svg", alt: "Årshjul")\n',
        encoding="utf-8",
    )
    png = typst.compile(str(source), root=str(folder), format="png", ppi=72.0)
    assert isinstance(png, bytes)
    assert png.startswith(PNG)
    return png


def test_the_wheel_is_an_accessible_svg() -> None:
    root = parse(year_wheel_svg(SMALL, Y2025, None, TITLE))
    assert root.get("role") == "img"
    assert root.get("lang") == "sv"
    assert "DejaVu Sans" in (root.get("font-family") or "")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.text == TITLE
    assert (desc.text or "").startswith("Årshjul för läsåret 2025/26 med 6 händelser")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert all(float(t.get("font-size") or 0) >= 11 for t in texts(root))


def test_the_same_plan_gives_the_same_picture() -> None:
    today = dt.date(2025, 11, 24)
    assert year_wheel_svg(SMALL, Y2025, today, TITLE) == year_wheel_svg(
        list(SMALL), Y2025, today, TITLE
    )
    assert year_wheel_svg(SMALL, Y2025, today, TITLE) == year_wheel_svg(
        SMALL[::-1], Y2025, today, TITLE
    )


def test_every_occurrence_has_a_numbered_arc_and_an_entry() -> None:
    root = parse(year_wheel_svg(SMALL, Y2025, None, TITLE))
    entries = legend(root)
    # A recurring event has one entry and its number on each of its arcs.
    assert len(arc_numbers(root)) == len(SMALL)
    assert set(arc_numbers(root)) == set(entries) == {"1", "2", "3", "4", "5"}
    assert sorted(entries.values()) == sorted({o.name for o in SMALL})
    by_name = {name: number for number, name in entries.items()}
    assert arc_numbers(root).count(by_name["Skolanalysgrupp"]) == 2
    lines = [t.text for t in texts(root)]
    assert "Dialog (1)" in lines
    assert "Enheternas aktiviteter (1)" in lines
    assert "Byskolan · 2025-08-01–2025-12-31 · Rektor" in lines


def test_names_from_user_data_are_escaped() -> None:
    name = "Möte <b>\"viktigt\"</b> & 'annat'"
    items = [occurrence(name, dt.date(2025, 10, 1), dt.date(2025, 10, 1), "möte")]
    svg = year_wheel_svg(items, Y2025, None, 'Årshjul 2025/26 – "A & B" <kommun>')
    assert "<b>" not in svg
    root = parse(svg)
    assert name in legend(root).values()
    assert root.find(f"{SVG}title") is not None


def test_august_is_at_the_top_and_february_at_the_bottom() -> None:
    root = parse(year_wheel_svg(SMALL, Y2025, None, TITLE))
    centre = next(root.iter(f"{SVG}circle"))
    cy, cx = float(centre.get("cy") or 0), float(centre.get("cx") or 0)
    months = {t.text: t for t in texts(root) if t.text in {"Augusti", "Februari", "Juli"}}
    assert float(months["Augusti"].get("y") or 0) < cy
    assert float(months["Augusti"].get("x") or 0) > cx  # just right of the top: clockwise
    assert float(months["Juli"].get("x") or 0) < cx  # the summer just left of the top
    assert float(months["Februari"].get("y") or 0) > cy
    month_names = [t.text for t in texts(root) if "transform" in t.attrib and t.text]
    assert month_names[:2] == ["Augusti", "September"]


@pytest.mark.parametrize(
    ("today", "label"),
    [
        (dt.date(2025, 11, 24), "I dag 24 november"),
        (dt.date(2025, 7, 1), "I dag 1 juli"),
        (dt.date(2026, 6, 30), "I dag 30 juni"),
        (dt.date(2025, 6, 30), None),
        (dt.date(2026, 7, 1), None),
        (None, None),
    ],
)
def test_today_is_marked_only_within_the_lasar(today: dt.date | None, label: str | None) -> None:
    root = parse(year_wheel_svg(SMALL, Y2025, today, TITLE))
    marked = [t.text for t in texts(root) if (t.text or "").startswith("I dag")]
    assert marked == ([label] if label else [])
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert ("Dagens datum" in (desc.text or "")) == (label is not None)


def test_an_empty_plan_still_gives_a_wheel(tmp_path: Path) -> None:
    svg = year_wheel_svg([], Y2025, dt.date(2025, 9, 1), "Årshjul 2025/26")
    root = parse(svg)
    lines = [t.text for t in texts(root)]
    assert "Inga händelser är planerade för läsåret." in lines
    assert sum(1 for t in lines if t in {"Augusti", "Juli"}) == 2
    assert arc_numbers(root) == []
    assert len(render(svg, tmp_path)) > 10_000


def test_dates_outside_the_wheel_are_clamped_and_continue(tmp_path: Path) -> None:
    items = [
        occurrence("Sommarläger", dt.date(2025, 7, 7), dt.date(2025, 7, 18)),  # the last month
        occurrence("Från juli", dt.date(2025, 7, 1), dt.date(2025, 9, 30), "beslut"),
        occurrence("Över årsskiftet", dt.date(2026, 6, 1), dt.date(2026, 12, 31), "möte"),
        occurrence("Nästa höst", dt.date(2026, 9, 1), dt.date(2026, 9, 1), "rapport"),
        occurrence("Hela året", dt.date(2025, 8, 1), dt.date(2026, 7, 31), "uppföljning"),
        occurrence("Okänd typ", dt.date(2025, 10, 1), dt.date(2025, 10, 2), "annat"),
    ]
    svg = year_wheel_svg(items, Y2025, None, TITLE)
    root = parse(svg)
    assert len(arc_numbers(root)) == len(items)
    lines = [t.text or "" for t in texts(root)]
    assert sum(1 for t in lines if "(fortsätter)" in t) == 3
    assert any("spetsig ände" in t for t in lines)
    render(svg, tmp_path)


def test_many_unit_activities_are_summarised_per_unit() -> None:
    items = [
        occurrence(f"Aktivitet {i}", dt.date(2025, 9, 1), dt.date(2025, 10, 1), "aktivitet", unit)
        for unit in ("ekorren", "lärkan", "byskolan")
        for i in range(10)
    ]
    root = parse(year_wheel_svg(items, Y2025, None, TITLE))
    lines = [t.text or "" for t in texts(root)]
    assert "Byskolan: 10 aktiviteter, nr 1–10" in lines
    assert "Lärkan: 10 aktiviteter, nr 21–30" in lines
    assert any("sammanfattas per enhet" in t for t in lines)
    assert sorted(int(n) for n in set(arc_numbers(root))) == list(range(1, 31))


def test_the_example_renders_to_png(tmp_path: Path) -> None:
    items = occurrences(Repository(PROJECT), Y2025)
    today = dt.date(2025, 11, 24)
    svg = year_wheel_svg(items, Y2025, today, "Årshjul 2025/26 – Svenljunga kommun")
    root = parse(svg)
    assert len(arc_numbers(root)) == len(items)
    entries = legend(root)
    assert set(arc_numbers(root)) == set(entries)
    for item in items:  # each name starts its entry (a long one is cut with …)
        assert any(item.name.startswith(line.removesuffix(" …")) for line in entries.values())
    assert "I dag 24 november" in [t.text for t in texts(root)]
    assert len(render(svg, tmp_path)) > 100_000
