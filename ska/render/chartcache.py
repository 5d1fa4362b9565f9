"""Charts drawn once: the same data gives the same chart, so it is kept by its data's key.

Drawing with matplotlib is the one slow step of preparing a document. The cache lives
in the build folder as JSON, read back by a strict codec; an entry that does not decode,
or names a file that is not a plain file name, is redrawn, never trusted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

from ska.cache.codec import TEXT, Codec, Json, Malformed, list_of, record
from ska.files import write_atomic
from ska.render.context import ChartFile
from ska.results.published import PublishedRow

_CODE = Path(__file__).with_name("charts.py")


def _file_name(value: Json) -> str:
    """A chart's file name: written into the build folder, so a bare name or none."""
    name = TEXT.decode(value)
    plain = name == PurePosixPath(name).name == PureWindowsPath(name).name
    if name and (not plain or name in {".", ".."} or "\0" in name):
        raise Malformed("file name expected")
    return name


def _png(value: Json) -> bytes:
    """A PNG picture, stored as base64; anything else is no picture."""
    try:
        data = base64.b64decode(TEXT.decode(value), validate=True)
    except binascii.Error:
        raise Malformed("base64 expected") from None
    if data and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise Malformed("PNG expected")
    return data


PNG: Codec[bytes] = Codec(lambda data: base64.b64encode(data).decode("ascii"), _png)
CHARTS = list_of(
    record(ChartFile, name=Codec(str, _file_name), svg=TEXT, title=TEXT, alt=TEXT, png=PNG)
)


def row_material(rows: Iterable[PublishedRow]) -> str:
    """A published row's every field and whether it is hidden, for a cache key: the same
    row can be hidden in one build and shown in another when other files change."""
    return repr(
        [
            (
                r.measure,
                r.subject,
                str(r.term),
                r.occasion,
                r.grade,
                r.group,
                r.gender.value,
                r.kind,
                r.count,
                r.total,
                r.value,
                p.reason,
            )
            for p in rows
            for r in (p.row,)
        ]
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
            found = CHARTS.loads(entry.read_bytes())
        except OSError:
            found = None
        if found is not None:
            return found
        charts = draw()
        write_atomic(entry, CHARTS.dumps(charts))
        return charts
