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
