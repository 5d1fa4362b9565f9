"""`ska resultat` and `ska resultat importera` from the command line, and the analysis
questions in a new report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ska import cli
from ska.model.types import SchoolYear
from ska.workflow.scaffold import new_report
from tests.conftest import AFTER_YEAR, replace_in, write

PINNED = ("--lasar", "2025/26", "--datum", "2026-08-15")
RIKET = "plans/jämförelser/riket.csv"
FLAG = "Läsflyt över gränsvärdet, åk 2: 65 % ht2025 jämfört med riket 80 %"


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def flagged(repo: Path) -> Path:
    """The minimal repository with Testskolan's läsflyt well below riket."""
    replace_in(repo, RIKET, "alla,66.5", "alla,80")
    return repo


def test_flags_and_questions_in_the_terminal(
    flagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _main(capsys, "resultat", *PINNED, "--rot", str(flagged))
    assert code == 0
    assert "Resultat och analys, läsåret 2025/26" in out
    assert "under jämförelse" in out
    assert "Analysfrågor vid under jämförelse" in out
    assert "Vad kan vi lära av enheter med bättre resultat" in out


def test_markdown_for_one_unit_has_every_table(
    flagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("resultat", *PINNED, "--enhet", "testskolan", "-f", "markdown", "--rot", str(flagged))
    code, out, _ = _main(capsys, *args)
    assert code == 0
    for heading in (
        "## Flaggor att analysera",
        "## Jämfört med riket och andra",
        "## Testskolan: utveckling över tid",
        "## Testskolan: flickor och pojkar",
    ):
        assert heading in out
    assert f"| Testskolan | under jämförelse | {FLAG}, 15 procentenheter lägre. |" in out
    assert (
        "| Läsflyt över gränsvärdet | åk 2 | ht2025 | 65,0 % | riket 80,0 % | −15,0 p.e. |" in out
    )


def test_json_is_machine_readable(flagged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _main(capsys, "resultat", *PINNED, "-f", "json", "--rot", str(flagged))
    assert code == 0
    document = json.loads(out)
    assert document["läsår"] == "2025/26"
    assert [f["enhet"] for f in document["flaggor"]] == ["testskolan"]


def test_an_unknown_unit_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _main(capsys, "resultat", *PINNED, "--enhet", "testskolam", "--rot", str(repo))
    assert code == 2
    assert "Menade du 'testskolan'?" in err


def test_import_from_the_command_line(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path,
        "export.csv",
        "Skolenhet;Termin;Årskurs;Kön;Över gränsvärdet;Antal elever\n"
        "39671234;vt2026;åk 2;Flickor;15;19\n"
        "39671234;vt2026;åk 2;Pojkar;13;21\n"
        "39671234;vt2026;åk 2;Totalt;28;40\n",
    )
    mapping = ("--mappning", "plans/import/skolverket-screening.yaml")
    target = repo / "units/testskolan/2025-26/resultat/screening.csv"
    before = target.read_text(encoding="utf-8")
    dry = _main(
        capsys, "resultat", "importera", str(source), *mapping, "--torrkorning", "--rot", str(repo)
    )
    assert dry[0] == 0
    assert "3 rader skulle skrivas till 1 filer." in dry[1]
    assert target.read_text(encoding="utf-8") == before
    code, out, _ = _main(capsys, "resultat", "importera", str(source), *mapping, "--rot", str(repo))
    assert code == 0
    assert "units/testskolan/2025-26/resultat/screening.csv" in out
    text = target.read_text(encoding="utf-8")
    assert "Läsflyt över gränsvärdet,vt2026,screening,åk 2,alla,28,40" in text.replace('"', "")
    assert "ht2025" in text  # the rows of other terms are kept
    assert _main(capsys, "validate", *PINNED, "--rot", str(repo))[0] == 0


def test_an_import_with_errors_exits_1(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "export.csv", "Skola;Termin\nOkänd;vt2026\n")
    mapping = ("--mappning", "plans/import/skolverket-screening.yaml")
    code, out, _ = _main(capsys, "resultat", "importera", str(source), *mapping, "--rot", str(repo))
    assert code == 1
    assert "IMPORT-kolumn" in out


def test_a_new_report_lists_the_flags_to_analyse(flagged: Path) -> None:
    (flagged / "units/testskolan/2025-26/kvalitetsrapport.md").unlink()
    path = new_report(flagged, "testskolan", SchoolYear(2025), AFTER_YEAR)
    analysis = path.read_text(encoding="utf-8").split("## Analys", 1)[1].split("## ", 1)[0]
    assert f"{FLAG}, 15 procentenheter lägre." in analysis
    assert "  - Vilka förklaringar ligger inom det vi själva kan påverka" in analysis


def test_the_default_läsår_is_the_one_reported_on(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An autumn value imported in October does not move `ska resultat` off the läsår
    whose reports are being written; in the spring the new läsår is the one."""
    text = (repo / "units/testskolan/2025-26/resultat/screening.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0]
    row = next(line for line in text.splitlines()[1:] if "ht2025" in line)
    write(
        repo,
        "units/testskolan/2026-27/resultat/screening.csv",
        f"{header}\n" + row.replace("ht2025", "ht2026") + "\n",
    )
    for day, shown in (("2026-10-15", "2025/26"), ("2027-02-01", "2026/27")):
        code, out, _ = _main(capsys, "resultat", "--datum", day, "-f", "json", "--rot", str(repo))
        assert code == 0
        assert json.loads(out)["läsår"] == shown, day
