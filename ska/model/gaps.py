"""Gaps in a document: a value that is not there, stated as not known, or unreadable.

A document that is partly wrong is still a document. Loading keeps every top-level value
that is valid and puts a `Gap` in place of the rest:

- `Reason.NOT_STATED`: the author wrote the marker `ej angivet`. The gap is judged by
  the rule that needs the value, with that rule's severity.
- `Reason.ABSENT`: a required key is not in the file. No schema error: the rule that
  needs the value judges the gap, with its own severity.
- `Reason.OUTSIDE`: the key belongs to a document the repository does not hold (the
  plan's parts of huvudman.yaml when it has no `plan:`): coverage, not judged.
- `Reason.BROKEN`: the value failed its schema check (the schema finding says why); a
  rule that needs it cannot be judged.

While the rules run (`rendering(False)`), touching a gap in any way (reading an
attribute, iterating, testing its truth, printing it) raises `GapReached`, which the rule
engine turns into a finding or into a "could not be judged" cell. Everywhere else
(rendering documents, the calendar, the status), a gap is harmless: it prints as a
visible marker, iterates as nothing, and every attribute of it is the gap itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Any, NoReturn

NOT_STATED_MARKERS = frozenset({"ej angivet", "ej angiven", "uppgift saknas", "okänt"})

# Harmless by default, as every command runs; the rule engine and the reference checks
# make gaps strict while they judge (rendering(False)) and turn GapReached into findings.
_lenient: ContextVar[bool] = ContextVar("ska_gaps_lenient", default=True)


class Reason(StrEnum):
    NOT_STATED = "ej angivet"
    ABSENT = "saknas"
    BROKEN = "kunde inte läsas"
    OUTSIDE = "finns inte i förrådet"


def is_marker(value: object) -> bool:
    """Whether a raw value is the explicit 'not stated' marker (e.g. `ej angivet`)."""
    return isinstance(value, str) and value.strip().casefold() in NOT_STATED_MARKERS


class GapReached(Exception):
    """A rule reached a value the document does not have."""

    def __init__(self, gap: Gap) -> None:
        super().__init__(gap.describe())
        self.gap = gap


class Gap:
    """The place of a missing value in a loaded document."""

    __slots__ = ("key", "path", "reason")

    def __init__(self, path: str, key: str, reason: Reason) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "reason", reason)

    path: str
    key: str
    reason: Reason

    def describe(self) -> str:
        if self.reason is Reason.NOT_STATED:
            return f"'{self.key}' är angivet som 'ej angivet' i {self.path}"
        if self.reason is Reason.ABSENT:
            return f"'{self.key}' finns inte i {self.path}"
        if self.reason is Reason.OUTSIDE:
            return (
                f"'{self.key}' hör till planen för kvalitetsarbetet, som inte finns i "
                f"förrådet ({self.path} saknar plan:)"
            )
        return f"'{self.key}' i {self.path} kunde inte läsas (se schemafelet)"

    @property
    def marker(self) -> str:
        """What a rendered document shows in the value's place."""
        if self.reason is Reason.NOT_STATED:
            return "[ej angivet]"
        if self.reason in (Reason.ABSENT, Reason.OUTSIDE):
            return f"[uppgift saknas: {self.key}]"
        return f"[uppgiften {self.key} kunde inte läsas]"

    def _reached(self) -> NoReturn:
        raise GapReached(self)

    # -- every way a rule could use the value ----------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if _lenient.get():
            return self
        self._reached()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a gap cannot be changed")

    def __bool__(self) -> bool:
        if _lenient.get():
            return True
        self._reached()

    def __iter__(self) -> Iterator[Any]:
        if _lenient.get():
            return iter(())
        self._reached()

    def __len__(self) -> int:
        if _lenient.get():
            return 0
        self._reached()

    def __contains__(self, item: object) -> bool:
        if _lenient.get():
            return False
        self._reached()

    def __getitem__(self, item: object) -> Any:
        if _lenient.get():
            return self
        self._reached()

    def __str__(self) -> str:
        if _lenient.get():
            return self.marker
        self._reached()

    def __format__(self, spec: str) -> str:
        return str(self)

    def __html__(self) -> str:
        return str(self)

    def __lt__(self, other: object) -> bool:
        if _lenient.get():
            return False
        self._reached()

    def __gt__(self, other: object) -> bool:
        if _lenient.get():
            return False
        self._reached()

    def __le__(self, other: object) -> bool:
        if _lenient.get():
            return False
        self._reached()

    def __ge__(self, other: object) -> bool:
        if _lenient.get():
            return False
        self._reached()

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Gap({self.path!r}, {self.key!r}, {self.reason.value!r})"

    def __copy__(self) -> Gap:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Gap:
        return self


def is_gap(value: object) -> bool:
    return isinstance(value, Gap)


def present(value: Any, default: Any) -> Any:
    """The value, or `default` when it is a gap (for names and titles in messages)."""
    return default if isinstance(value, Gap) else value


def gaps_of(model: object) -> list[Gap]:
    """The gaps a loaded model holds at its top level and as items of its top-level
    lists (a broken item of a list whose other items stand)."""
    found = []
    for value in getattr(model, "__dict__", {}).values():
        if isinstance(value, Gap):
            found.append(value)
        elif isinstance(value, list):
            found += [v for v in value if isinstance(v, Gap)]
    return found


@contextmanager
def rendering(lenient: bool = True) -> Iterator[None]:
    """Within: gaps print as markers (True) or raise when touched (False, the rules)."""
    token = _lenient.set(lenient)
    try:
        yield
    finally:
        _lenient.reset(token)
