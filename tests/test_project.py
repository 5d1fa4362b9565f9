"""The repository itself: schemas up to date, and the bundled example municipality valid."""

from __future__ import annotations

from ska.findings import Severity
from ska.load.discovery import discover
from ska.model import kinds as K
from ska.schema_export import stale_schemas
from ska.validate.run import validate_repository
from tests.conftest import PROJECT


def test_schemas_folder_is_up_to_date() -> None:
    assert stale_schemas(PROJECT / "schemas") == [], "kör: ska schema"


def test_bundled_example_validates_without_findings() -> None:
    result = validate_repository(PROJECT)
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    assert result.findings == []


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
