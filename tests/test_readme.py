"""The README is a test: every command in its ```sh blocks (and in docs/*.md) runs, as
written, in a copy of the example kommun that is a real git repository, on several days of
the school year; none may end in an internal error, none may be refused as wrong usage, and
an output example under a command is what the command prints."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.readme_commands import Block, Ran, Session, blocks, normalised, prepare, restore

DOCUMENTS = ["README.md", *sorted(f"docs/{p.name}" for p in (PROJECT / "docs").glob("*.md"))]
# Days that put the example in different places of the school year: term start, before
# Christmas, spring, and after the reports are due.
DATES = ["2026-08-20", "2026-12-02", "2027-03-15", "2027-06-20"]
# Building every document in every format takes a minute; it is not the date that decides
# whether it works, so the example's build commands run on one of the days.
BUILD_DATE = "2026-12-02"
EXAMPLE_PARTS = ("plans", "units", "källdata", "ska.yaml")
# Commands that have no findings to report: they end with 0 when they work.
ALWAYS_0 = {"regler", "forklara", "schema", "ny", "init", "diff", "fmt"}


def _all_blocks() -> list[Block]:
    return [b for name in DOCUMENTS for b in blocks(PROJECT / name, name)]


def _command_blocks() -> list[Block]:
    return [b for b in _all_blocks() if b.language == "sh"]


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def example_repository(folder: Path) -> Path:
    """The example kommun of this checkout, copied and committed as its own repository."""
    folder.mkdir(parents=True)
    for part in EXAMPLE_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copy(source, folder / part)
    _git(folder, "init", "--quiet", "--initial-branch", "main")
    _git(folder, "add", "--all")
    _git(folder, "commit", "--quiet", "-m", "Exempelkommunen")
    _git(folder, "tag", "v2025")
    return folder


def _starts_a_kommun(block: Block) -> bool:
    commands = block.commands()
    return bool(commands) and commands[0][:2] == ["ska", "init"]


def _check(ran: Ran, block: Block) -> None:
    where = f"{block.where}: {shlex.join(ran.command)}"
    assert ran.code != 3, f"{where} ended in an internal error:\n{ran.output}"
    assert ran.code != 2, f"{where} was refused as wrong usage:\n{ran.output}"
    if ran.command[0] == "ska" and ran.command[1] in ALWAYS_0:
        assert ran.code == 0, f"{where} ended with {ran.code}:\n{ran.output}"
    if ran.command[0] == "git":
        assert ran.code == 0, f"{where}:\n{ran.output}"


def test_the_documents_have_commands_and_examples() -> None:
    commands = [c for b in _command_blocks() for c in b.commands()]
    assert len(commands) >= 30
    assert any(b.output is not None for b in _command_blocks())
    # every documented command of ska appears somewhere
    named = {c[1] for c in commands if c[0] == "ska" and len(c) > 1}
    assert {"validate", "status", "resultat", "build", "init", "ny", "fmt", "diff"} <= named


@pytest.mark.parametrize("today", DATES)
def test_every_command_in_the_documentation_runs(
    today: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = example_repository(tmp_path / "exempel")
    compared = 0
    for block in _command_blocks():
        fresh = _starts_a_kommun(block)
        cwd = tmp_path / "ny" if fresh else example
        cwd.mkdir(exist_ok=True)
        session = Session(cwd, today, monkeypatch, capsys)
        saved = prepare(example, block.directives)
        try:
            last: Ran | None = None
            for words in block.commands():
                builds = words[:2] == ["ska", "build"]
                if builds and not fresh and today != BUILD_DATE:
                    continue
                last = session.run(words) or last
                if last is not None and last.command == words:
                    _check(last, block)
            if block.output is not None:
                assert last is not None, f"{block.where}: an output example with no command"
                expected = normalised("\n".join(block.output.lines))
                assert normalised(last.output) == expected, (
                    f"{block.output.where}: the example differs from what "
                    f"{shlex.join(last.command)} prints"
                )
                compared += 1
        finally:
            restore(saved)
    assert compared >= 1
