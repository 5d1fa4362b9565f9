"""The commands in the README and docs/*.md, read from their ```sh blocks, and a way to run
them in-process as a user would type them.

A ```sh block holds commands, one a line, with `#` comments. A ```text block right after
it is the output of the block's last command, compared literally. An HTML comment just
before a ```sh block prepares it, invisibly to a reader:

    <!-- readme-test: ersätt units/åsenskolan/enhet.yaml "rektor:" "rektr:" -->

changes one piece of text in a file before the block runs and puts it back afterwards;
`fortsätt` runs the block where the one before it ended (e.g. in the new kommun's folder);
`filer docs/import.md` first writes the blocks of that document that are marked as files,

    <!-- fil: plans/import/skolverket-betyg.yaml -->

as a reader who saves the documented example would.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ska import cli

FENCE = re.compile(r"^```(\S*)\s*$")
DIRECTIVE = re.compile(r"^<!--\s*readme-test:\s*(.*?)\s*-->\s*$")
FILE = re.compile(r"^<!--\s*fil:\s*(.*?)\s*-->\s*$")
# Programs a README command may start with that the tests do not run, and why.
NOT_RUN = {
    "make": "make run and make test set up a checkout; the suite itself is make test",
    "source": "activating the virtual environment changes the shell, not ska",
}


@dataclass
class Block:
    """One fenced code block: where it is, its language and its lines."""

    document: str
    line: int  # the line of the opening fence, counted from 1
    language: str
    lines: list[str]
    directives: list[list[str]] = field(default_factory=list)
    file: str | None = None  # the file the block's text is, as its <!-- fil: --> says
    output: Block | None = None  # the ```text block that shows what the last command prints

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"

    def commands(self) -> list[list[str]]:
        """Each command of a ```sh block as its words, comments removed."""
        commands = []
        for line in self.lines:
            words = shlex.split(line, comments=True)
            if words:
                commands.append(words)
        return commands


def blocks(path: Path, name: str) -> list[Block]:
    """The fenced blocks of a Markdown file, each ```sh block with the ```text block that
    follows it and the directives before it."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    current: Block | None = None
    pending: list[list[str]] = []
    file: str | None = None
    last_closed: Block | None = None
    only_blank_since = False
    for number, line in enumerate(lines, start=1):
        if current is not None:
            if line.strip() == "```":
                found.append(current)
                last_closed, current, only_blank_since = current, None, True
            else:
                current.lines.append(line)
            continue
        fence = FENCE.match(line)
        directive = DIRECTIVE.match(line)
        named = FILE.match(line)
        if fence:
            current = Block(name, number, fence[1], [], pending, file)
            pending, file = [], None
            if (
                current.language == "text"
                and only_blank_since
                and last_closed is not None
                and last_closed.language == "sh"
            ):
                last_closed.output = current
        elif directive:
            pending.append(shlex.split(directive[1]))
        elif named:
            file = named[1]
        elif line.strip():
            only_blank_since = False
            pending, file = [], None
    return found


@dataclass
class Ran:
    command: list[str]
    code: int
    output: str


@dataclass
class Session:
    """A shell of sorts: a working folder, a date ska believes is today, and the output of
    each command run in-process."""

    cwd: Path
    today: str
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]
    ran: list[Ran] = field(default_factory=list)

    def run(self, words: list[str]) -> Ran | None:
        program, *args = words
        if program in NOT_RUN:
            return None
        if program == "cd":
            (target,) = args
            self.cwd = (self.cwd / target).resolve()
            assert self.cwd.is_dir(), f"cd {target}: no such folder"
            return None
        if program == "git":
            done = subprocess.run(words, cwd=self.cwd, capture_output=True, text=True, check=False)
            ran = Ran(words, done.returncode, done.stdout + done.stderr)
        else:
            assert program == "ska", f"a README command that is not ska: {shlex.join(words)}"
            self.monkeypatch.chdir(self.cwd)
            self.monkeypatch.setenv("SKA_DATUM", self.today)
            self.monkeypatch.setenv("COLUMNS", "100")
            self.capsys.readouterr()
            code = cli.main(args)
            out, err = self.capsys.readouterr()
            ran = Ran(words, code, out + err)
        self.ran.append(ran)
        return ran


def write_files(folder: Path, document: Path, name: str) -> list[str]:
    """Save the blocks of a document marked as files in `folder`; their paths."""
    written = []
    for block in blocks(document, name):
        if block.file is not None:
            target = folder / block.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(block.lines) + "\n", encoding="utf-8")
            written.append(block.file)
    return written


def prepare(root: Path, directives: list[list[str]]) -> dict[Path, bytes]:
    """Apply a block's `ersätt` directives; the files' old contents, to put back afterwards."""
    saved: dict[Path, bytes] = {}
    for directive in directives:
        verb, *rest = directive
        assert verb in ("ersätt", "fortsätt", "filer"), f"unknown directive {verb!r}"
        if verb != "ersätt":
            continue
        relative, old, new = rest
        path = root / relative
        saved.setdefault(path, path.read_bytes())
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return saved


def restore(saved: dict[Path, bytes]) -> None:
    for path, content in saved.items():
        path.write_bytes(content)


def normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
