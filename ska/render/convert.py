"""Pandoc and Typst: Markdown to Typst, HTML and Word, and Typst to PDF/UA-1.

Content is data: the Markdown reader has raw HTML, raw TeX and raw blocks for other
formats switched off, so nothing a rektor writes reaches Typst or HTML as code. Typst
compiles in a temporary folder holding only the document and its own charts, which is
its root, so a document cannot read anything else on the machine.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

import pypandoc
import typst

from ska.errors import SkaError
from ska.files import write_atomic

READER = "markdown-raw_html-raw_tex-raw_attribute"
FORMATS = ("pdf", "html", "docx")


class ConversionError(SkaError):
    """Pandoc or Typst refused a document."""


@cache
def versions() -> str:
    """The tools' versions, part of every document's build key."""
    return f"pandoc {pypandoc.get_pandoc_version()}; typst {metadata.version('typst')}"


def _pandoc(source: Path, to: str, target: Path, args: list[str]) -> None:
    try:
        pypandoc.convert_file(
            str(source),
            to,
            format=READER,
            outputfile=str(target),
            extra_args=["--standalone", f"--resource-path={source.parent}", *args],
        )
    except (RuntimeError, OSError) as exc:
        raise ConversionError(f"Pandoc kunde inte skapa {target.name}: {exc}") from None


def to_typst(source: Path, target: Path, template: Path, lua_filter: Path) -> None:
    _pandoc(source, "typst", target, [f"--template={template}", f"--lua-filter={lua_filter}"])


def to_html(source: Path, target: Path, css: Path) -> None:
    _pandoc(
        source, "html5", target, [f"--css={css}", "--embed-resources", "--toc", "--toc-depth=2"]
    )


def to_docx(source: Path, target: Path, reference: Path) -> None:
    # Word shows SVG charts; without a PNG converter pandoc warns, which is expected here.
    _pandoc(source, "docx", target, [f"--reference-doc={reference}", "--toc", "--quiet"])


def to_pdf(typ: Path, assets: list[Path], target: Path) -> None:
    """Compile a Typst file to PDF/UA-1 with only the file and its assets in reach."""
    with tempfile.TemporaryDirectory(prefix="ska-typst-") as folder:
        jail = Path(folder)
        shutil.copyfile(typ, jail / typ.name)
        for asset in assets:
            shutil.copyfile(asset, jail / asset.name)
        try:
            pdf = typst.compile(str(jail / typ.name), root=str(jail), pdf_standards=["ua-1"])
        except RuntimeError as exc:
            raise ConversionError(f"Typst kunde inte skapa {target.name}: {exc}") from None
        assert isinstance(pdf, bytes)
        write_atomic(target, pdf)
