"""Images that content refers to: they must be files inside the repository.

A rektor may put a picture in a report (`![Elevrådet](bilder/elevrad.jpg)`). What a path
may point at is limited, so that building a document never reads anything else on the
machine: no absolute paths, no web addresses, no `..` out of the repository, and no
symbolic link that leads outside it. Each refused path is a finding with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ska.checks.base import Check
from ska.checks.structure import BILD_EXTERN, BILD_SAKNAS, BILD_UTANFOR
from ska.findings import Finding

# ![alt](target "title"){attributes} – the target is the first word inside the brackets.
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class ImageRef:
    target: str
    alt: str
    line: int  # 1-based, in the whole file
    column: int
    start: int  # offset of the whole image in the text
    end: int


def images(text: str, first_line: int = 1) -> list[ImageRef]:
    """Every inline Markdown image outside fenced code, with its line and column."""
    found = []
    offset = 0
    fence: str | None = None
    for index, line in enumerate(text.split("\n")):
        marker = _FENCE.match(line)
        if marker:
            fence = None if fence == marker[1] else (fence or marker[1])
        elif fence is None:
            for match in _IMAGE.finditer(line):
                found.append(
                    ImageRef(
                        match["target"],
                        match["alt"],
                        first_line + index,
                        match.start() + 1,
                        offset + match.start(),
                        offset + match.end(),
                    )
                )
        offset += len(line) + 1
    return found


def resolve_image(root: Path, document: str, ref: ImageRef) -> tuple[Path | None, Finding | None]:
    """The image file, if it may be used; else None and a finding saying why."""

    def refuse(check: Check, message: str, hint: str) -> tuple[None, Finding]:
        return None, check.error(document, message, hint, ref.line, ref.column)

    target = ref.target
    inside_hint = "Lägg bilden i repositoriet, t.ex. bredvid rapporten, och hänvisa relativt."
    if _SCHEME.match(target) or target.startswith("//"):
        return refuse(BILD_EXTERN, f"Bilden '{target}' ligger på webben.", inside_hint)
    if target.startswith(("/", "\\")) or PurePosixPath(target).is_absolute():
        return refuse(BILD_UTANFOR, f"Bilden '{target}' har en absolut sökväg.", inside_hint)
    base = (root / document).parent
    try:
        resolved = (base / target).resolve()
        top = root.resolve()
    except (OSError, RuntimeError):
        return refuse(BILD_UTANFOR, f"Bilden '{target}' går inte att följa.", inside_hint)
    if not resolved.is_relative_to(top):
        what = "en länk som pekar" if (base / target).is_symlink() else "en sökväg som går"
        return refuse(
            BILD_UTANFOR, f"Bilden '{target}' är {what} utanför repositoriet.", inside_hint
        )
    if not resolved.is_file():
        return refuse(
            BILD_SAKNAS,
            f"Bilden '{target}' finns inte.",
            "Kontrollera filnamnet; sökvägen räknas från mappen där dokumentet ligger.",
        )
    return resolved, None
