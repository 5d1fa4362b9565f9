"""The README's pictures of the example kommun, before and after a change: `make bilder`.

Builds the example (this repository's units/ and plans/) twice, with the code of an
earlier commit (`--fore`, the state the pictures call "före") and with the code of this
working tree, and writes PNG pictures of the same pages side by side in docs/bilder/:
a page of Åsenskolan's kvalitetsrapport, the completeness page of the huvudman's
report and the published start page (Chromium, headless). Needs git, pdftoppm
(poppler-utils) and chromium; says which is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
EXAMPLE = ("units", "plans", "källdata", "ska.yaml")
UNIT = "2025-26/åsenskolan/kvalitetsrapport.pdf"
ORGANISER = "2025-26/huvudman/grundskola/kvalitetsrapport.pdf"
# (picture, PDF, text where the part to show begins, text on the page to show: the first
# page from the beginning that has it)
PAGES = (
    ("enhetsrapport", UNIT, "Resultaten från screeningen i läsning", "Tänkta effekter"),
    ("huvudmannarapport", ORGANISER, "Hur komplett kvalitetsarbetet", "Varningar"),
)


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        sys.exit(f"{tool} saknas: installera det (apt-get install poppler-utils chromium).")
    return found


def _code_at(commit: str, target: Path) -> Path:
    """The ska package and templates of `commit`, as `import ska` finds them."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "ska", "templates"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    (target / "ska" / "templates").symlink_to(target / "templates")
    return target


def _build(code: Path | None, example: Path, out: Path) -> None:
    env = dict(os.environ)
    flags = []
    if code is not None:
        # Without site: the editable install of this tree would win over PYTHONPATH.
        flags = ["-S"]
        env["PYTHONPATH"] = os.pathsep.join([str(code), sysconfig.get_paths()["purelib"]])
    subprocess.run(
        [sys.executable, *flags, "-m", "ska", "build", "--rot", str(example), "--bygg", str(out)],
        env=env,
        cwd=out.parent,  # not this tree, which `-m` would put first on the path
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _page(pdf: Path, start: str, shown: str) -> int:
    """The first page after the table of contents, from the one where `start` is, that
    shows `shown`."""
    begun = False
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        text = " ".join(page.extract_text().split())
        begun = begun or (number > 2 and start in text)
        if begun and shown in text:
            return number
    return 3


def _pdf_picture(pdf: Path, number: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        [
            _need("pdftoppm"),
            "-r",
            "70",
            "-png",
            "-singlefile",
            "-f",
            str(number),
            "-l",
            str(number),
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def _screenshot(page: Path, target: Path, width: int, height: int) -> None:
    subprocess.run(
        [
            _need("chromium"),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={target}",
            f"--window-size={width},{height}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fore", default="0970571", help="commit för bilderna 'före'")
    args = parser.parse_args()
    _need("pdftoppm")
    _need("chromium")
    with tempfile.TemporaryDirectory(prefix="ska-bilder-") as folder:
        room = Path(folder)
        example = room / "exempel"
        example.mkdir()
        for name in EXAMPLE:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, example / name)
            elif source.is_file():
                shutil.copy2(source, example / name)
        builds = {
            "fore": (_code_at(args.fore, room / "kod-fore"), room / "bygg-fore"),
            "efter": (None, room / "bygg-efter"),
        }
        for when, (code, out) in builds.items():
            _build(code, example, out)
            for name, pdf, start, shown in PAGES:
                built = out / pdf
                _pdf_picture(built, _page(built, start, shown), HERE / f"{when}-{name}.png")
            _screenshot(out / "index.html", HERE / f"{when}-startsida.png", 1100, 2000)
        after = builds["efter"][1]
        _screenshot(after / "index.html", HERE / "efter-startsida-telefon.png", 390, 1300)
        for number in (3, 4):
            _pdf_picture(after / UNIT, number, HERE / f"kvalitetsrapport-sida-{number}.png")
    print(f"Bilderna finns i {HERE.relative_to(ROOT)}/.")


if __name__ == "__main__":
    main()
