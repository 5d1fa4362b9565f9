"""Where the files that ship with ska are.

The default templates live in the repository's top-level `templates/` folder, beside
`plans/` and `units/` as a kommun's own `templates/` does, and are installed as the
data package `ska.templates` (see pyproject.toml).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _templates() -> Path:
    spec = importlib.util.find_spec("ska.templates")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("ska is installed without its templates (ska.templates)")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


TEMPLATES = _templates()
