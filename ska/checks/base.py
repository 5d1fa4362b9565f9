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

    `files` maps a path in the repository to its new content; None deletes the file. A
    path ending in / is a folder: "" makes it (empty), None removes it. `encodings` names
    the encoding a file is saved in when it is not UTF-8, e.g. `cp1252`; `links` maps a
    path to the target of a symbolic link made there.

    With `git` the example kommun is a git repository, all of it committed before the
    files are written, so they show as changes; with `commit` they are committed too.

    `command` is what a user types after `ska`, with paths relative to the repository:

    - `validate`, or `validate SÖKVÄG …` (the default),
    - `build` or `build --format pdf|html|docx`,
    - `resultat importera KÄLLA --mappning plans/import/NAMN.yaml`,
    - `fmt`, or `fmt SÖKVÄG …`,
    - `diff FRÅN`, or `diff FRÅN TILL` (versions in git; needs `git`).

    The rules judge läsåret 2025/26 on `today`, by default 2026-08-15 when the läsår is
    over and its reports are due.
    """

    files: Mapping[str, str | None]
    command: str = "validate"
    today: dt.date | None = None
    encodings: Mapping[str, str] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)
    git: bool = False
    commit: bool = False

    def shown(self) -> str:
        """The example as `ska forklara` prints it: each file with its content, then what
        to run."""
        out = ["(Kommunens filer är incheckade i git.)", ""] if self.git else []
        for path, content in self.files.items():
            encoding = self.encodings.get(path)
            saved = f" (sparad som {_ENCODINGS.get(encoding, encoding)})" if encoding else ""
            if path.endswith("/"):
                out.append(f"Mappen {path} " + ("tas bort." if content is None else "är tom."))
            elif content is None:
                out.append(f"Filen {path} tas bort.")
            else:
                out += [f"Filen {path}{saved}:", *_lines(content)]
            out.append("")
        for path, target in self.links.items():
            out += [f"Filen {path} är en symbolisk länk till {target}.", ""]
        if self.commit:
            out.append('$ git add -A && git commit -m "Uppdatering"')
        dated = self.today is not None and self.command.startswith("validate")
        command = self.command + (f" --datum {self.today}" if dated else "")
        if command != "validate" or self.git:
            out.append(f"$ ska {command}")
        return "\n".join(out).rstrip("\n")


_ENCODINGS = {"cp1252": "Windows-1252", "utf-16": "UTF-16"}
_SHOWN_LINES = 80  # a longer file is shown by its beginning


def _lines(content: str) -> list[str]:
    """A file's lines as shown: tabs visible, a very long file cut short."""
    lines = [line.rstrip() for line in content.replace("\t", "→   ").splitlines()]
    if len(lines) <= _SHOWN_LINES:
        return lines
    rest = len(lines) - 5
    size = len(content.encode("utf-8")) / (1024 * 1024)
    count = f"{rest:,}".replace(",", " ")
    return [*lines[:5], f"… och {count} rader till ({size:.1f} MiB)".replace(".", ",")]


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
