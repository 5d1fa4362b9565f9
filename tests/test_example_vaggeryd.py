"""The Vaggeryd-model example kommun in exempel/vaggeryd (Tallmo kommun, fictional):
valid under its preset on three days of the school year, buildable, and failing when
something the seed asks for is taken away."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from ska.findings import Severity
from ska.load.discovery import discover
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.validate.run import ValidationResult, validate_repository
from tests.conftest import PROJECT

EXAMPLE = PROJECT / "exempel" / "vaggeryd"

# What the snapshot (taken in December 2026) still owes on each day. Info findings
# (FRIST-sent) depend on whether the files are on main yet, so they are left out.
EXPECTED: dict[dt.date, list[tuple[str, str, Severity]]] = {
    # The utvecklingsplaner 2026/27 are in, the huvudman's report 2025/26 is written.
    dt.date(2026, 10, 16): [],
    # The snapshot itself.
    dt.date(2026, 12, 2): [],
    # The end of 2026/27: the calendar year 2027 has no KAA documentation or
    # internkontrollplan yet, and the SCB report for the autumn of 2026 is not entered.
    dt.date(2027, 6, 30): [
        ("plans/internkontroll/", "LOK-internkontroll", Severity.WARNING),
        ("plans/kaa/", "KAA-29-9", Severity.ERROR),
        ("plans/kaa/2026.yaml", "KAA-29-9-scb", Severity.WARNING),
    ],
}


def _serious(result: ValidationResult) -> list[tuple[str, str, Severity]]:
    return [
        (f.path, f.rule, f.severity)
        for f in result.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]


@pytest.mark.parametrize("today", sorted(EXPECTED), ids=str)
def test_example_has_exactly_the_expected_findings(today: dt.date) -> None:
    result = validate_repository(EXAMPLE, today=today)
    assert _serious(result) == EXPECTED[today]


def test_example_uses_the_vaggeryd_preset_and_models_the_seed() -> None:
    assert "förinställningar: [vaggeryd]" in (EXAMPLE / "ska.yaml").read_text(encoding="utf-8")
    paths = set(discover(EXAMPLE).files)
    units = {p.split("/")[1] for p in paths if p.startswith("units/")}
    assert units == {"förskolan-lingonet", "norrbyskolan", "tallmoskolan"}
    for unit in units:
        assert f"units/{unit}/2025-26/kvalitetsrapport.md" in paths
        assert f"units/{unit}/2026-27/utvecklingsplan.yaml" in paths
    assert {"plans/internkontroll/2025.yaml", "plans/internkontroll/2026.yaml"} <= paths
    assert "plans/2025-26/kvalitetsrapport.md" in paths
    assert len([p for p in paths if p.startswith("plans/insatser/")]) >= 4


def test_the_root_repository_does_not_read_the_examples() -> None:
    layout = discover(PROJECT)
    assert not [p for p in layout.paths if p.startswith("exempel")]
    assert not [f for f in layout.findings if f.path.startswith("exempel")]


def _copy(tmp_path: Path) -> Path:
    """The example as a repository of its own, committed on main."""
    root = tmp_path / "tallmo"
    shutil.copytree(EXAMPLE, root)
    for args in (
        ["init", "--quiet", "--initial-branch", "main"],
        ["add", "--all"],
        ["-c", "user.name=Test", "-c", "user.email=t@example.org", "commit", "-qm", "Tallmo"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_results_without_girls_and_boys_fail_under_the_preset(tmp_path: Path) -> None:
    """SKA 2.0 analyses results by kön: the preset makes AR-uppf-grupper an error."""
    root = _copy(tmp_path)
    grades = root / "units/tallmoskolan/2025-26/resultat/betyg.csv"
    kept = [
        line
        for line in grades.read_text(encoding="utf-8").splitlines()
        if not line.startswith("Betyg A–E i matematik") or ",alla," in line
    ]
    grades.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = validate_repository(root, year=SchoolYear(2025), today=dt.date(2026, 10, 16))
    errors = [(f.path, f.rule) for f in result.findings if f.severity is Severity.ERROR]
    assert ("units/tallmoskolan/2025-26/resultat/betyg.csv", "AR-uppf-grupper") in errors


def test_an_insats_under_way_without_an_end_fails_under_the_preset(tmp_path: Path) -> None:
    """The insatsmall asks for a time plan: AR-insats-komplett is an error in vaggeryd."""
    root = _copy(tmp_path)
    insats = "plans/insatser/läsning-pojkar-7-9.yaml"
    _replace(root / insats, "  slut: 2027-06\n", "")
    result = validate_repository(root, today=dt.date(2026, 12, 2))
    errors = [(f.path, f.rule) for f in result.findings if f.severity is Severity.ERROR]
    assert errors == [(insats, "AR-insats-komplett")]


def test_an_insats_being_initiated_needs_no_plan_yet(tmp_path: Path) -> None:
    """The template's first phase, initiering, comes before the planning: an insats in it
    has no end and no follow-up yet, and the preset allows that (the example's
    frånvaro-tidig-signal has no end)."""
    root = _copy(tmp_path)
    insats = root / "plans/insatser/frånvaro-tidig-signal.yaml"
    assert "slut:" not in insats.read_text(encoding="utf-8")
    _replace(insats, "uppföljning:\n", "xuppföljning:\n")
    kept = [
        line
        for line in insats.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith(("xuppföljning:", "  metod:", "  planerad:"))
    ]
    insats.write_text("".join(kept), encoding="utf-8")
    result = validate_repository(root, today=dt.date(2026, 12, 2))
    assert _serious(result) == []
    _replace(insats, "status: initiering", "status: planering")
    result = validate_repository(root, today=dt.date(2026, 12, 2))
    assert [(f.path, f.rule) for f in result.findings if f.severity is Severity.ERROR] == [
        ("plans/insatser/frånvaro-tidig-signal.yaml", "AR-insats-komplett")
    ]


def test_a_team_assignment_names_a_commitment_of_the_plan(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    plan = "units/tallmoskolan/2025-26/utvecklingsplan.yaml"
    _replace(root / plan, "åtaganden: [stöd-som-följs-upp]", "åtaganden: [stöd-som-följs]")
    result = validate_repository(root, today=dt.date(2026, 12, 2))
    found = [(f.path, f.rule, f.hint) for f in result.findings if f.severity is Severity.ERROR]
    assert found == [(plan, "REF-okänd", "Menade du 'stöd-som-följs-upp'?")]


def test_example_builds(tmp_path: Path) -> None:
    result = build(
        EXAMPLE,
        BuildOptions(folder=tmp_path / "bygg", formats=("html",), today=dt.date(2026, 12, 2)),
    )
    assert result.ok, result.findings
    plan = (tmp_path / "bygg/plan/plan.html").read_text(encoding="utf-8")
    assert "Målkarta" in plan
    report = (tmp_path / "bygg/2025-26/tallmoskolan/kvalitetsrapport.html").read_text(
        encoding="utf-8"
    )
    assert "Analys i dialogform" in report
    assert "samma elever" in report.casefold()
    # the teamuppdrag: in the unit's report and in the utvecklingsplan of the year
    assert "Teamuppdrag" in report
    assert "Arbetslag 9" in report
    plan_2026 = (tmp_path / "bygg/2026-27/tallmoskolan/utvecklingsplan.html").read_text(
        encoding="utf-8"
    )
    assert "Teamuppdrag" in plan_2026
    assert "Hålla i resultaten mellan höst och vår" in plan_2026
