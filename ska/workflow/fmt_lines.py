"""The line work behind `ska fmt`: key order by moving lines, and ruamel's layout with
comments indented like what they belong to.

Positions come from PyYAML's C composer (0-based lines, columns in characters). Both
steps move or re-indent whole lines only, so every value keeps its text; fmt checks
the data and the comments afterwards all the same.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Sequence
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ska.model.tenure import Period

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GAP = re.compile(r"[ \t]*(#.*)?")  # a line with nothing but perhaps a comment
_DASHES = re.compile(r"(?: *- +)+")  # what may stand before the first key of a list item
_COMMENT = re.compile(r"#[^\n]*")


def comments(text: str) -> list[tuple[str, int]]:
    """Every comment's text and where it starts: what stands between YAML's tokens."""
    found: list[tuple[str, int]] = []
    start = 0
    for token in yaml.scan(text, Loader=Loader):
        here = token.start_mark.index
        gaps = [(text[start:here], start)]
        if getattr(token, "style", None) in ("|", ">"):  # `key: |  # comment`
            line_end = text.find("\n", here)
            gaps.append((text[here : line_end if line_end >= 0 else len(text)], here))
        for gap, base in gaps:
            found += [(m[0].rstrip(), base + m.start()) for m in _COMMENT.finditer(gap)]
        start = max(start, token.end_mark.index)
    return found


# ---- Layout: ruamel, then comment lines indented ----


def roundtrip(text: str) -> str:
    """ruamel.yaml's round trip: 2-space indentation, lists indented under their key."""
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 1_000_000_000
    rt.allow_unicode = True
    out = io.StringIO()
    rt.dump(rt.load(text), out)
    return out.getvalue()


def layout(text: str) -> str:
    """ruamel's layout, with each comment line indented like the line it goes with.

    ruamel keeps a comment's column while it re-indents the keys around it, which can
    put a comment inside a block scalar (`|`, `>`). So comment lines go to column 0 for
    ruamel and are indented afterwards: like the next key or list item, or, when deeper
    than that, like the nearest one above at their depth (a comment closing a list).
    """
    lines, notes, rows = text.split("\n"), _comment_rows(text), _elements(text)
    first = _first_element(rows)
    plan: list[int | None] = []  # per comment alone on its line: the element to indent like
    for _, row, alone in notes:
        after = _next_content(lines, row)
        column, limit = _indent(lines[row]), 0 if after is None else _indent(lines[after])
        anchor = _closing(lines, first, row, column, limit) if column > limit else None
        anchor = after if anchor is None else anchor
        plan.append(first.get(anchor) if alone and anchor is not None else None)
    bare = {row for _, row, alone in notes if alone}
    out = roundtrip("\n".join(line.lstrip() if n in bare else line for n, line in enumerate(lines)))
    out_lines, out_notes, out_rows = out.split("\n"), _comment_rows(out), _elements(out)
    if [n[0] for n in notes] != [n[0] for n in out_notes] or len(rows) != len(out_rows):
        return roundtrip(text)  # ruamel lost or moved a comment: keep the columns written
    out_first = _first_element(out_rows)
    for (_, row, alone), element in zip(out_notes, plan, strict=True):
        if alone:
            if element is None:  # nothing known to go with: the next key or item
                element = out_first.get(_next_content(out_lines, row) or -1)
            column = 0 if element is None else _indent(out_lines[out_rows[element]])
            out_lines[row] = " " * column + out_lines[row].lstrip()
    return "\n".join(out_lines)


def _closing(
    lines: list[str], first: dict[int, int], row: int, column: int, limit: int
) -> int | None:
    """The key or item above `row` at most as deep as `column`, deeper than `limit`."""
    for above in range(row - 1, -1, -1):
        if above in first and _indent(lines[above]) <= limit:
            return None
        if above in first and _indent(lines[above]) <= column:
            return above
    return None


def _elements(text: str) -> list[int]:
    """The line of every key and list item, in document order."""
    found: list[int] = []

    def walk(node: Node | None) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                found.append(key.start_mark.line)
                walk(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                found.append(item.start_mark.line)
                walk(item)

    walk(yaml.compose(text, Loader=Loader))
    return found


def _first_element(rows: list[int]) -> dict[int, int]:
    """For each line, the outermost element that starts on it."""
    return {row: n for n, row in reversed(list(enumerate(rows)))}


def _comment_rows(text: str) -> list[tuple[str, int, bool]]:
    """Every comment, its line, and whether it is alone on its line."""
    breaks = [match.start() for match in re.finditer("\n", text)]
    found = []
    for comment, index in comments(text):
        row = bisect.bisect_left(breaks, index)
        alone = not text[(breaks[row - 1] + 1 if row else 0) : index].strip()
        found.append((comment, row, alone))
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _next_content(lines: list[str], row: int) -> int | None:
    return next((r for r in range(row + 1, len(lines)) if not _GAP.fullmatch(lines[r])), None)


# ---- Key order, by moving lines ----


def arrange_keys(text: str, model: type[BaseModel] | None) -> str:
    """The text with the keys of each block mapping in the order of the model's fields.

    An entry is its key line, its value and the comments indented under it; it takes
    along the comment lines directly above it. Blank lines stay where they were. A
    mapping whose lines do not fall apart this cleanly keeps its order.
    """
    if model is None or any(c in text for c in "\x85\u2028\u2029"):
        return text  # no order to follow, or line breaks the line numbers would miss
    node = yaml.compose(text, Loader=Loader)
    lines = text.split("\n")
    return text if node is None else "\n".join(_arrange(node, model, lines, 0, len(lines)))


def _arrange(
    node: Node, shape: Any, lines: list[str], start: int, end: int, top: bool = True
) -> list[str]:
    """Lines `start` to `end`, which hold `node`, with its mappings in model order."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return lines[start:end]
    rows = [(i[0] if isinstance(i, tuple) else i).start_mark.line for i in node.value]
    if not rows or rows != sorted(set(rows)) or rows[0] < start or rows[-1] >= end:
        return lines[start:end]
    if isinstance(node, MappingNode):
        return _arrange_mapping(node, shape, lines, rows, start, end, top)
    out = lines[start : rows[0]]
    for item, row, stop in zip(node.value, rows, [*rows[1:], end], strict=True):
        out += _arrange(item, _item_shape(shape), lines, row, stop, False)
    return out


def _arrange_mapping(
    node: MappingNode,
    shape: Any,
    lines: list[str],
    rows: list[int],
    start: int,
    end: int,
    top: bool,
) -> list[str]:
    keys = [str(key.value) for key, _ in node.value]
    fields, default = _fields(shape, keys)
    column = node.value[0][0].start_mark.column
    stops, bodies, fits = [], [], True
    for i, (key, value) in enumerate(node.value):
        limit = rows[i + 1] if i + 1 < len(rows) else end
        stop = j = max(key.end_mark.line, _last_line(value, lines)) + 1
        while j < limit and _GAP.fullmatch(lines[j]):
            if _is_comment(lines[j]) and _indent(lines[j]) > column:
                stop = j + 1  # a comment indented under this entry belongs to it
            j += 1
        fits = fits and (j == limit or i + 1 == len(rows)) and stop <= limit
        stops.append(min(stop, limit))
        inner = rows[i] + 1 if value.start_mark.line > rows[i] else rows[i]
        child = _arrange(value, fields.get(keys[i], default), lines, inner, stops[i], False)
        bodies.append(lines[rows[i] : inner] + child)
    heads = [lines[start : rows[0]]] + [lines[stops[i - 1] : rows[i]] for i in range(1, len(rows))]
    rank = {name: n for n, name in enumerate(fields)}
    order = sorted(range(len(keys)), key=lambda i: rank.get(keys[i], len(rank)))
    prefix = lines[rows[0]][:column]
    if order == sorted(order) or not fits or (prefix.strip() and not _DASHES.fullmatch(prefix)):
        kept = [line for head, body in zip(heads, bodies, strict=True) for line in head + body]
        return kept + lines[stops[-1] : end]
    # Comments above the first key stay on top up to the last blank line (at the top of
    # the file: all of them when there is no blank line); those below it move with it.
    cut = max((n + 1 for n, line in enumerate(heads[0]) if not _is_comment(line)), default=0)
    cut = len(heads[0]) if top and cut == 0 else cut
    leads = [0] + [_first_comment(head) for head in heads[1:]]
    moving = [heads[0][cut:]] + [h[lead:] for h, lead in zip(heads[1:], leads[1:], strict=True)]
    # Moved comments are indented like the keys: deeper, one could join a block scalar.
    moving = [[_reindent(line, column) for line in group] for group in moving]
    if order[0] != 0:  # in a list item, the dash moves to the new first key
        bodies[0] = [" " * len(prefix) + bodies[0][0][column:], *bodies[0][1:]]
        new_first = bodies[order[0]]
        bodies[order[0]] = [prefix + new_first[0][column:], *new_first[1:]]
        dash = _indent(prefix)  # the comments of the new first key go above the dash
        moving[order[0]] = [_reindent(line, dash) for line in moving[order[0]]]
    out = heads[0][:cut]
    for slot, i in enumerate(order):
        out += heads[slot][: leads[slot]] + moving[i] + bodies[i]
    return out + lines[stops[-1] : end]


def _reindent(line: str, column: int) -> str:
    return " " * column + line.lstrip() if line.strip() else line


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _first_comment(head: list[str]) -> int:
    return next((n for n, line in enumerate(head) if _is_comment(line)), len(head))


def _last_line(node: Node, lines: list[str]) -> int:
    """The last line that holds part of `node` (not the comments after it)."""
    mark = node.end_mark
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False) or not node.value:
        block = isinstance(node, ScalarNode) and node.style in ("|", ">")
        return mark.line - 1 if block and not lines[mark.line][: mark.column].strip() else mark.line
    last = node.value[-1]
    return _last_line(last[1] if isinstance(last, tuple) else last, lines)


# ---- What the model says about a place ----


def _alternatives(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _alternatives(get_args(annotation)[0])
    if origin is Union or origin is UnionType:
        return [alt for arg in get_args(annotation) for alt in _alternatives(arg)]
    return [annotation]


@cache
def _model_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The model's keys in order. A dated model (a skolchef, the klagomålsrutin, a
    person's tenure) has its own keys in the order it declares them, and the period it
    shares with other dated things (från, till) after them: a skolchef's roll before the
    decision that appointed it, a person's namn before the period."""
    fields = list(model.model_fields.items())
    if issubclass(model, Period):
        own = list(model.__annotations__)
        fields.sort(key=lambda item: own.index(item[0]) if item[0] in own else len(own))
    return {info.alias or name: info.annotation for name, info in fields}


def _fields(shape: Any, keys: list[str]) -> tuple[dict[str, Any], Any]:
    """The model's keys in order with their annotations, and the annotation of others.

    Of several models (a union), the one that knows most of the keys.
    """
    alternatives = _alternatives(shape)
    models = [a for a in alternatives if isinstance(a, type) and issubclass(a, BaseModel)]
    if models:
        best = max(models, key=lambda m: len(_model_fields(m).keys() & set(keys)))
        return _model_fields(best), None
    for alt in alternatives:
        if get_origin(alt) is dict and len(get_args(alt)) == 2:
            return {}, get_args(alt)[1]
    return {}, None


def _item_shape(shape: Any) -> Any:
    for alt in _alternatives(shape):
        origin = get_origin(alt)
        if isinstance(origin, type) and issubclass(origin, Sequence | set | frozenset):
            return get_args(alt)[0] if get_args(alt) else None
    return None
