"""The repository: every discovered file, loaded lazily and at most once.

Ids that other files refer to come cheaply: an insats's id is its file name and an
enhet's id its folder name, so resolving references reads only the few register files
(huvudman, mål, fokusområden) besides the files being validated.
"""

from __future__ import annotations

import gc
import hashlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from ska.cache.codec import Codec
from ska.cache.inputs import Cached, Snapshot
from ska.cache.memo import Entry, Memo, Versions
from ska.cache.store import key
from ska.files import folders_remembered
from ska.load.discovery import Layout, Located, discover
from ska.load.documents import Document, load_document
from ska.load.reads import GIT_REFS, LISTING, Reads, group_kind
from ska.load.root import MARKER, find_root
from ska.model import kinds as K
from ska.model.config import Config
from ska.model.gaps import present
from ska.model.headings import DEFAULT, Headings, headings
from ska.model.organiser import BoardGoals, FocusAreas, Organiser
from ska.model.types import SchoolYear
from ska.model.unit import Unit

T = TypeVar("T")
__all__ = ["MARKER", "Repository", "bulk", "find_root"]


@contextmanager
def bulk() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole repository is read.

    Loading builds hundreds of thousands of small, acyclic objects that all stay alive;
    the collector would scan them again and again (a third of the loading time at 1,000
    units) and find nothing to free. Reference counting still frees everything else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with folders_remembered():
            yield
    finally:
        if was_enabled:
            gc.enable()


class Repository:
    def __init__(self, root: Path, layout: Layout | None = None) -> None:
        self.root = root
        self.layout = layout or discover(root)
        self._documents: dict[str, Document] = {}
        self.reads = Reads(self._kind_name)
        self._memo: Memo | None = None
        self.cached: Cached | None = None  # the cache of this run, for `facts`
        self.derived: dict[Hashable, tuple[Any, frozenset[str]]] = {}  # see Reads.derived
        self.initiative_files: dict[str, list[str]] = defaultdict(list)
        for located in self.layout.files.values():
            if located.kind in (K.INITIATIVE, K.UNIT_INITIATIVE):
                self.initiative_files[located.stem].append(located.path)

    @property
    def files(self) -> dict[str, Located]:
        """Every file found, by path. Asking which files there are is an input too."""
        self.reads.note(LISTING)
        return self.layout.files

    def _kind_name(self, path: str) -> str | None:
        located = self.layout.files.get(path)
        return located.kind.name if located is not None else None

    @cached_property
    def listing(self) -> str:
        """A digest of which files there are and of what kind (not their content)."""
        digest = hashlib.sha256()
        for path, located in sorted(self.layout.files.items()):
            digest.update(
                f"{path}\0{located.kind.name}\0{located.disk_path}\n".encode(
                    "utf-8", "surrogateescape"
                )
            )
        return digest.hexdigest()

    def memo(self, cached: Cached) -> Memo:
        """Computations remembered with what they read, checked against this run's
        content hashes (see ska.cache.memo and ska.load.reads)."""
        if self._memo is None or self._memo.store is not cached.store:
            self._memo = Memo(cached.store, self._versions(cached.snapshot))
        return self._memo

    def facts(
        self,
        names: dict[str, str],
        codec: Codec[Entry[T]],
        compute: Callable[[str], T],
    ) -> dict[str, T]:
        """For each of `names` (what → the name of its fact), a value worked out from a
        few files (one document, usually) by `compute(what)`, kept in the cache with what
        it read: a rule over every unit reads its facts, not the documents, and a changed
        document costs only its own. What each read is noted as read here."""
        if self.cached is None:
            return {what: compute(what) for what in names}
        memo = self.memo(self.cached)
        keys = {what: key("fakta", name) for what, name in names.items()}
        stored = memo.valid(keys.values(), codec)
        found: dict[str, T] = {}
        for what, name in keys.items():
            entry = stored.get(name)
            if entry is not None:
                self.reads.note(*entry.inputs)
                found[what] = entry.value
                continue
            with self.reads.recording() as inputs:
                found[what] = compute(what)
            memo.keep(name, memo.entry(inputs, found[what]), codec)
        return found

    def _versions(self, snapshot: Snapshot) -> Versions:
        def version(token: str) -> str | None:
            if token == GIT_REFS:
                return snapshot.refs or None
            if token == LISTING:
                return self.listing
            kind = group_kind(token)
            if kind is not None:  # every file of the kind: their paths and contents
                digest = hashlib.sha256()
                for path, located in sorted(self.layout.files.items()):
                    if located.kind.name == kind:
                        sha = snapshot.files.get(located.disk_path)
                        digest.update(f"{path}\0{sha}\n".encode("utf-8", "surrogateescape"))
                return digest.hexdigest()
            found = self.layout.files.get(token)
            return snapshot.files.get(found.disk_path if found is not None else token)

        return version

    def document(self, path: str) -> Document:
        self.reads.note(path)
        if path not in self._documents:
            located = self.layout.files[path]
            wanted = self.headings if located.kind.format is K.FileFormat.MARKDOWN else None
            self._documents[path] = load_document(self.root, located, wanted)
        return self._documents[path]

    @cached_property
    def headings(self) -> Headings:
        """Which report headings feed which part: ska's, the presets' and ska.yaml's."""
        if K.CONFIG.pattern not in self.files:
            return DEFAULT
        config = self.model(K.CONFIG.pattern, Config)
        if config is None:
            return DEFAULT
        presets = present(config.presets, [])
        own = present(config.headings, {})
        return headings(presets, own)

    def model(self, path: str, cls: type[T]) -> T | None:
        """The model of the file at `path` if it exists and is valid."""
        if path not in self.layout.files:
            return None
        model: Any = self.document(path).model
        return model if isinstance(model, cls) else None

    @property
    def organiser(self) -> Organiser | None:
        return self.model(K.ORGANISER.pattern, Organiser)

    @property
    def board_goals(self) -> BoardGoals | None:
        return self.model(K.BOARD_GOALS.pattern, BoardGoals)

    @property
    def focus_areas(self) -> FocusAreas | None:
        return self.model(K.FOCUS_AREAS.pattern, FocusAreas)

    def organiser_reports(self, year: SchoolYear) -> list[str]:
        """The huvudman's reports that count for a läsår, in a stable order: the läsår's
        own (kvalitetsrapport.md first, then kvalitetsrapport-<namn>.md), then those of
        the calendar year the läsår ends in."""
        found = [
            (located.kind in K.CALENDAR_REPORTS, bool(located.stem), path)
            for path, located in self.files.items()
            if located.kind in K.ORGANISER_REPORTS and located.school_year == year
        ]
        return [path for *_, path in sorted(found)]

    @cached_property
    def by_calendar_year(self) -> bool:
        """Whether the huvudman writes its reports per calendar year: it has one, and no
        report per läsår."""
        kinds = {f.kind for f in self.files.values()}
        return bool(kinds & set(K.CALENDAR_REPORTS)) and not kinds & {
            K.ORGANISER_REPORT,
            K.ORGANISER_REPORT_PART,
        }

    def expected_organiser_report(self, year: SchoolYear) -> str:
        """Where the huvudman's report for a läsår is written when it is missing: per
        calendar year (the year the läsår ends) if that is the huvudman's way."""
        if self.by_calendar_year:
            return K.CALENDAR_REPORT.path(calendar_year=year.start + 1)
        return K.ORGANISER_REPORT.path(year=year)

    @cached_property
    def unit_ids(self) -> list[str]:
        return [u for u in self.layout.unit_folders if K.UNIT.path(unit=u) in self.files]

    def unit(self, unit_id: str) -> Unit | None:
        return self.model(K.UNIT.path(unit=unit_id), Unit)
