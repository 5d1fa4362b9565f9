"""Build the status matrix: one row per unit plus the huvudman, one column per group.

A cell is ✓ when every applicable rule of the group holds, ✗ with the number of open
findings when one does not, ◌ when a requirement is not due yet, U when only accepted
exceptions stand in the way, ? when a rule of the group could not judge the row (a
value it needs could not be read; the reason goes with the cell), and – when no rule of
the group applies to the row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from ska.findings import Finding, Severity
from ska.rules.catalog import rules_by_id
from ska.rules.engine import Group, row_of
from ska.validate.run import ValidationResult


class Mark(StrEnum):
    OK = "✓"
    FAILING = "✗"
    PENDING = "◌"
    EXCEPTION = "U"
    UNKNOWN = "?"
    NOT_APPLICABLE = "–"


LEGEND = {
    Mark.OK: "uppfyllt",
    Mark.FAILING: "brister (antal öppna fynd)",
    Mark.PENDING: "inte aktuellt ännu",
    Mark.EXCEPTION: "godtaget undantag",
    Mark.UNKNOWN: "kunde inte bedömas",
    Mark.NOT_APPLICABLE: "gäller inte",
}


@dataclass(frozen=True)
class Cell:
    mark: Mark
    findings: int = 0
    reasons: tuple[str, ...] = ()  # why a rule could not judge the row (mark ?)

    def __str__(self) -> str:
        return f"{self.mark} {self.findings}" if self.findings else str(self.mark)


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    cells: dict[Group, Cell]
    errors: int
    warnings: int


@dataclass(frozen=True)
class Status:
    year: str
    today: str
    groups: list[Group]
    rows: list[Row]

    @property
    def complete(self) -> bool:
        return all(c.mark is not Mark.FAILING for r in self.rows for c in r.cells.values())

    def unjudged(self) -> list[tuple[str, Group, str]]:
        """(row name, column, reason) for every reason a cell could not be judged."""
        return [
            (row.name, group, reason)
            for row in self.rows
            for group in self.groups
            for reason in row.cells[group].reasons
        ]


def build_status(result: ValidationResult) -> Status:
    """The matrix for the läsår the validation ran its rules for."""
    run = result.rules
    if run is None:
        raise ValueError("the validation ran without rules")
    rules = rules_by_id()
    open_by_cell: Counter[tuple[str, Group]] = Counter()
    severities: Counter[tuple[str, Severity]] = Counter()
    for finding in result.findings:
        row = row_of(finding.path)
        severities[(row, finding.severity)] += 1
        if finding.rule in rules and _counts(finding):
            open_by_cell[(row, rules[finding.rule].group)] += 1
    pending = {(p.row, rules[rule_id].group) for rule_id, p in run.pending}
    accepted = {(row_of(a.finding.path), rules[a.finding.rule].group) for a in run.accepted}
    groups = [
        g for g in Group if any(rules[r].group is g for rs in run.applicable.values() for r in rs)
    ]
    rows = []
    for row_id, name in run.rows:
        applicable = {rules[r].group for r in run.applicable.get(row_id, set())}
        blocked = run.blocked.get(row_id, {})
        cells = {}
        for group in groups:
            key = (row_id, group)
            reasons = tuple(
                sorted({why for rule_id, why in blocked.items() if rules[rule_id].group is group})
            )
            if open_by_cell[key]:
                cells[group] = Cell(Mark.FAILING, open_by_cell[key], reasons)
            elif reasons:
                cells[group] = Cell(Mark.UNKNOWN, 0, reasons)
            elif group not in applicable:
                cells[group] = Cell(Mark.NOT_APPLICABLE)
            elif key in pending:
                cells[group] = Cell(Mark.PENDING)
            elif key in accepted:
                cells[group] = Cell(Mark.EXCEPTION)
            else:
                cells[group] = Cell(Mark.OK)
        rows.append(
            Row(
                row_id,
                name,
                cells,
                severities[(row_id, Severity.ERROR)],
                severities[(row_id, Severity.WARNING)],
            )
        )
    return Status(str(run.year), run.today.isoformat(), groups, rows)


def _counts(finding: Finding) -> bool:
    return finding.severity is not Severity.INFO
