"""Shared fixtures: a small, complete, valid repository copied into a temporary folder."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ska.findings import Finding
from ska.load import repository
from ska.load.discovery import Located
from ska.load.documents import Document, load_document
from ska.load.repository import Repository
from ska.model.headings import Headings
from ska.model.types import SchoolYear
from ska.rules.run import run_rules
from ska.validate.run import validate_repository

RESOURCES = Path(__file__).parent / "resources"
PROJECT = Path(__file__).parent.parent


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of tests/resources/minimal: valid, with one file of every kind."""
    target = tmp_path / "kommun"
    shutil.copytree(RESOURCES / "minimal", target)
    return target


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def findings(root: Path, *paths: str) -> list[Finding]:
    selection = [root / p for p in paths] or None
    return validate_repository(root, selection, rules=False).findings


def brief(items: list[Finding]) -> list[tuple[str, int | None, int | None, str]]:
    """(file, line, column, rule) of each finding: what most tests assert exactly."""
    return [(f.path, f.line, f.column, f.rule) for f in items]


YEAR = "2025/26"
AFTER_YEAR = dt.date(2026, 8, 15)  # the läsår 2025/26 is over, its reports are due


def rule_findings(
    root: Path, rule_id: str, year: str = YEAR, today: dt.date = AFTER_YEAR
) -> list[Finding]:
    """The findings one rule gives for a repository, a läsår and a reference date."""
    run = run_rules(Repository(root), SchoolYear.parse(year), today)
    return [f for f in run.findings if f.rule == rule_id]


def rule_messages(
    root: Path, rule_id: str, year: str = YEAR, today: dt.date = AFTER_YEAR
) -> list[tuple[str, int | None, str]]:
    """(file, line, message) of each finding of one rule."""
    return [(f.path, f.line, f.message) for f in rule_findings(root, rule_id, year, today)]


def replace_in(root: Path, rel: str, old: str, new: str) -> None:
    """Change one exact piece of text in a file of the repository (it must be there)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(root: Path, rel: str, text: str) -> int:
    """Add text at the end of a file; the number of the first line added."""
    path = root / rel
    old = path.read_text(encoding="utf-8")
    old += "" if old.endswith("\n") else "\n"
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def table_after(text: str, heading: str) -> list[list[str]]:
    """The cells of the pipe table that follows `heading` in a document's Markdown."""
    section = text.split(f"{heading}\n", 1)[1].strip().split("\n\n")[0]
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if not set(line) <= set("|-: ")
    ]


def html_text(path: Path) -> str:
    """The text a reader of a built web page sees, whitespace collapsed."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.hidden += tag in ("head", "style", "script")

        def handle_endtag(self, tag: str) -> None:
            self.hidden -= tag in ("head", "style", "script")

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def pdf_text(path: Path) -> str:
    """The text a reader of the PDF sees, page after page."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


_FILLED = (
    (re.compile(r'"<ÅÅÅÅ-MM-DD[^<>"]*>"'), "2026-01-20"),
    (re.compile(r'"<Paragrafen[^<>"]*>"'), '"§ 12"'),
    (re.compile(r'"<Adressen[^<>"]*>"'), "https://www.nyby.se/klagomal"),
    (re.compile(r'"<[A-ZÅÄÖ][^<>"]*>"'), '"Ifylld av kommunen."'),
    (re.compile(r"<[A-ZÅÄÖ][^<>\n]*>"), "Ifylld av kommunen."),
)


def fill_placeholders(root: Path) -> list[Path]:
    """Fill in every placeholder `ska init` and `ska ny` wrote, as a kommun would; the
    files changed."""
    changed = []
    for path in sorted([*root.glob("plans/**/*.*"), *root.glob("units/**/*.*")]):
        if path.suffix not in (".yaml", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        filled = text
        for pattern, value in _FILLED:
            filled = pattern.sub(value, filled)
        if filled != text:
            path.write_text(filled, encoding="utf-8")
            changed.append(path)
    return changed


class Counter:
    def __init__(self) -> None:
        self.paths: list[str] = []


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every file the loader parses in this test."""
    counter = Counter()

    def counting(root: Path, located: Located, headings: Headings | None = None) -> Document:
        counter.paths.append(located.path)
        return load_document(root, located, headings)

    monkeypatch.setattr(repository, "load_document", counting)
    return counter


def in_fresh_process(args: list[str], watched: list[str]) -> tuple[list[str], str]:
    """`ska ARGS` in a new Python process: the lines it printed, and its exit code with
    which of the `watched` modules it imported ("0 ['jinja2']")."""
    probe = (
        "import sys\nfrom ska.cli import main\n"
        f"code = main({args!r})\n"
        f"print(code, [m for m in {watched!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    *printed, loaded = done.stdout.strip().splitlines()
    return printed, loaded
