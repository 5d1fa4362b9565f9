"""The målkarta: the styrkedja from KF målområde to insatser, as a table in the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.render.build import BuildOptions, build
from tests.conftest import html_text, replace_in


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
