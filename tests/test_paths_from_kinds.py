"""Where a document lives is written once, in `ska/model/kinds.py`: code builds a path
with `Kind.path(…)`/`Kind.folder(…)`, never by hand. This test reads ska's source (string
constants and the literal parts of f-strings) and lists every place that writes a path
under plans/ or units/, or a kind's file name, outside the table."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from ska.model import kinds as K
from ska.model.types import SchoolYear

SKA = Path(__file__).parent.parent / "ska"

# Modules whose paths are the table itself or sample files of the test kommun.
ALLOWED_MODULES = {
    "ska/model/kinds.py",  # the table
    "ska/checks/minimal.py",  # the sample repository the catalogue's examples edit
}
# Single strings that are not paths ska reads: sample files named wrong on purpose in a
# catalogue example, and a check's title (ska.checks sits below the model, so it cannot
# import kinds.py).
ALLOWED_STRINGS = {
    ("ska/checks/structure.py", "plans/huvudman.yaml saknas"),
    ("ska/checks/structure.py", "plans/fokusomraden.yml"),
    ("ska/checks/structure.py", "plans/insatser/Läslyftet 2026.yaml"),
    ("ska/checks/structure.py", "units/testskolan/2025-2026/resultat/screening.csv"),
    ("ska/checks/structure.py", "units/byskolan/"),
    ("ska/checks/structure.py", "plans/klagomal.svg"),
    ("ska/checks/structure.py", "plans/klagomal.png"),
    ("ska/checks/commands.py", "plans/logotyp.svg"),  # a kommun's own file, no kind
}


def _file_names() -> set[str]:
    """The kinds' fixed file names: `kvalitetsrapport.md`, `enhet.yaml`, …"""
    return {k.file_name for k in K.ALL_KINDS if "<" not in k.file_name}


def _strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, text) of every string constant, f-string parts included. A docstring is
    prose, not code, and is left out."""
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def offenders(source: str, module: str) -> list[str]:
    """`module:line: text` for each hand-built path in `source`."""
    names = _file_names()
    found: list[str] = []
    for line, text in sorted(_strings(ast.parse(source)), key=lambda found: found[0]):
        if (module, text) in ALLOWED_STRINGS:
            continue
        by_hand = text.startswith((f"{K.PLANS}/", f"{K.UNITS}/")) or any(
            text == name or text.endswith(f"/{name}") for name in names
        )
        if by_hand:
            found.append(f"{module}:{line}: {text!r}")
    return found


def _modules() -> list[Path]:
    return sorted(SKA.rglob("*.py"))


def test_the_scan_reads_ska_source() -> None:
    modules = [str(p.relative_to(SKA.parent)) for p in _modules()]
    assert len(modules) > 50
    assert "ska/load/discovery.py" in modules
    assert set(modules) >= ALLOWED_MODULES


def test_no_path_is_built_by_hand() -> None:
    found: list[str] = []
    for path in _modules():
        module = str(path.relative_to(SKA.parent))
        if module not in ALLOWED_MODULES:
            found += offenders(path.read_text(encoding="utf-8"), module)
    assert not found, "Paths built by hand; use kinds.Kind.path/folder:\n" + "\n".join(found)


def test_every_allowed_string_is_still_there() -> None:
    """An allowance whose string is gone is stale and would hide a new offender."""
    for module, text in ALLOWED_STRINGS:
        source = (SKA.parent / module).read_text(encoding="utf-8")
        assert text in {t for _, t in _strings(ast.parse(source))}, (module, text)


PLANTED = '''
def report(unit_id, year):
    """Where the report is: units/<enhet>/<läsår>/kvalitetsrapport.md (prose)."""
    wheel = "plans/arshjul.yaml"
    name = "utvecklingsplan.yaml"
    return f"units/{unit_id}/{year.folder}/kvalitetsrapport.md"
'''


def test_a_planted_path_is_found_with_its_line() -> None:
    assert offenders(PLANTED, "ska/planted.py") == [
        "ska/planted.py:4: 'plans/arshjul.yaml'",
        "ska/planted.py:5: 'utvecklingsplan.yaml'",
        "ska/planted.py:6: 'units/'",
        "ska/planted.py:6: '/kvalitetsrapport.md'",
    ]


def test_paths_from_kinds_fill_the_pattern() -> None:
    year = SchoolYear(2025)
    assert K.UNIT_REPORT.path(unit="åsen", year=year) == "units/åsen/2025-26/kvalitetsrapport.md"
    assert K.ORGANISER_REPORT.path(year=year) == "plans/2025-26/kvalitetsrapport.md"
    assert K.KAA.path(calendar_year=2026) == "plans/kaa/2026.yaml"
    assert K.RESULTS.path(unit="a", year=year, name="betyg") == "units/a/2025-26/resultat/betyg.csv"
    assert K.DIALOG.folder(year=year) == "plans/2025-26/dialoger"
    assert K.UNIT.folder(unit="a") == "units/a"
    assert K.INITIATIVE.folder() == "plans/insatser"
    assert K.ORGANISER.path() == K.ORGANISER.pattern
    assert K.DEVELOPMENT_PLAN.file_name == "utvecklingsplan.yaml"
    assert K.UNIT_INITIATIVE.glob == "units/*/insatser/*.yaml"


def test_every_kind_can_be_filled() -> None:
    """Every placeholder of the table has a keyword, and filling gives no <…> back."""
    for kind in K.ALL_KINDS:
        needs = kind.keywords
        filled = kind.path(
            unit="a" if "unit" in needs else None,
            year=SchoolYear(2025) if "year" in needs else None,
            calendar_year=2026 if "calendar_year" in needs else None,
            name="b" if "name" in needs else None,
        )
        assert "<" not in filled, kind.name
        assert filled.startswith(kind.folder_pattern.split("<")[0]), kind.name
    assert K.RESULTS.keywords == {"unit", "year", "name"}
    assert K.CONFIG.keywords == frozenset()


def test_a_placeholder_left_or_a_value_too_many_is_an_error() -> None:
    with pytest.raises(ValueError, match="unit="):
        K.UNIT_REPORT.path(year=SchoolYear(2025))
    with pytest.raises(ValueError, match="no place for unit"):
        K.ORGANISER_REPORT.path(unit="a", year=SchoolYear(2025))
