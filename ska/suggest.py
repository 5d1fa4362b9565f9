""" "Menade du …?": the closest known word to a misspelt key, value or id."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "-": "_", " ": "_"})


def fold(word: str) -> str:
    """Lower case without å/ä/ö and with one kind of separator, for lenient comparison."""
    return word.casefold().translate(_FOLD)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate that `word` most likely misspells, or None."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    folded = fold(word)
    if folded in by_fold:
        return by_fold[folded]
    matches = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.7)
    return by_fold[matches[0]] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A Swedish hint naming the closest candidate, or the empty string."""
    match = closest(word, candidates)
    return f"Menade du '{match}'?" if match is not None and match != word else ""


def listing(candidates: Iterable[str], limit: int = 12) -> str:
    """A short Swedish list of allowed values."""
    items = sorted(set(candidates))
    shown = ", ".join(items[:limit])
    return shown + (f" (och {len(items) - limit} till)" if len(items) > limit else "")


def join_sv(items: Iterable[object]) -> str:
    """`a, b och c`."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]
