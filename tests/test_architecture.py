"""The packages depend on each other in one direction, as docs/arkitektur.md describes.

Each top-level module or package of ska (a *unit*) sits in a layer; a unit may import
units of lower layers only. Imports inside functions and under TYPE_CHECKING count too:
a dependency is a dependency, however late it is paid.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.conftest import PROJECT

# Lowest first. A unit imports only units of earlier layers (and itself).
LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "__init__",
            "errors",
            "findings",
            "suggest",
            "personnummer",
            "placeholders",
            "shipped",
            "translate",
        }
    ),
    frozenset({"checks"}),
    frozenset({"files", "gitinfo", "pandoc"}),
    frozenset({"model"}),
    frozenset({"markdown", "suppression", "output", "schema_export", "cache"}),
    frozenset({"load"}),
    frozenset({"planning", "results"}),
    frozenset({"rules"}),
    frozenset({"validate"}),
    frozenset({"status"}),
    frozenset({"render"}),
    frozenset({"workflow"}),
    frozenset({"cli_sv"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)
PACKAGE = PROJECT / "ska"


def _unit(path: Path) -> str:
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def _is_unit(name: str) -> bool:
    """A module or package of ska, rather than a name defined in ska/__init__.py."""
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _imported_units(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "ska":
                continue
            if len(parts) == 1:  # from ska import markdown, __version__
                found |= {a.name if _is_unit(a.name) else "__init__" for a in node.names}
            else:
                found.add(parts[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("ska.")}
    return found


def _layer_of() -> dict[str, int]:
    return {unit: index for index, layer in enumerate(LAYERS) for unit in layer}


def test_every_unit_has_a_layer() -> None:
    units = {_unit(p) for p in PACKAGE.rglob("*.py")}
    assert units, "no modules found"
    assert units == set(_layer_of()), "place new modules in LAYERS and docs/arkitektur.md"


def test_imports_point_down() -> None:
    layer = _layer_of()
    wrong = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50
    for path in modules:
        unit = _unit(path)
        for target in _imported_units(path) - {unit}:
            if layer[target] >= layer[unit]:
                wrong.append(f"{path.relative_to(PROJECT)} imports ska.{target}")
    assert wrong == []


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ska.render.build import build\n"
        "def f():\n    from ska import markdown\n",
        encoding="utf-8",
    )
    assert _imported_units(module) == {"render", "markdown"}


def test_the_architecture_document_names_every_layer() -> None:
    text = (PROJECT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    units = [u for layer in LAYERS for u in layer if not u.startswith("_")]
    missing = [u for u in units if f"`{u}" not in text]
    assert missing == []


def test_every_package_is_installed() -> None:
    """setuptools installs the packages pyproject.toml lists, and only those."""
    with (PROJECT / "pyproject.toml").open("rb") as handle:
        listed = set(tomllib.load(handle)["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(PROJECT).parts) for init in PACKAGE.rglob("__init__.py")
    }
    assert "ska.checks" in found
    assert found - listed == set()


def test_the_build_loads_matplotlib_only_to_draw() -> None:
    """Importing the build (what a no-op build and every command pay) does not load
    matplotlib, about a second; the chart modules are imported where a chart is drawn."""
    import subprocess
    import sys

    probe = "import sys, ska.cli, ska.render.build; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
