"""The kommun's logotype on the cover of every document: read through the one file
opener, checked like every published picture, and shown in the PDF and the web page."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from ska.render.build import BuildOptions, build
from tests.conftest import append, write

SETTING = "  logotyp: {}\n"


def _png() -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 0.6))
    figure.text(0.1, 0.3, "Testkommun")
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _plan(repo: Path, folder: Path, formats: tuple[str, ...]) -> list[str]:
    result = build(repo, BuildOptions(folder=folder, formats=formats, kinds=("plan",)))
    return [f.rule for f in result.findings]


def _images(pdf: Path) -> int:
    """The pictures drawn on the PDF's first page (the cover)."""
    resources = PdfReader(pdf).pages[0].get("/Resources") or {}
    objects = resources.get("/XObject") or {}
    return sum(1 for o in objects.values() if o.get_object().get("/Subtype") == "/Image")


def test_a_logo_is_on_the_cover_of_the_pdf_and_the_web_page(repo: Path, tmp_path: Path) -> None:
    write(repo, "plans/logotyp.png", _png())
    append(repo, "ska.yaml", SETTING.format("plans/logotyp.png"))
    folder = tmp_path / "bygg"
    assert _plan(repo, folder, ("pdf", "html")) == []
    assert _images(folder / "plan/plan.pdf") == 1
    page = (folder / "plan/plan.html").read_text(encoding="utf-8")
    assert '<img class="logotyp" src="logotyp.png" alt="Huvudmannens logotyp">' in page
    assert (folder / "plan/logotyp.png").read_bytes() == (repo / "plans/logotyp.png").read_bytes()
    # A new logotype rebuilds the documents; without one the cover has no picture.
    write(repo, "plans/logotyp.png", _png() + b"\0")
    assert build(repo, BuildOptions(folder=folder, formats=("html",), kinds=("plan",))).built
    replace = (repo / "ska.yaml").read_text(encoding="utf-8").replace("  logotyp:", "  # logotyp:")
    write(repo, "ska.yaml", replace)
    assert _plan(repo, tmp_path / "utan", ("pdf",)) == []
    assert _images(tmp_path / "utan/plan/plan.pdf") == 0


def test_a_logo_that_cannot_be_used_is_a_warning_and_never_published(
    repo: Path, tmp_path: Path
) -> None:
    hostile = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    cases = {
        "plans/saknas.png": None,
        "../utanför.png": _png(),  # outside the repository
        "plans/logotyp.png": b"Inte en bild, bara text.\n",
        "plans/farlig.svg": hostile.encode(),
    }
    for path, content in cases.items():
        if content is not None:
            target = repo / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        write(repo, "ska.yaml", "inställningar:\n" + SETTING.format(path))
        folder = tmp_path / path.replace("/", "_")
        assert _plan(repo, folder, ("html",)) == ["BYGG-logotyp"], path
        assert not list(folder.rglob("logotyp.*")), path
        assert "logotyp" not in (folder / "plan/plan.html").read_text(encoding="utf-8")
