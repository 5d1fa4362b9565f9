"""Values in the cache as plain data: JSON, written and read by a typed codec per type.

The cache holds data, never code. A value is stored as the JSON its codec makes of it
and read back only by that codec, which checks the shape strictly: the exact number of
fields, the type of each, known enum values, real dates. Whatever does not decode to
what the codec describes (malformed JSON, text that is not UTF-8, a wrong type, a field
too many or too few) is absent, a cache miss, never an error.

Codecs are built from the small pieces here. A type that lives above the cache in the
layers (docs/arkitektur.md) has its codec next to the code that stores it, made with
`record`, which checks against the dataclass that every field is accounted for. This
module imports no models: a warm `ska validate` reads its answer without loading pydantic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

from ska.findings import Finding, Severity

T = TypeVar("T")
U = TypeVar("U")
E = TypeVar("E", bound=Enum)

# What json.loads gives back: None, bool, int, float, str, list or dict of these.
Json = Any


class Malformed(ValueError):
    """Stored data that does not have the shape its codec describes."""


@dataclasses.dataclass(frozen=True)
class Codec(Generic[T]):
    """How a value of one type becomes JSON data (`encode`) and is read back (`decode`,
    which raises Malformed, a ValueError, for anything but the shape it makes)."""

    encode: Callable[[T], Json]
    decode: Callable[[Json], T]

    def dumps(self, value: T) -> str:
        # ASCII: a file name that is no UTF-8 (lone surrogates) is stored as escapes.
        return json.dumps(self.encode(value), separators=(",", ":"))

    def loads(self, data: object) -> T | None:
        """The value stored as `data` (JSON text or its UTF-8 bytes), or None if it is
        not one. Top-level values are never None, so None always means absent."""
        try:
            if isinstance(data, bytes):
                data = data.decode("utf-8")
            if not isinstance(data, str):
                return None
            return self.decode(json.loads(data))
        except (ValueError, TypeError, RecursionError):  # Malformed is a ValueError
            return None


def _same(value: Any) -> Any:
    return value


def _exactly(kind: type[T]) -> Callable[[Json], T]:
    def decode(value: Json) -> T:
        if type(value) is not kind:  # not isinstance: True is no int here
            raise Malformed(f"{kind.__name__} expected")
        return value

    return decode


TEXT: Codec[str] = Codec(_same, _exactly(str))
INT: Codec[int] = Codec(_same, _exactly(int))
BOOL: Codec[bool] = Codec(_same, _exactly(bool))


def _number(value: Json) -> float:
    if type(value) not in (int, float):
        raise Malformed("number expected")
    return float(value)


NUMBER: Codec[float] = Codec(_same, _number)


def _date(value: Json) -> dt.date:
    text = TEXT.decode(value)
    found = dt.date.fromisoformat(text)
    if found.isoformat() != text:  # only the form encode writes: 2026-06-30
        raise Malformed("date expected")
    return found


DATE: Codec[dt.date] = Codec(dt.date.isoformat, _date)
PATH: Codec[Path] = Codec(str, lambda value: Path(TEXT.decode(value)))


def enum(kind: type[E]) -> Codec[E]:
    """A member of `kind`, stored as its value; an unknown value is malformed."""
    plain = _exactly(type(next(iter(kind)).value))
    return Codec(lambda member: member.value, lambda value: kind(plain(value)))


def optional(codec: Codec[T]) -> Codec[T | None]:
    def encode(value: T | None) -> Json:
        return None if value is None else codec.encode(value)

    def decode(value: Json) -> T | None:
        return None if value is None else codec.decode(value)

    return Codec(encode, decode)


def _array(value: Json, length: int | None = None) -> list[Json]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise Malformed("array expected" if length is None else f"{length} items expected")
    return value


def list_of(codec: Codec[T]) -> Codec[list[T]]:
    encode, decode = codec.encode, codec.decode
    return Codec(
        lambda items: [encode(item) for item in items],
        lambda value: [decode(item) for item in _array(value)],
    )


def tuple_of(codec: Codec[T]) -> Codec[tuple[T, ...]]:
    encode, decode = codec.encode, codec.decode
    return Codec(
        lambda items: [encode(item) for item in items],
        lambda value: tuple(decode(item) for item in _array(value)),
    )


def pair(first: Codec[T], second: Codec[U]) -> Codec[tuple[T, U]]:
    def decode(value: Json) -> tuple[T, U]:
        a, b = _array(value, 2)
        return first.decode(a), second.decode(b)

    return Codec(lambda item: [first.encode(item[0]), second.encode(item[1])], decode)


def dict_of(codec: Codec[T]) -> Codec[dict[str, T]]:
    """A dict with text keys (JSON's only kind of key)."""

    def decode(value: Json) -> dict[str, T]:
        if type(value) is not dict:
            raise Malformed("object expected")
        return {k: codec.decode(v) for k, v in value.items()}

    return Codec(lambda items: {k: codec.encode(v) for k, v in items.items()}, decode)


# For `record`: a field that is not stored and is left at its default when read back.
UNSTORED: Codec[Any] = Codec(_same, _same)


def record(cls: type[T], /, **fields: Codec[Any]) -> Codec[T]:
    """A dataclass as an array of its fields, in the order given. Every field must be
    named, a field added to the dataclass but not here fails when ska is imported, not in
    a user's run; one named UNSTORED must have a default."""
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = fields.keys() - known.keys()
    missing = known.keys() - fields.keys()
    no_default = {
        name
        for name, codec in fields.items()
        if codec is UNSTORED
        and name in known
        and known[name].default is dataclasses.MISSING
        and known[name].default_factory is dataclasses.MISSING
    }
    if unknown or missing or no_default:
        raise TypeError(
            f"{cls.__name__}: unknown {sorted(unknown)}, missing {sorted(missing)}, "
            f"UNSTORED without a default {sorted(no_default)}"
        )
    stored = [(name, codec) for name, codec in fields.items() if codec is not UNSTORED]
    names = tuple(name for name, _ in stored)
    codecs = tuple(codec for _, codec in stored)
    size = len(names)

    def encode(value: T) -> Json:
        return [c.encode(getattr(value, n)) for n, c in zip(names, codecs, strict=True)]

    def decode(value: Json) -> T:
        items = _array(value, size)
        return cls(**{n: c.decode(v) for n, c, v in zip(names, codecs, items, strict=True)})

    return Codec(encode, decode)


FINDING: Codec[Finding] = record(
    Finding,
    path=TEXT,
    line=optional(INT),
    column=optional(INT),
    rule=TEXT,
    severity=enum(Severity),
    message=TEXT,
    hint=TEXT,
)
FINDINGS = list_of(FINDING)
