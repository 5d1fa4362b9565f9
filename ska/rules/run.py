"""Run every enabled rule over the repository for one läsår."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from ska.cache.inputs import Cached
from ska.checks.commands import KONFIG_UNDANTAG_ONODIGT
from ska.findings import Finding, Severity
from ska.load.repository import Repository
from ska.model.config import RuleException
from ska.model.types import SchoolYear
from ska.rules import catalog  # noqa: F401  (registers every rule)
from ska.rules.catalog import all_rules, checks_by_id, rules_by_id
from ska.rules.config import PATH, Resolved, exception_covers, resolve
from ska.rules.context import Context
from ska.rules.engine import (
    ORGANISER_ROW,
    Hit,
    Outcome,
    Pending,
    Rule,
    Scope,
    row_of,
    to_finding,
)
from ska.rules.filechecks import FileChecks


@dataclass(frozen=True)
class Accepted:
    """A finding a recorded exception accepts: shown, but not counted as a failure."""

    finding: Finding
    exception: RuleException


@dataclass
class RuleRun:
    """Everything the rules found for one läsår, and what the status matrix needs."""

    year: SchoolYear
    today: dt.date
    config: Resolved
    rows: list[tuple[str, str]]  # (row id, name): the huvudman first, then each unit
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Accepted] = field(default_factory=list)
    pending: list[tuple[str, Pending]] = field(default_factory=list)  # (rule id, pending)
    applicable: dict[str, set[str]] = field(default_factory=dict)  # row → rule ids


def enabled_rules(config: Resolved) -> list[Rule]:
    return [r for r in all_rules() if config.severities.get(r.id) is not None]


def run_rules(
    repo: Repository,
    year: SchoolYear,
    today: dt.date,
    build_output: bool = True,
    cache: Cached | None = None,
    files: FileChecks | None = None,
) -> RuleRun:
    """Every enabled rule for the läsår; without `build_output`, not those that read the
    build folder (a report that shows the status must not depend on its own last build).
    With `cache`, what file checks found in unchanged files is taken from it; `files`
    may hold file checks already started (see ska.rules.filechecks)."""
    files = files or FileChecks(cache)
    config, config_findings = resolve(repo, today)
    ctx = Context(repo, year, today, config.settings, cache)
    organiser_name = ctx.organiser.name if ctx.organiser else "Huvudmannen"
    rows = [(ORGANISER_ROW, organiser_name)] + [(u.id, u.name) for u in ctx.units]
    run = RuleRun(year, today, config, rows, findings=config_findings)
    run.applicable = {row: set() for row, _ in rows}
    kind = ctx.organiser.kind if ctx.organiser else None
    for rule in enabled_rules(config):
        if rule.reads_build and not build_output:
            continue
        if rule.organiser_kinds is not None and kind not in rule.organiser_kinds:
            continue
        severity = config.severities[rule.id]
        assert severity is not None
        outcomes: list[Outcome] = []
        if rule.scope is not Scope.UNIT:
            run.applicable[ORGANISER_ROW].add(rule.id)
        if rule.organiser_check is not None:
            outcomes += rule.organiser_check(ctx)
        if rule.file_check is not None:
            outcomes += files.hits(ctx, rule)
        for unit in ctx.units:
            if rule.scope is Scope.ALL or rule.applies_to_unit(unit.school_forms):
                run.applicable[unit.id].add(rule.id)
                if rule.unit_check is not None:
                    outcomes += rule.unit_check(ctx, unit)
        _collect(run, rule, severity, outcomes)
    if ctx.ended:
        _unused_exceptions(run, repo)
    run.findings.sort(key=Finding.sort_key)
    return run


def configured(findings: list[Finding], config: Resolved) -> tuple[list[Finding], list[Accepted]]:
    """Findings outside the rules with ska.yaml's severities and exceptions applied: a
    severity set to `av` drops them, an exception accepts them. Findings of the rules
    (already configured when they were made) and of unreadable files pass unchanged."""
    known = checks_by_id()
    rules = rules_by_id()
    kept: list[Finding] = []
    accepted: list[Accepted] = []
    for finding in findings:
        check = known.get(finding.rule)
        if check is None or finding.rule in rules or not check.rule_class.silenceable:
            kept.append(finding)
            continue
        severity = config.severities.get(finding.rule, check.severity)
        if severity is None:
            continue
        if severity is not check.severity and finding.severity is check.severity:
            finding = dataclasses.replace(finding, severity=severity)
        row = row_of(finding.path)
        exc = next((e for _, e in config.exceptions if exception_covers(e, finding, row)), None)
        if exc is not None:
            accepted.append(Accepted(finding, exc))
        else:
            kept.append(finding)
    return kept, accepted


def _collect(run: RuleRun, rule: Rule, severity: Severity, outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        if isinstance(outcome, Pending):
            run.pending.append((rule.id, outcome))
            continue
        assert isinstance(outcome, Hit)
        finding = to_finding(rule, outcome, severity)
        row = row_of(finding.path)
        exc = next((e for _, e in run.config.exceptions if exception_covers(e, finding, row)), None)
        if exc is not None:
            run.accepted.append(Accepted(finding, exc))
        else:
            run.findings.append(finding)


def _unused_exceptions(run: RuleRun, repo: Repository) -> None:
    """Note exceptions nothing needed once the läsår is over (before, gaps may yet come)."""
    used = {id(a.exception) for a in run.accepted}
    for index, exc in run.config.exceptions:
        if id(exc) not in used and run.config.severities.get(exc.rule) is not None:
            line, column = repo.document(PATH).at(("undantag", index), key=False)
            run.findings.append(
                KONFIG_UNDANTAG_ONODIGT.info(
                    PATH,
                    f"Undantag {index + 1} från {exc.rule} behövs inte för läsåret "
                    f"{run.year}: regeln hittar inget att undanta.",
                    "Ta bort undantaget när det inte längre behövs.",
                    line,
                    column,
                )
            )
