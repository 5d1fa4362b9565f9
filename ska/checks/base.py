"""What every finding id is: a check in the catalogue, with where it comes from, how
serious it is by default, what it means and an example that fails and one that passes.

Rules of completeness (ska.rules) are checks too, with a check function and a column in
the status matrix. The checks here are the rest: a file that cannot be read, a schema
or a place that is wrong, a reference that does not resolve, a build that fails. Code
emits a finding through its check (`YAML_TABB.error(...)`), so every id that reaches a
user is one the catalogue knows and `ska forklara` can explain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ska.findings import Finding, Severity


class RuleClass(StrEnum):
    """Where a requirement comes from; decides its default severity and whether
    `ska.yaml` may change it."""

    LAW = "lag"
    ADVICE = "allmänna_råd"
    PUBLISHING = "publicering"
    LOCAL = "lokal"
    FILE = "fil"  # the file cannot be read at all: never silenced
    SCHEMA = "schema"
    PLACE = "plats"
    REFERENCE = "hänvisning"
    CONFIG = "konfiguration"
    BUILD = "bygg"
    IMPORT = "import"
    TOOL = "verktyg"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def silenceable(self) -> bool:
        """Whether ska.yaml may change the severity or turn it off."""
        return self is not RuleClass.FILE


_LABELS = {
    RuleClass.LAW: "Lag",
    RuleClass.ADVICE: "Allmänna råd",
    RuleClass.PUBLISHING: "Publicering",
    RuleClass.LOCAL: "Lokal",
    RuleClass.FILE: "Läsning",
    RuleClass.SCHEMA: "Schema",
    RuleClass.PLACE: "Plats",
    RuleClass.REFERENCE: "Hänvisning",
    RuleClass.CONFIG: "Konfiguration",
    RuleClass.BUILD: "Bygge",
    RuleClass.IMPORT: "Import",
    RuleClass.TOOL: "Verktyg",
}


@dataclass(frozen=True)
class Example:
    """Files written over the example kommun (`tests/resources/minimal`), and the command
    that then finds (or does not find) the check's id.

    `files` maps a path to its new content (None deletes the file). `command` is what
    runs: `validate` (the default), `build`, or `importera KÄLLA MAPPNING` with paths
    inside the repository. `today` is the day the check is judged on.
    """

    files: Mapping[str, str | None]
    command: str = "validate"
    today: dt.date | None = None

    def shown(self) -> str:
        """The example as `ska forklara` prints it: each file with its content."""
        out = []
        for path, content in self.files.items():
            out.append(f"# {path}")
            out += ["(filen tas bort)"] if content is None else content.rstrip("\n").splitlines()
            out.append("")
        if self.command != "validate":
            out.append(f"$ ska {self.command}")
        return "\n".join(out).rstrip("\n")


@dataclass(frozen=True, kw_only=True)
class Check:
    """One finding id: its metadata, and how to emit a finding with it."""

    id: str
    rule_class: RuleClass
    title: str
    explanation: str
    severity: Severity | None  # the default; None: off unless a preset or ska.yaml enables it
    source: str = ""
    source_version: str = ""
    failing: Example | None = None
    passing: Example | None = None
    examples_note: str = field(default="", compare=False)  # why an example cannot be given

    def finding(
        self,
        severity: Severity,
        path: str,
        message: str,
        hint: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        return Finding(path, line, column, self.id, severity, message, hint)

    def error(
        self,
        path: str,
        message: str,
        hint: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        return self.finding(Severity.ERROR, path, message, hint, line, column)

    def warning(
        self,
        path: str,
        message: str,
        hint: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        return self.finding(Severity.WARNING, path, message, hint, line, column)

    def info(
        self,
        path: str,
        message: str,
        hint: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        return self.finding(Severity.INFO, path, message, hint, line, column)
