"""The catalogue knows every finding id, explains it, and its examples behave as shown.

Every id that code emits is a check in the catalogue (`ska.rules.catalog.all_checks`);
`ska forklara` explains every id the README and the docs mention; the catalogue is built
by explicit imports, not by modules registering themselves; and each check's failing
example gives its id while its passing example does not.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ska.checks import checks, commands, reading, structure
from ska.checks.base import Check, Example
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.rules.catalog import all_checks, all_rules, find
from ska.validate.run import validate_repository
from tests.conftest import AFTER_YEAR, PROJECT, YEAR, write

CHECK_MODULES = (reading, structure, commands)


def test_the_catalogue_has_every_kind_of_check() -> None:
    every = all_checks()
    assert len(all_rules()) >= 40
    assert len(checks()) >= 50
    assert len({c.id for c in every}) == len(every)


def test_every_check_constant_is_listed() -> None:
    for module in CHECK_MODULES:
        defined = [v for v in vars(module).values() if isinstance(v, Check)]
        assert defined, module.__name__
        assert [c.id for c in defined] == [c.id for c in module.CHECKS], module.__name__


def _bare_ids(path: Path) -> list[str]:
    """Calls like error("ID", …) or Finding(…, "ID", …): ids that bypass the catalogue."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else None
        args = node.args
        if name in {"error", "warning", "info"} and args:
            first = args[0]
        elif name == "Finding" and len(args) >= 4:
            first = args[3]
        else:
            continue
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(f"{path.name}:{node.lineno} {first.value}")
    return found


def test_code_emits_findings_only_through_catalogue_checks() -> None:
    sources = sorted((PROJECT / "ska").rglob("*.py"))
    assert sources
    assert [hit for path in sources for hit in _bare_ids(path)] == []


def test_the_bare_id_scanner_sees_a_bare_id(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text('error("NY-id", "a.yaml", "m")\nFinding("a", 1, 1, "X-y", s, "m")\n')
    assert _bare_ids(module) == ["x.py:1 NY-id", "x.py:2 X-y"]


# An id in backticks or in a finding shown as text: `SL4-3-analys`, [SCHEMA-okänd-nyckel].
_MENTIONED = re.compile(r"[`\[]([A-ZÅÄÖ]{2,}[0-9]*(?:-[A-Za-zåäöÅÄÖ0-9]+)+)[`\]]")


def test_forklara_knows_every_id_the_documents_mention() -> None:
    documents = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]
    mentioned = {m for d in documents for m in _MENTIONED.findall(d.read_text(encoding="utf-8"))}
    assert "SCHEMA-okänd-nyckel" in mentioned
    assert sorted(m for m in mentioned if find(m) is None) == []


def test_one_module_alone_sees_every_rule() -> None:
    """Importing the configuration alone, a rule named in ska.yaml is known."""
    script = (
        "from pathlib import Path; import datetime as dt\n"
        "from ska.load.repository import Repository\n"
        "from ska.rules.config import resolve\n"
        "resolved, found = resolve(Repository(Path('.')), dt.date(2026, 8, 15))\n"
        "print(len(found), resolved.severities['AR-uppf-malomraden'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "varning"]


# -- Examples ---------------------------------------------------------------------------


def _apply(root: Path, example: Example) -> None:
    for rel, content in example.files.items():
        if content is None:
            (root / rel).unlink()
        else:
            write(root, rel, content)


def _ids(root: Path, example: Example, tmp: Path) -> set[str]:
    today = example.today or AFTER_YEAR
    year = SchoolYear.parse(YEAR)
    if example.command == "validate":
        result = validate_repository(root, year=year, today=today)
        return {f.rule for f in result.findings} | {a.finding.rule for a in result.accepted}
    if example.command == "build":
        built = build(
            root, BuildOptions(folder=tmp / "bygg", years=[year], formats=("html",), today=today)
        )
        return {f.rule for f in built.findings}
    raise AssertionError(f"unknown example command {example.command!r}")


WITH_EXAMPLES = [c for c in all_checks() if c.failing is not None or c.passing is not None]


@pytest.mark.parametrize("check", WITH_EXAMPLES, ids=lambda c: c.id)
def test_examples_behave_as_documented(repo: Path, tmp_path: Path, check: Check) -> None:
    if check.failing is not None:
        _apply(repo, check.failing)
        assert check.id in _ids(repo, check.failing, tmp_path / "fel")
    if check.passing is not None:
        _apply(repo, check.passing)
        assert check.id not in _ids(repo, check.passing, tmp_path / "rätt")
