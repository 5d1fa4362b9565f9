"""Where a repository begins: the folder that holds the huvudman file
(`kinds.ORGANISER`, `plans/huvudman.yaml`).

Kept apart from the loaders: finding the root reads no file but the marker.
"""

from __future__ import annotations

from pathlib import Path

from ska.model import kinds as K

MARKER = Path(K.ORGANISER.pattern)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `plans/huvudman.yaml`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None
