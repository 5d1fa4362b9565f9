"""The catalogue knows every finding id, explains it, and its examples behave as shown.

Every id that code emits is a check in the catalogue (`ska.rules.catalog.all_checks`);
`ska forklara` explains every id the README and the docs mention; the catalogue is built
by explicit imports, not by modules registering themselves; and each check's failing
example gives its id while its passing example does not.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ska.checks import checks, commands, minimal, reading, structure
from ska.checks.base import Check, Example
from ska.cli import BUILD_KINDS
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.results.importing import import_results
from ska.rules.catalog import all_checks, all_rules, find
from ska.validate.run import validate_repository
from ska.workflow.fmt import format_repository
from ska.workflow.history import semantic_diff
from tests.conftest import AFTER_YEAR, PROJECT, RESOURCES, YEAR
from tests.test_gitinfo import commit, init_git

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
    """Write the example's files (and links) over the example kommun at `root`."""
    if example.git:
        init_git(root)
        commit(root, "2026-06-24", message="Kommunen")
    for rel, content in example.files.items():
        path = root / rel
        if rel.endswith("/"):
            if content is None:
                shutil.rmtree(path)
            else:
                assert content == "", rel
                path.mkdir(parents=True)
        elif content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode(example.encodings.get(rel, "utf-8")))
    for rel, target in example.links.items():
        (root / rel).unlink(missing_ok=True)
        (root / rel).symlink_to(target)
    if example.commit:
        assert example.git, "commit needs git"
        commit(root, "2026-06-24", message="Exemplet")


def _option(args: list[str], name: str) -> str | None:
    """The value of `--name VALUE` in args (removed from them), or None."""
    if name not in args:
        return None
    at = args.index(name)
    value = args[at + 1]
    del args[at : at + 2]
    return value


def _ids(root: Path, example: Example, tmp: Path) -> set[str]:
    """The ids the example's command finds, run through the same core functions as the
    command line (a build makes HTML unless --format says otherwise)."""
    today = example.today or AFTER_YEAR
    year = SchoolYear.parse(YEAR)
    name, *args = shlex.split(example.command)
    if name == "validate":
        paths = [root / a for a in args] or None
        result = validate_repository(root, paths, year=year, today=today)
        return {f.rule for f in result.findings} | {a.finding.rule for a in result.accepted}
    if name == "build":
        formats = tuple((_option(args, "--format") or "html").split(","))
        kinds = BUILD_KINDS[args.pop() if args else "alla"]
        assert not args, example.command
        options = BuildOptions(
            folder=tmp / "bygg", years=[year], formats=formats, today=today, kinds=kinds
        )
        built = build(root, options)
        return {f.rule for f in built.findings}
    if [name, *args[:1]] == ["resultat", "importera"]:
        mapping = _option(args, "--mappning")
        assert mapping is not None, example.command
        assert len(args) == 2, example.command
        imported = import_results(root, mapping, root / args[1])
        return {f.rule for f in imported.findings}
    if name == "fmt":
        formatted = format_repository(root, [root / a for a in args] or None)
        return {f.rule for f in formatted.findings}
    if name == "diff":
        assert example.git, example.command
        assert 1 <= len(args) <= 2, example.command
        return {f.rule for f in semantic_diff(root, *args).findings}
    raise AssertionError(f"unknown example command {example.command!r}")


def _run(tmp: Path, name: str, example: Example) -> set[str]:
    """The ids an example gives on its own copy of the example kommun."""
    root = tmp / name / "kommun"
    shutil.copytree(RESOURCES / "minimal", root)
    _apply(root, example)
    return _ids(root, example, tmp / name)


CATALOGUE = all_checks()


def test_every_check_has_a_failing_and_a_passing_example() -> None:
    """Or says, in Swedish, why an example cannot be written as files and a command."""
    without = [
        c.id
        for c in CATALOGUE
        if (c.failing is None or c.passing is None) and not c.examples_note.strip()
    ]
    assert without == []
    noted = [c.id for c in CATALOGUE if c.examples_note]
    assert len(noted) <= 2, noted


WITH_EXAMPLES = [c for c in CATALOGUE if c.failing is not None and c.passing is not None]


def test_the_examples_are_run() -> None:
    assert len(WITH_EXAMPLES) >= 100


@pytest.mark.parametrize("check", WITH_EXAMPLES, ids=lambda c: c.id)
def test_examples_behave_as_documented(tmp_path: Path, check: Check) -> None:
    """The failing example gives the id, the passing one (the same, corrected) does not."""
    wanted = check.id
    assert check.failing is not None
    assert check.passing is not None
    assert wanted in _run(tmp_path, "fel", check.failing)
    assert wanted not in _run(tmp_path, "rätt", check.passing)


def test_the_example_texts_are_the_example_kommun() -> None:
    assert len(minimal.KOMMUN) >= 15
    for rel, text in minimal.KOMMUN.items():
        assert (RESOURCES / "minimal" / rel).read_text(encoding="utf-8") == text, rel


def test_an_example_shows_its_files_and_command() -> None:
    example = Example(
        {"plans/a.yaml": "a:\tb\n", "units/x/": "", "plans/b.yaml": None},
        command="validate plans",
        today=dt.date(2026, 5, 1),
        encodings={"plans/a.yaml": "cp1252"},
        links={"plans/c.csv": "/etc/passwd"},
        git=True,
        commit=True,
    )
    assert example.shown().splitlines() == [
        "(Kommunens filer är incheckade i git.)",
        "",
        "Filen plans/a.yaml (sparad som Windows-1252):",
        "a:→   b",
        "",
        "Mappen units/x/ är tom.",
        "",
        "Filen plans/b.yaml tas bort.",
        "",
        "Filen plans/c.csv är en symbolisk länk till /etc/passwd.",
        "",
        '$ git add -A && git commit -m "Uppdatering"',
        "$ ska validate plans --datum 2026-05-01",
    ]
    long = Example({"a.csv": "rubrik\n" + "rad\n" * 99})
    assert long.shown().splitlines()[-1] == "… och 95 rader till (0,0 MiB)"
