"""Reading prose the way the rules need: is it empty, how long, what does it mention."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ska.model.gaps import Gap, GapReached, is_marker

_COMMENT = re.compile(r"<!--(?:.*?-->|.*)", re.DOTALL)  # unclosed: one match, kept
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def plain(text: str | Gap) -> str:
    """The text without HTML comments (templates leave their instructions in them)."""
    if isinstance(text, Gap):  # a value the document does not have (see ska.model.gaps)
        raise GapReached(text)
    return _COMMENT.sub(lambda m: " " if len(m[0]) >= 7 and m[0].endswith("-->") else m[0], text)


def is_blank(text: str | None) -> bool:
    """Whether a text holds no words at all (only whitespace, comments or punctuation), or
    only says that it is not stated (`ej angivet`): the rule then judges the gap."""
    return text is None or is_marker(text) or _WORD.search(plain(text)) is None


def words(text: str) -> list[str]:
    return _WORD.findall(plain(text))


def numbers(text: str) -> list[str]:
    return _NUMBER.findall(plain(text))


def fold(text: str) -> str:
    return plain(text).casefold()


def mentions(text: str, phrases: Iterable[str]) -> bool:
    """Whether the text contains any of the phrases (case-insensitive, as substrings)."""
    folded = fold(text)
    return any(p.casefold() in folded for p in phrases)


def missing(text: str, phrases: dict[str, tuple[str, ...]]) -> list[str]:
    """The names of the phrase groups the text mentions none of."""
    folded = fold(text)
    return [name for name, group in phrases.items() if not any(p in folded for p in group)]
