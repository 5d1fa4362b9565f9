"""The Vetlanda-model example kommun in exempel/vetlanda (Exempelkommunen Vättersund):
valid under the vetlanda preset on days across the school year, built, failing on what
Vetlanda's guidelines forbid, and invisible to the root repository's own example."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ska.findings import Finding, Severity
from ska.load.discovery import discover
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.config import Config
from ska.model.dialog import Dialog
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.rules.run import run_rules
from ska.validate.run import validate_repository
from tests.conftest import PROJECT, html_text

EXAMPLE = PROJECT / "exempel" / "vetlanda"
E, W = Severity.ERROR, Severity.WARNING

# The example is a snapshot of early December 2026: läsåret 2025/26 is complete and
# 2026/27 is under way (plans written, förutsättningsdialogen held, two of three
# processdialoger held, the October TLD results in). Judged on a later day, what comes
# after the snapshot is missing, as it would be in a real kommun's repository.
EXPECTED: dict[dt.date, list[tuple[str, str, Severity]]] = {
    dt.date(2026, 9, 15): [],
    dt.date(2026, 12, 2): [],
    dt.date(2027, 6, 30): [
        # Vätteskolan's processdialog is planned for January 2027, after the snapshot.
        ("plans/2026-27/dialoger/", "LOK-dialoger-genomforda", E),
        # The guidelines were last reviewed 2026-06-09; a review is due within a year.
        ("plans/huvudman.yaml", "LOK-dokumentmetadata", E),
        ("plans/kaa/", "KAA-29-9", E),
        ("plans/kaa/2026.yaml", "KAA-29-9-scb", W),
        # The April 2027 TLD measurement is after the snapshot: the grundskolor's
        # results for vt2027 are missing (the förskola is not asked for them).
        ("units/strandskolan/2026-27/resultat/tld.csv", "LOK-tld-resultat", E),
        ("units/vätteskolan/2026-27/resultat/tld.csv", "LOK-tld-resultat", E),
    ],
}


def _judged(result_findings: list[Finding]) -> list[tuple[str, str, Severity]]:
    # Infos are left out: whether a document counts as late depends on whether the branch
    # it was committed on has been merged into main yet (see planning.obligations).
    return [(f.path, f.rule, f.severity) for f in result_findings if f.severity in (E, W)]


@pytest.mark.parametrize("today", sorted(EXPECTED))
def test_example_has_exactly_the_expected_findings(today: dt.date) -> None:
    result = validate_repository(EXAMPLE, None, None, today)
    assert _judged(result.findings) == EXPECTED[today]


def test_the_finished_year_meets_every_rule() -> None:
    result = validate_repository(EXAMPLE, None, SchoolYear(2025), dt.date(2026, 10, 1))
    assert _judged(result.findings) == []


def test_example_models_the_vetlanda_guidelines() -> None:
    repo = Repository(EXAMPLE)
    config = repo.model(K.CONFIG.pattern, Config)
    assert config is not None
    assert config.presets == ["vetlanda"]
    files = discover(EXAMPLE).files.values()
    units = {f.unit for f in files if f.kind is K.UNIT and f.unit is not None}
    assert units == {"förskolan-sjöstjärnan", "strandskolan", "vätteskolan"}
    for unit in units:
        for year in ("2025-26", "2026-27"):
            kinds = {f.kind for f in files if f.unit == unit and f.path.split("/")[2] == year}
            assert {K.DEVELOPMENT_PLAN, K.RESULTS} <= kinds, (unit, year)
    # Three dialogs with every unit in the finished läsår, each with a record.
    held = {
        (d.event, u)
        for f in files
        if f.kind is K.DIALOG and f.school_year == SchoolYear(2025)
        for d in [repo.model(f.path, Dialog)]
        if d is not None
        for u in d.units
    }
    assert held == {
        (event, unit)
        for event in ("förutsättningsdialog", "processdialog", "resultatdialog")
        for unit in units
    }
    # TLD in October and April, in every unit's results.
    for unit in units:
        tld = (EXAMPLE / "units" / unit / "2025-26/resultat/tld.csv").read_text(encoding="utf-8")
        assert ",ht2025,oktober," in tld
        assert ",vt2026,april," in tld


def test_example_builds(tmp_path: Path) -> None:
    options = BuildOptions(
        folder=tmp_path / "bygg",
        years=[SchoolYear(2025)],
        formats=("html",),
        today=dt.date(2026, 10, 1),
        kinds=("huvudmannarapport", "enhetsrapport"),
    )
    result = build(EXAMPLE, options)
    assert result.findings == []
    report = html_text(tmp_path / "bygg" / "2025-26" / "strandskolan" / "kvalitetsrapport.html")
    assert "Läsårsrapport 2025/26 – Strandskolan" in report
    organiser = html_text(
        tmp_path / "bygg" / "2025-26" / "huvudman" / "grundskola" / "kvalitetsrapport.html"
    )
    assert "Dialoger med huvudmannen" in organiser
    assert "Strandskolan gör höstens lässcreening vecka 36" in organiser


Edit = Callable[[Path], None]


def _remove(rel: str) -> Edit:
    return lambda root: (root / rel).unlink()


def _replace(rel: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text
        (root / rel).write_text(text.replace(old, new), encoding="utf-8")

    return edit


def _more_areas(*areas: str) -> str:
    """Further prioritised målområden, each with a whole effektkedja, before the follow-ups."""
    return (
        "".join(
            f"""  - målområde: {area}
    motivering: Vårdnadshavarna vill veta mer om hur skolan arbetar.
    nämndmål: [alla-når-målen]
    åtaganden:
      - id: extra-{i}
        beskrivning: Vi bjuder in till öppet hus varje termin.
        tänkta_effekter: [Fler vårdnadshavare känner till skolans arbete.]
        aktiviteter:
          - beskrivning: Öppet hus i oktober och mars.
            förväntat_resultat: Varje klass har haft öppet hus.
"""
            for i, area in enumerate(areas)
        )
        + "uppföljningar:"
    )


WHEEL = "plans/arshjul.yaml"
PLAN = "units/strandskolan/2025-26/utvecklingsplan.yaml"
PROCESS = "plans/2025-26/dialoger/processdialog-vätteskolan.yaml"

# What Vetlanda's guidelines forbid, and the rule of the preset that catches it.
VIOLATIONS: dict[str, tuple[Edit, str, str]] = {
    "a resultatdialog without a record": (
        _remove("plans/2025-26/dialoger/resultatdialog-grundskola.yaml"),
        "LOK-dialoger-genomforda",
        "plans/2025-26/dialoger/",
    ),
    "a processdialog held in April": (
        _replace(PROCESS, "datum: 2026-01-29", "datum: 2026-04-15"),
        "LOK-dialoger-genomforda",
        PROCESS,
    ),
    "an utvecklingsplan without kunskaper": (
        _replace(PLAN, "målområde: kunskaper", "målområde: samverkan_med_hemmet"),
        "LOK-prioriterade-omraden",
        PLAN,
    ),
    "four prioritised målområden": (
        _replace(
            PLAN, "uppföljningar:", _more_areas("samverkan_med_hemmet", "övergång_och_samverkan")
        ),
        "LOK-prioriterade-omraden",
        PLAN,
    ),
    "the TLD survey in September and March": (
        _replace(WHEEL, "när: [oktober, april]", "när: [september, mars]"),
        "LOK-arshjul-aktiviteter",
        WHEEL,
    ),
    "a nämnd meeting in February that is not the februarimöte": (
        _replace(WHEEL, "Februarimötet med nämnden om", "Nämndsmöte i februari om"),
        "LOK-arshjul-aktiviteter",
        WHEEL,
    ),
    "the processdialog in March": (
        _replace(WHEEL, "när: november–februari", "när: mars"),
        "LOK-arshjul-aktiviteter",
        WHEEL,
    ),
}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "vättersund"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("bygg", ".ska-cache"))
    return target


def _errors(root: Path, rule: str) -> list[str]:
    run = run_rules(Repository(root), SchoolYear(2025), dt.date(2026, 10, 1))
    return [f.path for f in run.findings if f.rule == rule and f.severity is E]


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_a_seeded_violation_fails_under_the_preset(copy: Path, name: str) -> None:
    edit, rule, path = VIOLATIONS[name]
    assert _errors(copy, rule) == []
    edit(copy)
    assert path in _errors(copy, rule)


TLD = "units/vätteskolan/2025-26/resultat/tld.csv"


def _without_april(root: Path) -> None:
    """The April measurement's rows (vt2026) taken out of Vätteskolan's TLD table."""
    lines = (root / TLD).read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if ",vt2026," not in line]
    assert len(kept) < len(lines)
    (root / TLD).write_text("".join(kept), encoding="utf-8")


def _tld_findings(root: Path, today: dt.date) -> list[tuple[str, str]]:
    run = run_rules(Repository(root), SchoolYear(2025), today)
    return [(f.path, f.message) for f in run.findings if f.rule == "LOK-tld-resultat"]


def test_an_april_tld_table_removed_is_found_after_april_only(copy: Path) -> None:
    assert _tld_findings(copy, dt.date(2026, 8, 15)) == []
    _without_april(copy)
    # The årshjul's TLD measurement runs all April: before its last day nothing is late.
    assert _tld_findings(copy, dt.date(2026, 4, 30)) == []
    found = _tld_findings(copy, dt.date(2026, 5, 1))
    assert [path for path, _ in found] == [TLD]
    assert "vt2026" in found[0][1]
    assert "2026-04-30" in found[0][1]
    assert _tld_findings(copy, dt.date(2026, 8, 15)) == found


def test_a_whole_tld_file_removed_points_at_the_results_folder(copy: Path) -> None:
    (copy / TLD).unlink()
    found = _tld_findings(copy, dt.date(2026, 8, 15))
    # Both terms are missing; the förskola's own TLD table is not asked for.
    assert [path for path, _ in found] == ["units/vätteskolan/2025-26/resultat/"] * 2
    assert ["ht2025" in m for _, m in found] == [True, False]


def test_tld_results_are_recognised_by_their_measure_and_follow_the_year_wheel(
    copy: Path,
) -> None:
    """A TLD table under another file name counts by its measure; an årshjul that puts
    the measurement in March moves the day the spring results are due."""
    survey = TLD.replace("tld.csv", "enkat.csv")
    (copy / TLD).rename(copy / survey)
    assert _tld_findings(copy, dt.date(2026, 8, 15)) == []
    text = (copy / survey).read_text(encoding="utf-8")
    spring = "".join(line for line in text.splitlines(keepends=True) if ",vt2026," not in line)
    (copy / survey).write_text(spring, encoding="utf-8")
    wheel = (copy / WHEEL).read_text(encoding="utf-8")
    (copy / WHEEL).write_text(
        wheel.replace("när: [oktober, april]", "när: [oktober, mars]"), encoding="utf-8"
    )
    assert _tld_findings(copy, dt.date(2026, 3, 31)) == []
    assert [path for path, _ in _tld_findings(copy, dt.date(2026, 4, 1))] == [survey]


def test_the_tld_rule_is_off_without_the_preset(copy: Path) -> None:
    (copy / TLD).unlink()
    (copy / "ska.yaml").write_text("förinställningar: [vaggeryd]\n", encoding="utf-8")
    assert _tld_findings(copy, dt.date(2026, 8, 15)) == []


def test_the_root_repository_does_not_read_the_example() -> None:
    layout = discover(PROJECT)
    assert not [p for p in [*layout.paths, *layout.files] if p.startswith("exempel")]
    assert not [f for f in layout.findings if f.path.startswith("exempel")]
