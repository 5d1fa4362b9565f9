"""Findings: the one value every check in ska produces.

A finding names a file (relative to the repository root, with forward slashes),
a position in it, a stable rule id, a severity, a Swedish message and a hint that
says what to write instead. Findings compare by value so tests can assert exact lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; errors make `ska validate` exit 1."""

    ERROR = "fel"
    WARNING = "varning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one place."""

    path: str
    line: int | None
    column: int | None
    rule: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        """`file:line:column`, leaving out what is unknown."""
        parts = [self.path or "."]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.severity.rank, self.rule)

    def to_dict(self) -> dict[str, object]:
        return {
            "fil": self.path,
            "rad": self.line,
            "kolumn": self.column,
            "regel": self.rule,
            "allvarlighet": self.severity.value,
            "meddelande": self.message,
            "tips": self.hint,
        }


def error(
    rule: str,
    path: str,
    message: str,
    hint: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    return Finding(path, line, column, rule, Severity.ERROR, message, hint)


def warning(
    rule: str,
    path: str,
    message: str,
    hint: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    return Finding(path, line, column, rule, Severity.WARNING, message, hint)


def info(
    rule: str,
    path: str,
    message: str,
    hint: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    return Finding(path, line, column, rule, Severity.INFO, message, hint)


def passes(findings: Iterable[Finding], strict: bool = False) -> bool:
    """No errors, and with `strict` no warnings either: what makes a check succeed."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return not any(f.severity in failing for f in findings)
