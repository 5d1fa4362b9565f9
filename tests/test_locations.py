"""Every YAML location the code names (`at=("utvecklingsområden", i, "id")`) is spelt as
a key of the models: a finding never points at a key no file can have."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

import ska.model
from ska.model.base import SkaModel

SKA = Path(__file__).parent.parent / "ska"


def _models() -> Iterator[type[BaseModel]]:
    for info in pkgutil.iter_modules(ska.model.__path__):
        module = importlib.import_module(f"ska.model.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseModel) and value.__module__ == module.__name__:
                yield value


def _keys() -> set[str]:
    """Every key a repository file can have: the models' field names as written."""
    keys: set[str] = set()
    for model in _models():
        for name, info in model.model_fields.items():
            keys.add(info.alias or name)
    return keys


def _written_locations() -> Iterator[tuple[str, int, str]]:
    """(file, line, key) for every string in a location tuple in ska's code: the `at=`
    argument of a hit, and the first argument of a document's `.at(…)`."""
    for path in sorted(SKA.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            tuples = [k.value for k in node.keywords if k.arg == "at"]
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "at" and node.args:
                tuples.append(node.args[0])
            for value in tuples:
                if not isinstance(value, ast.Tuple):
                    continue
                for part in value.elts:
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        yield str(path.relative_to(SKA.parent)), part.lineno, part.value


# Keys of files that are not models: ska.yaml's own sections.
CONFIG_KEYS = {"regler", "undantag", "inställningar"}


def test_locations_are_found() -> None:
    found = list(_written_locations())
    assert len(found) >= 30
    assert issubclass(SkaModel, BaseModel)


def test_every_location_is_a_key_of_a_model() -> None:
    keys = _keys() | CONFIG_KEYS
    wrong = [(path, line, key) for path, line, key in _written_locations() if key not in keys]
    assert wrong == []
