"""Findings as text for people, JSON for tools, and workflow commands for GitHub; and the
one masking step every output of ska passes through.

No personnummer reaches a reader through what ska prints: `masked_output` puts a
`MaskingStream` in front of standard output and standard error for a whole command, so
every byte written there (findings in any format, tables, JSON, error messages, the
command-line library's own messages) passes through `personnummer.mask`. The consoles
that draw tables (`console`) mask their text before it is laid out, so that a number is
never split over two lines of a table where the stream could no longer see it whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TextIO

from rich.console import (
    Console,
    ConsoleOptions,
    HighlighterType,
    JustifyMethod,
    OverflowMethod,
    RenderableType,
)
from rich.markup import escape
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ska import personnummer
from ska.findings import Finding, Severity


def _held_from(text: str) -> int:
    """Where the tail begins that a later write could still make part of a number."""
    index = len(text)
    while index > 0 and text[index - 1] in personnummer.CHARACTERS:
        index -= 1
    return index


class MaskingStream(io.TextIOBase):
    """A text stream in front of another that masks every personnummer written to it.

    A number can arrive over several writes, so a tail of digits, dashes and spaces is
    held back until a character that cannot be part of a number follows it, or until
    `release` at the end. Everything before that is masked and passed on at once."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target
        self._held = ""

    def write(self, text: str) -> int:
        pending = self._held + text
        cut = _held_from(pending)
        self._held = pending[cut:]
        if cut:
            self.target.write(personnummer.mask(pending[:cut]))
        return len(text)

    def release(self) -> None:
        """Write what is held back and flush: at the end of a command."""
        if self._held:
            self.target.write(personnummer.mask(self._held))
            self._held = ""
        self.target.flush()

    def flush(self) -> None:
        self.target.flush()  # a held tail stays held: it may be the start of a number

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.target, "errors", None) or "strict"


@contextlib.contextmanager
def masked_output() -> Iterator[None]:
    """Standard output and standard error masked for the duration (see MaskingStream)."""
    saved = sys.stdout, sys.stderr
    out, err = MaskingStream(saved[0]), MaskingStream(saved[1])
    sys.stdout, sys.stderr = out, err
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        out.release()
        err.release()


def _masked_text(text: Text) -> Text:
    plain = text.plain
    shown = personnummer.mask(plain)
    if shown == plain:
        return text
    copy = text.copy()
    copy.plain = shown  # the same length, so every style stays where it was
    return copy


class MaskingConsole(Console):
    """A rich console that masks every text before it is laid out (see `console`)."""

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: HighlighterType | None = None,
    ) -> Text:
        rendered = super().render_str(
            text,
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=emoji,
            markup=markup,
            highlight=highlight,
            highlighter=highlighter,
        )
        return _masked_text(rendered)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterator[Segment]:
        if isinstance(renderable, Text):
            renderable = _masked_text(renderable)
        yield from super().render(renderable, options)


def console(**options: Any) -> Console:
    """The console ska prints with: every text masked before layout. The only place a
    rich Console is made (tests/test_masking.py checks it)."""
    return MaskingConsole(**options)


def longest_word(texts: Iterable[str], least: int = 4) -> int:
    """The width a table column needs so that no word in it is broken in the middle: rich
    wraps between words, and folds a word only when the column is narrower than it."""
    return max([least, *(len(word) for text in texts for word in str(text).split())])


def masking(made: Console) -> Console:
    """A console made elsewhere (by the command-line library), masking like `console`."""
    made.__class__ = MaskingConsole
    return made


class Waiver(Protocol):
    """What the output shows of a recorded exception (see ska.model.config)."""

    @property
    def reason(self) -> str: ...

    @property
    def until(self) -> dt.date: ...


class Accepted(Protocol):
    """A finding an exception accepts (see ska.rules.run.Accepted)."""

    @property
    def finding(self) -> Finding: ...

    @property
    def exception(self) -> Waiver: ...


@dataclass(frozen=True)
class StoredWaiver:
    reason: str
    until: dt.date


@dataclass(frozen=True)
class StoredAccepted:
    """An accepted finding as plain data, for the cache."""

    finding: Finding
    exception: StoredWaiver


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    MARKDOWN = "markdown"


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary(findings: list[Finding], files: int, accepted: int = 0) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    checked = f"{files} {'fil kontrollerad' if files == 1 else 'filer kontrollerade'}"
    if accepted:
        checked += f", {accepted} godtag{'na' if accepted != 1 else 'et'} undantag"
    if not errors and not warnings:
        return f"Inga fel. {checked}."
    parts = [f"{errors} fel"] if errors else []
    if warnings:
        parts.append(f"{warnings} varning{'ar' if warnings != 1 else ''}")
    return f"{' och '.join(parts)}. {checked}."


def _print_finding(f: Finding, console: Console, label: str, style: str) -> None:
    console.print(
        f"[bold]{escape(f.location)}[/bold]: [{style}]{label}[/{style}] "
        f"[dim]\\[{escape(f.rule)}][/dim] {escape(f.message)}",
        highlight=False,
        soft_wrap=True,
    )


def print_text(
    findings: list[Finding],
    files: int,
    console: Console,
    accepted: Sequence[Accepted] = (),
    summary_line: bool = True,
) -> None:
    if not console.is_terminal:  # a pipe or a CI log: the same lines, without styling
        console.file.write(_plain(findings, files, accepted, summary_line))
        console.file.flush()
        return
    for f in findings:
        _print_finding(f, console, f.severity.value, _STYLE[f.severity])
        if f.hint:
            console.print(f"    [green]→[/green] {escape(f.hint)}", highlight=False, soft_wrap=True)
    for a in accepted:
        _print_finding(a.finding, console, "undantag", "magenta")
        console.print(
            f"    [magenta]godtaget till {a.exception.until}:[/magenta] "
            f"{escape(a.exception.reason)}",
            highlight=False,
            soft_wrap=True,
        )
    if summary_line:
        console.print(summary(findings, files, len(accepted)), highlight=False)


def _plain(
    findings: list[Finding], files: int, accepted: Sequence[Accepted], summary_line: bool = True
) -> str:
    lines = []
    for f in findings:
        lines.append(f"{f.location}: {f.severity.value} [{f.rule}] {f.message}")
        if f.hint:
            lines.append(f"    → {f.hint}")
    for a in accepted:
        lines.append(f"{a.finding.location}: undantag [{a.finding.rule}] {a.finding.message}")
        lines.append(f"    godtaget till {a.exception.until}: {a.exception.reason}")
    if summary_line:
        lines.append(summary(findings, files, len(accepted)))
    return "\n".join(lines) + "\n" if lines else ""


def to_json(findings: list[Finding], files: int, accepted: Sequence[Accepted] = ()) -> str:
    document = {
        "filer": files,
        "fel": sum(1 for f in findings if f.severity is Severity.ERROR),
        "varningar": sum(1 for f in findings if f.severity is Severity.WARNING),
        "fynd": [f.to_dict() for f in findings],
        "undantag": [
            {
                **a.finding.to_dict(),
                "skäl": a.exception.reason,
                "gäller_till": str(a.exception.until),
            }
            for a in accepted
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def to_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.rule)}")
        message = f.message + (f" {f.hint}" if f.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def to_markdown(findings: list[Finding], files: int, accepted: Sequence[Accepted] = ()) -> str:
    """Findings as a Markdown summary, e.g. for a pull request."""
    lines = ["### ska validate", "", summary(findings, files, len(accepted)), ""]
    shown = [f for f in findings if f.severity is not Severity.INFO]
    if shown:
        lines += ["| Plats | Allvarlighet | Regel | Meddelande |", "| --- | --- | --- | --- |"]
        for f in shown:
            text = f.message + (f" {f.hint}" if f.hint else "")
            cells = [f"`{f.location}`", f.severity.value, f"`{f.rule}`", text.replace("|", "\\|")]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    if accepted:
        rules = ", ".join(sorted({a.finding.rule for a in accepted}))
        lines += [f"Godtagna undantag: {rules}.", ""]
    return "\n".join(lines)
