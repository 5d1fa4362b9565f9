"""Attacks on the real publishing pipeline by someone who may write one unit's folder.

Each test fails when the protection it names is taken away: bounded work for any text
(pandoc's readers are slow on some inputs, so what they are given is bounded first),
the syntax-tree filter for links and pictures, the page check, atomic outputs after a
killed build, and a clear message for a folder that cannot be written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ska import pandoc
from ska.errors import UsageError
from ska.markdown import UserMarkdown
from ska.render import convert, pagecheck
from ska.render.build import MANIFEST, BuildOptions, build
from ska.render.document import Source, assemble
from ska.render.templating import Rendered
from ska.shipped import TEMPLATES
from ska.validate.run import validate_repository
from tests.conftest import findings, html_text, replace_in, write

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
PAGE = "2025-26/testskolan/kvalitetsrapport.html"
DOCUMENTS = ("enhetsrapport",)
SIZE = 1_900_000  # just under the 2 MiB a file may have

# Runs that take pandoc's Markdown readers minutes (or, for nested brackets, longer than
# any build may wait) when nothing bounds them.
ADVERSARIAL = {
    "bilder": "![](",
    "hakparenteser": "[",
    "stängande": "]",
    "nästlade": None,  # brackets nested deep, made below
    "kod": "`",
    "vinkelparenteser": "<",
    "entiteter": "&#",
    "länkar": "[a](",
    "kommentarer": "<!--",
    "meningar": "Ab. ",  # no markup at all: one paragraph of 475 000 sentences
}


def _adversarial(name: str) -> str:
    run = ADVERSARIAL[name]
    if run is None:
        half = SIZE // 2
        return "[" * half + "]" * half
    return (run * (SIZE // len(run) + 1))[:SIZE]


def test_the_adversarial_inputs_are_many() -> None:
    assert len(ADVERSARIAL) >= 10


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_markdown_is_refused_before_pandoc_reads_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # Without the bound, pandoc would run into this (short) limit and fail differently.
    monkeypatch.setattr(pandoc, "TIMEOUT", 20.0)
    text = "Skolan har 280 elever.\n\n" + _adversarial(name)
    replace_in(repo, REPORT, "Skolan har 280 elever.", text)
    found = [(f.rule, f.line) for f in validate_repository(repo, rules=True).findings]
    if name == "meningar":  # read, and judged by the rules, in bounded work
        assert "MD-invecklad" not in {rule for rule, _ in found}
    else:
        assert ("MD-invecklad", 24) in found, found


def test_a_long_ordinary_report_is_read(repo: Path) -> None:
    """A report of nearly 2 MiB with links and pictures in ordinary measure is read."""
    paragraph = (
        "Eleverna i årskurs 3 läser mer i år än förra året, se [Skolverket]"
        "(https://www.skolverket.se) och avsnittet om *läsflyt*. `Läslyftet` fortsätter.\n\n"
    )
    body = paragraph * 60 + "Vanlig text utan tecken för länkar. " * (SIZE // 40)
    replace_in(repo, REPORT, "Skolan har 280 elever.", body)
    assert "MD-invecklad" not in {f.rule for f in findings(repo, REPORT)}


def test_an_adversarial_report_is_not_built(repo: Path, tmp_path: Path) -> None:
    replace_in(repo, REPORT, "Skolan har 280 elever.", _adversarial("bilder"))
    folder = tmp_path / "bygg"
    result = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS))
    assert [(f.path, f.rule) for f in result.findings] == [(REPORT, "BYGG-konvertering")]
    assert not (folder / PAGE).exists()


def test_html_comments_are_removed_in_one_pass() -> None:
    from ska.load.links import user_text

    assert user_text("a <!-- b\nc --> d <!-- e") == "a \n d <!-- e"
    opened = "<!--" * 500_000  # never closed: each start used to scan to the end
    assert user_text(opened) == opened


# -- Links and pictures, decided on pandoc's tree --------------------------------------

ATTACKS = (
    "![miljö][hemlig]\n\n[hemlig]: /proc/self/environ\n\n"
    "[klicka](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
    "<javascript:alert(2)> [kodad](jav&#x61;script:alert(3)) "
    "[radbruten](\njavascript:alert(4)\n) "
    '[titel](https://example.se "x\\" onmouseover=\\"alert(5)") '
    "![bild](data:image/svg+xml;base64,PHN2Zz4=) ![nät](//evil.example/x.png)\n\n"
    '<img src=x onerror="alert(6)"> <a href="javascript:alert(7)">a</a>\n\n'
    "[text]{onclick=alert(8)} ![](../../../../../etc/passwd)"
)


class _Dom(HTMLParser):
    """Every element and attribute of a page, as a browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(name, value or "") for name, value in attrs]


def _dom(path: Path) -> _Dom:
    dom = _Dom()
    dom.feed(path.read_text(encoding="utf-8"))
    return dom


def test_hostile_links_and_pictures_never_reach_the_page(repo: Path, tmp_path: Path) -> None:
    replace_in(repo, REPORT, "Skolan har 280 elever.", ATTACKS)
    rules = {f.rule for f in findings(repo, REPORT)}
    assert {"LÄNK-otillåten", "BILD-utanför", "BILD-extern"} <= rules
    folder = tmp_path / "bygg"
    build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS))
    dom = _dom(folder / PAGE)
    assert "script" not in dom.tags
    assert "img" not in dom.tags  # no picture here may be published
    for name, value in dom.attrs:
        assert not name.startswith("on"), (name, value)
        assert not value.strip().lower().startswith(("javascript:", "data:", "//")), value
    text = html_text(folder / PAGE)
    assert "PATH=" not in text
    assert "root:" not in text
    assert "klicka" in text  # the words stay, the links go
    assert "radbruten" in text


_PIECES = st.sampled_from(
    [
        "![",
        "[",
        "]",
        "(",
        ")",
        "](",
        "]: ",
        "<",
        ">",
        "`",
        '"',
        "'",
        "{",
        "}",
        "=",
        "#",
        "\n",
        "\n\n",
        "    ",
        "javascript:alert(1)",
        "JaVaScRiPt:",
        "data:text/html,x",
        "/proc/self/environ",
        "../../etc/passwd",
        "<script>",
        "onerror=alert(1)",
        "{=html}",
        "```",
        "&#x6a;",
        "https://example.se",
        "mailto:a@b.se",
        "ord",
        " ",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_generated_hostile_markdown_gives_a_safe_page(tmp_path: Path, text: str) -> None:
    """Whatever a person writes, the page pandoc writes from the filtered tree has no
    script, no event handler, no address that runs or embeds, and no picture but the
    document's own assets (there are none here)."""
    piece = UserMarkdown(text, "units/enheten/2025-26/kvalitetsrapport.md")
    rendered = Rendered("# Rapport\n\n[]{.ska-infoga nr=0}\n", (piece,))
    doc = assemble(Source(tmp_path, piece.path, rendered, {}))
    names = ("html/ska.html", "html/ska.css")
    templates = {name: (TEMPLATES / name).read_bytes() for name in names}
    templates["typst/ska.typst"] = b""
    templates["referens.docx"] = b""
    folder = tmp_path / "ut"
    convert.write_document(doc, folder, "sida", ("html",), {}, templates)
    page = folder / "sida.html"
    assert pagecheck.problems(page.read_text(encoding="utf-8")) == []
    dom = _dom(page)
    assert "img" not in dom.tags
    for name, value in dom.attrs:
        assert not name.startswith("on")
        if name in ("href", "src"):
            lowered = value.strip().lower()
            assert lowered.startswith(("https:", "http:", "mailto:", "#", "ska.css")), value


# -- Outputs after a killed build ------------------------------------------------------


def test_a_killed_build_leaves_no_half_written_output(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bygg"
    command = [sys.executable, "-m", "ska", "build", "--rot", str(repo), "--bygg", str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(folder.rglob("*.pdf")):
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for page in folder.rglob("*.html"):  # every output under its own name is whole
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    for pdf in folder.rglob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
    (folder / "2025-26").mkdir(parents=True, exist_ok=True)
    left = folder / "2025-26" / ".kvalitetsrapport.html.abcd1234"  # as a kill leaves one
    left.write_text("<html><body>hal", encoding="utf-8")
    result = build(repo, BuildOptions(folder=folder))
    assert result.ok
    assert not left.exists()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) >= set(result.built)
    assert result.built


def test_a_damaged_output_is_rebuilt(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bygg"
    options = BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS)
    assert build(repo, options).built
    page = folder / PAGE
    whole = page.read_bytes()
    page.write_bytes(whole[: len(whole) // 2])  # as a killed writer without rename would
    again = build(repo, options)
    assert "2025-26/testskolan/kvalitetsrapport" in again.built
    assert page.read_bytes() == whole


def test_a_folder_that_cannot_be_written_is_a_swedish_message(repo: Path, tmp_path: Path) -> None:
    blocker = write(tmp_path, "fil", "en fil, ingen mapp")
    with pytest.raises(UsageError, match="går inte att skriva i"):
        build(repo, BuildOptions(folder=blocker / "bygg"))
