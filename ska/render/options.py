"""What `ska build` is asked for and what it answers: the formats and document kinds, a
shard of a CI matrix, the build folder, and the result.

Only plain values live here, importing next to nothing, so that the command line can name
the formats and kinds, and a build with nothing to do (ska.render.build) loads no
rendering code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ska.errors import UsageError
from ska.findings import Finding

if TYPE_CHECKING:
    from ska.model.types import SchoolYear

FORMATS = ("pdf", "html", "docx")
KINDS = (
    "plan",
    "arshjul",
    "huvudmannarapport",
    "enhetsrapport",
    "utvecklingsplan",
    "malkort",
    "insatser",
)
MANIFEST = ".ska-bygg.json"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Shard:
    """Build slice `index` (1-based) of `count`, for a CI matrix."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise UsageError(f"'{text}' är ingen del. Skriv t.ex. --shard 1/4.") from None
        if not 1 <= index <= count:
            raise UsageError(f"Delen {index}/{count} finns inte: välj 1 till {count}.")
        return cls(index, count)


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where: by default every document, in every format, into the
    folder ska.yaml names (bygg/), judged as of today."""

    folder: Path | None = None
    years: list[SchoolYear] | None = None
    formats: tuple[str, ...] = FORMATS
    shard: Shard | None = None
    force: bool = False
    workers: int | None = None
    today: dt.date | None = None
    kinds: tuple[str, ...] = KINDS

    def key(self, today: dt.date) -> tuple[object, ...]:
        years = [str(y) for y in self.years] if self.years else None
        return (self.folder, years, self.formats, self.shard, self.kinds, today)


@dataclass
class BuildResult:
    folder: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    outputs: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings
