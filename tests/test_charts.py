"""Charts: deterministic SVG, suppressed values never drawn or described, valid for Typst."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib as mpl
import typst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ska.model.results import ResultRow
from ska.model.types import Term
from ska.render.charts import (
    Chart,
    _number,
    charts_for_unit,
    measure_over_time,
    term_key,
    units_compared,
)
from ska.results.published import PublishedRow, single
from ska.suppression import decide

SVG = "{http://www.w3.org/2000/svg}"


def over_time(rows: list[ResultRow], measure: str, group: str, threshold: int) -> Chart | None:
    """The chart for rows taken as one publication."""
    return measure_over_time(single(rows, threshold), measure, group, threshold)


def compared(values: list[tuple[str, ResultRow]], measure: str, threshold: int) -> Chart | None:
    """The chart for rows each from its own unit's publication."""
    published = [(name, single([r], threshold)[0]) for name, r in values]
    return units_compared(published, measure, threshold)


def for_unit(years: dict[str, list[ResultRow]], threshold: int, limit: int = 6) -> list[Chart]:
    """A unit's charts, with one decision over all its läsår."""
    flat = [(year, r) for year, rows in years.items() for r in rows]
    published = single([r for _, r in flat], threshold)
    by_year: dict[str, list[PublishedRow]] = {}
    for (year, _), entry in zip(flat, published, strict=True):
        by_year.setdefault(year, []).append(entry)
    return charts_for_unit(by_year, threshold, limit)


READING = "Läsförståelse i nivå med riktmärke"


def row(
    term: str,
    gender: str,
    count: int | None,
    total: int,
    value: float | None = None,
    measure: str = READING,
    group: str = "åk 2",
) -> ResultRow:
    return ResultRow.model_validate(
        {
            "mått": measure,
            "termin": term,
            "grupp": group,
            "kön": gender,
            "antal": count,
            "totalt": total,
            "värde": value,
        }
    )


def term_rows(
    term: str,
    girls: tuple[int, int],
    boys: tuple[int, int],
    measure: str = READING,
    group: str = "åk 2",
) -> list[ResultRow]:
    """Girls, boys and everyone for one term, each as (antal, totalt)."""
    both = (girls[0] + boys[0], girls[1] + boys[1])
    return [
        row(term, gender, *counts, measure=measure, group=group)
        for gender, counts in (("flickor", girls), ("pojkar", boys), ("alla", both))
    ]


def texts(svg: str) -> list[str]:
    """The text matplotlib drew: it writes each string as a comment before its glyphs."""
    return [t.strip() for t in re.findall(r"<!-- (.*?) -->", svg)]


def markers(svg: str, gid: str) -> int | None:
    """How many points a series has, or None when it is not drawn at all."""
    for element in ET.fromstring(svg).iter():
        if element.get("id") == gid:
            return sum(1 for e in element.iter(f"{SVG}use"))
    return None


READING_ROWS = [
    *term_rows("ht2024", (30, 40), (28, 40)),
    *term_rows("vt2025", (32, 40), (29, 40)),
    *term_rows("ht2025", (33, 40), (30, 40)),
    *term_rows("vt2026", (34, 40), (31, 40)),
]


def test_a_line_per_gender_with_percent_labels_and_alt_text() -> None:
    chart = over_time(READING_ROWS, READING, "åk 2", 10)
    assert isinstance(chart, Chart)
    assert chart.title == f"{READING}, åk 2"
    assert chart.svg.startswith("<?xml")
    assert [markers(chart.svg, f"serie-{g}") for g in ("flickor", "pojkar", "alla")] == [4, 4, 4]
    drawn = texts(chart.svg)
    assert {"Andel (%)", "Flickor", "Pojkar", "Alla", "75 %", "85 %", "72,5 %"} <= set(drawn)
    assert chart.alt == (
        f"Linjediagram, andel i procent per termin: {READING}, åk 2, ht2024–vt2026. "
        "Flickor från 75 % till 85 %, pojkar från 70 % till 78 %, alla från 73 % till 81 %."
    )
    assert len(chart.alt) <= 300
    assert "visas inte" not in chart.alt


def test_same_input_gives_the_same_svg() -> None:
    first = over_time(READING_ROWS, READING, "åk 2", 10)
    second = over_time(list(READING_ROWS), READING, "åk 2", 10)
    assert first is not None
    assert second is not None
    assert first.svg == second.svg
    assert "<dc:date>" not in first.svg
    assert mpl.rcParams["svg.hashsalt"] is None  # set only while drawing


def test_terms_are_ordered_across_läsår_whatever_the_row_order() -> None:
    assert sorted(map(Term.parse, ["vt2026", "ht2025", "vt2025", "ht2024"]), key=term_key) == [
        Term.parse(t) for t in ("ht2024", "vt2025", "ht2025", "vt2026")
    ]
    chart = over_time(READING_ROWS[::-1], READING, "åk 2", 10)
    assert chart is not None
    terms = [t for t in texts(chart.svg) if re.fullmatch(r"(ht|vt)\d{4}", t)]
    assert terms == ["ht2024", "vt2025", "ht2025", "vt2026"]
    assert "ht2024–vt2026" in chart.alt


def test_suppressed_values_are_neither_drawn_nor_described() -> None:
    # Girls are 7 (42,9 %): hidden; boys (71,4 %) would give them away through the total.
    rows = [
        *term_rows("ht2025", (3, 7), (15, 21)),
        *term_rows("vt2026", (3, 7), (16, 21)),
    ]
    assert len(decide(rows, 10).hidden) == 4
    chart = over_time(rows, READING, "åk 2", 10)
    assert chart is not None
    assert markers(chart.svg, "serie-flickor") is None
    assert markers(chart.svg, "serie-pojkar") is None
    assert markers(chart.svg, "serie-alla") == 2
    for secret in ("42,9", "43 %", "71,4", "71 %", "76,2", "76 %", "Flickor", "Pojkar"):
        assert secret not in chart.alt
        assert not any(secret in text for text in texts(chart.svg))
    assert "Alla från 64 % till 68 %." in chart.alt
    assert "Fyra värden visas inte eftersom gruppen är mindre än 10" in chart.alt
    assert any(t.startswith("Fyra värden visas inte") for t in texts(chart.svg))


def test_a_hidden_term_leaves_a_gap_in_the_line() -> None:
    rows = [*term_rows("ht2025", (20, 25), (20, 25)), *term_rows("vt2026", (20, 25), (20, 25))]
    rows += [row("ht2026", "flickor", 8, 9), row("ht2026", "pojkar", 20, 25)]
    chart = over_time(rows, READING, "åk 2", 10)
    assert chart is not None
    assert markers(chart.svg, "serie-flickor") == 2
    assert markers(chart.svg, "serie-pojkar") == 3
    assert "88,9" not in chart.svg
    assert "89 %" not in chart.alt
    assert "pojkar oförändrat 80 %" in chart.alt
    assert "Ett värde visas inte eftersom gruppen är mindre än 10." in chart.alt


def test_values_are_drawn_as_values_with_a_decimal_comma() -> None:
    rows = [
        row(term, gender, None, 110, value, measure="Meritvärde", group="åk 9")
        for term, values in (("ht2024", (224.6, 196.3, 210.2)), ("vt2025", (232.4, 204.1, 218.0)))
        for gender, value in zip(("flickor", "pojkar", "alla"), values, strict=True)
    ]
    chart = over_time(rows, "Meritvärde", "åk 9", 10)
    assert chart is not None
    drawn = texts(chart.svg)
    assert {"Värde", "224,6", "232,4", "218"} <= set(drawn)
    assert "Andel (%)" not in drawn
    assert chart.alt.startswith("Linjediagram, värde per termin: Meritvärde, åk 9, ht2024–vt2025.")
    assert "flickor från 225 till 232" in chart.alt.lower()


def test_too_little_to_draw_gives_none() -> None:
    one_term = term_rows("vt2026", (20, 25), (20, 25))
    assert over_time(one_term, READING, "åk 2", 10) is None
    assert over_time(READING_ROWS, "Något annat", "åk 2", 10) is None
    assert over_time(READING_ROWS, READING, "åk 3", 10) is None
    small = [*term_rows("ht2025", (3, 4), (3, 5)), *term_rows("vt2026", (3, 4), (3, 5))]
    assert over_time(small, READING, "åk 2", 10) is None
    assert over_time([], READING, "åk 2", 10) is None


def test_numbers_are_rounded_half_up_with_a_decimal_comma() -> None:
    assert _number(78.45) == "78,5"
    assert _number(87.5, 0) == "88"
    assert _number(12.5, 0) == "13"
    assert _number(80.0) == "80"
    assert _number(-2.25) == "−2,3"


ATTENDANCE = "Närvaro minst 90 %"


def alla(count: int, total: int, term: str = "vt2026", group: str = "alla") -> ResultRow:
    return row(term, "alla", count, total, measure=ATTENDANCE, group=group)


def test_units_compared_highest_first_and_hidden_units_last() -> None:
    values = [
        ("Åsenskolan", alla(80, 100)),
        ("Byskolan", alla(8, 9)),
        ("Kullaskolan", alla(45, 50)),
        ("Ängsskolan", alla(40, 50)),
        ("Zetaskolan", alla(80, 100)),
        ("Kullaskolan", alla(10, 50, term="ht2025")),  # an older term: left out
        ("Kullaskolan", row("vt2026", "flickor", 20, 25, measure=ATTENDANCE)),  # not alla
    ]
    chart = compared(values, ATTENDANCE, 10)
    assert chart is not None
    assert chart.title == f"{ATTENDANCE}, vt2026"
    names = [t for t in texts(chart.svg) if t.endswith("skolan")]
    assert names == ["Kullaskolan", "Zetaskolan", "Åsenskolan", "Ängsskolan", "Byskolan"]
    assert chart.alt == (
        "Liggande stapeldiagram, andel i procent per enhet: Närvaro minst 90 %, vt2026. "
        "Kullaskolan 90 %, Zetaskolan 80 %, Åsenskolan 80 %, Ängsskolan 80 %. "
        "Värdet visas inte för Byskolan eftersom gruppen är mindre än 10."
    )
    assert "88,9" not in chart.svg
    assert "89 %" not in chart.alt
    assert ".." in texts(chart.svg)


def test_units_compared_needs_two_shown_units() -> None:
    assert compared([("A", alla(40, 50)), ("B", alla(8, 9))], ATTENDANCE, 10) is None
    assert compared([("A", alla(40, 50))], ATTENDANCE, 10) is None
    assert compared([], ATTENDANCE, 10) is None
    assert compared([("A", alla(40, 50)), ("B", alla(8, 9))], ATTENDANCE, 5) is not None


def test_units_compared_names_groups_when_they_differ_and_shortens_a_long_alt() -> None:
    values = [
        (f"Skolenheten med ett långt namn nummer {i}", alla(40 + i, 60, group=f"åk {i}"))
        for i in range(1, 9)
    ]
    chart = compared(values, ATTENDANCE, 10)
    assert chart is not None
    assert "Skolenheten med ett långt namn nummer 8 (åk 8)" in chart.alt
    assert "Högst" in chart.alt
    assert "av 8 enheter" in chart.alt
    assert len(chart.alt) <= 300


def test_many_units_are_compared_as_a_distribution_that_fits_a_page() -> None:
    """A big city's huvudman report: 300 units would be 300 bars on one page; the chart
    counts the units per span of values instead (the table beside it names them all)."""
    values = [(f"Skola {i}", alla(20 + i % 70, 100)) for i in range(300)]
    values += [(f"Liten skola {i}", alla(3, 4)) for i in range(3)]  # hidden: too small
    chart = compared(values, ATTENDANCE, 10)
    assert chart is not None
    shown = texts(chart.svg)
    assert not any(t.startswith("Skola ") for t in shown)  # no bar per unit
    assert "80–90 %" in shown
    assert "Antal enheter" in shown
    spans = [sum(1 for i in range(300) if (20 + i % 70) // 10 == tens) for tens in range(10)]
    assert sum(spans) == 300
    assert spans[0] == spans[1] == spans[9] == 0
    labels = [int(t) for t in shown if t.isdigit()]  # the axis's ticks, then each bar's count
    assert labels[-7:] == spans[2:9]
    assert chart.alt.startswith("Stapeldiagram, antal enheter per intervall: Närvaro")
    assert "Högst Skola 139 89 %, lägst Skola 70 20 % av 300 enheter." in chart.alt
    assert "Värdet visas inte för tre enheter eftersom grupperna är mindre än 10." in chart.alt
    assert "Liten skola" not in chart.alt + chart.svg
    assert len(chart.alt) <= 300
    height = float(ET.fromstring(chart.svg).attrib["height"].removesuffix("pt"))
    assert height < 400  # points: well within an A4 page


def test_a_dollar_in_a_name_is_text() -> None:
    values = [("Skola $A$", alla(40, 50)), ("Skola $B", alla(30, 50))]
    chart = compared(values, ATTENDANCE, 10)
    assert chart is not None
    assert "Skola $A$" in texts(chart.svg)


def test_charts_for_unit_prefers_long_series_and_one_chart_per_measure() -> None:
    years = {
        "2025/26": [
            *term_rows("ht2025", (20, 25), (20, 25), measure="Screening", group="åk 1"),
            *term_rows("vt2026", (21, 25), (20, 25), measure="Screening", group="åk 1"),
            *term_rows("ht2025", (20, 25), (20, 25), measure="Screening", group="åk 2"),
            *term_rows("vt2026", (21, 25), (20, 25), measure="Screening", group="åk 2"),
            *term_rows("vt2026", (21, 25), (20, 25), measure="Enkät", group="alla"),
            *term_rows("ht2025", (3, 4), (3, 5), measure="Liten", group="åk 3"),
            *term_rows("vt2026", (3, 4), (3, 5), measure="Liten", group="åk 3"),
        ],
        "2024/25": [
            *term_rows("vt2025", (21, 25), (20, 25), measure="Enkät", group="alla"),
            *term_rows("ht2024", (20, 25), (20, 25), measure="Betyg", group="åk 9"),
            *term_rows("vt2025", (20, 25), (20, 25), measure="Betyg", group="åk 9"),
            *term_rows("vt2025", (20, 25), (20, 25), measure="Screening", group="åk 2"),
        ],
    }
    titles = [c.title for c in for_unit(years, 10)]
    # In the order they first appear, the 2024/25 file first; the small group has no chart.
    assert titles == ["Enkät", "Betyg, åk 9", "Screening, åk 2", "Screening, åk 1"]
    assert [c.title for c in for_unit(years, 10, limit=3)] == [
        "Enkät",
        "Betyg, åk 9",
        "Screening, åk 2",
    ]
    assert for_unit(years, 10, limit=0) == []
    again = for_unit(dict(reversed(years.items())), 10)
    assert [c.svg for c in again] == [c.svg for c in for_unit(years, 10)]


def test_the_svg_is_valid_in_a_pdf_ua_document(tmp_path: Path) -> None:
    chart = over_time(READING_ROWS, READING, "åk 2", 10)
    assert chart is not None
    (tmp_path / "c.svg").write_text(chart.svg, encoding="utf-8")
    alt = chart.alt.replace("\\", "\\\\").replace('"', '\\"')
    (tmp_path / "main.typ").write_text(
        '#set document(title: "T")\n#set text(lang: "sv")\n'
        f'#figure(image("c.svg", width: 16cm, alt: "{alt}"), caption: [{chart.title}])\n',
        encoding="utf-8",
    )
    pdf = typst.compile(str(tmp_path / "main.typ"), pdf_standards=["ua-1"])
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF")


GENDERS = st.sampled_from(["flickor", "pojkar", "alla"])
TERMS = st.sampled_from(["ht2024", "vt2025", "ht2025", "vt2026"])


@st.composite
def result_rows(draw: st.DrawFn) -> ResultRow:
    total = draw(st.integers(0, 60))
    if draw(st.booleans()):
        return row(draw(TERMS), draw(GENDERS), draw(st.integers(0, total)), total)
    value = draw(st.floats(-500, 500, allow_nan=False))
    return row(draw(TERMS), draw(GENDERS), None, total, value)


def shown_numbers(rows: list[ResultRow], threshold: int) -> set[str]:
    """Every way a shown row's value may be written: whole and with one decimal."""
    hidden = decide(rows, threshold).hidden
    percent = all(r.count is not None for r in rows)
    shown: set[str] = set()
    for index, r in enumerate(rows):
        if index in hidden:
            continue
        if percent and r.count is not None and r.total:
            shown |= {f"{_number(100 * r.count / r.total, d)} %" for d in (0, 1)}
        elif not percent and r.value is not None:
            shown |= {_number(r.value, d) for d in (0, 1)}
    return shown


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(result_rows(), max_size=14), st.integers(0, 15))
def test_any_rows_draw_without_error_and_describe_only_shown_values(
    rows: list[ResultRow], threshold: int
) -> None:
    chart = over_time(rows, READING, "åk 2", threshold)
    if chart is None:
        return
    allowed = shown_numbers(rows, threshold)
    percent = all(r.count is not None for r in rows)
    number = r"−?\d+(?:,\d+)?" + (" %" if percent else "")
    # What follows the heading, without terms and the counts in the note on hidden values.
    described = chart.alt.split(". ", 1)[1]
    described = re.sub(r"\((ht|vt)\d{4}\)|mindre än \d+|\d+ värden", "", described)
    assert set(re.findall(number, described)) <= allowed
    if percent:  # value labels; the axis ticks carry no %
        assert {t for t in texts(chart.svg) if t.endswith(" %")} <= allowed
    hidden = decide(rows, threshold).hidden
    for gender in ("flickor", "pojkar", "alla"):  # a point for each shown value, no more
        points = {
            str(r.term)
            for i, r in enumerate(rows)
            if i not in hidden
            and r.gender == gender
            and (r.total if percent else r.value is not None)
        }
        assert markers(chart.svg, f"serie-{gender}") == (len(points) or None)
