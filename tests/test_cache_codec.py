"""The cache's codecs: every stored type comes back as it went in, and anything else
(malformed JSON, a wrong shape, a wrong type, text that is no UTF-8) is absent, never an
error. And no module of ska imports anything that runs code when it loads data."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ska.cache.codec import FINDING, FINDINGS, INT, NUMBER, TEXT, UNSTORED, Codec, record
from ska.findings import Finding, Severity
from ska.model.results import Gender
from ska.model.types import Term
from ska.output import StoredAccepted, StoredWaiver
from ska.render.build import BUILT, _Built
from ska.render.chartcache import CHARTS
from ska.render.context import ChartFile
from ska.results.flags import Flag
from ska.results.questions import FlagKind
from ska.rules.accessibility import PROBLEMS
from ska.rules.engine import Hit
from ska.rules.filechecks import FILE_HITS
from ska.rules.results import FLAGS, TERM, UNIT_FLAGS
from ska.status.remembered import ACCEPTED, REMEMBERED, Remembered
from tests.conftest import PROJECT

# Every codec ska stores a value with, and where: what the round trips below cover.
STORED: dict[str, Codec[Any]] = {
    "validate: the findings of a self-contained file": FINDINGS,
    "validate: a whole run (status/remembered.py)": REMEMBERED,
    "validate: the build folder named in ska.yaml": TEXT,
    "file checks: the hits of every file check in one file": FILE_HITS,
    "results rule: the flags of the analysis": FLAGS,
    "results rule: each unit's flags, decoded when asked for": UNIT_FLAGS,
    "accessibility rules: what a built PDF lacks": PROBLEMS,
    "build: the record of a finished build": BUILT,
    "build: the charts of one set of results (build folder)": CHARTS,
}

texts = st.text(max_size=30)
lines = st.none() | st.integers(min_value=0, max_value=10**6)
findings = st.builds(
    Finding,
    path=texts,
    line=lines,
    column=lines,
    rule=texts,
    severity=st.sampled_from(Severity),
    message=texts,
    hint=texts,
)
accepted = st.builds(
    StoredAccepted,
    finding=findings,
    exception=st.builds(StoredWaiver, reason=texts, until=st.dates()),
)
remembered = st.builds(
    Remembered,
    findings=st.lists(findings, max_size=5),
    files=st.integers(min_value=0, max_value=10**6),
    accepted=st.lists(accepted, max_size=3),
    status_markdown=st.none() | texts,
)
hits = st.builds(
    Hit,
    path=texts,
    message=texts,
    hint=texts,
    line=lines,
    column=lines,
    severity=st.none() | st.sampled_from(Severity),
)
terms = st.builds(
    lambda season, year: Term.parse(f"{season}{year}"),
    st.sampled_from(["ht", "vt"]),
    st.integers(min_value=1000, max_value=9999),
)
flags = st.builds(
    Flag,
    kind=st.sampled_from(FlagKind),
    unit=texts,
    measure=texts,
    subject=st.none() | texts,
    group=texts,
    gender=st.none() | st.sampled_from(Gender),
    term=terms,
    occasion=st.none() | texts,
    against=texts,
    figures=st.lists(st.tuples(texts, st.floats(allow_nan=False)), max_size=3).map(tuple),
    text=texts,
    questions=st.lists(texts, max_size=3).map(tuple),
)
built = st.builds(
    _Built,
    folder=st.builds(Path, texts.filter(lambda t: "\0" not in t)),
    outputs=st.dictionaries(texts, st.lists(texts, max_size=3), max_size=3),
    stats=st.dictionaries(texts, st.tuples(st.integers(), st.integers()), max_size=3),
)
file_names = st.sampled_from(["", "diagram-1.svg", "jamforelse-12.svg", "å ä ö.svg"])
charts = st.builds(ChartFile, name=file_names, svg=texts, title=texts, alt=texts)

VALUES: dict[str, st.SearchStrategy[Any]] = {
    "validate: the findings of a self-contained file": st.lists(findings, max_size=5),
    "validate: a whole run (status/remembered.py)": remembered,
    "validate: the build folder named in ska.yaml": texts,
    "file checks: the hits of every file check in one file": st.dictionaries(
        texts, st.lists(hits, max_size=3), max_size=3
    ),
    "results rule: the flags of the analysis": st.lists(flags, max_size=3),
    "results rule: each unit's flags, decoded when asked for": st.dictionaries(
        texts, st.lists(flags, max_size=2).map(FLAGS.dumps), max_size=3
    ),
    "accessibility rules: what a built PDF lacks": st.lists(st.tuples(texts, texts), max_size=5),
    "build: the record of a finished build": built,
    "build: the charts of one set of results (build folder)": st.lists(charts, max_size=3),
}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_stored_type_has_values_to_try() -> None:
    assert len(STORED) == 9
    assert STORED.keys() == VALUES.keys()


@pytest.mark.parametrize("what", sorted(STORED))
@SLOW
@given(data=st.data())
def test_a_stored_value_comes_back_as_it_went_in(what: str, data: st.DataObject) -> None:
    codec = STORED[what]
    value = data.draw(VALUES[what])
    text = codec.dumps(value)
    assert text.isascii()
    assert codec.loads(text) == value
    assert codec.loads(text.encode("utf-8")) == value
    json.loads(text)  # plain JSON, nothing else


def test_a_file_name_that_is_no_utf8_is_stored_and_read_back() -> None:
    name = "units/skolan/fil\udcff.md"  # how os.scandir gives the byte 0xff
    finding = Finding(name, 1, None, "ID", Severity.ERROR, "text")
    assert FINDINGS.loads(FINDINGS.dumps([finding])) == [finding]


@pytest.mark.parametrize("what", sorted(STORED))
@SLOW
@given(value=json_values)
def test_only_what_the_codec_writes_is_read(what: str, value: Any) -> None:
    """Any JSON at all: either absent, or exactly a value that the codec writes back the
    same way (so no part of the stored data is ignored or guessed at)."""
    codec = STORED[what]
    decoded = codec.loads(json.dumps(value))
    assert decoded is None or codec.encode(decoded) == value


GOOD = FINDING.encode(Finding("a.md", 3, 4, "ID", Severity.WARNING, "meddelande", "tips"))


@pytest.mark.parametrize(
    "stored",
    [
        json.dumps(GOOD)[:-1],  # cut short
        json.dumps(GOOD[:-1]),  # a field too few
        json.dumps([*GOOD, "extra"]),  # a field too many
        json.dumps(dict(enumerate(GOOD))),  # an object, not an array
        json.dumps([GOOD[0], True, *GOOD[2:]]),  # a bool is no line number
        json.dumps([GOOD[0], 3.0, *GOOD[2:]]),  # nor is a float
        json.dumps([GOOD[0], "3", *GOOD[2:]]),  # nor text
        json.dumps([*GOOD[:4], "error", *GOOD[5:]]),  # no such severity
        json.dumps([*GOOD[:4], 0, *GOOD[5:]]),  # a severity is text
        json.dumps([None, *GOOD[1:]]),  # a path is text
        "NaN",
        "",
        "[" * 100_000 + "]" * 100_000,  # deeper than the parser goes
        b"\xff\xfe[]",  # not UTF-8
        b"\x80\x04\x95",  # the start of a pickle
        42,  # what SQLite gives for an INTEGER value
        None,  # for NULL
        3.5,
    ],
    ids=lambda stored: repr(stored)[:40],
)
def test_a_malformed_finding_is_absent(stored: object) -> None:
    assert FINDING.loads(json.dumps(GOOD)) is not None
    assert FINDING.loads(stored) is None
    assert FINDINGS.loads(stored) is None


@pytest.mark.parametrize(
    ("codec", "stored"),
    [
        (TERM, '"ht25"'),
        (TERM, '" ht2025"'),
        (TERM, '"HT2025"'),
        (NUMBER, "true"),
        (NUMBER, '"1.5"'),
        (INT, "1.0"),
        (INT, "false"),
        (TEXT, "null"),
        (REMEMBERED, json.dumps([[GOOD], 1, [], None, [], False])),  # from_cache never stored
        (ACCEPTED, json.dumps([GOOD, ["skäl", "2026-6-30"]])),  # a date in another form
        (ACCEPTED, json.dumps([GOOD, ["skäl", "2026-02-30"]])),  # no such date
        (FLAGS, '[["okänd", "u", "m", null, "g", null, "ht2025", null, "a", [], "t", []]]'),
        (BUILT, '["bygg", {"a": ["x"]}, {"x": [1]}]'),  # a stat is a pair
        (BUILT, '["bygg", {"a": "x"}, {}]'),  # outputs are lists
        (CHARTS, '[["../../plans/huvudman.yaml", "<svg/>", "t", "a", ""]]'),
        (CHARTS, '[["/tmp/diagram.svg", "<svg/>", "t", "a", ""]]'),
        (CHARTS, '[["..\\\\utanför.svg", "<svg/>", "t", "a", ""]]'),
        (CHARTS, '[["..", "<svg/>", "t", "a", ""]]'),
        (CHARTS, '[["diagram-1.svg", "<svg/>", "t", "a", "inte base64!"]]'),
        (CHARTS, '[["diagram-1.svg", "<svg/>", "t", "a", "PHN2Zy8+"]]'),  # <svg/>, no PNG
        (CHARTS, '[{"fil": "diagram-1.svg", "svg": "<svg/>", "titel": "t", "alt": "a"}]'),
    ],
    # a codec's repr holds addresses, which differ between test processes
    ids=lambda item: repr(item)[:50] if isinstance(item, str) else "codec",
)
def test_a_wrong_shape_is_absent(codec: Codec[Any], stored: str) -> None:
    assert codec.loads(stored) is None


def test_the_shapes_above_are_one_step_from_valid() -> None:
    """The malformed values above differ from valid ones in one place only."""
    assert TERM.loads('"ht2025"') == Term.parse("ht2025")
    assert REMEMBERED.loads(json.dumps([[GOOD], 1, [], None, ["2025/26"]])) is not None
    assert ACCEPTED.loads(json.dumps([GOOD, ["skäl", "2026-06-30"]])) is not None
    assert FLAGS.loads('[["nedgång", "u", "m", null, "g", null, "ht2025", null, "a", [], "t", []]]')
    assert BUILT.loads('["bygg", {"a": ["x"]}, {"x": [1, 2]}]') is not None
    assert CHARTS.loads('[["diagram-1.svg", "<svg/>", "t", "a", ""]]') is not None
    assert CHARTS.loads('[["diagram-1.svg", "<svg/>", "t", "a", "iVBORw0KGgo="]]') is not None


def test_a_codec_must_name_every_field_of_its_dataclass() -> None:
    with pytest.raises(TypeError, match=r"missing \['column', 'hint', 'line', 'severity'\]"):
        record(Hit, path=TEXT, message=TEXT)  # fields with a default count too
    with pytest.raises(TypeError, match=r"unknown \['why'\]"):
        record(StoredWaiver, reason=TEXT, until=TEXT, why=TEXT)
    with pytest.raises(TypeError, match=r"UNSTORED without a default \['reason'\]"):
        record(StoredWaiver, reason=UNSTORED, until=TEXT)
    waiver = record(StoredWaiver, reason=TEXT, until=TEXT)
    assert waiver.loads('["a", "b"]') == StoredWaiver("a", "b")  # type: ignore[arg-type]


# Modules that turn stored bytes into live objects by running code named in the data.
EXECUTING = {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle"}
EXECUTING |= {"jsonpickle", "joblib", "copyreg"}


def _called(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _executing_imports(path: Path) -> list[str]:
    """Every import of a module in EXECUTING, as `file:line module`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[object] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Call) and _called(node.func) in {"__import__", "import_module"}:
            names = [a.value for a in node.args if isinstance(a, ast.Constant)]
        found += [
            f"{path.name}:{getattr(node, 'lineno', 0)} {name}"
            for name in names
            if isinstance(name, str) and name.split(".")[0] in EXECUTING
        ]
    return found


def test_no_module_of_ska_can_run_code_from_data() -> None:
    modules = sorted((PROJECT / "ska").rglob("*.py"))
    assert len(modules) > 50
    assert [hit for path in modules for hit in _executing_imports(path)] == []


def test_the_scan_sees_every_form_of_import(tmp_path: Path) -> None:
    module = tmp_path / "modul.py"
    module.write_text(
        "import pickle\nfrom marshal import loads\nimport shelve as s\nimport dill.source\n"
        "def f():\n    import importlib\n    return importlib.import_module('cloudpickle')\n"
        "x = __import__('_pickle')\nimport json\n",
        encoding="utf-8",
    )
    assert sorted(hit.split(" ")[1] for hit in _executing_imports(module)) == [
        "_pickle",
        "cloudpickle",
        "dill.source",
        "marshal",
        "pickle",
        "shelve",
    ]


def test_an_accepted_finding_keeps_its_date() -> None:
    assert ACCEPTED.loads(json.dumps([GOOD, ["skäl", "2026-06-30"]])) == StoredAccepted(
        FINDING.decode(GOOD), StoredWaiver("skäl", dt.date(2026, 6, 30))
    )
