"""Jinja2, sandboxed and strict: the only code that runs while rendering is our templates.

Templates come from the kommun's own `templates/` folder when it has one with the same
name, else from the templates shipped with ska; a kommun may override the Jinja
templates, the CSS and the Word reference document, but nothing that executes (pandoc's
and Typst's templates, pandoc filters). Everything users wrote reaches the templates as
data, so `{{ … }}` in a rektor's text is printed, never evaluated.

Every value a template prints is escaped in one place, for the target the template
writes: `finalize` escapes plain text for Markdown, autoescaping does it for HTML.
`Markdown` that ska made itself is printed as it is, and a person's Markdown
(`UserMarkdown`) becomes a placeholder that the document's syntax tree fills in later
(see ska.render.document). A template error becomes a finding with file and line.
"""

from __future__ import annotations

import contextvars
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ska import markdown as md
from ska.checks.commands import BYGG_MALL
from ska.errors import SkaError
from ska.files import Refused, read_inside
from ska.findings import Finding
from ska.markdown import Markdown, UserMarkdown
from ska.shipped import TEMPLATES

BUILTIN = TEMPLATES
OWN_FOLDER = "templates"
# What a kommun's own templates/ may replace: Jinja templates, the style sheet and the
# Word reference document. Typst's and pandoc's templates are code and stay ska's.
OVERRIDABLE = re.compile(r"^(?!.*\.\.)[\w/.-]+\.j2$|^html/ska\.css$|^referens\.docx$")
PLACEHOLDER_CLASS = "ska-infoga"


class Target(StrEnum):
    MARKDOWN = "markdown"  # documents: escaped for Markdown
    HTML = "html"  # web pages: HTML autoescaping
    TEXT = "text"  # files a person edits next (ska ny): printed as given


class TemplateFailure(SkaError):
    """A template could not be rendered; `finding` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(f"{finding.location}: {finding.message}")
        self.finding = finding


@dataclass(frozen=True)
class Rendered:
    """A document template's Markdown, and the pieces of people's Markdown its
    placeholders stand for, in the order of their numbers."""

    markdown: str
    inserts: tuple[UserMarkdown, ...]


_INSERTS: contextvars.ContextVar[list[UserMarkdown] | None] = contextvars.ContextVar(
    "ska_inserts", default=None
)


def _finalize_markdown(value: object) -> str:
    """Every `{{ … }}` of a Markdown template: the one place plain text is escaped."""
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    if isinstance(value, UserMarkdown):
        inserts = _INSERTS.get()
        if inserts is None:
            raise TypeError("a person's Markdown can only be printed in a document template")
        inserts.append(value)
        return f"[]{{.{PLACEHOLDER_CLASS} nr={len(inserts) - 1}}}"
    return md.escape(value)


def _yaml_string(value: object) -> Markdown:
    """A value for the document's metadata (YAML between ---): escaped as Markdown,
    then quoted as a YAML string."""
    return Markdown(json.dumps(md.escape("" if value is None else value), ensure_ascii=False))


def _attribute(value: object) -> Markdown:
    """A value for an attribute in the template's Markdown (`{alt=…}`): one line,
    quoted; attribute values are not read as Markdown, so nothing else is escaped."""
    return Markdown(json.dumps(" ".join(str(value).split()), ensure_ascii=False))


def _list(values: Iterable[object]) -> Markdown:
    """`a, b och c`, each part escaped."""
    return Markdown(md.join_sv(md.escape(v) for v in values))


class _OwnLoader(jinja2.BaseLoader):
    """A kommun's own Jinja templates, read through ska's one file opener."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if not OVERRIDABLE.match(template):
            raise jinja2.TemplateNotFound(template)
        rel = f"{OWN_FOLDER}/{template}"
        try:
            data = read_inside(self.root, rel)
        except (OSError, Refused):
            raise jinja2.TemplateNotFound(template) from None
        return data.decode("utf-8", errors="replace"), str(self.root / rel), lambda: False


def environment(root: Path, target: Target = Target.MARKDOWN) -> SandboxedEnvironment:
    """The environment for a repository: its own templates first, then ska's."""
    loaders: list[jinja2.BaseLoader] = []
    if (root / OWN_FOLDER).is_dir():
        loaders.append(_OwnLoader(root))
    loaders.append(jinja2.FileSystemLoader(BUILTIN))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=target is Target.HTML,
        finalize=_finalize_markdown if target is Target.MARKDOWN else None,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=md.escape,
        cell=md.cell,
        procent=md.percent,
        tal=md.number,
        datum=md.date,
        lista=_list if target is Target.MARKDOWN else md.join_sv,
        attribut=_attribute,
        json=_yaml_string
        if target is Target.MARKDOWN
        else (lambda value: json.dumps(value, ensure_ascii=False)),
    )
    return env


def template_bytes(root: Path, name: str) -> bytes:
    """A template file's content: the kommun's own where it may override it, else ska's."""
    if OVERRIDABLE.match(name) and (root / OWN_FOLDER / name).is_file():
        try:
            return read_inside(root, f"{OWN_FOLDER}/{name}")
        except (OSError, Refused):
            pass
    return (BUILTIN / name).read_bytes()


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render a template; raise TemplateFailure with file and line on any error in it."""
    return render_document(env, name, context).markdown


def render_document(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> Rendered:
    """Render a document template, collecting the people's Markdown it places."""
    inserts: list[UserMarkdown] = []
    token = _INSERTS.set(inserts)
    try:
        text = env.get_template(name).render(context)
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
    finally:
        _INSERTS.reset(token)
    return Rendered(text, tuple(inserts))


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
