"""Characters that Word, Excel and web pages put into text and that YAML does not read as
they look: no-break spaces, zero-width characters, soft hyphens and typographic quotes.

`findings` names each one and its line; `repair` is what `ska fmt` does with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ska.checks.reading import YAML_TECKEN
from ska.findings import Finding

# Spaces that look like a space but are not one to YAML.
SPACES = {
    "\u00a0": "ett hårt mellanslag (U+00A0)",
    "\u202f": "ett smalt hårt mellanslag (U+202F)",
    "\u2007": "ett siffermellanslag (U+2007)",
    "\u2009": "ett smalt mellanslag (U+2009)",
    "\u3000": "ett brett mellanslag (U+3000)",
}
# Characters that are not seen at all.
INVISIBLE = {
    "\u200b": "ett osynligt mellanslag med noll bredd (U+200B)",
    "\u200c": "ett osynligt tecken med noll bredd (U+200C)",
    "\u200d": "ett osynligt tecken med noll bredd (U+200D)",
    "\u2060": "ett osynligt ordbindningstecken (U+2060)",
    "\ufeff": "ett osynligt BOM-tecken (U+FEFF) mitt i texten",
    "\u00ad": "ett mjukt bindestreck (U+00AD)",
}
QUOTES = {
    "”": "U+201D",
    "“": "U+201C",
    "„": "U+201E",
    "»": "U+00BB",
    "«": "U+00AB",
    "’": "U+2019",
    "‘": "U+2018",
    "‚": "U+201A",
}
_ANY_SPACE = "".join(SPACES)
# Any odd character at all: most texts have none, and one search in C says so.
_ANY_ODD = re.compile("[" + re.escape("".join([*SPACES, *INVISIBLE, *QUOTES])) + "]")
# A line's structure: indentation, list dashes, a key and its colon, then the value.
_LINE = re.compile(
    rf"^(?P<lead>[ {_ANY_SPACE}]*(?:-[ {_ANY_SPACE}]+)*)"
    rf"(?:(?P<key>[^:#\"'{{}}\[\],]+?):(?P<gap>[ {_ANY_SPACE}]+|$))?"
    r"(?P<value>.*)$"
)


@dataclass(frozen=True)
class Odd:
    """One odd character: what it is, where, and what `ska fmt` puts there."""

    line: int
    column: int
    name: str
    replacement: str
    breaks: bool  # whether YAML cannot be read as it looks (structure), not just the text


def _is_comment(line: str) -> bool:
    return line.lstrip(" " + _ANY_SPACE).startswith("#")


def scan(text: str, first_line: int = 1) -> list[Odd]:
    """Every odd character of a YAML text, line by line; comments are left alone."""
    found: list[Odd] = []
    if text.isascii() or _ANY_ODD.search(text) is None:
        return found
    for number, line in enumerate(text.split("\n"), start=first_line):
        if _is_comment(line) or line.isascii():
            continue
        for index, char in enumerate(line):
            if char in INVISIBLE:
                found.append(Odd(number, index + 1, INVISIBLE[char], "", False))
        match = _LINE.match(line)
        if match is None:  # pragma: no cover - the pattern matches every line
            continue
        structure = [(match.start("lead"), match["lead"])]
        if match["key"] is not None:
            structure += [(match.start("key"), match["key"]), (match.start("gap"), match["gap"])]
        for start, part in structure:
            for offset, char in enumerate(part or ""):
                if char in SPACES:
                    found.append(Odd(number, start + offset + 1, SPACES[char], " ", True))
        value = match["value"].rstrip()
        if value and value[0] in QUOTES and value[-1] in QUOTES and len(value) > 1:
            column = match.start("value") + 1
            name = f"ett typografiskt citattecken {value[0]} ({QUOTES[value[0]]})"
            found.append(Odd(number, column, name, '"', False))
    return found


def findings(text: str, path: str, first_line: int = 1) -> list[Finding]:
    """An error for each odd character, named, with its line and column."""
    return findings_of(scan(text, first_line), path)


def findings_of(odds: list[Odd], path: str) -> list[Finding]:
    """The findings of `scan`'s odd characters."""
    result = []
    for odd in odds:
        if odd.replacement == '"':
            message = (
                f"Värdet börjar med {odd.name}, som YAML inte läser som ett citattecken: "
                "det blir en del av texten."
            )
            hint = 'Skriv raka citattecken "…" runt värdet, eller inga alls. ska fmt byter ut dem.'
        elif odd.breaks:
            message = f"Raden har {odd.name} där YAML kräver ett vanligt mellanslag."
            hint = "Byt det mot ett vanligt mellanslag; ska fmt gör det."
        else:
            message = f"Raden har {odd.name}, som inte syns men är en del av texten."
            hint = "Ta bort tecknet; ska fmt gör det."
        result.append(YAML_TECKEN.error(path, message, hint, odd.line, odd.column))
    return result


def breaks_structure(text: str) -> bool:
    """Whether an odd space stands where YAML needs a real one (the file cannot be read as
    it looks, so a syntax error would point elsewhere)."""
    return any(odd.breaks for odd in scan(text))


def breaks(odds: list[Odd]) -> bool:
    """`breaks_structure` of `scan`'s odd characters."""
    return any(odd.breaks for odd in odds)


def repair(text: str) -> str:
    """The text with odd spaces in the structure made spaces, invisible characters removed
    and typographic quotes around a value made straight."""
    if text.isascii():
        return text
    lines = text.split("\n")
    by_line: dict[int, list[Odd]] = {}
    for odd in scan(text):
        by_line.setdefault(odd.line, []).append(odd)
    for number, odds in by_line.items():
        line = lines[number - 1]
        quoted = next((o for o in odds if o.replacement == '"'), None)
        chars = list(line)
        for odd in odds:
            if odd.replacement != '"':
                chars[odd.column - 1] = odd.replacement
        line = "".join(chars)
        if quoted is not None:
            start = (
                quoted.column
                - 1
                - sum(1 for o in odds if not o.replacement and o.column <= quoted.column)
            )
            value = line[start:].rstrip()
            inner = value[1:-1]
            if '"' in inner or "\\" in inner:
                straight = "'" + inner.replace("'", "''") + "'"
            else:
                straight = '"' + inner + '"'
            line = line[:start] + straight
        lines[number - 1] = line
    return "\n".join(lines)
