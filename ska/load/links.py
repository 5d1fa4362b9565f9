"""Links and pictures in what people wrote: which may be published, decided on pandoc's
reading of the text (see ska.pandoc), never by patterns over it.

A link survives when it goes to the web (`http:`, `https:`), to an e-mail address
(`mailto:`), to a place in the same document (`#rubrik`) or to another document that ska
publishes (a kvalitetsrapport in the repository). A picture survives when it is a file
inside the repository whose content is a picture (PNG, JPEG, GIF, WebP or SVG, which is
made a PNG before it is published); the build copies it, and only it, next to the
document. Everything else is a finding with file and line, and never reaches the output.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ska import pandoc
from ska.checks.base import Check
from ska.checks.reading import MD_INVECKLAD
from ska.checks.structure import BILD_EXTERN, BILD_FORMAT, BILD_SAKNAS, BILD_UTANFOR, LANK_OTILLATEN
from ska.files import Refused, read_inside
from ska.findings import Finding
from ska.model import kinds as K

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SIMPLER = (
    "Ta bort långa rader av tecknen [ ] < > ! & ` (t.ex. inklistrad kod eller data), "
    "eller lägg dem i en bilaga utanför rapporten."
)
WEB = ("http", "https")
MAIL = ("mailto",)
PUBLISHED_DOCUMENTS = (K.UNIT_REPORT, *K.ORGANISER_REPORTS)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)


def user_text(text: str) -> str:
    """What a person wrote, as it is read for publishing: HTML comments (where templates
    leave their instructions) are not part of it; lines keep their numbers. An unclosed
    comment is text. One pass over the text."""
    parts: list[str] = []
    done = 0
    while (start := text.find("<!--", done)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts += [text[done:start], "\n" * text.count("\n", start, end)]
        done = end + 3
    return "".join(parts) + text[done:] if parts else text


def may_refer(text: str) -> bool:
    """Whether pandoc could find a link or picture in the text at all: every link and
    picture needs a `[` (inline, reference, footnote) or a `<` (an autolink)."""
    return "[" in text or "<" in text


def references(texts: Sequence[str]) -> list[list[pandoc.Ref]]:
    """Every link and picture in each text, as pandoc reads it."""
    wanted = [i for i, t in enumerate(texts) if may_refer(t)]
    found = pandoc.references([texts[i] for i in wanted]) if wanted else []
    out: list[list[pandoc.Ref]] = [[] for _ in texts]
    for index, refs in zip(wanted, found, strict=True):
        out[index] = refs
    return out


@dataclass(frozen=True, slots=True)
class Refusal:
    check: Check
    message: str
    hint: str


def judge_link(root: Path, document: str, target: str) -> Refusal | None:
    """None when the link may be published, else why not."""
    scheme = _SCHEME.match(target)
    if scheme:
        if scheme[1].casefold() in WEB + MAIL:
            return None
        return Refusal(
            LANK_OTILLATEN,
            f"Länken '{_shown(target)}' publiceras inte: bara länkar till webben (https:) "
            "och e-postadresser (mailto:) är tillåtna.",
            "Skriv en vanlig webbadress, t.ex. https://www.kommunen.se/skola.",
        )
    if target.startswith("#"):
        return None
    if document_target(root, document, target) is not None:
        return None
    return Refusal(
        LANK_OTILLATEN,
        f"Länken '{_shown(target)}' publiceras inte: den pekar på en fil som ska inte publicerar.",
        "Länka till webbsidan där filen finns (https://…), eller till en annan "
        "kvalitetsrapport i repositoriet.",
    )


def document_target(root: Path, document: str, target: str) -> str | None:
    """The repository path of the published document a relative link points at."""
    path = target.split("#", 1)[0]
    if not path or path.startswith(("/", "\\")) or "\\" in path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(document), path))
    if joined.startswith("../") or joined == "..":
        return None
    if not any(k.names(posixpath.basename(joined)) for k in PUBLISHED_DOCUMENTS):
        return None
    return joined if (root / joined).is_file() else None


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture that may be published: its bytes and the suffix its content shows."""

    data: bytes
    suffix: str  # .png, .jpg, .gif, .webp or .svg


def judge_image(root: Path, document: str, target: str) -> Picture | Refusal:
    """The picture a target names, if it may be published; else why not."""
    inside_hint = "Lägg bilden i repositoriet, t.ex. bredvid rapporten, och hänvisa relativt."
    shown = _shown(target)
    if _SCHEME.match(target) or target.startswith("//"):
        return Refusal(BILD_EXTERN, f"Bilden '{shown}' ligger på webben.", inside_hint)
    if target.startswith(("/", "\\")) or Path(target).is_absolute():
        return Refusal(BILD_UTANFOR, f"Bilden '{shown}' har en absolut sökväg.", inside_hint)
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(document), target))
    if rel.startswith("../") or rel == "..":
        return Refusal(
            BILD_UTANFOR,
            f"Bilden '{shown}' är en sökväg som går utanför repositoriet.",
            inside_hint,
        )
    try:
        data = read_inside(root, rel)
    except Refused as exc:
        if exc.too_large:
            return Refusal(BILD_FORMAT, f"Bilden '{shown}' {exc.reason}.", "Gör bilden mindre.")
        if "länk" in exc.reason or "utanför" in exc.reason:
            return Refusal(
                BILD_UTANFOR,
                f"Bilden '{shown}' är en länk som pekar utanför repositoriet.",
                inside_hint,
            )
        return Refusal(BILD_SAKNAS, f"Bilden '{shown}' {exc.reason}.", "Hänvisa till en bildfil.")
    except OSError:
        return Refusal(
            BILD_SAKNAS,
            f"Bilden '{shown}' finns inte.",
            "Kontrollera filnamnet; sökvägen räknas från mappen där dokumentet ligger.",
        )
    suffix = picture_kind(data)
    if suffix is None:
        return Refusal(
            BILD_FORMAT,
            f"Filen '{shown}' är ingen bild som kan publiceras.",
            "Spara bilden som PNG, JPEG, GIF, WebP eller SVG.",
        )
    return Picture(data, suffix)


def picture_kind(data: bytes) -> str | None:
    """The suffix that fits the picture's content, or None when it is not a picture."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        return ".svg"
    return None


def _shown(target: str) -> str:
    """A target as a message shows it: one line, not too long."""
    flat = " ".join(target.split())
    return flat if len(flat) <= 200 else flat[:197] + "…"


def locate(text: str, target: str, first_line: int, start: int = 0) -> tuple[int, int]:
    """The line and offset where `target` is written in `text` (from `start`), for a
    finding; the line at `start` when pandoc's form of it is not written there."""
    offset = text.find(target, start)
    if offset < 0:
        return first_line + text.count("\n", 0, start), start
    return first_line + text.count("\n", 0, offset), offset + len(target)


def findings(root: Path, document: str, body: str, first_line: int) -> list[Finding]:
    """A finding for every link and picture in a document's body that may not be
    published, pointing at the line where it is written."""
    text = user_text(body)
    too_much = pandoc.intricate(text)  # what the build would refuse to give pandoc
    if too_much is not None:
        line = first_line + text.count("\n", 0, too_much)
        return [MD_INVECKLAD.error(document, str(pandoc.TooIntricate(too_much)), _SIMPLER, line)]
    if not may_refer(text):
        return []
    found: list[Finding] = []
    cursor = 0
    try:
        refs = references([text])[0]
    except pandoc.PandocError as exc:  # a slow case the bound does not know: a finding
        return [MD_INVECKLAD.error(document, str(exc), _SIMPLER, first_line)]
    for kind, target, _ in refs:
        line, cursor = locate(text, target, first_line, cursor)
        verdict = (
            judge_image(root, document, target)
            if kind == "bild"
            else judge_link(root, document, target)
        )
        if isinstance(verdict, Refusal):
            found.append(verdict.check.error(document, verdict.message, verdict.hint, line))
    return found
