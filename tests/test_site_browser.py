"""The published start page in a real browser: headless Chromium loads it at a desktop
and a phone width, takes screenshots and hands back the DOM it built.

Skipped, with the reason, where no Chromium is installed (.ci/run installs Debian's
`chromium`)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ska.render.build import BuildOptions, build

BROWSER = next(
    (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="ingen Chromium installerad (apt-get install chromium)"
)
WIDTHS = {"dator": 1280, "telefon": 390}
TODAY = dt.date(2026, 3, 2)  # in läsåret 2025/26 of the example kommun


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    return subprocess.run(
        [BROWSER, *flags, *args], capture_output=True, text=True, timeout=120, check=True
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class _Outline(HTMLParser):
    """The landmarks, headings, links, pictures and tables of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.scripts = 0
        self._heading: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = tag, []
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "img":
            self.images.append(dict(attrs))
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example kommun's site as web pages, in the middle of läsåret 2025/26."""
    from tests.conftest import PROJECT

    folder = tmp_path_factory.mktemp("webb") / "bygg"
    result = build(PROJECT, BuildOptions(folder=folder, formats=("html",), today=TODAY))
    assert result.ok, result.findings
    return folder


def test_the_start_page_shows_the_state_of_things(site: Path) -> None:
    dom = _chromium("--dump-dom", (site / "index.html").as_uri()).stdout
    page = _Outline()
    page.feed(dom)
    for landmark in ("header", "main"):
        assert landmark in page.tags
    levels = [int(tag[1]) for tag, _ in page.headings]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    titles = [text for _, text in page.headings]
    assert "Läsåret 2025/26 (pågår)" in titles
    assert titles.index("Läsåret 2025/26 (pågår)") < titles.index("Planer")
    for heading in (
        "Försenat",
        "De närmaste sex veckorna",
        "Nämndens mål",
        "Fullständighet",
        "Dokument",
    ):
        assert heading in titles
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"index.html"}
    assert built
    assert built <= set(page.links)
    assert any(link.startswith("plan/") for link in page.links)
    wheels = [i for i in page.images if (i.get("src") or "").endswith("arshjul-hjul.svg")]
    assert wheels
    assert all(i.get("alt") for i in wheels)
    assert page.scripts == 0
    assert '<th scope="col">Uppföljning</th>' in dom


@pytest.mark.parametrize("name", sorted(WIDTHS))
def test_the_start_page_at_desktop_and_phone_width(site: Path, name: str) -> None:
    shot = site.parent / f"startsida-{name}.png"
    width = WIDTHS[name]
    _chromium(f"--screenshot={shot}", f"--window-size={width},1400", (site / "index.html").as_uri())
    assert _png_size(shot) == (width, 1400)
    assert shot.stat().st_size > 10_000  # a page was drawn, not an empty window
