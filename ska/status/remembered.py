"""`ska validate` remembered: the findings of a run, found again by the content hashes of
everything the run read (see ska.cache). When nothing has changed since the last run,
no file is parsed and no rule runs; the answer comes from the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ska import markdown as md
from ska.cache.codec import (
    DATE,
    FINDING,
    FINDINGS,
    INT,
    TEXT,
    UNSTORED,
    list_of,
    optional,
    record,
)
from ska.cache.inputs import Cached, snapshot, unchanged
from ska.cache.store import Store, key
from ska.findings import Finding, passes
from ska.output import StoredAccepted, StoredWaiver

if TYPE_CHECKING:
    from ska.model.types import SchoolYear
    from ska.validate.run import ValidationResult


@dataclass(frozen=True)
class Remembered:
    """What the output of `ska validate` needs, as plain data."""

    findings: list[Finding]
    files: int
    accepted: list[StoredAccepted]
    status_markdown: str | None  # the status tables, when the rules ran
    years: list[str] = field(default_factory=list)  # the läsår judged
    from_cache: bool = False

    def passed(self, strict: bool = False) -> bool:
        return passes(self.findings, strict)


ACCEPTED = record(
    StoredAccepted,
    finding=FINDING,
    exception=record(StoredWaiver, reason=TEXT, until=DATE),
)
REMEMBERED = record(
    Remembered,
    findings=FINDINGS,
    files=INT,
    accepted=list_of(ACCEPTED),
    status_markdown=optional(TEXT),
    years=list_of(TEXT),
    from_cache=UNSTORED,  # set by the caller that reads it back
)


def remember(result: ValidationResult, rows: set[str] | None = None) -> Remembered:
    """A validation result as plain data; the status table limited to `rows` if given."""
    from ska.status.matrix import build_statuses
    from ska.status.render import to_markdown

    accepted = [
        StoredAccepted(a.finding, StoredWaiver(a.exception.reason, a.exception.until))
        for a in result.accepted
    ]
    status = (
        "\n".join(to_markdown(s, rows) for s in build_statuses(result))
        if result.rules is not None
        else None
    )
    return Remembered(
        result.findings, result.files, accepted, status, [str(y) for y in result.years]
    )


def _run(
    root: Path, paths: list[Path] | None, year: SchoolYear | None, today: dt.date, cache: Cached
) -> tuple[Remembered, str]:
    from ska.model.settings import Settings
    from ska.validate.run import validate_repository

    result = validate_repository(root, paths, year, today, cache=cache)
    build = result.rules.config.settings.build_folder if result.rules else Settings().build_folder
    return remember(result), build


def _build_folder(store: Store, root: Path) -> tuple[str, str]:
    """The build folder the last run found in ska.yaml (its PDFs are inputs), and its key."""
    name = key("validate-byggmapp", str(root))
    found = store.get(name, TEXT)
    if not found or not (root / found).resolve().is_relative_to(root.resolve()):
        return "bygg", name  # a folder outside the repository is never walked
    return found, name


@contextmanager
def cached(root: Path) -> Iterator[Cached]:
    """The cache and the content hashes of the repository's inputs, for one command."""
    store = Store(root)
    try:
        yield Cached(store, snapshot(root, store, (_build_folder(store, root)[0],)))
    finally:
        store.close()


def validate_remembered(
    root: Path, paths: list[Path] | None, year: SchoolYear | None, today: dt.date
) -> Remembered:
    """The findings of `ska validate`, from the cache when no input has changed."""
    store = Store(root)
    try:
        build, folders_key = _build_folder(store, root)
        before = snapshot(root, store, (build,))
        selection = sorted(str(p.resolve()) for p in paths or [])
        run_key = key("validate", str(root), selection, str(year), today, before.digest)
        found = store.get(run_key, REMEMBERED)
        if found is not None:
            return replace(found, from_cache=True)
        remembered, used_build = _run(root, paths, year, today, Cached(store, before))
        if used_build != build:  # ska.yaml names another build folder: watch it next time
            store.put(folders_key, used_build, TEXT)
        elif unchanged(root, before):  # nothing changed while it ran
            store.put(run_key, remembered, REMEMBERED)
        return remembered
    finally:
        store.close()


def judged_sentence(years: list[str], today: str) -> str:
    """Which läsår were judged, on which day: the first thing `status` says."""
    named = " och ".join(years)
    what = "läsåret" if len(years) == 1 else "läsåren"
    return f"Bedömer {what} {named} den {md.date(dt.date.fromisoformat(today))}."
