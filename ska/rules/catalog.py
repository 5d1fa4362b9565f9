"""The catalogue: every finding id ska can emit, rules and checks alike.

The rules are read from the modules named here, in this order, by their definitions
(each `@RuleSpec(...)` makes a `Rule`); the checks outside the rules come from
`ska.checks`. Nothing registers itself on import: whoever needs the catalogue calls
these functions, so importing any single module gives the same answer.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from ska.checks import checks
from ska.checks.base import Check, RuleClass
from ska.rules import (
    accessibility,
    advice_follow_up,
    advice_organisation,
    dialogs,
    goals,
    kaa,
    law_organiser,
    law_unit,
    local,
    plan_follow_up,
    publishing,
    results,
    reviews,
    terms,
)
from ska.rules.engine import Rule

MODULES: tuple[ModuleType, ...] = (
    law_organiser,
    law_unit,
    kaa,
    reviews,
    advice_organisation,
    advice_follow_up,
    goals,
    plan_follow_up,
    results,
    terms,
    publishing,
    accessibility,
    local,
    dialogs,
)
_CLASS_ORDER = (RuleClass.LAW, RuleClass.ADVICE, RuleClass.PUBLISHING, RuleClass.LOCAL)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every completeness rule: law first, then allmänna råd, publishing and local rules;
    within a class module by module, rule by rule as written."""
    found = [
        value for module in MODULES for value in vars(module).values() if isinstance(value, Rule)
    ]
    ids = [rule.id for rule in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"rules defined twice: {duplicates}")
    return tuple(sorted(found, key=lambda r: _CLASS_ORDER.index(r.rule_class)))


@cache
def all_checks() -> tuple[Check, ...]:
    """Every finding id: the rules, then the checks of reading, structure and commands."""
    every = all_rules() + checks()
    ids = [c.id for c in every]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"finding ids defined twice: {duplicates}")
    return every


@cache
def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}


@cache
def checks_by_id() -> dict[str, Check]:
    return {check.id: check for check in all_checks()}


def find(check_id: str) -> Check | None:
    """The check with this id, ignoring case."""
    wanted = check_id.casefold()
    return next((c for c in all_checks() if c.id.casefold() == wanted), None)
