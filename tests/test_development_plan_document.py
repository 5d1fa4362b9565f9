"""The utvecklingsplan built as a document of its own, and the rule that its åtaganden
are followed up."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.render.documents import jobs_for
from ska.validate.run import validate_repository
from tests.conftest import html_text, rule_findings, write

PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
RULE = "AR-plan-uppfoljd"
FOLLOW_UPS = """\
uppföljningar:
  - datum: 2025-11-20
    åtagande: läsflyt
    text: Lästiden genomförs i alla klasser; screeningen i december visar ökning.
"""
SECOND = """\
      - id: skrivande
        beskrivning: Eleverna skriver längre texter <b>varje</b> vecka.
        tänkta_effekter: [Fler elever når kravnivån i skrivande.]
        aktiviteter:
          - beskrivning: Veckans text i alla klasser.
            förväntat_resultat: Längre och mer varierade texter.
"""


def _plan(root: Path) -> str:
    return (root / PLAN).read_text(encoding="utf-8")


def test_plan_document_shows_effect_chain_and_follow_ups(repo: Path, tmp_path: Path) -> None:
    write(repo, PLAN, _plan(repo).replace("uppföljningar:\n", SECOND + "uppföljningar:\n"))
    out = tmp_path / "bygg"
    result = build(
        repo,
        BuildOptions(
            folder=out,
            years=[SchoolYear(2025)],
            formats=("html", "docx"),
            kinds=("utvecklingsplan",),
            today=dt.date(2025, 12, 1),
        ),
    )
    assert result.ok, result.findings
    assert result.built == ["2025-26/testskolan/utvecklingsplan"]
    assert (out / "2025-26/testskolan/utvecklingsplan.docx").stat().st_size > 0
    text = html_text(out / "2025-26/testskolan/utvecklingsplan.html")
    assert "Utvecklingsplan 2025/26" in text
    assert "Alla elever i åk 1–3 läser dagligen med stöd." in text
    assert "Tänkta effekter: Fler elever når gränsvärdet i läsflyt." in text
    assert "Lästid 20 minuter efter lunch." in text
    assert "Nämndens mål som åtagandena bidrar till: En verksamhet med hög måluppfyllelse" in text
    assert "20 november 2025" in text
    assert "screeningen i december visar ökning" in text
    # The second åtagande has no follow-up, and its text is shown as written.
    assert "Eleverna skriver längre texter <b>varje</b> vecka." in text
    assert "Åtagandet är inte uppföljt ännu." in text
    # Each målområde and åtagande is a heading of its own, and so is what follows the
    # last follow-up: a follow-up's line end must not swallow the next heading.
    page = (out / "2025-26/testskolan/utvecklingsplan.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h([12])[^>]*>(.*?)</h\1>", page, re.S)
    assert [(level, " ".join(t.split())) for level, t in headings] == [
        ("1", "Utvecklingsplan 2025/26"),
        ("2", "Innehåll"),
        ("1", "Om planen"),
        ("1", "Kunskaper"),
        ("2", "Alla elever i åk 1–3 läser dagligen med stöd."),
        ("2", "Eleverna skriver längre texter &lt;b&gt;varje&lt;/b&gt; vecka."),
        ("1", "Uppföljningar"),
        ("1", "Underlag och spårbarhet"),
    ]
    assert "\\#" not in page
    assert "# Uppföljningar" not in page


def test_plan_document_is_built_for_the_current_year_by_default(repo: Path) -> None:
    during = jobs_for(Repository(repo), None, ("utvecklingsplan",), dt.date(2026, 3, 1))
    after = jobs_for(Repository(repo), None, ("utvecklingsplan",), dt.date(2026, 9, 1))
    assert [j.id for j in during] == ["2025-26/testskolan/utvecklingsplan"]
    assert after == []


def test_plan_followed_up_passes(repo: Path) -> None:
    assert rule_findings(repo, RULE) == []


def test_plan_whose_follow_ups_were_all_deleted_is_a_finding(repo: Path) -> None:
    write(repo, PLAN, _plan(repo).replace(FOLLOW_UPS, ""))
    assert rule_findings(repo, RULE, today=dt.date(2026, 6, 29)) == []  # report not due yet
    found = rule_findings(repo, RULE)
    assert [(f.path, f.severity.value) for f in found] == [(PLAN, "varning")]
    assert "inga uppföljningar" in found[0].message


def test_commitment_without_follow_up_is_a_finding(repo: Path) -> None:
    write(repo, PLAN, _plan(repo).replace("uppföljningar:\n", SECOND + "uppföljningar:\n"))
    found = rule_findings(repo, RULE)
    assert [f.message for f in found] == [
        "Åtagandet skrivande i utvecklingsplanen har ingen uppföljning."
    ]
    assert found[0].line == _plan(repo).splitlines().index("      - id: skrivande") + 1


def test_missing_plan_is_not_this_rules_finding(repo: Path) -> None:
    (repo / PLAN).unlink()
    assert rule_findings(repo, RULE) == []


WHEEL_PLAN_EVENT = """\
  - id: utvecklingsplaner
    namn: Enheternas utvecklingsplaner är klara
    typ: rapport
    när: 30 september
    nivå: enhet
    ansvarig: [rektor]
    dokument: utvecklingsplan
"""


def test_missing_plan_is_a_finding_under_the_vetlanda_preset(repo: Path) -> None:
    (repo / PLAN).unlink()
    assert rule_findings(repo, "LOK-utvecklingsplan-finns") == []  # off by default
    write(repo, "ska.yaml", "förinställningar: [vetlanda]\n")
    found = rule_findings(repo, "LOK-utvecklingsplan-finns")
    assert [(f.path, f.severity.value) for f in found] == [(PLAN, "fel")]
    assert rule_findings(repo, "LOK-utvecklingsplan-finns", today=dt.date(2026, 6, 1)) == []


def test_a_plan_the_year_wheel_dates_is_left_to_the_deadline(repo: Path) -> None:
    (repo / PLAN).unlink()
    write(repo, "ska.yaml", "förinställningar: [vetlanda]\n")
    wheel = (repo / "plans/arshjul.yaml").read_text(encoding="utf-8")
    write(repo, "plans/arshjul.yaml", wheel + WHEEL_PLAN_EVENT)
    assert rule_findings(repo, "LOK-utvecklingsplan-finns") == []
    result = validate_repository(repo, None, SchoolYear(2025), dt.date(2026, 8, 15))
    assert [f.path for f in result.findings if f.rule == "FRIST-saknas"] == [PLAN]
