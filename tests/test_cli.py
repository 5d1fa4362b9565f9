"""The command line: exit codes, output formats, and no tracebacks."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ska import cli
from ska.validate import run as validate_run
from tests.conftest import write

UNIT = "units/testskolan/enhet.yaml"
# The läsår and date the rules judge, so that results do not depend on today's date.
PINNED = ("--lasar", "2025/26", "--datum", "2026-08-15")


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_repository_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _main(capsys, "validate", *PINNED, "--rot", str(repo))
    assert code == 0
    assert "Inga fel. 22 filer kontrollerade." in out


def test_the_command_leaves_what_is_alive_to_the_exit(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ska` sets its objects aside from the collector before it exits: CPython's last
    collection would walk a big city's repository object by object (seconds) only for
    the process's memory to be released anyway."""
    frozen: list[bool] = []
    monkeypatch.setattr(sys, "argv", ["ska", "validate", "--rot", str(repo)])
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    with pytest.raises(SystemExit) as ended:
        cli.run()
    assert ended.value.code == 0
    assert frozen == [True]


def test_errors_exit_1_with_location(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, UNIT, "namn: Testskolan\ntyp: skola\n")
    code, out, _ = _main(capsys, "validate", *PINNED, "--rot", str(repo))
    assert code == 1
    assert f"{UNIT}:2:6: fel [SCHEMA-värde]" in out


def test_warnings_alone_exit_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "plans/okänd.yaml", "x: 1\n")
    code, out, _ = _main(capsys, "validate", *PINNED, "--rot", str(repo))
    assert code == 0
    assert "1 varning." in out


def test_wrong_usage_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(capsys, "validate", "--format", "xml", "--rot", str(repo))[0] == 2
    code, _, err = _main(capsys, "validate", str(repo / "finns-inte"), "--rot", str(repo))
    assert code == 2
    assert "finns inte" in err


def test_no_repository_found_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _main(capsys, "validate")
    assert code == 2
    assert "plans/huvudman.yaml" in err


def test_internal_error_exits_3_without_traceback(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oväntat")

    monkeypatch.setattr(validate_run, "validate_repository", broken)
    code, out, err = _main(capsys, "validate", *PINNED, "--rot", str(repo))
    assert code == 3
    assert "internt fel (KeyError" in err
    assert "Traceback" not in out + err


def test_json_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, UNIT, "namn: Testskolan\ntyp: skola\n")
    code, out, _ = _main(capsys, "validate", *PINNED, "--format", "json", "--rot", str(repo))
    document = json.loads(out)
    assert code == 1
    assert document["fel"] == 3
    assert next(f for f in document["fynd"] if f["regel"] != "SL4-6-dokumentation-sparbar") == {
        "fil": UNIT,
        "rad": 1,
        "kolumn": 1,
        "regel": "SCHEMA-saknas",
        "allvarlighet": "fel",
        "meddelande": "Nyckeln 'skolformer' saknas.",
        "tips": "Lägg till skolformer: … (Skolformer och fritidshem på enheten.)",
    }


def test_github_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, UNIT, "namn: Testskolan\ntyp: skola, ny\nskolformer: [grundskola]\nrektor: A\n")
    code, out, _ = _main(capsys, "validate", *PINNED, "-f", "github", "--rot", str(repo))
    assert code == 1
    # The rest of the file is read, so the rules report on it too; here only the file's own.
    own = [line for line in out.splitlines() if line.startswith(f"::error file={UNIT},")]
    assert own == [
        f"::error file={UNIT},line=2,col=6,title=SCHEMA-värde::'skola, ny' är inte ett "
        "tillåtet värde för typ. Tillåtna värden: förskoleenhet, skolenhet."
    ]


def test_paths_select_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, UNIT, "namn: Testskolan\n")
    code, out, _ = _main(capsys, "validate", *PINNED, "--rot", str(repo), str(repo / "plans"))
    assert code == 0
    assert "14 filer kontrollerade" in out


def test_schema_check(repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    assert _main(capsys, "schema", "--katalog", str(target), "--kontrollera")[0] == 1
    assert _main(capsys, "schema", "--katalog", str(target))[0] == 0
    assert _main(capsys, "schema", "--katalog", str(target), "--kontrollera")[0] == 0


def test_console_script_runs_as_a_process(repo: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "ska", "validate", *PINNED],
        cwd=repo / "units",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Inga fel" in done.stdout


def test_help_is_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _main(capsys, "validate", "--help")
    assert code == 0
    assert "Visa den här hjälpen och avsluta." in " ".join(out.replace("│", " ").split())
    assert "Flaggor" in out
    assert "Show this message" not in out


def test_ska_build_alla_builds_every_kind_of_document() -> None:
    """`ska build` (alla) is every kind of document there is (render.options, which
    loads no rendering code), and each choice names known kinds."""
    from ska.cli import BUILD_KINDS
    from ska.render.options import KINDS

    assert BUILD_KINDS["alla"] == KINDS
    assert {k for kinds in BUILD_KINDS.values() for k in kinds} == set(KINDS)
