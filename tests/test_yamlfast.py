"""The fast YAML loader: same data as PyYAML, and a position for every key."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ska.load.yamlfast import parse_yaml

keys = st.text(alphabet="abcåäöxyz_", min_size=1, max_size=8)
scalars = st.one_of(
    st.integers(-1000, 1000),
    st.text(alphabet="abc åäö-", max_size=12),
    st.booleans(),
    st.dates(),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, min_size=1, max_size=4),
    ),
    max_leaves=20,
)


def _keys(data: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            out.append((*loc, key))
            out += _keys(value, (*loc, key))
        return out
    if isinstance(data, list):
        return [k for i, item in enumerate(data) for k in _keys(item, (*loc, i))]
    return []


@settings(max_examples=150)
@given(st.dictionaries(keys, documents, min_size=1, max_size=5))
def test_same_data_as_pyyaml_and_every_key_positioned(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    parsed, findings = parse_yaml(text, "x.yaml")
    assert findings == []
    assert parsed is not None
    assert parsed.data == yaml.safe_load(text)
    lines = text.split("\n")
    for loc in _keys(data):
        line, column = parsed.positions.keys[loc]
        assert lines[line - 1][column - 1 :].startswith(str(loc[-1]))


@given(st.lists(keys, min_size=2, max_size=6))
def test_every_duplicate_key_is_found(names: list[str]) -> None:
    text = "".join(f"{name}: 1\n" for name in names)
    _, findings = parse_yaml(text, "x.yaml")
    duplicates = len(names) - len(set(names))
    assert [f.rule for f in findings] == ["YAML-dubblett"] * duplicates


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    parsed, findings = parse_yaml("\n".join(lines) + "\n", "x.yaml")
    assert parsed is not None
    assert {f.rule for f in findings} == {"YAML-alias"}


def test_unknown_tag_is_a_finding() -> None:
    _, findings = parse_yaml("namn: !python/object x\n", "x.yaml")
    assert [(f.rule, f.line, f.column) for f in findings] == [("YAML-tagg", 1, 7)]


def test_line_offset_shifts_positions() -> None:
    parsed, _ = parse_yaml("a: 1\nb: 2\n", "x.md", line_offset=1)
    assert parsed is not None
    assert parsed.positions.keys[("b",)] == (3, 1)


def _careful(text: str) -> Any:
    """The data and findings of the careful path alone (the builder over composed nodes)."""
    from ska.load import yamlfast

    node = yaml.compose(text, Loader=yamlfast._Loader)
    assert node is not None
    builder = yamlfast._Builder("x.yaml", 0)
    return builder.build(node, ()), builder.findings, builder.positions


# Pieces of YAML, ordinary and not: the fast path must agree with the careful one on all.
pieces = st.sampled_from(
    [
        "a: 1\n",
        "b: [1, 2]\n",
        "c:\n  d: text\n",
        "a: 2\n",  # a duplicate when it follows a: 1
        "e: &x {f: 1}\ng: *x\n",
        "h: !!set {i, j}\n",
        "k: !okänd värde\n",
        "l: 2026-13-45\n",
        "<<: {m: 1}\n",
        "[n]: 1\n",
        "o: ja\n",
        "p: 2026-01-05\n",
        "'2025': text\n",
    ]
)


@settings(max_examples=200)
@given(st.lists(pieces, min_size=1, max_size=5))
def test_the_fast_path_agrees_with_the_careful_one(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        expected = _careful(text)
    except yaml.YAMLError:
        return  # not YAML at all: both paths report the same syntax finding (tested above)
    parsed, findings = parse_yaml(text, "x.yaml")
    assert findings == expected[1]
    assert parsed is not None
    assert parsed.data == expected[0]
    positions = expected[2]  # worked out lazily on the fast path, and the same
    assert (parsed.positions.values, parsed.positions.keys) == (positions.values, positions.keys)
