"""The repository itself: schemas up to date, and the bundled example municipality valid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.findings import Severity
from ska.load.discovery import discover
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.render.chartcache import ChartCache
from ska.render.context import unit_report
from ska.render.documents import Inputs
from ska.render.templating import environment, render
from ska.schema_export import stale_schemas
from ska.validate.run import validate_repository
from tests.conftest import PROJECT


def test_schemas_folder_is_up_to_date() -> None:
    assert stale_schemas(PROJECT / "schemas") == [], "kör: ska schema"


# The example is a snapshot: läsåret 2025/26 is over, 2026/27 has just begun.
AFTER_2025_26 = (SchoolYear(2025), dt.date(2026, 8, 15))
DURING_2026_27 = (SchoolYear(2026), dt.date(2026, 11, 24))

# Gaps a real kommun would have: allmänna råd, so warnings (ska status shows them).
EXPECTED_WARNINGS = [
    ("plans/2025-26/kvalitetsrapport.md", "SL4-3-skolformer"),
    ("units/byskolan/2025-26/kvalitetsrapport.md", "AR-dok-vad-varfor-hur"),
    ("units/förskolan-ekorren/2025-26/kvalitetsrapport.md", "AR-uppf-forutsattningar-enhet"),
    ("units/förskolan-ekorren/2025-26/kvalitetsrapport.md", "AR-uppf-malomraden"),
    ("units/förskolan-ekorren/2025-26/kvalitetsrapport.md", "AR-analys-flaggade-resultat"),
    ("units/förskolan-lärkan/2025-26/kvalitetsrapport.md", "AR-uppf-forutsattningar-enhet"),
    ("units/förskolan-lärkan/2025-26/resultat/sprakscreening.csv", "AR-uppf-grupper"),
    ("units/förskolan-lärkan/2025-26/resultat/sprakscreening.csv", "AR-uppf-grupper"),
    ("units/kullaskolan-anpassad/2025-26/kvalitetsrapport.md", "AR-dok-vad-varfor-hur"),
    ("units/kullaskolan-anpassad/2025-26/kvalitetsrapport.md", "AR-dok-vad-varfor-hur"),
    ("units/kullaskolan-anpassad/2025-26/kvalitetsrapport.md", "AR-uppf-forutsattningar-enhet"),
    ("units/kullaskolan/2025-26/kvalitetsrapport.md", "AR-uppf-forutsattningar-enhet"),
    ("units/vuxenutbildningen/2025-26/kvalitetsrapport.md", "AR-dok-vad-varfor-hur"),
    ("units/vuxenutbildningen/2025-26/kvalitetsrapport.md", "AR-uppf-forutsattningar-enhet"),
    ("units/åsenskolan/2025-26/kvalitetsrapport.md", "AR-uppf-forutsattningar-enhet"),
    ("units/åsenskolan/2025-26/kvalitetsrapport.md", "AR-uppf-malomraden"),
]


def test_bundled_example_meets_every_law_rule_after_the_year() -> None:
    result = validate_repository(PROJECT, None, *AFTER_2025_26)
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    warnings = [(f.path, f.rule) for f in result.findings if f.severity is Severity.WARNING]
    assert warnings == EXPECTED_WARNINGS
    assert [(a.finding.rule, a.exception.unit) for a in result.accepted] == [
        ("AR-uppf-malomraden", "byskolan")
    ]


def test_bundled_example_during_the_current_year() -> None:
    """The example shows a realistic autumn: one plan is missing, one came in late."""
    result = validate_repository(PROJECT, None, *DURING_2026_27)
    assert [(f.path, f.rule) for f in result.findings if f.severity is Severity.ERROR] == [
        ("units/kullaskolan-anpassad/2026-27/utvecklingsplan.yaml", "FRIST-saknas")
    ]
    late = [f.path for f in result.findings if f.rule == "FRIST-sent"]
    assert late == ["units/förskolan-lärkan/2026-27/utvecklingsplan.yaml"]
    assert result.rules is not None
    assert {p.what for _, p in result.rules.pending} >= {"kvalitetsrapporten"}


def test_bundled_example_is_complete() -> None:
    files = discover(PROJECT).files.values()
    units = {f.unit for f in files if f.kind is K.UNIT}
    assert len(units) >= 6
    for unit in units:
        for year in ("2024-25", "2025-26"):
            kinds = {f.kind for f in files if f.unit == unit and f.path.split("/")[2] == year}
            assert {K.DEVELOPMENT_PLAN, K.UNIT_REPORT, K.RESULTS} <= kinds, (unit, year)
    initiatives = [f for f in files if f.kind is K.INITIATIVE]
    assert len(initiatives) >= 14


def test_bundled_example_meets_every_law_rule_the_year_before() -> None:
    result = validate_repository(PROJECT, None, SchoolYear(2024), dt.date(2025, 8, 15))
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []


def test_bundled_example_report_shows_a_trend_a_gender_gap_and_a_flag(tmp_path: Path) -> None:
    repo = Repository(PROJECT)
    year = SchoolYear(2025)
    inputs = Inputs(PROJECT, 10, dt.date(2026, 8, 15), ChartCache(tmp_path / "diagram"))
    prepared = unit_report(
        repo, "förskolan-ekorren", year, 10, inputs.unit_charts, inputs.results(repo, year)
    )
    assert prepared is not None
    text = render(environment(PROJECT), "enhetsrapport.md.j2", prepared.context)
    trend = "Linjediagram, andel i procent per termin: TRAS: språklig förmåga i nivå med åldern"
    assert trend in text
    assert "## Flickor och pojkar" in text
    assert "| Barnintervju: berättar att de får vara med och bestämma |" in text
    assert "## Resultat som analysen ska ta upp" in text
    assert "**Nedgång.** TRAS: språklig förmåga i nivå med åldern, 3-åringar: 61,5 % ht2025" in text
    assert "**Könsskillnad.** Barnintervju" in text
