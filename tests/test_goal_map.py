"""The målkarta: the styrkedja from KF målområde to insatser, as a table in the plan and
in the huvudman's report, and what else that report gathers from the units."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from tests.conftest import html_text, replace_in

REPORT_PATH = K.ORGANISER_REPORT.path(year=SchoolYear(2025))


def _plan_text(repo: Path, tmp_path: Path, today: dt.date) -> str:
    out = tmp_path / "bygg"
    result = build(repo, BuildOptions(folder=out, formats=("html",), kinds=("plan",), today=today))
    assert result.ok, result.findings
    return html_text(out / "plan/plan.html")


def test_goal_map_runs_from_council_area_to_initiatives(repo: Path, tmp_path: Path) -> None:
    text = _plan_text(repo, tmp_path, dt.date(2026, 3, 1))
    assert "Målkarta" in text
    row = text[text.index("Enheternas åtaganden 2025/26") :]
    expected = (
        "Barn och unga ges förutsättningar för fortsatta studier.",
        "En verksamhet med hög måluppfyllelse",
        "Testskolan: Alla elever i åk 1–3 läser dagligen med stöd.",
        "Läslyftet",  # through the insats's nämndmål
        "Läsfixare",  # through the åtagande's insatser
    )
    positions = [row.index(part) for part in expected]
    assert positions == sorted(positions)


def test_goal_map_without_links_shows_dashes(repo: Path, tmp_path: Path) -> None:
    replace_in(
        repo, "units/testskolan/2025-26/utvecklingsplan.yaml", "nämndmål: [hög-måluppfyllelse]", ""
    )
    replace_in(repo, "plans/insatser/läslyftet.yaml", "nämndmål: [hög-måluppfyllelse]\n", "")
    text = _plan_text(repo, tmp_path, dt.date(2026, 3, 1))
    row = text[text.index("Enheternas åtaganden 2025/26") :]
    assert "En verksamhet med hög måluppfyllelse – –" in row
    assert "Testskolan: Alla elever" not in row


def _organiser_markdown(form: object) -> str:
    """The bundled example kommun's huvudman report for 2025/26 as Markdown."""
    from ska.load.repository import Repository
    from ska.model.types import SchoolYear
    from ska.render.builder import document_markdown
    from ska.render.chartcache import ChartCache
    from ska.render.documents import Inputs
    from ska.render.organiser import Form, organiser_report
    from tests.conftest import PROJECT

    assert isinstance(form, Form)
    repo = Repository(PROJECT)
    year = SchoolYear(2025)
    inputs = Inputs(PROJECT, 10, dt.date(2026, 10, 1), ChartCache(Path("/nonexistent")))
    prepared = organiser_report(
        repo,
        REPORT_PATH,
        form,
        year,
        10,
        inputs.compared,
        inputs.status,
        inputs.results(repo, year),
    )
    assert prepared is not None
    return document_markdown(PROJECT, "huvudmannarapport.md.j2", prepared)


def test_each_huvudman_report_has_the_goal_map_of_its_own_units() -> None:
    """The huvudman's report per verksamhetsform shows the styrkedja too, with the
    åtaganden of that form's units only (the bundled example kommun)."""
    from ska.render.organiser import FORMS

    maps = {}
    for form_id in ("forskola", "grundskola"):
        text = _organiser_markdown(next(f for f in FORMS if f.id == form_id))
        section = text.split("## Målkarta\n", 1)[1].split("\n# ", 1)[0]
        assert "| KF:s målområde | Nämndens mål |" in section, form_id
        maps[form_id] = section
    assert "Förskolan" in maps["forskola"]
    assert "Åsenskolan" not in maps["forskola"]
    assert "Åsenskolan" in maps["grundskola"]
    assert "Förskolan Lärkan" not in maps["grundskola"]


def test_the_huvudman_report_lists_the_units_egenkontroller() -> None:
    """Rektorernas egenkontroll side by side in the huvudman's report: a row per unit of
    the verksamhetsform that has answered one (the bundled example kommun)."""
    from ska.render.organiser import FORMS

    text = _organiser_markdown(next(f for f in FORMS if f.id == "grundskola"))
    section = text.split("# Rektorernas egenkontroll\n", 1)[1].split("\n# ", 1)[0]
    assert "| Kullaskolan " in section
    assert "Åsenskolan" not in section  # no egenkontroll of its own
    assert "Förskolan Ekorren" not in section  # another verksamhetsform's report
