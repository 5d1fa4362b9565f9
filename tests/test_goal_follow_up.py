"""Nämndens mål followed up: outcomes per period, the rule that asks for them, the
table in the huvudman's report and the goals the units' åtaganden serve."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from ska.model.organiser import Indicator
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.render.goals import direction
from tests.conftest import html_text, rule_findings, write

RULE = "AR-uppf-namndmal"
OUTCOME = '          - {period: "2025/26", värde: 84.0, datum: 2026-07-01}\n'
GOALS = "plans/mal.yaml"
Y2025 = SchoolYear(2025)


def _goals(root: Path) -> str:
    return (root / GOALS).read_text(encoding="utf-8")


def test_outcome_present_passes_after_follow_up(repo: Path) -> None:
    assert rule_findings(repo, RULE, today=dt.date(2026, 12, 1)) == []


def test_missing_outcome_is_a_warning_once_the_follow_up_point_passed(repo: Path) -> None:
    write(repo, GOALS, _goals(repo).replace("        utfall:\n" + OUTCOME, ""))
    # The huvudman's report (the default follow-up point) is due 30 September 2026.
    assert rule_findings(repo, RULE, today=dt.date(2026, 9, 29)) == []
    found = rule_findings(repo, RULE, today=dt.date(2026, 10, 1))
    assert [(f.path, f.severity.value) for f in found] == [(GOALS, "varning")]
    assert "behörighet" in found[0].message
    assert "2025/26" in found[0].message
    assert "30 september 2026" in found[0].message
    assert found[0].line is not None


def test_follow_up_event_of_the_year_wheel_sets_the_day(repo: Path) -> None:
    text = _goals(repo).replace("        utfall:\n" + OUTCOME, "")
    text = text.replace("mål:\n", "följs_upp_vid: elevenkät\nmål:\n", 1)
    write(repo, GOALS, text)
    # elevenkät runs weeks 45–47: 2025/26 is followed up when week 47 of 2026 is over.
    assert rule_findings(repo, RULE, today=dt.date(2026, 11, 10)) == []
    assert len(rule_findings(repo, RULE, today=dt.date(2026, 11, 30))) == 1


def test_calendar_year_indicator_asks_for_last_year(repo: Path) -> None:
    text = _goals(repo).replace(
        "    indikatorer:\n",
        "    indikatorer:\n"
        "      - id: budget\n"
        "        namn: Budgetavvikelse\n"
        "        enhet: procent\n"
        '        utgångsvärde: {värde: -1.2, period: "2024"}\n'
        '        målvärde: {värde: 0, period: "2028"}\n',
        1,
    )
    write(repo, GOALS, text)
    found = rule_findings(repo, RULE, today=dt.date(2026, 4, 15))
    assert [f.message.split(" under")[0] for f in found] == ["Indikatorn budget"]
    assert "för 2025," in found[0].message
    assert rule_findings(repo, RULE, today=dt.date(2026, 3, 30)) == []


def test_direction_follows_which_way_is_better() -> None:
    def ind(base: float, target: float, *values: float) -> Indicator:
        outcomes = [{"period": f"{2025 + i}/{26 + i}", "värde": v} for i, v in enumerate(values)]
        return Indicator.model_validate(
            {
                "id": "x",
                "namn": "X",
                "enhet": "procent",
                "utgångsvärde": {"värde": base, "period": "2024/25"},
                "målvärde": {"värde": target, "period": "2027/28"},
                "utfall": outcomes,
            }
        )

    assert direction(ind(10, 5, 8)) == "↓ bättre"  # lower is better
    assert direction(ind(10, 5, 12)) == "↑ sämre"
    assert direction(ind(80, 90, 84, 82)) == "↓ sämre"
    assert direction(ind(80, 90, 84, 84)) == "→ oförändrat"
    assert direction(ind(80, 90, 91)) == "Målet nått"
    assert direction(ind(80, 90)) == "–"


def test_reports_show_goal_follow_up_and_the_goals_units_serve(repo: Path, tmp_path: Path) -> None:
    text = _goals(repo).replace(
        OUTCOME, OUTCOME + '          - {period: "2026/27", värde: 83.0, källa: SCB}\n'
    )
    write(repo, GOALS, text)
    out = tmp_path / "bygg"
    result = build(
        repo,
        BuildOptions(
            folder=out,
            years=[Y2025],
            formats=("html",),
            kinds=("huvudmannarapport", "enhetsrapport"),
            today=dt.date(2026, 10, 1),
        ),
    )
    assert result.ok, result.findings
    report = html_text(out / "2025-26/huvudman/grundskola/kvalitetsrapport.html")
    assert "Nämndens mål" in report
    assert "En verksamhet med hög måluppfyllelse" in report
    for text in ("Utfall 2025/26", "Utfall 2026/27", "82,5 (2024/25)", "84", "83", "↓ sämre"):
        assert text in report, text
    assert "90 (2027/28)" in report
    assert "SCB" in report
    unit = html_text(out / "2025-26/testskolan/kvalitetsrapport.html")
    assert "Nämndens mål som åtagandena bidrar till: En verksamhet med hög måluppfyllelse" in unit
    # A chart per indikator with outcomes: the baseline, the outcomes and the target, in
    # the picture (its points) and in words (its alt text).
    page = (out / "2025-26/huvudman/grundskola/kvalitetsrapport.html").read_text(encoding="utf-8")
    [(name, alt)] = re.findall(r'<img src="(mål-[0-9a-f]+\.svg)"[^>]*alt="([^"]*)"', page)
    assert alt == (
        "Linjediagram: Andel elever i åk 9 behöriga till yrkesprogram (procent). "
        "Utgångsvärde 82,5 (2024/25). Utfall 84 (2025/26), 83 (2026/27). "
        "Målvärde 90 (2027/28). Riktning: ↓ sämre."
    )
    svg = (out / "2025-26/huvudman/grundskola" / name).read_text(encoding="utf-8")
    assert svg.count('<g id="utfall">') == 1
    assert '<g id="målvärde">' in svg


def test_the_start_page_shows_how_the_goals_are_reached(repo: Path, tmp_path: Path) -> None:
    """The published site's state of things includes goal attainment, for the läsår going
    on: each indikator's baseline, latest outcome, target and direction."""
    folder = tmp_path / "bygg"
    options = BuildOptions(folder=folder, formats=("html",), kinds=("arshjul",))
    assert build(repo, replace(options, today=dt.date(2026, 3, 1))).ok
    page = (folder / "index.html").read_text(encoding="utf-8")
    [row] = [r for r in re.findall(r"<tr>(.*?)</tr>", page) if "behöriga" in r]
    assert re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) == [
        "En verksamhet med hög måluppfyllelse",
        "Andel elever i åk 9 behöriga till yrkesprogram (procent)",
        "82,5 (2024/25)",
        "84 (2025/26)",
        "90 (2027/28)",
        "↑ bättre",
    ]
    assert "<h3>Nämndens mål</h3>" in page
    # The goal's name heads its indikatorer once, for the whole group of rows.
    assert '<th scope="rowgroup" rowspan="1">En verksamhet med hög måluppfyllelse</th>' in page
    write(repo, GOALS, _goals(repo).replace("hög måluppfyllelse", "<b>mål</b>"))
    assert build(repo, replace(options, today=dt.date(2026, 3, 1))).ok
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "En verksamhet med &lt;b&gt;mål&lt;/b&gt;" in page  # the name as text, not markup
    assert "<b>mål</b>" not in page
    # Not once the goals' period (2026–2028) is over.
    assert build(repo, replace(options, today=dt.date(2029, 3, 1))).ok
    assert "Nämndens mål" not in html_text(folder / "index.html")
