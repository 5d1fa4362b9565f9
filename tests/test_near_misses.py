"""Near misses are pointed at: a heading, a file name, a key (one message per typo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import brief, findings, replace_in

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"


@pytest.mark.parametrize("heading", ["## Analys av resultat och orsaker", "## Analsy"])
def test_a_near_miss_heading_is_pointed_at_on_its_own_line(repo: Path, heading: str) -> None:
    text = (repo / REPORT).read_text(encoding="utf-8")
    line = text.split("\n").index("## Analys") + 1
    replace_in(repo, REPORT, "## Analys\n", heading + "\n")
    (finding,) = findings(repo, REPORT)
    assert brief([finding]) == [(REPORT, line, 1, "MD-avsnitt-saknas")]
    assert f"'{heading[3:]}' räknas inte som det" in finding.message
    assert finding.hint.startswith("Skriv rubriken som '## Analys'.")


def test_a_heading_kommuner_use_is_the_section(repo: Path) -> None:
    replace_in(repo, REPORT, "## Analys\n", "## Analys och slutsatser\n")
    assert findings(repo, REPORT) == []


def test_a_file_name_in_the_wrong_case_is_named(repo: Path) -> None:
    (repo / REPORT).rename(repo / REPORT.replace("kvalitetsrapport", "Kvalitetsrapport"))
    found = [f for f in findings(repo) if f.rule == "PLATS-okänd"]
    assert len(found) == 1
    assert found[0].path.endswith("/Kvalitetsrapport.md")
    assert "ska heta 'kvalitetsrapport.md'" in found[0].message
    assert found[0].hint.startswith("Menade du 'kvalitetsrapport.md'?")
