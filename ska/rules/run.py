"""Run every enabled rule over the repository for one läsår."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ska.cache.codec import TEXT, dict_of, list_of, pair, record
from ska.cache.inputs import Cached
from ska.cache.memo import Entry, entries
from ska.cache.store import key
from ska.checks.commands import KONFIG_UNDANTAG_ONODIGT
from ska.findings import Finding, Severity
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.config import RuleException
from ska.model.gaps import Gap, GapReached, Reason, present, rendering
from ska.model.types import SchoolYear
from ska.rules import catalog  # noqa: F401  (registers every rule)
from ska.rules.catalog import all_rules, checks_by_id, rules_by_id
from ska.rules.config import PATH, Resolved, exception_covers, resolve
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import (
    ORGANISER_ROW,
    OUTCOMES,
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
    # row → rule id → why the rule could not judge the row (a value it needs is broken)
    blocked: dict[str, dict[str, str]] = field(default_factory=dict)


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
    with rendering(False):
        run = _run(ctx, repo, year, today, config, config_findings, build_output, files)
    if ctx.ended:
        _unused_exceptions(run, repo)
    run.findings.sort(key=Finding.sort_key)
    return run


def _run(
    ctx: Context,
    repo: Repository,
    year: SchoolYear,
    today: dt.date,
    config: Resolved,
    config_findings: list[Finding],
    build_output: bool,
    files: FileChecks,
) -> RuleRun:
    organiser = ctx.organiser
    organiser_name = present(organiser.name, "Huvudmannen") if organiser else "Huvudmannen"
    rows = [(ORGANISER_ROW, str(organiser_name))] + [(u.id, u.name) for u in ctx.units]
    rows += [(unit_id, unit_id) for unit_id, _ in ctx.unreadable_units]
    run = RuleRun(year, today, config, rows, findings=config_findings)
    run.applicable = {row: set() for row, _ in rows}
    run.blocked = {row: {} for row, _ in rows}
    kind = present(organiser.kind, None) if organiser else None
    found = vars(organiser).get("kind") if organiser else None
    kind_gap = found if isinstance(found, Gap) else None
    remembered = _Remembered(ctx, build_output)
    for rule in enabled_rules(config):
        if rule.reads_build and not build_output:
            continue
        if not rule.in_force(year):
            continue
        if rule.organiser_kinds is not None and kind not in rule.organiser_kinds:
            if kind_gap is not None:  # whether it applies is not known: not judged
                run.applicable[ORGANISER_ROW].add(rule.id)
                run.blocked[ORGANISER_ROW].setdefault(rule.id, kind_gap.describe())
            continue
        severity = config.severities[rule.id]
        assert severity is not None
        ctx.rule_id = rule.id
        outcomes: list[Outcome] = []
        judged = [
            u for u in ctx.units if rule.scope is Scope.ALL or rule.applies_to_unit(u.school_forms)
        ]
        rule_rows = ([] if rule.scope is Scope.UNIT else [ORGANISER_ROW]) + [u.id for u in judged]
        for row in rule_rows:
            run.applicable[row].add(rule.id)
        if rule.organiser_check is not None:
            # a rule that checks each unit too answers at huvudman level for its own row
            own = [ORGANISER_ROW] if rule.unit_check is not None else rule_rows
            checked = remembered.check(rule, None, own, rule.organiser_check)
            outcomes += _apply(run, ctx, rule, checked)
        if rule.file_check is not None:
            outcomes += files.hits(ctx, rule)
        if rule.unit_check is not None:
            for unit in judged:
                checked = remembered.check(rule, unit, [unit.id], rule.unit_check, unit)
                outcomes += _apply(run, ctx, rule, checked)
        if rule.scope is not Scope.ORGANISER:
            for unit_id, why in ctx.unreadable_units:
                run.applicable[unit_id].add(rule.id)
                run.blocked[unit_id].setdefault(rule.id, why)
        _collect(run, rule, severity, outcomes)
    remembered.save()
    for (row, rule_id), why in ctx.blocked.items():
        if row in run.blocked:
            run.blocked[row].setdefault(rule_id, why)
    ctx.rule_id = ""
    return run


@dataclass(frozen=True)
class Checked:
    """What one check of a rule found for its rows: its outcomes in order, the rows it
    could not judge and why, and the broken files it met (row, why; Context.model)."""

    outcomes: list[Outcome]
    blocked: list[tuple[str, str]]
    broken: list[tuple[str, str]]


CHECKED = record(
    Checked,
    outcomes=OUTCOMES,
    blocked=list_of(pair(TEXT, TEXT)),
    broken=list_of(pair(TEXT, TEXT)),
)
_RULE = entries(CHECKED)
_ROW = entries(dict_of(CHECKED))


class _Remembered:
    """The checks of one run remembered with what they read (ska.cache.memo): a rule's
    check of the huvudman level by itself, all rules' checks of one unit together. A
    rule that reads the build folder is checked in every run."""

    def __init__(self, ctx: Context, build_output: bool) -> None:
        self.ctx = ctx
        self.memo = ctx.repo.memo(ctx.cache) if ctx.cache is not None else None
        self.rules: dict[str, Checked] = {}
        self.rows: dict[str, dict[str, Checked]] = {}
        self.fresh_rules: dict[str, Entry[Checked] | None] = {}
        self.fresh_rows: dict[str, tuple[set[str], dict[str, Checked]]] = {}
        if self.memo is None:
            return
        repo = ctx.repo
        self.scope = (
            str(ctx.year),
            ctx.today.isoformat(),
            build_output,
            repo.listing,
            self.memo.digest([K.CONFIG.pattern]),
        )
        rules = {r.id: key("regel", *self.scope, r.id) for r in all_rules() if r.organiser_check}
        rows = {u.id: key("regelrad", *self.scope, u.id) for u in ctx.units}
        self.names = {**rules, **rows}
        found = self.memo.valid(rules.values(), _RULE)
        self.rules = {r: found[n].value for r, n in rules.items() if n in found}
        stored = self.memo.valid(rows.values(), _ROW)
        self.rows = {u: stored[n].value for u, n in rows.items() if n in stored}

    def check(
        self,
        rule: Rule,
        unit: UnitInfo | None,
        rows: list[str],
        check: Callable[..., Iterable[Outcome]],
        *args: object,
    ) -> Checked:
        """What `check` of `rule` (for `unit`, or the huvudman level) finds: from the
        cache while what it read is unchanged."""

        def compute() -> Checked:
            return _guarded(self.ctx, rule, rows, check, *args)

        if self.memo is None or rule.reads_build:
            return compute()
        reads = self.ctx.repo.reads
        if unit is None:
            known = self.rules.get(rule.id)
            if known is not None:
                return known
            with reads.recording() as inputs:
                checked = compute()
            self.fresh_rules[rule.id] = self.memo.entry(inputs, checked)
            return checked
        row = self.rows.get(unit.id)
        if row is not None and rule.id in row:
            return row[rule.id]
        with reads.recording() as inputs:
            reads.note(unit.path)
            checked = compute()
        if row is None:
            found, checks = self.fresh_rows.setdefault(unit.id, (set(), {}))
            found |= inputs
            checks[rule.id] = checked
        return checked

    def save(self) -> None:
        if self.memo is None:
            return
        for rule_id, entry in self.fresh_rules.items():
            self.memo.keep(self.names[rule_id], entry, _RULE)
        for unit_id, (inputs, checks) in self.fresh_rows.items():
            self.memo.keep(self.names[unit_id], self.memo.entry(inputs, checks), _ROW)
        self.memo.flush()  # with the facts the checks worked out (Context.fact)


def _guarded(
    ctx: Context,
    rule: Rule,
    rows: list[str],
    check: Callable[..., Iterable[Outcome]],
    *args: object,
) -> Checked:
    """What a check found before it reached a gap, if it did (see ska.model.gaps).

    A value the author stated as not known, or left out, is a finding of the rule
    with its own severity. A value that could not be read leaves the rule unjudged.
    Either way, the rows the check had not finished are unjudged too.
    """
    found: list[Outcome] = []
    blocked: list[tuple[str, str]] = []
    mark = len(ctx.blocked_log)
    try:
        for outcome in check(ctx, *args):
            found.append(outcome)
    except GapReached as reached:
        gap = reached.gap
        why = gap.describe()
        gap_row = row_of(gap.path)
        if gap.reason in (Reason.NOT_STATED, Reason.ABSENT):
            found.append(_gap_hit(ctx, rule, gap))
        else:
            blocked.append((gap_row, why))
        for row in rows:
            if row != gap_row or gap.reason not in (Reason.NOT_STATED, Reason.ABSENT):
                blocked.append((row, why))
    return Checked(found, blocked, ctx.blocked_log[mark:])


def _apply(run: RuleRun, ctx: Context, rule: Rule, checked: Checked) -> list[Outcome]:
    """The outcomes of a check, the rows it could not judge marked in `run` (for a check
    taken from the cache, also the broken files it met, as Context.model would)."""
    for row, why in checked.broken:
        ctx.blocked.setdefault((row, rule.id), why)
    for row, why in checked.blocked:
        if row in run.blocked:
            run.blocked[row].setdefault(rule.id, why)
    return checked.outcomes


def _gap_hit(ctx: Context, rule: Rule, gap: Gap) -> Hit:
    if gap.reason is Reason.NOT_STATED:
        message = f"Uppgiften '{gap.key}' är angiven som 'ej angivet'; regeln behöver den."
        hint = f"Fyll i {gap.key} när uppgiften finns. Till dess räknas det som en brist."
    else:
        message = f"Uppgiften '{gap.key}' saknas; regeln behöver den."
        hint = f"Lägg till {gap.key}: …, eller skriv {gap.key}: ej angivet om uppgiften inte finns."
    line, column = (None, None)
    if gap.path in ctx.repo.files:
        line, column = ctx.repo.document(gap.path).at((gap.key,), True)
    return Hit(gap.path, message, hint, line, column)


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
    exceptions = [e for _, e in run.config.exceptions if e.rule == rule.id]
    for outcome in outcomes:
        if isinstance(outcome, Pending):
            run.pending.append((rule.id, outcome))
            continue
        assert isinstance(outcome, Hit)
        finding = to_finding(rule, outcome, severity)
        row = row_of(finding.path)
        exc = next((e for e in exceptions if exception_covers(e, finding, row)), None)
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
