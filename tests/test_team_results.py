"""Results per arbetslag: a teamuppdrag names its groups (`grupper:`), and the unit's
kvalitetsrapport and the utvecklingsplan show the läsår's results of those groups per
team, with the unit's one small-group suppression. Built for real from the
Vaggeryd-model example (Tallmo kommun)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.model.unit import DevelopmentPlan
from ska.render.build import BuildOptions, build
from ska.results.published import published
from ska.results.teams import team_results
from ska.suppression import HIDDEN, identity_of, within
from tests.conftest import PROJECT, html_text

EXAMPLE = PROJECT / "exempel" / "vaggeryd"
DAY = dt.date(2026, 12, 2)
GRADES = "units/tallmoskolan/2025-26/resultat/betyg.csv"
PLAN = "units/tallmoskolan/2025-26/utvecklingsplan.yaml"


@pytest.mark.parametrize(
    ("group", "team", "inside"),
    [
        ("klass 9A", "åk 9", True),
        ("9A", "9", True),
        ("åk 9", "åk 9", True),
        ("åk 8", "åk 7–9", True),
        ("klass 8B", "åk 7-9", True),
        ("åk 7–9", "åk 7–9", True),
        ("åk 7–9", "åk 7", False),  # a range is not inside one of its grades
        ("klass 9A", "klass 9B", False),
        ("åk 9", "klass 9A", False),
        ("alla", "åk 9", False),
        ("Avdelning Ekorren", "avdelning ekorren", True),
        ("Avdelning Ekorren", "Avdelning Räven", False),
    ],
)
def test_a_group_belongs_to_a_team_when_it_lies_inside_one_of_its_groups(
    group: str, team: str, inside: bool
) -> None:
    assert within(identity_of(group), identity_of(team)) is inside


def test_each_team_gets_the_rows_of_its_groups_in_the_läsår() -> None:
    repo = Repository(EXAMPLE)
    plan = repo.model(PLAN, DevelopmentPlan)
    assert plan is not None
    teams = team_results(plan, published(repo, "tallmoskolan", 10), SchoolYear(2025))
    # Elevhälsoteamet names no groups, so it has no results of its own.
    assert [t.team.team for t in teams] == ["Arbetslag 7", "Arbetslag 8", "Arbetslag 9"]
    groups = [sorted({r.row.group for r in t.rows}) for t in teams]
    assert groups == [["åk 7"], ["åk 8"], ["klass 9A", "klass 9B", "åk 9"]]
    assert all(r.year == SchoolYear(2025) for t in teams for r in t.rows)
    assert [t.unmatched for t in teams] == [(), (), ()]


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "tallmo"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("bygg", ".ska-cache"))
    return root


def _build(root: Path, folder: Path, kinds: tuple[str, ...]) -> None:
    result = build(root, BuildOptions(folder=folder, formats=("html",), kinds=kinds, today=DAY))
    assert result.ok, result.findings


def _team_table(markdown: str, team: str) -> list[list[str]]:
    """The cells of one team's pipe table in the section Resultat per arbetslag."""
    part = markdown[markdown.index("Resultat per arbetslag") :]
    lines = part[part.index(f"# {team}\n") :].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        if not set(line) <= set("|-: "):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_unit_report_shows_results_per_arbetslag_with_small_groups_hidden(
    tmp_path: Path,
) -> None:
    """A measure where class 9A has four girls: their value is hidden (primary), and the
    boys' too since alla is shown (secondary), in the team's table as in the unit's own."""
    root = _copy(tmp_path)
    with (root / GRADES).open("a", encoding="utf-8") as rows:
        rows.write(
            "Betyg A–E i bild,vt2026,klass 9A,flickor,3,4,,bild,betyg,\n"
            "Betyg A–E i bild,vt2026,klass 9A,pojkar,20,26,,bild,betyg,\n"
            "Betyg A–E i bild,vt2026,klass 9A,alla,23,30,,bild,betyg,\n"
        )
    _build(root, tmp_path / "bygg", ("enhetsrapport",))
    page = tmp_path / "bygg/2025-26/tallmoskolan/kvalitetsrapport"
    markdown = page.with_suffix(".md").read_text(encoding="utf-8")
    text = html_text(page.with_suffix(".html"))
    assert "Resultat per arbetslag" in text
    assert "Grupper: åk 9. Arbetslaget följer upp: Betyg i åk 9 per klass och kön" in text
    team_9 = _team_table(markdown, "Arbetslag 9")
    art = [row for row in team_9 if row[0].startswith("Betyg A–E i bild")]
    assert art == [["Betyg A–E i bild, bild", "vt2026", "klass 9A", HIDDEN, HIDDEN, "77 %", "30"]]
    assert not any("75 %" in cell or cell == "77 %" for cell in art[0][3:5])
    # the unit's detailed table hides the same values
    detailed = markdown[markdown.index("Bilaga: Resultat i detalj") :]
    assert re.search(
        r"Betyg A–E i bild, bild\s*\|\s*vt2026\s*\|\s*klass 9A\s*\|\s*\.\.\s*\|\s*\.\.\s*\|",
        detailed,
    )
    assert "visas som `..`, liksom värden" in markdown[markdown.index("Resultat per arbetslag") :]
    # Arbetslag 7's table has only åk 7
    assert {row[2] for row in _team_table(markdown, "Arbetslag 7")[1:]} == {"åk 7"}


def test_the_utvecklingsplan_gives_each_team_its_results_so_far(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _build(root, tmp_path / "bygg", ("utvecklingsplan",))
    text = html_text(tmp_path / "bygg/2026-27/tallmoskolan/utvecklingsplan.html")
    part = text[text.rindex("Resultat per arbetslag") :]
    team_7 = part[part.index("Arbetslag 7") : part.index("Arbetslag 8")]
    assert "Läsförståelse över gränsvärdet" in team_7
    assert "ht2026 (september)" in team_7
    # No grades yet in 2026/27: the team is told, not shown an empty table.
    assert "Läsårets resultatfiler har inga resultat för åk 9." in part


def test_a_plan_without_groups_has_no_results_per_arbetslag(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    plan = root / PLAN
    plan.write_text(
        re.sub(r"\n    grupper: \[[^\]]*\]", "", plan.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert "grupper:" not in plan.read_text(encoding="utf-8")
    _build(root, tmp_path / "bygg", ("enhetsrapport",))
    text = html_text(tmp_path / "bygg/2025-26/tallmoskolan/kvalitetsrapport.html")
    assert "Teamuppdrag" in text
    assert "Resultat per arbetslag" not in text


def test_the_plan_schema_knows_grupper() -> None:
    schema = (PROJECT / "schemas/utvecklingsplan.schema.json").read_text(encoding="utf-8")
    assert '"grupper"' in schema
    assert K.DEVELOPMENT_PLAN.file_name == "utvecklingsplan.yaml"
