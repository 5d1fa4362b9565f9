"""What a computation read: the files, groups of files and git state it looked at, noted
as it runs, so that its result can be remembered and reused while none of them changes
(ska.cache.memo).

Every read of a document goes through `Repository.document`, which notes the path. A
value worked out once and shared by many computations (the units of a läsår, every
unit's result flags) is `derived`: what it read is noted again each time it is used, so
a computation that takes it from memory depends on the same inputs as the one that
worked it out. A derived value that reads every file of a kind notes the kind as a whole
(`group`): one input instead of a thousand, changed when any of them changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from ska.cache.memo import UNSEEN

__all__ = ["GIT_REFS", "LISTING", "UNSEEN", "Reads", "group", "group_kind"]

T = TypeVar("T")

# An input that is not a file: the commits of the branches (when documents reached the
# main branch).
GIT_REFS = "<git-refs>"
# Which files there are (their paths and kinds, not their content).
LISTING = "<listing>"
_GROUP = "*"


def group(kind_name: str) -> str:
    """The input "every file of this kind" (a kind's name, see ska.model.kinds)."""
    return _GROUP + kind_name


def group_kind(token: str) -> str | None:
    """The kind's name of a group input, or None for a file or git."""
    return token[1:] if token.startswith(_GROUP) else None


class Reads:
    """The inputs noted by the computations running now, innermost last."""

    def __init__(self, kind_of: Callable[[str], str | None]) -> None:
        self._kind_of = kind_of
        self._stack: list[set[str]] = []

    @property
    def active(self) -> bool:
        return bool(self._stack)

    def note(self, *inputs: str) -> None:
        if self._stack:
            self._stack[-1].update(inputs)

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """The inputs read inside the block; they count for any enclosing block too."""
        found: set[str] = set()
        self._stack.append(found)
        try:
            yield found
        finally:
            self._stack.pop()
            if self._stack:
                self._stack[-1] |= found

    def derived(
        self,
        store: dict[Hashable, tuple[Any, frozenset[str]]],
        name: Hashable,
        compute: Callable[[], T],
        groups: Iterable[str] = (),
    ) -> T:
        """`compute()`, worked out once per `store`; its inputs noted at every use. Files
        of the kinds in `groups` count as the whole group."""
        known = store.get(name)
        if known is None:
            with self.recording() as found:
                value = compute()
                wholesale = set(groups)
                inputs = {i for i in found if self._kind_of(i) not in wholesale}
                found.clear()  # what the block noted is replaced by `inputs`
                found.update(inputs | {group(k) for k in wholesale})
            known = store[name] = (value, frozenset(found))
            return value
        if self._stack:  # (not note(*inputs): a thousand inputs, asked for per file)
            self._stack[-1].update(known[1])
        result: T = known[0]
        return result
