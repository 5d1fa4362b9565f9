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

from tests.conftest import PROJECT, fill_placeholders
from tests.readme_commands import (
    Block,
    Ran,
    Session,
    blocks,
    normalised,
    prepare,
    restore,
    write_files,
)

DOCUMENTS = ["README.md", *sorted(f"docs/{p.name}" for p in (PROJECT / "docs").glob("*.md"))]
# Days that put the example in different places of the school year: term start, before
# Christmas, spring, and after the reports are due.
DATES = ["2026-08-20", "2026-12-02", "2027-03-15", "2027-06-20"]
# Building every document in every format takes a minute; it is not the date that decides
# whether it works, so the example's build commands run on one of the days.
BUILD_DATE = "2026-12-02"
EXAMPLE_PARTS = ("plans", "units", "källdata", "ska.yaml", "exempel")
_LEFT_BEHIND = shutil.ignore_patterns("bygg", ".ska-cache")
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
            # what a build or a cache left in a checkout's exempel/ is not the example
            shutil.copytree(source, folder / part, ignore=_LEFT_BEHIND)
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
    session: Session | None = None
    for block in _command_blocks():
        fresh = _starts_a_kommun(block)
        verbs = {d[0] for d in block.directives}
        if "fortsätt" in verbs and session is not None:
            fresh = session.cwd != example
        else:
            cwd = tmp_path / "ny" if fresh else example
            cwd.mkdir(exist_ok=True)
            session = Session(cwd, today, monkeypatch, capsys)
        for directive in block.directives:
            if directive[0] == "filer":
                assert write_files(session.cwd, PROJECT / directive[1], directive[1])
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
            if block.output is not None and today == BUILD_DATE:
                # the documented output is what ska prints on the README's day
                assert last is not None, f"{block.where}: an output example with no command"
                expected = normalised("\n".join(block.output.lines))
                assert normalised(last.output) == expected, (
                    f"{block.output.where}: the example differs from what "
                    f"{shlex.join(last.command)} prints"
                )
                compared += 1
        finally:
            restore(saved)
    assert compared >= (1 if today == BUILD_DATE else 0)


def _new_kommun_blocks() -> list[Block]:
    """The README's blocks that start a new kommun and those that continue it."""
    readme = [b for b in _command_blocks() if b.document == "README.md"]
    start = next(i for i, b in enumerate(readme) if _starts_a_kommun(b))
    chain = [readme[start]]
    for block in readme[start + 1 :]:
        if not any(d[0] == "fortsätt" for d in block.directives):
            break
        chain.append(block)
    return chain


def test_a_new_kommun_follows_the_readme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """init → units → plan → report → import → validate → build, with the README's
    commands only, in an empty folder, after the läsår 2025/26 has ended."""
    chain = _new_kommun_blocks()
    assert len(chain) >= 2
    session = Session(tmp_path, "2026-08-20", monkeypatch, capsys)
    for block in chain:
        for directive in block.directives:
            if directive[0] == "filer":
                write_files(session.cwd, PROJECT / directive[1], directive[1])
        for words in block.commands():
            ran = session.run(words)
            if ran is not None:
                _check(ran, block)
    kommun = session.cwd
    assert kommun == tmp_path / "svenljunga"
    by_command = {shlex.join(r.command): r for r in session.ran}
    # the units, the plan, the report and the initiative are there
    for path in (
        "units/asenskolan/enhet.yaml",
        "units/kullaskolan/enhet.yaml",
        "units/asenskolan/2026-27/utvecklingsplan.yaml",
        "units/kullaskolan/2025-26/kvalitetsrapport.md",
        "plans/insatser/lasning.yaml",
    ):
        assert (kommun / path).is_file(), path
    # the import found Kullaskolan by its skolenhetskod
    imported = kommun / "units/kullaskolan/2025-26/resultat/skolverket-betyg.csv"
    assert "Engelska" in imported.read_text(encoding="utf-8")
    # validate points at what is to be filled in; nothing is published with placeholders
    validated = by_command["ska validate"]
    assert validated.code == 1
    assert "[MALL-platshållare]" in validated.output
    built = next(r for r in session.ran if r.command[:2] == ["ska", "build"])
    assert built.code == 1
    assert "platshållare" in built.output
    assert not list((kommun / "bygg").rglob("plan*.html"))
    # filled in and committed, the same build publishes
    assert fill_placeholders(kommun)
    subprocess.run(["git", "commit", "-qam", "Ifyllt"], cwd=kommun, check=True)
    again = session.run(built.command)
    assert again is not None
    assert again.code == 0, again.output
    assert (kommun / "bygg/index.html").is_file()
