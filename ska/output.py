"""Findings as text for people, JSON for tools, and workflow commands for GitHub."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from rich.console import Console
from rich.markup import escape

from ska.findings import Finding, Severity


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
