"""Jinja2, sandboxed and strict: the only code that runs while rendering is our templates.

Templates come from the kommun's own `templates/` folder when it has one with the
same name, else from the templates shipped with ska. Everything users wrote reaches
the templates as data, so `{{ … }}` in a rektor's text is printed, never evaluated. A
template error becomes a finding with the template's file and line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ska import markdown as md
from ska.checks.commands import BYGG_MALL
from ska.errors import SkaError
from ska.findings import Finding
from ska.shipped import TEMPLATES

BUILTIN = TEMPLATES
OWN_FOLDER = "templates"


class TemplateFailure(SkaError):
    """A template could not be rendered; `finding` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(f"{finding.location}: {finding.message}")
        self.finding = finding


def environment(root: Path) -> SandboxedEnvironment:
    """The environment for a repository: its own templates first, then ska's."""
    loaders: list[jinja2.BaseLoader] = []
    own = root / OWN_FOLDER
    if own.is_dir():
        loaders.append(jinja2.FileSystemLoader(own))
    loaders.append(jinja2.FileSystemLoader(BUILTIN))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=md.escape,
        cell=md.cell,
        shift=md.shift_headings,
        procent=md.percent,
        tal=md.number,
        datum=md.date,
        lista=md.join_sv,
        json=lambda value: json.dumps(value, ensure_ascii=False),
    )
    return env


def template_source(root: Path, name: str) -> Path:
    """The file a template name resolves to (the kommun's own, or ska's)."""
    own = root / OWN_FOLDER / name
    return own if own.is_file() else BUILTIN / name


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render a template; raise TemplateFailure with file and line on any error in it."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailure(
            BYGG_MALL.error(
                _display(exc.filename or name),
                f"Mallen har ett syntaxfel: {exc.message}.",
                "Rätta mallen; se Jinja2:s dokumentation för syntaxen.",
                exc.lineno,
            )
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateFailure(
            BYGG_MALL.error(f"{OWN_FOLDER}/{exc.name}", f"Mallen {exc.name} finns inte.")
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        filename, line = _template_frame(exc.__traceback__, name)
        message = exc.message if isinstance(exc, jinja2.TemplateError) else str(exc)
        raise TemplateFailure(
            BYGG_MALL.error(
                filename,
                f"Mallen gick inte att fylla i: {_swedish(message or type(exc).__name__)}.",
                "Kontrollera variabelnamnen i mallen mot dokumentationen av mallarna.",
                line,
            )
        ) from None


def _template_frame(tb: TracebackType | None, name: str) -> tuple[str, int | None]:
    """The innermost traceback frame inside a template: its file and line."""
    found: tuple[str, int | None] = (name, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (_display(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def _display(filename: str) -> str:
    path = Path(filename)
    if path.is_relative_to(BUILTIN):
        return f"(ska)/templates/{path.relative_to(BUILTIN).as_posix()}"
    parts = path.parts
    if OWN_FOLDER in parts:
        return "/".join(parts[len(parts) - parts[::-1].index(OWN_FOLDER) - 1 :])
    return filename


_UNDEFINED = re.compile(r"^'([^']*)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'([^']*)' has no attribute '([^']*)'$")


def _swedish(message: str) -> str:
    if match := _UNDEFINED.match(message):
        return f"'{match[1]}' finns inte"
    if match := _NO_ATTRIBUTE.match(message):
        return f"'{match[1]}' har inget fält '{match[2]}'"
    return message
