"""`ska schema`: JSON Schema for every kind of document, exported from the models.

Editors (VS Code's YAML extension) and other tools read `schemas/`; a test fails when
the files there differ from what the models say.
"""

from __future__ import annotations

import json
from pathlib import Path

from ska.model.kinds import ALL_KINDS

SCHEMA_BASE = "https://ska.invalid/schemas/"


def render_schemas() -> dict[str, str]:
    """File name → JSON text, one per schema, in a stable form."""
    rendered: dict[str, str] = {}
    for kind in ALL_KINDS:
        name = f"{kind.schema}.schema.json"
        if name in rendered:
            continue
        schema = kind.model.model_json_schema(by_alias=True, mode="validation")
        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_BASE + name,
            "title": kind.name,
            "description": kind.description,
            "x-ska-plats": kind.pattern,
            **schema,
        }
        rendered[name] = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return rendered


def export_schemas(dest: Path) -> list[Path]:
    """Write every schema into `dest`, removing stale ones; return the files written."""
    dest.mkdir(parents=True, exist_ok=True)
    rendered = render_schemas()
    for stale in dest.glob("*.schema.json"):
        if stale.name not in rendered:
            stale.unlink()
    written = []
    for name, text in rendered.items():
        path = dest / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        written.append(path)
    return written


def stale_schemas(dest: Path) -> list[str]:
    """Names of schema files in `dest` that are missing, outdated or no longer produced."""
    rendered = render_schemas()
    stale = [
        name
        for name, text in rendered.items()
        if not (dest / name).exists() or (dest / name).read_text(encoding="utf-8") != text
    ]
    stale += [p.name for p in dest.glob("*.schema.json") if p.name not in rendered]
    return sorted(stale)
