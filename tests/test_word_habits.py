"""Word and Excel habits: odd characters named with their line, replaced by ska fmt."""

from __future__ import annotations

from pathlib import Path

import pytest

from ska.load import wordchars
from ska.load.csvtable import parse_results
from ska.workflow.fmt import format_repository
from tests.conftest import brief, findings, write

UNIT = "units/testskolan/enhet.yaml"


def _unit(repo: Path, old: str, new: str) -> str:
    text = (repo / UNIT).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "column", "named"),
    [
        ("rektor: Karin", "rektor:\u00a0Karin", 8, "hårt mellanslag (U+00A0)"),
        ("rektor: Karin", "rek\u200btor: Karin", 4, "noll bredd (U+200B)"),
        ("rektor: Karin Alm", "rektor: ”Karin Alm”", 9, "citattecken ” (U+201D)"),
        ("rektor: Karin", "rek\u00adtor: Karin", 4, "mjukt bindestreck (U+00AD)"),
    ],
)
def test_an_odd_character_is_named_on_its_own_line(
    repo: Path, old: str, new: str, column: int, named: str
) -> None:
    write(repo, UNIT, _unit(repo, old, new))
    found = [f for f in findings(repo, UNIT) if f.rule == "YAML-tecken"]
    assert brief(found) == [(UNIT, 4, column, "YAML-tecken")]
    assert named in found[0].message
    # and nothing points at another line
    assert all(f.line == 4 for f in findings(repo, UNIT) if f.line and f.line > 1)


def test_a_no_break_space_in_the_indentation_is_not_a_syntax_error_elsewhere(
    repo: Path,
) -> None:
    path = "plans/fokusomraden.yaml"
    text = (repo / path).read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[2] = "\u00a0" + lines[2][1:]
    write(repo, path, "\n".join(lines))
    assert brief(findings(repo, path)) == [(path, 3, 1, "YAML-tecken")]


def test_fmt_replaces_them(repo: Path) -> None:
    write(
        repo,
        UNIT,
        _unit(repo, "rektor: Karin Alm", "rektor:\u00a0”Karin\u00ad Alm”").replace(
            "namn:", "na\u200bmn:"
        ),
    )
    result = format_repository(repo, [repo / UNIT])
    assert result.findings == []
    assert result.changed == [UNIT]
    text = (repo / UNIT).read_text(encoding="utf-8")
    assert "rektor: Karin Alm" in text or 'rektor: "Karin Alm"' in text
    assert text.isascii() or all(c not in text for c in "\u00a0\u200b\u00ad”")
    assert findings(repo, UNIT) == []


def test_repair_keeps_inner_quotes_and_typography_in_text() -> None:
    assert wordchars.repair('a: ”Han sa "hej"”\n') == "a: 'Han sa \"hej\"'\n"
    assert wordchars.repair("a: ”x”\n") == 'a: "x"\n'
    # an ordinary value with a no-break space inside, or quotes inside, stays as it is
    kept = "paragraf: §\u00a0142\nb: Hon sa ”ja” till slut\n# kommentar:\u00a0fri\n"
    assert wordchars.repair(kept) == kept
    assert wordchars.scan(kept) == []


EXCEL = (
    "mått;termin;grupp;kön;antal;totalt;värde\r\n"
    "Läsflyt över gränsvärdet;HT 2025;åk 2;Flickor;14;19;\r\n"
    "Läsflyt över gränsvärdet;HT 2025;åk 2;Pojkar;12;21;\r\n"
    "Läsflyt över gränsvärdet;HT 2025;åk 2;Totalt;26;40;\r\n"
    "Trygghetsindex;VT 2026;alla;Samtliga;;40;4,2\r\n"
    "Trygghetsindex;Vt-26;alla;flickor;;19;4,3\r\n"
)
RESULTS = "units/testskolan/2025-26/resultat/screening.csv"


def test_a_results_table_saved_by_excel_is_read_by_validate(repo: Path) -> None:
    write(repo, RESULTS, EXCEL.encode("cp1252"))
    found = findings(repo, RESULTS)
    assert [(f.rule, f.severity) for f in found] == [("CSV-kodning", "info")]
    assert "Windows-1252" in found[0].message
    assert "CSV UTF-8" in found[0].hint
    table, _ = parse_results(
        (repo / RESULTS).read_bytes().decode("cp1252").replace("\r\n", "\n"), RESULTS
    )
    assert table is not None
    assert [str(r.term) for r in table.rows] == ["ht2025"] * 3 + ["vt2026"] * 2
    assert [str(r.gender) for r in table.rows] == ["flickor", "pojkar", "alla", "alla", "flickor"]


def test_the_import_and_validate_read_the_same_cells() -> None:
    from ska.load.csvtable import cell_value

    assert cell_value("kön", "Flickor") == "flickor"
    assert cell_value("kön", "Totalt") == "alla"
    assert cell_value("termin", "VT 2026") == "vt2026"
    assert cell_value("termin", "Ht-25") == "ht2025"
    assert cell_value("värde", "96,2 %") == "96.2"
    assert cell_value("totalt", "1 204") == "1204"
    assert cell_value("grupp", "åk 2") == "åk 2"
