"""A document's tree to files: Markdown, PDF/UA-1 (through Typst), HTML and Word.

Pandoc writes in a jail: a temporary folder holding only the document's own assets (its
charts and pictures), the style sheet and the Word reference document, so nothing else
on the machine can end up in the output. Typst compiles there too, with that folder as
its root. Every output is written to a temporary file beside its target and renamed
into place, so a reader, or a build that was killed, never sees half a file.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import typst

from ska import pandoc
from ska.errors import SkaError
from ska.files import publish, temporary_beside, write_atomic
from ska.render.document import Node, for_typst, map_nodes

# What a published page may do: show its own pictures and its style sheet, nothing else.
CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
CSS_NAME = "ska.css"
LOGO = "logotyp"  # the stem of the kommun's logotype beside each document
# The Markdown kept beside each document, for people to read: tables as pipe tables.
MARKDOWN = "markdown-simple_tables-multiline_tables-grid_tables-smart"


class ConversionError(SkaError):
    """Pandoc or Typst refused a document."""


@cache
def versions() -> str:
    """The tools' versions, part of every document's build key."""
    return f"pandoc {pandoc.version()}; typst {metadata.version('typst')}"


@contextmanager
def jail(assets: Mapping[str, str | bytes]) -> Iterator[Path]:
    """A temporary folder holding only the given files."""
    with tempfile.TemporaryDirectory(prefix="ska-jail-") as folder:
        path = Path(folder)
        for name, content in assets.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (path / name).write_bytes(data)
        yield path


def _write(doc: Node, to: str, target: Path, workdir: Path, **options: Any) -> None:
    """Pandoc writes `target` through a temporary file beside it."""
    template = options.pop("template", None)
    temporary = temporary_beside(target)
    try:
        pandoc.write(doc, to, temporary, workdir, template=template, options=options)
        publish(temporary, target)
    except pandoc.PandocError as exc:
        raise ConversionError(f"Pandoc kunde inte skapa {target.name}: {exc}") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_document(
    doc: Node,
    folder: Path,
    stem: str,
    formats: tuple[str, ...],
    assets: Mapping[str, str | bytes],
    templates: Mapping[str, bytes],
) -> list[Path]:
    """Write the document's formats (and its Markdown and assets) into `folder`.

    `templates` holds the conversion templates by name: `typst/ska.typst`,
    `html/ska.html`, `html/ska.css` and `referens.docx`."""
    folder.mkdir(parents=True, exist_ok=True)
    # The logotype's name is ska's own (see render/logo.py), never a text from the repository.
    logo = next((name for name in assets if name.startswith(f"{LOGO}.")), None)
    variables = {"logotyp": logo} if logo else {}
    written = []
    for name, content in assets.items():
        write_atomic(folder / name, content)
        written.append(folder / name)
    files = dict(assets)
    files[CSS_NAME] = templates["html/ska.css"]
    files["referens.docx"] = templates["referens.docx"]
    with jail(files) as room:
        _write(doc, MARKDOWN, folder / f"{stem}.md", room, template=True, wrap_text="none")
        if "pdf" in formats:
            typ = folder / f"{stem}.typ"
            _write(
                for_typst(doc),
                "typst",
                typ,
                room,
                template=templates["typst/ska.typst"].decode("utf-8"),
                variables=variables,
            )
            to_pdf(typ, [folder / name for name in assets], folder / f"{stem}.pdf")
        if "html" in formats:
            _write(
                doc,
                "html5",
                folder / f"{stem}.html",
                room,
                template=templates["html/ska.html"].decode("utf-8"),
                table_of_contents=True,
                toc_depth=2,
                variables={"csp": CSP, **variables},
            )
            write_atomic(folder / CSS_NAME, templates["html/ska.css"])
        if "docx" in formats:
            _write(
                for_word(doc, room),
                "docx",
                folder / f"{stem}.docx",
                room,
                reference_doc=str(room / "referens.docx"),
                table_of_contents=True,
                toc_depth=2,
            )
    return written


TOC_TITLE = "Innehåll"


def for_word(doc: Node, room: Path) -> Node:
    """The tree as Word gets it: a Swedish heading over the table of contents, and every
    SVG picture as PNG – the chart's own PNG beside it in `room` when there is one, else
    drawn from the SVG (older Word shows no SVG)."""
    doc = copy.deepcopy(doc)
    meta = doc.setdefault("meta", {})
    meta["toc-title"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": TOC_TITLE}]}

    def change(node: dict[str, Any]) -> list[Node] | None:
        if node["t"] != "Image":
            return None
        attr, caption, (target, title) = node["c"]
        if not target.endswith(".svg"):
            return None
        png = target.removesuffix(".svg") + ".png"
        if not (room / png).is_file():
            try:
                (room / png).write_bytes(rasterise_svg((room / target).read_bytes()))
            except (OSError, ConversionError):
                return None
        return [{"t": "Image", "c": [attr, caption, [png, title]]}]

    doc["blocks"] = map_nodes(doc["blocks"], change)
    return doc


def markdown_text(doc: Node) -> str:
    """The document's tree as pandoc writes it in Markdown."""
    with tempfile.TemporaryDirectory(prefix="ska-md-") as folder:
        target = Path(folder) / "dokument.md"
        _write(doc, MARKDOWN, target, Path(folder), template=True, wrap_text="none")
        return target.read_text(encoding="utf-8")


def to_pdf(typ: Path, assets: list[Path], target: Path) -> None:
    """Compile a Typst file to PDF/UA-1 with only the file and its assets in reach."""
    with tempfile.TemporaryDirectory(prefix="ska-typst-") as folder:
        room = Path(folder)
        shutil.copyfile(typ, room / typ.name)
        for asset in assets:
            shutil.copyfile(asset, room / asset.name)
        try:
            pdf = typst.compile(
                str(room / typ.name),
                root=str(room),
                pdf_standards=["ua-1"],
                package_path=str(room),
                package_cache_path=str(room),
            )
        except RuntimeError as exc:
            raise ConversionError(f"Typst kunde inte skapa {target.name}: {exc}") from None
        assert isinstance(pdf, bytes)
        write_atomic(target, pdf)


def rasterise_svg(data: bytes) -> bytes:
    """A picture in SVG as PNG, drawn by Typst (which runs no script and fetches
    nothing), so no code in the SVG can reach a reader."""
    with tempfile.TemporaryDirectory(prefix="ska-svg-") as folder:
        room = Path(folder)
        (room / "bild.svg").write_bytes(data)
        (room / "bild.typ").write_text(
            '#set page(width: auto, height: auto, margin: 0pt)\n#image("bild.svg")\n',
            encoding="utf-8",
        )
        try:
            png = typst.compile(
                str(room / "bild.typ"),
                root=str(room),
                format="png",
                ppi=144,
                package_path=str(room),
                package_cache_path=str(room),
            )
        except RuntimeError as exc:
            raise ConversionError(f"SVG-bilden går inte att läsa: {exc}") from None
    assert isinstance(png, bytes)
    return png
