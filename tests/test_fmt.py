"""`ska fmt`: one layout for every YAML file, comments kept where they were."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ska.model.config import Config
from ska.model.initiative import Initiative
from ska.workflow.fmt import FormatError, format_repository, format_text
from tests.conftest import PROJECT, write

INSATS = "plans/insatser/läslyftet.yaml"


def fmt(text: str) -> str:
    return format_text(text, Initiative)


_QUOTED = re.compile(r"'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"")


def comments(text: str) -> Counter[str]:
    """Comment lines and end-of-line comments (outside one-line quoted strings)."""
    found: Counter[str] = Counter()
    for line in text.split("\n"):
        match = re.search(r"(?:^|(?<=\s))#.*", _QUOTED.sub("''", line))
        found[match[0].rstrip() if match else ""] += bool(match)
    return +found


# ---- Comments in every position ----


def test_comments_in_every_position_survive_unchanged() -> None:
    text = (
        "# Läslyftet: top of the file.\n"
        "# Second line of the top.\n"
        "\n"
        "# Above titel.\n"
        "titel: Läslyftet  # end of line\n"
        "mål:\n"
        "  - Stärka läsningen  # after an item\n"
        "  # Between items.\n"
        "  - Fler böcker\n"
        "  # After the list.\n"
        "period:\n"
        "  # Above start, nested.\n"
        "  start: 2026-01  # nested end of line\n"
        "  slut: 2026-12\n"
        "# At the end.\n"
    )
    assert fmt(text) == text


def test_a_comment_above_a_key_moves_with_the_key() -> None:
    text = "syfte: Varför\n# Om titeln.\ntitel: Läslyftet  # kort\n"
    assert fmt(text) == "# Om titeln.\ntitel: Läslyftet  # kort\nsyfte: Varför\n"


def test_every_comment_follows_its_key_when_keys_are_reordered() -> None:
    text = (
        "# File header.\n"
        "\n"
        "# About status.\n"
        "status: genomförande  # eol status\n"
        "period:\n"
        "  # About slut.\n"
        "  slut: 2026-12  # eol slut\n"
        "  # About start.\n"
        "  start: 2026-01\n"
        "\n"
        "# About mål.\n"
        "mål:\n"
        "  - Läsa  # eol item\n"
        "  # Between items.\n"
        "  - Skriva\n"
        "  # After the last item.\n"
        "titel: Läslyftet\n"
        "# The end.\n"
    )
    assert fmt(text) == (
        "# File header.\n"
        "\n"
        "titel: Läslyftet\n"
        "# About mål.\n"
        "mål:\n"
        "  - Läsa  # eol item\n"
        "  # Between items.\n"
        "  - Skriva\n"
        "  # After the last item.\n"
        "\n"
        "period:\n"
        "  # About start.\n"
        "  start: 2026-01\n"
        "  # About slut.\n"
        "  slut: 2026-12  # eol slut\n"
        "# About status.\n"
        "status: genomförande  # eol status\n"
        "# The end.\n"
    )


def test_the_top_comment_block_stays_on_top_when_the_first_key_moves() -> None:
    assert fmt("# Insatsen.\nsyfte: Varför\ntitel: T\n") == "# Insatsen.\ntitel: T\nsyfte: Varför\n"


def test_keys_in_list_items_are_ordered_and_the_dash_moves_to_the_first_key() -> None:
    text = (
        "titel: T\n"
        "uppföljning:\n"
        "  genomförd:\n"
        "    - text: Bra  # eol text\n"
        "      # About datum.\n"
        "      datum: 2026-03-01\n"
        "    - status: avslutad\n"
        "      text: Klart\n"
        "      datum: 2026-06-01\n"
        "  metod: Screening\n"
    )
    assert fmt(text) == (
        "titel: T\n"
        "uppföljning:\n"
        "  metod: Screening\n"
        "  genomförd:\n"
        "    # About datum.\n"
        "    - datum: 2026-03-01\n"
        "      text: Bra  # eol text\n"
        "    - datum: 2026-06-01\n"
        "      text: Klart\n"
        "      status: avslutad\n"
    )


def test_unknown_keys_keep_their_order_after_the_known_ones() -> None:
    text = "zeta: 1\nsyfte: S\nalfa: 2\ntitel: T\n"
    assert fmt(text) == "titel: T\nsyfte: S\nzeta: 1\nalfa: 2\n"


def test_layout_is_normalised_but_quotes_and_inline_lists_are_kept() -> None:
    text = (
        'titel:    "Läslyftet"\r\n'
        "mål:\r\n"
        "- 'Läsa: mer'\r\n"
        "-   Skriva\r\n"
        "period:\r\n"
        "        start: 2026-01\r\n"
        "verksamhetsformer: [grundskola,förskoleklass]\r\n"
        "effekt: Ett mycket långt värde som inte får brytas på flera rader även om det "
        "är längre än åttio tecken.\r\n"
        "\r\n\r\n"
    )
    assert fmt(text) == (
        'titel: "Läslyftet"\n'
        "mål:\n"
        "  - 'Läsa: mer'\n"
        "  - Skriva\n"
        "verksamhetsformer: [grundskola, förskoleklass]\n"
        "period:\n"
        "  start: 2026-01\n"
        "effekt: Ett mycket långt värde som inte får brytas på flera rader även om det "
        "är längre än åttio tecken.\n"
    )


def test_block_scalars_are_kept_as_written() -> None:
    text = "titel: T\nsyfte: |\n  Rad ett.\n\n  Rad två.\neffekt: >-\n  Lång text\n  i två rader.\n"
    assert fmt(text) == text


def test_four_space_indentation_becomes_two_and_comments_follow_their_keys() -> None:
    text = (
        "titel: T\n"
        "uppföljning:\n"
        "    metod: >-\n"
        "        Screening\n"
        "        fyra gånger.\n"
        "\n"
        "    # Planerade datum.\n"
        "    planerad:\n"
        "        - 2026-03-15\n"
        "        # Efter första.\n"
        "        - 2026-06-10\n"
        "        # Sist i listan.\n"
        "    # Sist i uppföljningen.\n"
        "effekt: E\n"
    )
    assert fmt(text) == (
        "titel: T\n"
        "uppföljning:\n"
        "  metod: >-\n"
        "    Screening\n"
        "    fyra gånger.\n"
        "\n"
        "  # Planerade datum.\n"
        "  planerad:\n"
        "    - 2026-03-15\n"
        "    # Efter första.\n"
        "    - 2026-06-10\n"
        "    # Sist i listan.\n"
        "  # Sist i uppföljningen.\n"
        "effekt: E\n"
    )


def test_a_document_start_line_goes_and_the_comments_above_it_stay() -> None:
    assert fmt("# Insats.\n---\nsyfte: S\ntitel: T\n") == "# Insats.\ntitel: T\nsyfte: S\n"


def test_configuration_keys_follow_the_model_and_rule_names_keep_their_order() -> None:
    text = (
        "undantag:\n"
        "  - skäl: Ny enhet.\n"
        "    regel: LAG-rapport\n"
        "regler:\n"
        "  ÖVRIGT-b: av\n"
        "  ÖVRIGT-a: varning\n"
        "inställningar:\n"
        "  min_gruppstorlek: 5\n"
        "  analys_min_ord: 5\n"
    )
    assert format_text(text, Config) == (
        "regler:\n"
        "  ÖVRIGT-b: av\n"
        "  ÖVRIGT-a: varning\n"
        "inställningar:\n"
        "  analys_min_ord: 5\n"
        "  min_gruppstorlek: 5\n"
        "undantag:\n"
        "  - regel: LAG-rapport\n"
        "    skäl: Ny enhet.\n"
    )


def test_a_comment_that_would_be_lost_is_a_finding() -> None:
    with pytest.raises(FormatError) as caught:
        fmt("titel: T\nmål: [Läsa,  # inne i listan\n  Skriva]\n")
    [finding] = caught.value.findings
    assert (finding.rule, finding.line) == ("FMT-osäker", 2)
    assert "inne i listan" in finding.message


# ---- Idempotence and data, on generated documents ----

_KEYS = ["titel", "syfte", "mål", "status", "period", "start", "slut", "uppföljning"]
_KEYS += ["metod", "genomförd", "datum", "text", "okänd", "ännu_en"]
_WORDS = st.text(alphabet="abcåäöxyz", min_size=1, max_size=6)
_SCALARS = st.one_of(
    _WORDS.map(lambda w: f"Ord {w}"),
    st.integers(-99, 999).map(str),
    st.dates().map(str),
    _WORDS.map(lambda w: f"'{w}: # {w}'"),
    _WORDS.map(lambda w: f'"{w} #{w}"'),
    st.sampled_from(["", "[]", "{}", "[a, b]", "[2026-01,  ö]", "{x: 1}"]),
    st.sampled_from(["|\n{i}rad ett\n\n{i}rad två", ">-\n{i}lång text\n{i}fortsatt"]),
)
_COMMENTS = st.one_of(st.none(), _WORDS.map(lambda w: f"# {w}"))
# A comment line: indented like its line, deeper (by 1 or 3), or at column 0 (^).
_ABOVE = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["", "", " ", "   ", "^"]), _WORDS).map("{0[0]}# {0[1]}".format),
)


def _trees(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return _SCALARS
    child = _trees(depth - 1)
    entry = st.tuples(st.sampled_from(_KEYS), child, _ABOVE, _COMMENTS, st.booleans())
    mapping = st.lists(entry, min_size=1, max_size=5, unique_by=lambda e: e[0]).map(dict_node)
    # ruamel loses comments next to empty list items (`- # c`) and inline collections as
    # list items (`- []`); fmt refuses those files (see the findings test).
    items = _SCALARS.filter(lambda s: s and s[0] not in "[{")
    item = st.tuples(st.one_of(items, mapping), _ABOVE, _COMMENTS)
    return st.one_of(_SCALARS, mapping, st.lists(item, min_size=1, max_size=4).map(list_node))


def dict_node(entries: list[Any]) -> Any:
    return ("map", entries)


def list_node(items: list[Any]) -> Any:
    return ("list", items)


def emit(node: Any, indent: int, step: int, under: int) -> list[str]:
    """YAML lines for `node` (a mapping or list) at `indent`, with comments and blanks."""
    pad = " " * indent
    lines: list[str] = []
    kind, entries = node
    if kind == "map":
        for key, value, above, eol, blank in entries:
            lines += [""] * blank + _comment(pad, above)
            lines += _value(f"{pad}{key}:", value, eol, indent, step, under)
        return lines
    for value, above, eol in entries:
        lines += _comment(pad, above)
        if isinstance(value, tuple):  # a mapping in a list item: first key on the dash line
            (key, first, _, first_eol, _), *rest = value[1]
            lines += _value(f"{pad}- {key}:", first, first_eol, indent + 2, step, under)
            lines += emit(("map", rest), indent + 2, step, under) if rest else []
        else:
            lines += _value(f"{pad}-", value, eol, indent, step, under)
    return lines


def _comment(pad: str, comment: str | None) -> list[str]:
    if comment is None:
        return []
    return [comment[1:] if comment.startswith("^") else pad + comment]


def _value(head: str, value: Any, eol: str | None, indent: int, step: int, under: int) -> list[str]:
    tail = f"  {eol}" if eol else ""
    if isinstance(value, str):
        text = value.replace("{i}", " " * (indent + step))
        first, *more = text.split("\n")
        if more:  # a block scalar: no comment on its lines
            return [f"{head} {first}", *more]
        return [f"{head} {first}{tail}" if first else head + tail]
    deeper = indent + (under if value[0] == "list" else step)
    return [head + tail, *emit(value, deeper, step, under)]


documents = st.tuples(
    st.lists(st.tuples(st.sampled_from(_KEYS), _trees(2), _ABOVE, _COMMENTS, st.booleans()))
    .filter(lambda e: len({k for k, *_ in e}) == len(e) and e)
    .map(dict_node),
    st.sampled_from([2, 3, 4]),
    st.sampled_from([0, 2, 4]),
    _ABOVE,
    _ABOVE,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_formatting_generated_documents_is_idempotent_and_keeps_data_and_comments(
    document: tuple[Any, int, int, str | None, str | None],
) -> None:
    tree, step, under, top, end = document
    lines = [*_comment("", top), ""] if top else []
    lines += emit(tree, 0, step, under) + _comment("", end)
    text = "\n".join(lines) + "\n"
    for model in (Initiative, None):
        once = format_text(text, model)
        assert format_text(once, model) == once
        assert yaml.safe_load(once) == yaml.safe_load(text)
        assert comments(once) == comments(text)
        assert once.endswith("\n")
        assert not once.endswith("\n\n")


# ---- The example municipality ----


def test_the_example_is_formatted_idempotently_with_its_data_unchanged(tmp_path: Path) -> None:
    root = tmp_path / "exempel"
    for top in ("plans", "units"):
        shutil.copytree(PROJECT / top, root / top)
    shutil.copy(PROJECT / "ska.yaml", root / "ska.yaml")
    files = sorted(p for p in root.rglob("*.yaml"))
    before = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in files}
    notes = {p: comments(p.read_text(encoding="utf-8")) for p in files}
    first = format_repository(root)
    assert first.findings == []
    assert first.files == len(files) + len(list(root.rglob("*.md")))
    once = {p: p.read_bytes() for p in root.rglob("*.*")}
    second = format_repository(root)
    assert (second.changed, second.findings) == ([], [])
    assert {p: p.read_bytes() for p in root.rglob("*.*")} == once
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.safe_load(text) == before[path], path
        assert comments(text) == notes[path], path


# ---- The repository: which files, check, findings, atomic writes ----


def test_an_already_formatted_repository_is_left_alone(repo: Path) -> None:
    format_repository(repo)
    stamps = {p: p.stat().st_mtime_ns for p in repo.rglob("*") if p.is_file()}
    result = format_repository(repo)
    assert (result.changed, result.findings) == ([], [])
    assert result.files == 20  # 16 YAML files and 4 Markdown files
    assert {p: p.stat().st_mtime_ns for p in repo.rglob("*") if p.is_file()} == stamps


def test_check_reports_what_would_change_and_writes_nothing(repo: Path) -> None:
    format_repository(repo)
    path = write(repo, INSATS, "syfte: S\ntitel:   T\n")
    result = format_repository(repo, check=True)
    assert result.changed == [INSATS]
    assert path.read_text(encoding="utf-8") == "syfte: S\ntitel:   T\n"
    assert format_repository(repo).changed == [INSATS]
    assert path.read_text(encoding="utf-8") == "titel: T\nsyfte: S\n"


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("titel: T\nsyfte: [a\n", "YAML-syntax", 3),
        ("titel: T\n\tsyfte: S\n", "YAML-tabb", 2),
        ("titel: T\nsyfte: S\ntitel: U\n", "YAML-dubblett", 3),
        ("titel: &t T\nsyfte: *t\n", "YAML-alias", 1),
        (b"titel: \xe5\n", "FIL-kodning", 1),
        ("titel: T\nmål: {a: 1,  # kommentar\n  b: 2}\n", "FMT-osäker", 2),
        ("mål:\n  - a: []\n  # före\n  - []  # efter\n", "FMT-osäker", 3),  # ruamel loses it
    ],
)
def test_a_file_that_cannot_be_formatted_is_a_finding_and_stays_untouched(
    repo: Path, text: str | bytes, rule: str, line: int
) -> None:
    path = write(repo, INSATS, text)
    raw = path.read_bytes()
    result = format_repository(repo)
    assert [(f.path, f.rule, f.line) for f in result.findings] == [(INSATS, rule, line)]
    assert INSATS not in result.changed
    assert path.read_bytes() == raw


def test_an_interrupted_write_leaves_the_old_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(repo, INSATS, "syfte: S\ntitel: T\n")

    def crash(source: object, target: object) -> None:
        raise OSError("strömavbrott")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="strömavbrott"):
        format_repository(repo, [path])
    assert path.read_text(encoding="utf-8") == "syfte: S\ntitel: T\n"
    assert [p.name for p in path.parent.iterdir()] == ["läslyftet.yaml"]


def test_paths_select_the_files_to_format(repo: Path) -> None:
    insats = write(repo, INSATS, "syfte: S\ntitel: T\n")
    unit = repo / "units/testskolan/enhet.yaml"
    unit.write_text("# Enheten.\n" + unit.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    result = format_repository(repo, [repo / "plans/insatser"], check=True)
    assert (result.changed, result.files) == ([INSATS], 1)
    result = format_repository(repo, [insats, unit], check=True)
    assert result.changed == [INSATS, "units/testskolan/enhet.yaml"]
    assert format_repository(repo, [repo], check=True).files == 20


def test_a_missing_path_is_a_usage_error(repo: Path) -> None:
    from ska.errors import UsageError

    with pytest.raises(UsageError, match="finns inte"):
        format_repository(repo, [repo / "plans/saknas.yaml"])


def test_markdown_front_matter_is_formatted_and_the_body_kept(repo: Path) -> None:
    rel = "plans/2025-26/kvalitetsrapport.md"
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    shuffled = text.replace(
        "---\nansvarig: Eva Ek\ndatum: 2026-09-20\n",
        "---\n# Metadata.\ndatum:   2026-09-20  # datum\n# Ansvarig.\nansvarig: Eva Ek\n",
    ).replace("\n---\n", "\n\n\n---\n", 1)
    path.write_text(shuffled, encoding="utf-8")
    assert rel in format_repository(repo).changed
    formatted = path.read_text(encoding="utf-8")
    assert formatted.startswith(  # ruamel keeps the column of an end-of-line comment
        "---\n# Metadata.\n# Ansvarig.\nansvarig: Eva Ek\ndatum: 2026-09-20    # datum\n"
    )
    assert formatted.endswith("    insatser: [läslyftet]\n---\n" + body)
    assert rel not in format_repository(repo).changed


def test_a_byte_order_mark_and_windows_line_endings_are_removed(repo: Path) -> None:
    path = write(repo, INSATS, b"\xef\xbb\xbftitel: T\r\nsyfte: S # s\r\n")
    assert format_repository(repo, [path]).changed == [INSATS]
    assert path.read_bytes() == b"titel: T\nsyfte: S # s\n"


def test_ska_yaml_at_the_root_is_formatted(repo: Path) -> None:
    path = repo / "ska.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    assert "ska.yaml" in format_repository(repo, check=True).changed
