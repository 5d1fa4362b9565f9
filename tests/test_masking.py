"""No personnummer reaches a reader through what ska prints or publishes.

Numbers are planted where a user or an attacker can put them – a YAML value that ends up
in a schema error message, a file or folder name, a report, a unit's name, a result
table, a command-line argument, a git author – and every output format is checked: the
number is shown masked (so it did reach the output) and no valid number is left.
"""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path
from typing import TextIO, cast

import pytest
from git import Repo
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from typer import rich_utils

from ska import cli
from ska.output import MaskingStream, console, masked_output
from ska.personnummer import check_digit, find, mask
from ska.render.build import BuildOptions, build
from tests.conftest import PROJECT, append, replace_in, write

PINNED = ("--lasar", "2025/26", "--datum", "2026-08-15")
UNIT = "units/testskolan/enhet.yaml"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
RESULTS = "units/testskolan/2025-26/resultat/screening.csv"


def _number(date: str, serial: str) -> tuple[str, str]:
    """A valid ten-digit number from a date and three serial digits, and its last four."""
    last = serial + str(check_digit(date + serial))
    return date, last


# Serial digits that appear nowhere else in the test repository's output.
DATE, LAST = _number("850709", "987")
NUMBERS = {
    "bindestreck": f"{DATE}-{LAST}",
    "tankstreck": f"{DATE}\u2013{LAST}",
    "hårt mellanslag": f"19{DATE}\u00a0{LAST}",
    "utan skiljetecken": f"{DATE}{LAST}",
    "mellanslag runt streck": f"{DATE} - {LAST}",
}


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


def _assert_masked(output: str, number: str) -> None:
    assert number[:-4] + "****" in output, "the planted number never reached the output"
    assert find(output) == []
    assert LAST not in output


FORMATS = ["text", "json", "github", "markdown"]


@pytest.mark.parametrize("name", sorted(NUMBERS))
@pytest.mark.parametrize("output", FORMATS)
def test_a_number_in_a_yaml_value_is_masked_in_the_schema_error(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, output: str
) -> None:
    number = NUMBERS[name]
    replace_in(repo, UNIT, "typ: skolenhet", f'typ: "{number}"')
    code, shown = _main(capsys, "validate", *PINNED, "-f", output, "--rot", str(repo))
    assert code == 1
    assert "SCHEMA-värde" in shown
    assert "är inte ett tillåtet värde" in shown
    _assert_masked(shown, number)
    if output == "json":
        assert json.loads(shown)["fel"] >= 2  # still JSON: the masking keeps it whole


@pytest.mark.parametrize("output", FORMATS)
def test_a_number_in_a_file_and_a_folder_name_is_masked(
    repo: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    file_name = NUMBERS["bindestreck"]
    folder = NUMBERS["tankstreck"]
    text = (repo / RESULTS).read_text(encoding="utf-8")
    write(repo, f"units/testskolan/2025-26/resultat/{file_name}.csv", text)
    write(repo, f"units/testskolan/bilder/elev {folder}/bild.png", b"\x89PNG")
    code, shown = _main(capsys, "validate", *PINNED, "-f", output, "--rot", str(repo))
    assert code == 1
    assert shown.count("PUB-personnummer") == 2
    _assert_masked(shown, file_name)
    _assert_masked(shown, folder)


@pytest.mark.parametrize("output", FORMATS)
def test_a_number_in_a_report_is_masked(
    repo: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    number = NUMBERS["hårt mellanslag"]
    append(repo, REPORT, f"\nEleven {number} har flyttat.\n")
    code, shown = _main(capsys, "validate", *PINNED, "-f", output, "--rot", str(repo))
    assert code == 1
    assert "PUB-personnummer" in shown
    _assert_masked(shown, number)


@pytest.mark.parametrize("output", ["text", "markdown", "json"])
def test_a_number_in_a_unit_name_is_masked_in_the_status_table(
    repo: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    number = NUMBERS["utan skiljetecken"]
    replace_in(repo, UNIT, "namn: Testskolan", f"namn: Testskolan {number}")
    code, shown = _main(capsys, "status", *PINNED, "-f", output, "--rot", str(repo))
    assert code == 0
    _assert_masked(shown, number)


@pytest.mark.parametrize("output", ["text", "markdown", "json"])
def test_a_number_in_a_result_table_is_masked_in_ska_resultat(
    repo: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    number = NUMBERS["mellanslag runt streck"]
    csv = (repo / RESULTS).read_text(encoding="utf-8")
    write(repo, RESULTS, csv.replace("Läsflyt över gränsvärdet", f"Läsflyt {number}"))
    code, shown = _main(
        capsys, "resultat", "--alla", "--lasar", "2025/26", "-f", output, "--rot", str(repo)
    )
    assert code == 0
    _assert_masked(shown, number)


def test_a_number_in_a_command_line_error_is_masked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = NUMBERS["bindestreck"]
    code, shown = _main(capsys, "forklara", number)  # a SkaError with the value in it
    assert code == 2
    assert "finns inte" in shown
    _assert_masked(shown, number)
    code, shown = _main(capsys, "validate", "--format", number, "--rot", str(repo))
    assert code == 2  # the command-line library's own error, drawn by its own console
    _assert_masked(shown, number)


def test_the_command_line_library_masks_on_a_terminal_too(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under GitHub Actions Typer draws its errors in colour: `-9870` after a space looks
    like an option to its highlighter and is coloured apart from the date, so only a
    console that masks before colouring keeps it hidden."""
    monkeypatch.setattr(rich_utils, "FORCE_TERMINAL", True)
    number = f"{DATE} -{LAST}"
    code, shown = _main(capsys, "validate", "--format", number, "--rot", str(repo))
    assert code == 2
    assert "\x1b[" in shown  # drawn for a terminal
    assert LAST not in shown
    assert "****" in shown


def test_a_number_in_an_import_is_masked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = NUMBERS["tankstreck"]
    source = write(
        repo.parent,
        "export.csv",
        "Skolenhet;Termin;Årskurs;Kön;Över gränsvärdet;Antal elever\n"
        f"{number};vt2026;åk 3;Totalt;30;41\n",
    )
    mapping = "plans/import/skolverket-screening.yaml"
    code, shown = _main(
        capsys, "resultat", "importera", str(source), "-m", mapping, "--rot", str(repo)
    )
    assert code == 1
    assert "IMPORT-enhet" in shown
    _assert_masked(shown, number)


# --- the choke points themselves ------------------------------------------------------


@given(
    st.lists(
        st.sampled_from([*NUMBERS.values(), "121212-1212", " ", "-", "\n", "x", "12", "å"]),
        max_size=30,
    ),
    st.lists(st.integers(0, 200), max_size=10),
)
def test_the_stream_masks_numbers_split_over_any_writes(parts: list[str], cuts: list[int]) -> None:
    """A number written in pieces (a digit at a time, the separator alone …) is masked
    exactly as if it had been written at once."""
    text = "".join(parts)
    target = io.StringIO()
    stream = MaskingStream(target)
    previous = 0
    for cut in [*sorted({min(c, len(text)) for c in cuts}), len(text)]:
        stream.write(text[previous:cut])
        stream.flush()
        previous = cut
    stream.release()
    assert target.getvalue() == mask(text)
    assert find(target.getvalue()) == []


def test_masked_output_covers_print_and_restores_the_streams(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import sys

    before = sys.stdout
    with masked_output():
        print(f"utskrift {NUMBERS['bindestreck']}")
        print(f"fel {NUMBERS['tankstreck']}", file=sys.stderr)
    assert sys.stdout is before
    out, err = capsys.readouterr()
    assert out == f"utskrift {DATE}-****\n"
    assert err == f"fel {DATE}\u2013****\n"


def _table(cell: str) -> Table:
    table = Table("Enhet", "Fel")
    table.add_column("Namn", overflow="fold")
    table.add_row("x", "0", cell)
    return table


def test_a_number_folded_over_two_lines_of_a_table_is_masked_before_layout() -> None:
    """The stream alone cannot see a number a narrow table folds over two lines; the
    console masks it before the layout. A plain console shows why that is needed."""
    number = NUMBERS["utan skiljetecken"]
    plain = io.StringIO()
    Console(file=cast(TextIO, MaskingStream(plain)), width=20, force_terminal=True).print(
        _table(number)
    )
    assert LAST[:2] in re.sub(r"\x1b\[[0-9;]*m", "", plain.getvalue())  # it did leak there
    masked = io.StringIO()
    console(file=MaskingStream(masked), width=20, force_terminal=True).print(_table(number))
    visible = re.sub(r"\x1b\[[0-9;]*m", "", masked.getvalue())
    assert "****" in visible.replace("\n", "").replace("│", "").replace(" ", "")
    assert LAST[:2] not in visible.replace(DATE, "")


def test_highlighting_cannot_split_a_number_on_a_terminal() -> None:
    """Rich colours digits; the console masks before colouring, so no escape code ever
    stands between the date and the last four digits."""
    out = io.StringIO()
    console(file=out, force_terminal=True, highlight=True).print(f"Id {NUMBERS['bindestreck']}")
    visible = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert f"{DATE}-****" in visible
    assert LAST not in out.getvalue()


def test_every_console_in_ska_is_made_by_ska_output() -> None:
    """A rich Console made anywhere else would print without masking before layout."""
    made = []
    modules = sorted((PROJECT / "ska").rglob("*.py"))
    assert len(modules) > 50
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name is not None and name.endswith("Console"):
                    made.append((path.relative_to(PROJECT).as_posix(), name))
    assert made == [("ska/output.py", "MaskingConsole")]


# --- provenance: file names and git authors in the built documents --------------------


def test_provenance_masks_git_authors(repo: Path, tmp_path: Path) -> None:
    author = f"Anna Andersson {NUMBERS['tankstreck']}"
    with Repo.init(repo) as git, git.config_writer() as config:
        config.set_value("user", "name", author)
        config.set_value("user", "email", f"{DATE}{LAST}@example.se")
        config.set_value("commit", "gpgsign", "false")
    with Repo(repo) as git:
        git.git.add("--all")
        git.git.commit("--no-verify", "-m", "Underlag")
    folder = tmp_path / "bygg"
    result = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=("enhetsrapport",)))
    assert result.ok, result.findings
    text = (folder / "2025-26/testskolan/kvalitetsrapport.md").read_text(encoding="utf-8")
    section = text[text.index("Underlag och spårbarhet") :]
    assert "Anna Andersson" in section
    assert find(section) == []
    page = (folder / "2025-26/testskolan/kvalitetsrapport.html").read_text(encoding="utf-8")
    published = page[page.rindex("Underlag och spårbarhet") :]
    assert "Anna Andersson" in published
    assert LAST not in published
    assert find(page) == []


def test_a_number_in_a_file_name_keeps_the_document_unpublished(repo: Path, tmp_path: Path) -> None:
    """The file name is a result table's heading and a provenance row: the build refuses
    the whole document rather than publish the number, whatever path it took."""
    source = f"units/testskolan/2025-26/resultat/elev-{NUMBERS['bindestreck']}.csv"
    write(repo, source, (repo / RESULTS).read_text(encoding="utf-8"))
    folder = tmp_path / "bygg"
    result = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=("enhetsrapport",)))
    assert [(f.rule, f.path) for f in result.findings] == [
        ("BYGG-publicering", "units/testskolan/2025-26/kvalitetsrapport.md")
    ]
    assert LAST not in result.findings[0].message
    assert not (folder / "2025-26/testskolan/kvalitetsrapport.html").exists()
    assert [p for p in folder.rglob("*") if p.is_file() and LAST.encode() in p.read_bytes()] == []
