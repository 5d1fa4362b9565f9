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

from ska.checks.deadlines import FRIST_SAKNAS
from ska.findings import Finding, Severity
from ska.model.types import SchoolYear
from ska.rules.catalog import rules_by_id
from ska.rules.engine import Group, Rule, row_of
from ska.rules.run import RuleRun
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


def build_statuses(result: ValidationResult) -> list[Status]:
    """One matrix per läsår the validation judged, oldest first."""
    return [build_status(result, run) for run in result.runs]


def build_status(result: ValidationResult, run: RuleRun | None = None) -> Status:
    """The matrix for one läsår the validation ran its rules for (default: the last).

    A cell counts the open findings of its group's rules for the läsår, and a document
    the årshjul wants that is missing or failing after its due date (FRIST-saknas), in
    Dokumentation."""
    run = run or result.rules
    if run is None:
        raise ValueError("the validation ran without rules")
    rules = rules_by_id()
    own = set(run.findings)
    overdue = {o.path for o in result.obligations if o.year == run.year and o.state.overdue}
    open_by_cell: Counter[tuple[str, Group]] = Counter()
    severities: Counter[tuple[str, Severity]] = Counter()
    for finding in result.findings:
        if not _belongs(finding, own, rules, run.year):
            continue
        row = row_of(finding.path)
        severities[(row, finding.severity)] += 1
        if finding.rule in rules and _counts(finding):
            open_by_cell[(row, rules[finding.rule].group)] += 1
        elif finding.rule == FRIST_SAKNAS.id and finding.path in overdue:
            open_by_cell[(row, Group.DOCUMENTATION)] += 1
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


def _belongs(finding: Finding, own: set[Finding], rules: dict[str, Rule], year: SchoolYear) -> bool:
    """Whether a finding speaks about the läsår: a rule's finding when that läsår's run
    made it; any other finding unless its file is in another läsår's folder."""
    if finding.rule in rules:
        return finding in own
    folders = [SchoolYear.from_folder(part) for part in finding.path.split("/")]
    found = [f for f in folders if f is not None]
    return not found or found[0] == year


def _counts(finding: Finding) -> bool:
    return finding.severity is not Severity.INFO
