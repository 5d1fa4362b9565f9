"""`ska status`: the completeness matrix, and the rule list and explanations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ska import cli
from ska.model.types import SchoolYear
from ska.personnummer import mask
from ska.rules.catalog import rules_by_id
from ska.rules.docs import rule_list_markdown
from ska.rules.engine import Group
from ska.status.matrix import Cell, Mark, Status, build_status
from ska.status.render import to_markdown
from ska.validate.run import validate_repository
from tests.conftest import PROJECT, replace_in, write

PINNED = ("--lasar", "2025/26", "--datum", "2026-08-15")
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"


def _status(root: Path, today: dt.date = dt.date(2026, 8, 15)) -> Status:
    return build_status(validate_repository(root, None, SchoolYear(2025), today))


def test_complete_repository_is_all_ticks(repo: Path) -> None:
    status = _status(repo)
    assert [r.id for r in status.rows] == ["huvudman", "testskolan"]
    assert status.complete
    huvudman, unit = status.rows
    assert huvudman.cells[Group.KAA] == Cell(Mark.OK)
    assert unit.cells[Group.KAA] == Cell(Mark.NOT_APPLICABLE)
    assert unit.cells[Group.PARTICIPATION] == Cell(Mark.OK)


def test_failing_cell_counts_open_findings(repo: Path) -> None:
    replace_in(repo, REPORT, "  elever: Klassråd och elevråd diskuterade trygghetsenkäten.\n", "")
    replace_in(repo, REPORT, "  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten.\n", "")
    status = _status(repo)
    unit = status.rows[1]
    assert unit.cells[Group.PARTICIPATION] == Cell(Mark.FAILING, 2)
    assert (unit.errors, unit.warnings) == (2, 0)
    assert not status.complete


def test_pending_before_the_year_ends(repo: Path) -> None:
    (repo / REPORT).unlink()
    unit = _status(repo, dt.date(2026, 3, 1)).rows[1]
    assert unit.cells[Group.DOCUMENTATION] == Cell(Mark.PENDING)
    unit = _status(repo).rows[1]
    assert unit.cells[Group.DOCUMENTATION] == Cell(Mark.FAILING, 1)


def test_accepted_exception_is_shown_not_passed(repo: Path) -> None:
    replace_in(repo, REPORT, "  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten.\n", "")
    write(
        repo,
        "ska.yaml",
        "undantag:\n  - regel: SL4-4-vardnadshavare\n    enhet: testskolan\n"
        "    skäl: Enkäten flyttades till hösten.\n    gäller_till: 2026-12-31\n",
    )
    result = validate_repository(repo, None, SchoolYear(2025), dt.date(2026, 8, 15))
    assert [a.finding.rule for a in result.accepted] == ["SL4-4-vardnadshavare"]
    assert result.ok
    unit = build_status(result).rows[1]
    assert unit.cells[Group.PARTICIPATION] == Cell(Mark.EXCEPTION)


def test_markdown_table(repo: Path) -> None:
    text = to_markdown(_status(repo))
    lines = text.splitlines()
    assert lines[0] == "### Kvalitetsarbetet läsåret 2025/26 (bedömt 2026-08-15)"
    assert lines[2].startswith("| Enhet | Planering | Uppföljning | Analys |")
    assert lines[4].startswith("| Testkommun | ✓ |")
    assert lines[5].startswith("| Testskolan | – | ✓ |")
    assert lines[-1].startswith("✓ uppfyllt")


def test_status_command_formats(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status", *PINNED, "--rot", str(repo), "-f", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["läsår"] == "2025/26"
    assert document["rader"][1]["celler"]["kaa"] == {"status": "gäller_inte", "fynd": 0, "skäl": []}
    assert cli.main(["status", *PINNED, "--rot", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "Testskolan" in out
    assert "Kolumner: Plan = planering" in out


def test_status_strict_fails_on_a_failing_cell(repo: Path) -> None:
    (repo / REPORT).unlink()
    assert cli.main(["status", *PINNED, "--rot", str(repo)]) == 0
    assert cli.main(["status", *PINNED, "--rot", str(repo), "--strict"]) == 1


def test_validate_strict_fails_on_warnings(repo: Path) -> None:
    replace_in(repo, REPORT, "Ökningen jämfört med förra läsåret beror", "Ökningen beror")
    assert cli.main(["validate", *PINNED, "--rot", str(repo)]) == 0
    assert cli.main(["validate", *PINNED, "--rot", str(repo), "--strict"]) == 1


def test_bad_school_year_or_date_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", "--lasar", "2025/27", "--rot", str(repo)]) == 2
    assert "Skriv 2025/26" in capsys.readouterr().err
    assert cli.main(["status", "--datum", "15 aug", "--rot", str(repo)]) == 2
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_bundled_example_status_is_readable() -> None:
    status = _status(PROJECT)
    names = [r.name for r in status.rows]
    assert names[0] == "Svenljunga kommun"
    assert "Åsenskolan" in names
    marks = {c.mark for r in status.rows for c in r.cells.values()}
    assert {Mark.OK, Mark.FAILING, Mark.NOT_APPLICABLE} <= marks


def test_rule_list_is_generated_into_the_docs() -> None:
    """As the command writes it: every number masked, like everything ska prints."""
    expected = mask(rule_list_markdown())
    assert (PROJECT / "docs/regler.md").read_text(encoding="utf-8") == expected, (
        "kör: ska regler --format markdown > docs/regler.md"
    )


def test_every_rule_is_documented_with_source_and_example() -> None:
    text = rule_list_markdown()
    for rule in rules_by_id().values():
        assert f"## {rule.id}" in text
        assert rule.source
        assert rule.source_version
        assert rule.example.strip()


def test_explain_a_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["forklara", "sl4-4-rektor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SL4-4-rektor: Rektor ansvarar för enhetens kvalitetsarbete\n")
    assert "Källa:         Skollagen 4 kap. 4 § tredje stycket" in out
    failing, passing = out.split("Exempel som ger fyndet:")[1].split("Exempel utan fyndet:")
    # The September plan by the rektor who left in November: right once enhet.yaml dates it.
    assert "    ansvarig: Lars Holm" in failing
    assert "rektorer:" not in failing
    assert "      - {namn: Lars Holm, till: 2025-11-15}" in passing


def test_explain_unknown_rule_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["forklara", "SL4-4-rekto"]) == 2
    assert "Menade du 'SL4-4-rektor'?" in capsys.readouterr().err


def test_rule_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["regler"]) == 0
    out = capsys.readouterr().out
    assert "SL4-3-analys" in out
    assert "LOK-internkontroll" in out
