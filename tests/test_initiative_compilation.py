"""The Sammanställning av insatser (`ska build insatser`): every insats of the huvudman
and the units across all läsår, grouped by the läsår it started and whether it goes on,
built for real from the Vaggeryd-model example (Tallmo kommun)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ska import cli
from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.render.initiatives import compilation, initiative_entries, summary_row
from ska.render.organiser import FORMS, _initiatives
from tests.conftest import PROJECT, html_text, pdf_text

EXAMPLE = PROJECT / "exempel" / "vaggeryd"
DAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bygg")
    result = build(
        EXAMPLE,
        BuildOptions(
            folder=folder, formats=("pdf", "html", "docx"), kinds=("insatser",), today=DAY
        ),
    )
    assert result.ok, result.findings
    assert result.built == ["insatser/sammanstallning"]
    return folder / "insatser"


def test_the_compilation_is_built_as_pdf_html_and_word(built: Path) -> None:
    names = {p.name for p in built.iterdir()}
    assert {"sammanstallning.pdf", "sammanstallning.html", "sammanstallning.docx"} <= names
    assert "Sammanställning av insatser" in pdf_text(built / "sammanstallning.pdf")


def test_insatser_are_grouped_by_the_läsår_they_started_and_whether_they_go_on(
    built: Path,
) -> None:
    text = html_text(built / "sammanstallning.html")
    headings = [
        "Startade läsåret 2026/27",
        "Tidiga signaler om frånvaro",
        "Startade läsåret 2025/26",
        "Läsning av ämnestexter i åk 7–9",
        "Startade läsåret 2024/25",
        "Pågående",
        "Internkontroll i vardagen",
        "Avslutade",
        "Ledda rastaktiviteter i åk 1–3",
        "Underlag och spårbarhet",
    ]
    # After the table of contents and the overview table: each heading in this order.
    body = text[text.index("Sammanställningen visar alla insatser") :]
    body = body[body.index("Startade läsåret 2026/27") :]
    place = 0
    for heading in headings:
        place = body.index(heading, place)
    assert "Den har 5 insatser, varav 4 pågår" in text


def test_each_insats_shows_who_decided_what_it_serves_its_follow_ups_and_effect(
    built: Path,
) -> None:
    text = html_text(built / "sammanstallning.html")
    unit_own = text[text.index("Ledda rastaktiviteter i åk 1–3 Uppgift") :]
    assert "Nivå Norrbyskolan" in unit_own
    assert "Beslutad av Enheten (rektor)" in unit_own
    assert "Fas avslutad" in unit_own
    assert "Läroplanens målområden Normer och värden" in unit_own
    assert "20 januari 2025" in unit_own
    assert "Effekt. Konflikterna på rasterna i åk 1–3 halverades" in unit_own
    decided = text[
        text.index("Internkontroll i vardagen – rektors återkommande kontroller Uppgift") :
    ]
    assert "Beslutad av Nämnden: Barn- och utbildningsnämnden 21 januari 2025 § 6" in decided
    assert "Nämndens mål Alla barn och elever har en trygg miljö med studiero" in decided
    starting = text[text.index("Tidiga signaler om frånvaro Uppgift") :]
    assert "Insatsen har inga genomförda uppföljningar ännu." in starting


def test_the_huvudman_report_reads_the_same_rows() -> None:
    """The huvudman report's Insatser table is the compilation's rows, for the insatser
    that ran during its läsår and concern its verksamhetsform."""
    repo = Repository(EXAMPLE)
    organiser = repo.organiser
    assert organiser is not None
    form = next(f for f in FORMS if f.id == "grundskola")
    units = [(u, m) for u in repo.unit_ids if (m := repo.unit(u)) is not None]
    sources: list[str] = []
    rows = _initiatives(repo, organiser, form, units, SchoolYear(2025), sources)
    roles = {r.id: r.name for r in organiser.roles}
    names = {u: m.name for u, m in units}
    expected = [
        summary_row(e, roles, names)
        for e in initiative_entries(repo)
        if e.model.period.overlaps(SchoolYear(2025)) and e.unit is None
    ]
    assert rows == expected
    # the unit's own insats ended in 2024/25, so 2025/26's report leaves it out
    assert "rastaktiviteter" not in {r["id"] for r in rows}
    earlier = _initiatives(repo, organiser, form, units, SchoolYear(2024), [])
    assert "rastaktiviteter" in {r["id"] for r in earlier}


def test_a_repository_without_insatser_has_no_compilation(tmp_path: Path) -> None:
    root = tmp_path / "tallmo"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / "plans/insatser")
    shutil.rmtree(root / "units/norrbyskolan/insatser")
    assert compilation(Repository(root), DAY) is None
    result = build(
        root,
        BuildOptions(folder=tmp_path / "bygg", formats=("html",), kinds=("insatser",), today=DAY),
    )
    assert result.built == []


def test_ska_build_insatser_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        [
            "build",
            "insatser",
            "--format",
            "html",
            "--datum",
            DAY.isoformat(),
            "--bygg",
            str(tmp_path / "bygg"),
            "--rot",
            str(EXAMPLE),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1 dokument byggda" in out
    assert (tmp_path / "bygg/insatser/sammanstallning.html").is_file()
    assert not (tmp_path / "bygg/plan").exists()
