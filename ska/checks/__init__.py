"""Every finding id that is not a completeness rule: see base.py. The completeness rules
join these in the catalogue (`ska.rules.catalog`)."""

from __future__ import annotations

from ska.checks import commands, deadlines, reading, structure
from ska.checks.base import Check


def checks() -> tuple[Check, ...]:
    """Every check outside the rules, in the order `ska regler` lists them."""
    return reading.CHECKS + structure.CHECKS + deadlines.CHECKS + commands.CHECKS
