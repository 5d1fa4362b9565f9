"""Values remembered with the inputs they were computed from.

A computation notes what it reads as it runs (ska.load.reads): files, groups of files
(every file of a kind) and git. Its value is stored with that list and a digest of the
inputs' content at the time, and is reused while the same inputs have the same digest,
whatever else in the repository changed. So one edited report re-runs only what read it,
and the work of a run grows with what changed, not with the repository.

The key of an entry holds what is not a file: the läsår, the day, the options, which files
there are. A file added or removed is a new key for everything (the rules enumerate files).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from ska.cache.codec import TEXT, Codec, list_of, record
from ska.cache.store import Store

T = TypeVar("T")

# The version of an input: a content hash, or None when the input is not there.
Versions = Callable[[str], str | None]
# An input that has no version to compare, such as git's view of untracked files: what
# reads it is worked out again in every run, never stored.
UNSEEN = "<unseen>"


@dataclasses.dataclass(frozen=True)
class Entry(Generic[T]):
    """A value, the inputs it read and their digest when it was computed."""

    inputs: list[str]
    digest: str
    value: T


def entries(codec: Codec[T]) -> Codec[Entry[T]]:
    return record(Entry, inputs=list_of(TEXT), digest=TEXT, value=codec)


class Memo:
    """Entries in the store, checked against the inputs' versions in this run."""

    def __init__(self, store: Store, versions: Versions) -> None:
        self.store = store
        self._versions = versions
        self._known: dict[str, str] = {}  # input → its version, asked once per run
        self._later: dict[int, tuple[Codec[Any], dict[str, Any]]] = {}

    def _version(self, token: str) -> str:
        found = self._known.get(token)
        if found is None:
            found = self._known[token] = self._versions(token) or "-"
        return found

    def digest(self, inputs: Iterable[str]) -> str:
        digest = hashlib.sha256()
        for token in sorted(inputs):
            digest.update(f"{token}\0{self._version(token)}\n".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def valid(self, names: Iterable[str], codec: Codec[Entry[T]]) -> dict[str, Entry[T]]:
        """The entries stored under `names` whose inputs are unchanged."""
        found = self.store.get_many(names, codec)
        return {n: e for n, e in found.items() if self.digest(e.inputs) == e.digest}

    def keep(self, name: str, entry: Entry[T] | None, codec: Codec[Entry[T]]) -> None:
        """Store `entry` under `name` with the next `flush` (None: nothing to store)."""
        if entry is not None:
            self._later.setdefault(id(codec), (codec, {}))[1][name] = entry

    def flush(self) -> None:
        for codec, items in self._later.values():
            self.store.put_many(items, codec)
        self._later.clear()

    def entry(self, inputs: Iterable[str], value: T) -> Entry[T] | None:
        """A new entry for a value just computed from `inputs` (None: not to be kept)."""
        listed = sorted(set(inputs))
        if UNSEEN in listed:
            return None
        return Entry(listed, self.digest(listed), value)
