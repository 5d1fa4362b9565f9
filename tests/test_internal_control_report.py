"""Internkontroll, KAA and the units' egenkontroll in the built reports: the risk table,
the risk matrix picture (each risk in its cell, the alt text), the avvikelser and their
state, the KAA figures with small counts hidden, and the egenkontroll's answers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ska.render import pagecheck
from ska.render.build import BuildOptions, build
from ska.render.risk_matrix import PlacedRisk, describe, risk_matrix_svg
from tests.conftest import AFTER_YEAR, html_text, pdf_text, replace_in, table_after, write
from tests.test_render import organiser_markdown, unit_markdown

SVG = "{http://www.w3.org/2000/svg}"
CONTROL = "plans/internkontroll/2026.yaml"
HOSTILE = 'Elever <script>alert(1)</script> & "citat" </text><text>falsk'
RISKS = [
    PlacedRisk(1, "Särskilt stöd ges inte i tid", 3, 4),
    PlacedRisk(2, HOSTILE, 2, 4),
    PlacedRisk(3, "Betygssättningen är inte likvärdig", 3, 3),
    PlacedRisk(4, "Registerutdrag saknas", 2, 4),
    PlacedRisk(5, "Klagomål besvaras inte i tid", 1, 1),
]


def _cells(svg: str) -> dict[tuple[int, int], tuple[ET.Element, list[str]]]:
    """(sannolikhet, konsekvens) → the cell's rectangle and the risk numbers drawn in it."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        if not group.get("id", "").startswith("ruta-"):
            continue
        key = (int(group.get("data-sannolikhet", "0")), int(group.get("data-konsekvens", "0")))
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        numbers = [
            n.strip()
            for t in group.iter(f"{SVG}text")
            if t.get("class") == "risker"
            for n in (t.text or "").split(",")
            if n.strip()
        ]
        found[key] = (rect, numbers)
    return found


def first_table(text: str, heading: str) -> list[list[str]]:
    """The first pipe table after `heading`, past the picture that opens the section."""
    blocks = text.split(f"{heading}\n", 1)[1].split("\n\n")
    table = next(b.strip() for b in blocks if b.strip().startswith("|"))
    return table_after(f"{heading}\n{table}", heading)


def test_each_risk_is_drawn_in_its_cell() -> None:
    cells = _cells(risk_matrix_svg(RISKS, "Riskmatris 2026"))
    assert len(cells) == 16
    placed = {n: key for key, (_, numbers) in cells.items() for n in numbers}
    assert placed == {"1": (3, 4), "2": (2, 4), "3": (3, 3), "4": (2, 4), "5": (1, 1)}
    # Sannolikhet grows to the right, konsekvens upwards; the colour follows the riskvärde.
    x = {k: float(r.get("x", "0")) for k, (r, _) in cells.items()}
    y = {k: float(r.get("y", "0")) for k, (r, _) in cells.items()}
    assert x[(1, 1)] < x[(2, 1)] < x[(3, 1)] < x[(4, 1)]
    assert y[(1, 1)] > y[(1, 2)] > y[(1, 3)] > y[(1, 4)]
    fill = {k: r.get("fill") for k, (r, _) in cells.items()}
    assert fill[(1, 1)] == fill[(3, 1)] != fill[(2, 2)] == fill[(3, 2)]
    assert fill[(3, 3)] == fill[(2, 4)] != fill[(4, 4)] == fill[(3, 4)]


def test_the_alt_text_names_every_risk_and_its_cell() -> None:
    alt = describe(RISKS, "Riskmatris 2026")
    assert alt.startswith("Riskmatris 2026: riskmatris med sannolikhet 1–4")
    assert "1 Särskilt stöd ges inte i tid: sannolikhet 3, konsekvens 4, riskvärde 12" in alt
    assert "5 Klagomål besvaras inte i tid: sannolikhet 1, konsekvens 1, riskvärde 1 (låg)" in alt
    svg = risk_matrix_svg(RISKS, "Riskmatris 2026")
    desc = ET.fromstring(svg).find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == alt


def test_a_hostile_risk_name_stays_text() -> None:
    svg = risk_matrix_svg(RISKS, HOSTILE)
    assert pagecheck.problems(svg, svg=True) == []
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # still well-formed: nothing closed or opened by the name
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == HOSTILE
    assert "falsk" not in texts  # the name did not open an element of its own
    assert any(t.startswith("Elever <script>") for t in texts)


def test_organiser_report_shows_risks_deviations_and_their_state(repo: Path) -> None:
    replace_in(
        repo,
        CONTROL,
        "        när: mars\n",
        "        när: mars\n        utfall: Två av tio program saknade datum.\n",
    )
    append_risk = (
        "  - id: klagomål\n    namn: Klagomål besvaras inte\n"
        "    beskrivning: Klagomål besvaras inte i tid.\n    sannolikhet: 1\n    konsekvens: 2\n"
        "    kontrollmoment:\n      - {beskrivning: Genomgång av registret, metod: genomgång,"
        " ansvarig: utvecklingsledare, när: juni}\n"
    )
    replace_in(repo, CONTROL, "avvikelser:\n", append_risk + "avvikelser:\n")
    text = organiser_markdown(repo)
    assert first_table(text, "## Internkontrollplan 2026") == [
        ["Nr", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", "Kontrollmoment", "Resultat"],
        [
            "1",
            "**Särskilt stöd i tid.** Elever får inte särskilt stöd i tid.",
            "2",
            "4",
            "8 (hög)",
            "Stickprov av åtgärdsprogram (mars).",
            "Två av tio program saknade datum. 1 avvikelse under läsåret.",
        ],
        [
            "2",
            "**Klagomål besvaras inte.** Klagomål besvaras inte i tid.",
            "1",
            "2",
            "2 (låg)",
            "Genomgång av registret (juni).",
            "–",
        ],
    ]
    assert "![Riskmatris, internkontrollplan 2026](riskmatris-2026.svg)" in text
    assert "2 Klagomål besvaras inte: sannolikhet 1, konsekvens 2, riskvärde 2 (låg)" in text
    # The report is dated 20 September 2026; the åtgärd was due 1 May and is not done.
    [_, row] = table_after(text, "### Avvikelser 2026")
    assert row[1:5] == [
        "Särskilt stöd i tid (1)",
        "Testskolan",
        "Två utredningar var äldre än åtta veckor.",
        "Rutinen gås igenom med EHT. Ansvarig: Rektor.",
    ]
    assert row[-1] == "Försenad, skulle vara klar 1 maj 2026"
    replace_in(repo, CONTROL, "klart: 2026-05-01}", "klart: 2026-05-01, genomförd: 2026-04-28}")
    [_, row] = table_after(organiser_markdown(repo), "### Avvikelser 2026")
    assert row[-1] == "Genomförd 28 april 2026"
    replace_in(repo, CONTROL, "klart: 2026-05-01, genomförd: 2026-04-28}", "klart: 2026-10-01}")
    [_, row] = table_after(organiser_markdown(repo), "### Avvikelser 2026")
    assert row[-1] == "Pågår, klar senast 1 oktober 2026"


def test_deviations_outside_the_school_year_are_left_out(repo: Path) -> None:
    replace_in(repo, CONTROL, "datum: 2026-03-20", "datum: 2026-09-20")
    text = organiser_markdown(repo)
    assert "Inga avvikelser har noterats under läsåret i planen för 2026." in text
    assert "### Avvikelser 2026" not in text
    (repo / CONTROL).unlink()
    assert "# Internkontroll" not in organiser_markdown(repo)


def test_kaa_figures_hide_small_counts(repo: Path) -> None:
    text = organiser_markdown(repo)
    assert first_table(text, "# Kommunalt aktivitetsansvar") == [
        ["Halvår", "Ungdomar i registret", "Rapporterat till SCB"],
        ["juli–december 2025", "21", "10 februari 2026"],
        ["januari–juni 2026", "23", "10 juli 2026"],
    ]
    assert "visas som `..`" not in text.split("# Kommunalt aktivitetsansvar")[1]
    replace_in(repo, "plans/kaa/2026.yaml", "antal_ungdomar: 23", "antal_ungdomar: 7")
    text = organiser_markdown(repo)
    assert first_table(text, "# Kommunalt aktivitetsansvar")[2] == [
        "januari–juni 2026",
        "..",
        "10 juli 2026",
    ]
    assert "Antal under 10 visas som `..`." in text
    assert "| 7 " not in text.split("# Kommunalt aktivitetsansvar")[1]


def test_kaa_figures_go_to_the_gymnasieskola_and_komvux_reports(repo: Path) -> None:
    from ska.load.repository import Repository
    from ska.model.types import SchoolYear
    from ska.render.organiser import FORMS, _reports_kaa

    year = SchoolYear(2025)
    by_id = {f.id: f for f in FORMS}
    assert _reports_kaa(Repository(repo), by_id["grundskola"], year)  # no such form: all
    replace_in(
        repo,
        "plans/2025-26/kvalitetsrapport.md",
        "datum:",
        "skolformer: [grundskola, komvux]\ndatum:",
    )
    assert not _reports_kaa(Repository(repo), by_id["grundskola"], year)
    assert _reports_kaa(Repository(repo), by_id["komvux"], year)


SELF_CHECK = "units/testskolan/2025-26/egenkontroll.yaml"


def test_unit_report_shows_the_answers_that_need_action(repo: Path) -> None:
    (repo / SELF_CHECK).unlink()
    assert "# Egenkontroll" not in unit_markdown(repo)
    write(
        repo,
        SELF_CHECK,
        "kontrollpunkter:\n"
        "  - område: Elevhälsa\n    fråga: Har åtgärdsprogrammen datum för utvärdering?\n"
        "    svar: delvis\n    kommentar: Två av tolv saknade datum.\n    datum: 2025-10-14\n"
        "    åtgärd: Programmen kompletteras före jul.\n"
        "  - område: Säkerhet\n    fråga: Har utrymningsövningen genomförts?\n"
        "    svar: ja\n    datum: 2025-10-20\n"
        "  - område: Närvaro\n    fråga: Anmäls upprepad frånvaro?\n",
    )
    text = unit_markdown(repo)
    assert (
        "2 av 3 kontrollpunkter besvarade (1 ja, 1 delvis, 0 nej), den senaste 20 oktober 2025."
        in " ".join(text.split())
    )
    assert first_table(text, "# Egenkontroll") == [
        ["Område", "Fråga", "Svar", "Kommentar", "Åtgärd", "Besvarad"],
        [
            "Elevhälsa",
            "Har åtgärdsprogrammen datum för utvärdering?",
            "Delvis",
            "Två av tolv saknade datum.",
            "Programmen kompletteras före jul.",
            "14 oktober 2025",
        ],
    ]


def test_built_report_holds_the_risk_matrix(repo: Path, tmp_path: Path) -> None:
    """The HTML shows the picture with its alt text, the SVG beside it has the risk in its
    cell, the PDF holds the picture's text and Word gets the PNG copy."""
    folder = tmp_path / "bygg"
    options = BuildOptions(
        folder=folder,
        formats=("html", "pdf", "docx"),
        kinds=("huvudmannarapport",),
        today=AFTER_YEAR,
    )
    result = build(repo, options)
    assert result.built
    report = folder / "2025-26/huvudman/grundskola"
    svg = (report / "riskmatris-2026.svg").read_text(encoding="utf-8")
    assert _cells(svg)[(2, 4)][1] == ["1"]
    assert (report / "riskmatris-2026.png").read_bytes().startswith(b"\x89PNG")
    html = (report / "kvalitetsrapport.html").read_text(encoding="utf-8")
    assert 'src="riskmatris-2026.svg"' in html
    assert "1 Särskilt stöd i tid: sannolikhet 2, konsekvens 4" in html
    assert "Internkontrollplan 2026" in html_text(report / "kvalitetsrapport.html")
    assert "Riskmatris, internkontrollplan 2026" in pdf_text(report / "kvalitetsrapport.pdf")
