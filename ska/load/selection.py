"""The files a command was asked about: paths given on the command line, as
repository-relative prefixes, and whether a file falls under them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ska.errors import UsageError


def relative(root: Path, path: Path) -> str:
    """`path` relative to the root, NFC, forward slashes; '' for the root itself."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        rel = absolute.resolve().relative_to(root.resolve())
    except ValueError:
        raise UsageError(f"{path} ligger utanför repositoriet {root}.") from None
    text = unicodedata.normalize("NFC", rel.as_posix())
    return "" if text == "." else text


def selection(root: Path, paths: list[Path] | None) -> list[str] | None:
    """The paths as repository-relative prefixes; None (everything) without paths."""
    if not paths:
        return None
    chosen = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} finns inte.")
        chosen.append(relative(root, path))
    return chosen


def selected(rel: str, chosen: list[str] | None) -> bool:
    """Whether the repository file `rel` lies under one of the chosen paths."""
    if chosen is None:
        return True
    return any(s == "" or rel == s or rel.startswith(s.rstrip("/") + "/") for s in chosen)
