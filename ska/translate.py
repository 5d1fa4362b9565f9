"""Swedish for the English messages of the libraries ska stands on: pydantic's validation
messages and the command-line library's usage errors. One table of patterns; a message
no pattern knows is left as it is."""

from __future__ import annotations

import re
from collections.abc import Callable

Replace = str | Callable[[re.Match[str]], str]

_PATH_KINDS = {"File": "Filen", "Directory": "Mappen", "Path": "Sökvägen"}


# Values: what pydantic and the parameter types say about one value.
_VALUE: list[tuple[re.Pattern[str], Replace]] = [
    (re.compile(r"^Value error, (.*)$", re.S), lambda m: value(m[1])),
    (
        re.compile(r"^Input should be a valid integer(?:, .*)?$"),
        "ska vara ett heltal",
    ),
    (re.compile(r"^Input should be a valid number(?:, .*)?$"), "ska vara ett tal"),
    (re.compile(r"^Input should be a valid boolean(?:, .*)?$"), "ska vara true eller false"),
    (re.compile(r"^Input should be a valid date(?:, .*)?$"), "ska vara ett datum, ÅÅÅÅ-MM-DD"),
    (re.compile(r"^Input should be a valid string$"), "ska vara text"),
    (re.compile(r"^Input should be a valid list$"), "ska vara en lista"),
    (re.compile(r"^Input should be greater than or equal to (.+)$"), r"ska vara minst \1"),
    (re.compile(r"^Input should be greater than (.+)$"), r"ska vara större än \1"),
    (re.compile(r"^Input should be less than or equal to (.+)$"), r"ska vara högst \1"),
    (re.compile(r"^Input should be less than (.+)$"), r"ska vara mindre än \1"),
    (re.compile(r"^Input should be (.+)$"), r"ska vara \1"),
    (
        re.compile(r"^List should have at most (\d+) items?.*$"),
        r"listan får ha högst \1 delar",
    ),
    (
        re.compile(r"^List should have at least (\d+) items?.*$"),
        r"listan ska ha minst \1 delar",
    ),
    (
        re.compile(r"^String should have at most (\d+) characters?$"),
        r"texten får vara högst \1 tecken",
    ),
    (
        re.compile(r"^String should have at least (\d+) characters?$"),
        r"texten ska vara minst \1 tecken",
    ),
    (re.compile(r"^Field required$"), "saknas"),
    (re.compile(r"^Extra inputs are not permitted$"), "är inte tillåten här"),
    (
        re.compile(r"^(.+) is not one of (.+?)\.?$"),
        lambda m: f"{m[1]} är inte ett av {m[2]}.",
    ),
    (
        re.compile(r"^(File|Directory|Path) (.+) does not exist\.$"),
        lambda m: f"{_PATH_KINDS[m[1]]} {m[2]} finns inte.",
    ),
    (
        re.compile(r"^(File|Directory|Path) (.+) is a file\.$"),
        lambda m: f"{_PATH_KINDS[m[1]]} {m[2]} är en fil, inte en mapp.",
    ),
    (
        re.compile(r"^(File|Directory|Path) (.+) is a directory\.$"),
        lambda m: f"{_PATH_KINDS[m[1]]} {m[2]} är en mapp, inte en fil.",
    ),
    (
        re.compile(r"^(File|Directory|Path) (.+) is not readable\.$"),
        lambda m: f"{_PATH_KINDS[m[1]]} {m[2]} går inte att läsa.",
    ),
    (re.compile(r"^Value must be an iterable\.$"), "Värdet ska vara en lista."),
]

# Usage: what the command-line library says about how a command was typed.
_USAGE: list[tuple[re.Pattern[str], Replace]] = [
    (
        re.compile(r"^No such command '(.+?)'\.(?: Did you mean (.+)\?)?$", re.S),
        lambda m: (
            f"Kommandot '{m[1]}' finns inte."
            + (f" Menade du {m[2].replace(', ', ' eller ')}?" if m[2] else "")
        ),
    ),
    (re.compile(r"^Missing command\.$"), "Ange ett kommando."),
    (
        re.compile(r"^Missing argument (.+?)\.(.*)$", re.S),
        lambda m: f"Argumentet {m[1]} saknas.{m[2]}",
    ),
    (
        re.compile(r"^Missing option (.+?)\.(.*)$", re.S),
        lambda m: f"Flaggan {m[1].replace(' / ', ' eller ')} saknas.{m[2]}",
    ),
    (
        re.compile(
            r"^No such option: (\S+?)(?: Did you mean (\S+?)\?)?(?: \(Possible options: (.+)\))?$",
            re.S,
        ),
        lambda m: (
            f"Flaggan {m[1]} finns inte."
            + (f" Menade du {m[2]}?" if m[2] else "")
            + (f" Möjliga flaggor: {m[3]}." if m[3] else "")
        ),
    ),
    (
        re.compile(r"^Invalid value for (.+?): (.*)$", re.S),
        lambda m: f"Ogiltigt värde för {m[1].replace(' / ', ' eller ')}: {_sentence(value(m[2]))}",
    ),
    (
        re.compile(r"^Invalid value: (.*)$", re.S),
        lambda m: f"Ogiltigt värde: {_sentence(value(m[1]))}",
    ),
    (
        re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S),
        r"Oväntat argument: \1. Sätt text med mellanslag inom citattecken.",
    ),
    (
        re.compile(r"^Option '(.+)' requires an argument\.$"),
        r"Flaggan '\1' behöver ett värde.",
    ),
    (
        re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"),
        r"Flaggan '\1' behöver \2 värden.",
    ),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), r"Flaggan '\1' tar inget värde."),
]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _apply(text: str, table: list[tuple[re.Pattern[str], Replace]]) -> str | None:
    for pattern, replacement in table:
        match = pattern.match(text)
        if match is None:
            continue
        if callable(replacement):
            return replacement(match)
        return match.expand(replacement)
    return None


def value(text: str) -> str:
    """A message about one value (pydantic, the parameter types), in Swedish."""
    return _apply(text.strip(), _VALUE) or text


def usage(text: str) -> str:
    """A usage error of the command-line library, in Swedish."""
    return _apply(text.strip(), _USAGE) or value(text)
