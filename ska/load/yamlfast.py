"""Fast YAML reading with positions: libyaml composes, we construct.

PyYAML's C parser (`CSafeLoader`) builds the node tree an order of magnitude faster
than a round-trip loader; walking the nodes ourselves gives every key and value its
line and column, finds duplicate keys (which YAML would silently resolve by keeping the
last one, losing text) and refuses aliases and merge keys, so a small file cannot
expand into a huge one. ruamel.yaml stays for the commands that edit files.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ska.checks.reading import (
    FIL_TOM,
    YAML_ALIAS,
    YAML_DUBBLETT,
    YAML_NYCKEL,
    YAML_SYNTAX,
    YAML_TAGG,
    YAML_VARDE,
)
from ska.findings import Finding
from ska.model.year_wheel import MONTHS

Loc = tuple[str | int, ...]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_PLAIN = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

# libyaml's English problems, in Swedish.
_PROBLEMS = {
    "mapping values are not allowed here": "ett kolon står där det inte får stå",
    "mapping values are not allowed in this context": "ett kolon står där det inte får stå",
    "could not find expected ':'": "ett kolon saknas efter nyckeln",
    "did not find expected key": "indraget stämmer inte; en nyckel väntades",
    "did not find expected '-' indicator": (
        "indraget stämmer inte; en rad som börjar med '-' väntades"
    ),
    "found character that cannot start any token": "ett tecken som inte kan inleda ett värde",
    "found undefined alias": "ett alias (*namn) hänvisar till något som inte finns",
    "found unexpected end of stream": "filen tar slut mitt i ett värde",
    "found unknown escape character": "okänd teckenkombination efter \\ i en sträng",
    "expected a single document in the stream": "filen innehåller flera YAML-dokument (---)",
    "while scanning a quoted scalar": "ett citattecken är inte avslutat",
    "found unexpected ':'": "ett oväntat kolon",
    "while parsing a flow sequence": "en lista inom [ ] är inte avslutad",
    "while parsing a flow mapping": "en samling inom { } är inte avslutad",
}


class Positions:
    """1-based line and column of every value and every mapping key, by path.

    Most files are valid and no finding ever asks where a value stands, so the
    positions of a file read by the fast path are worked out on first use.
    """

    def __init__(
        self,
        values: dict[Loc, tuple[int, int]] | None = None,
        keys: dict[Loc, tuple[int, int]] | None = None,
        source: tuple[str, str, int] | None = None,  # (text, path, line offset), for later
    ) -> None:
        self._values = values if values is not None else {}
        self._keys = keys if keys is not None else {}
        self._source = source

    def _resolve(self) -> None:
        if self._source is not None:
            text, path, offset = self._source
            self._source = None
            node = yaml.compose(text, Loader=_Loader)  # parsed before, so it parses again
            builder = _Builder(path, offset)
            if node is not None:
                builder.build(node, ())
            self._values, self._keys = builder.positions._values, builder.positions._keys

    @property
    def values(self) -> dict[Loc, tuple[int, int]]:
        self._resolve()
        return self._values

    @property
    def keys(self) -> dict[Loc, tuple[int, int]]:
        self._resolve()
        return self._keys

    def at(self, loc: Loc, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `loc`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        for end in range(len(loc) - 1, -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return None, None


@dataclass
class Parsed:
    data: Any
    positions: Positions


class _Builder:
    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.positions = Positions()
        self.findings: list[Finding] = []
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()

    def mark(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def build(self, node: Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            line, column = self.mark(node)
            self.findings.append(
                YAML_ALIAS.error(
                    self.path,
                    "Ankare och alias (&namn, *namn) används inte i ska-filer.",
                    "Skriv ut innehållet där det behövs i stället för att hänvisa med *.",
                    line,
                    column,
                )
            )
            return None
        self.seen.add(id(node))
        self.positions.values[loc] = self.mark(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = self.mark(key_node)
            if key_node.tag == _MERGE_TAG:
                self.findings.append(
                    YAML_ALIAS.error(
                        self.path,
                        "Sammanslagning med << används inte i ska-filer.",
                        "Skriv ut nycklarna direkt i stället.",
                        line,
                        column,
                    )
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.findings.append(
                    YAML_NYCKEL.error(
                        self.path,
                        "En nyckel måste vara ett ord, inte en lista eller samling.",
                        "Skriv nyckeln som text följd av kolon, t.ex. namn: …",
                        line,
                        column,
                    )
                )
                continue
            key = str(key_node.value)
            if key in result:
                first = self.positions.keys[(*loc, key)][0]
                self.findings.append(
                    YAML_DUBBLETT.error(
                        self.path,
                        f"Nyckeln '{key}' finns redan på rad {first}; YAML skulle tyst "
                        "behålla bara det sista värdet.",
                        "Slå ihop innehållet under en nyckel, eller byt namn på den ena.",
                        line,
                        column,
                    )
                )
                continue
            self.positions.keys[(*loc, key)] = (line, column)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def scalar(self, node: Node) -> Any:
        construct = SafeConstructor.yaml_constructors.get(node.tag)
        if construct is None:
            line, column = self.mark(node)
            self.findings.append(
                YAML_TAGG.error(
                    self.path,
                    f"Taggen {node.tag} används inte i ska-filer.",
                    "Ta bort taggen (ordet som börjar med !) och skriv bara värdet.",
                    line,
                    column,
                )
            )
            return None
        try:
            return construct(self.constructor, node)
        except (ConstructorError, ValueError) as exc:
            line, column = self.mark(node)
            message, hint = _unreadable(str(node.value), exc)
            self.findings.append(YAML_VARDE.error(self.path, message, hint, line, column))
            return None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _unreadable(value: str, exc: Exception) -> tuple[str, str]:
    """A value YAML cannot construct, in Swedish; for a date that does not exist, the
    nearest one that does."""
    date = _ISO_DATE.match(value)
    if date is None:
        return (
            f"Värdet '{value}' går inte att läsa.",
            "Sätt värdet inom citattecken om det är text.",
        )
    year, month, day = (int(part) for part in date.groups())
    if not 1 <= month <= 12:
        return (
            f"Datumet {value} finns inte: månaden ska vara 01–12.",
            "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-06-30.",
        )
    last = calendar.monthrange(year, month)[1]
    name = MONTHS[month - 1]
    return (
        f"Datumet {value} finns inte: {name} {year} har {last} dagar.",
        f"Menade du {year:04d}-{month:02d}-{min(max(day, 1), last):02d}?",
    )


class _Unusual(Exception):
    """Something the fast path leaves to the careful one: it has a finding to give."""


class _FastLoader(_Loader):  # type: ignore[misc]
    """libyaml parses and constructs in one go, refusing what the builder would report."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # an alias to a node already built
            raise _Unusual
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in _PLAIN:
            raise _Unusual  # !!set, !!omap and the like: the builder reads them as plain
        return super().construct_object(node, deep)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, MappingNode):
            raise _Unusual
        seen: set[str] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG or not isinstance(key_node, ScalarNode):
                raise _Unusual
            if key_node.value in seen:
                raise _Unusual
            seen.add(key_node.value)
        return {str(k.value): self.construct_object(v, deep=deep) for k, v in node.value}


def _fast(text: str) -> Any:
    """The data of a plain YAML file, or _Unusual when the careful path must look."""
    loader = _FastLoader(text)
    try:
        data = loader.get_single_data()
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise _Unusual from exc
    finally:
        loader.dispose()
    if data is None:  # an empty file, or only null: the careful path says which
        raise _Unusual
    return data


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Parsed | None, list[Finding]]:
    """Parse one YAML document; on a syntax error return None and one finding.

    The fast path gives the same data as the builder for every file the builder has
    nothing to say about; anything else goes the careful way, which finds the problem.
    """
    try:
        data = _fast(text)
    except _Unusual:
        pass
    else:
        return Parsed(data, Positions(source=(text, path, line_offset))), []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_finding(exc, path, line_offset)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks every error it raises
        return None, [YAML_SYNTAX.error(path, f"Filen går inte att läsa som YAML: {exc}")]
    if node is None:
        return None, [
            FIL_TOM.error(path, "Filen innehåller inga värden.", "Fyll i innehållet.", 1, 1)
        ]
    builder = _Builder(path, line_offset)
    data = builder.build(node, ())
    return Parsed(data, builder.positions), builder.findings


def syntax_finding(exc: yaml.MarkedYAMLError, path: str, line_offset: int) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "").strip()
    context = (exc.context or "").strip()
    swedish = _PROBLEMS.get(problem) or _PROBLEMS.get(context)
    detail = swedish or problem
    line = mark.line + 1 + line_offset if mark else None
    column = mark.column + 1 if mark else None
    return YAML_SYNTAX.error(
        path,
        f"Filen går inte att läsa som YAML: {detail}.",
        "Kontrollera indrag, kolon och citattecken på raden och raden före. Text som "
        "innehåller kolon följt av mellanslag behöver citattecken.",
        line,
        column,
    )
