"""Charts drawn once: the same data gives the same chart, so it is kept by its data's key.

Drawing with matplotlib is the one slow step of preparing a document. The cache lives
in the build folder; an unreadable entry is redrawn, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from ska.files import write_atomic
from ska.model.results import ResultRow
from ska.render.context import ChartFile

_CODE = Path(__file__).with_name("charts.py")


def row_material(rows: Iterable[ResultRow]) -> str:
    """A row's every field, for a cache key."""
    return repr(
        [(r.measure, str(r.term), r.group, r.gender.value, r.count, r.total, r.value) for r in rows]
    )


class ChartCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.code = _CODE.read_bytes() if _CODE.exists() else b""

    def remember(self, material: str, draw: Callable[[], list[ChartFile]]) -> list[ChartFile]:
        """The charts for `material` (everything they depend on), drawn only the first time."""
        digest = hashlib.sha256(self.code)
        digest.update(material.encode("utf-8"))
        entry = self.folder / f"{digest.hexdigest()[:32]}.json"
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            return [ChartFile(d["fil"], d["svg"], d["titel"], d["alt"]) for d in data]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        charts = draw()
        stored = [{"fil": c.name, "svg": c.svg, "titel": c.title, "alt": c.alt} for c in charts]
        write_atomic(entry, json.dumps(stored, ensure_ascii=False))
        return charts
