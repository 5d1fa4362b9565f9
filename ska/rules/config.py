"""Resolve `ska.yaml`: which rules run at which severity, the settings, the exceptions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from ska.checks.commands import (
    KONFIG_FORINSTALLNING,
    KONFIG_OGILTIG,
    KONFIG_REGEL,
    KONFIG_UNDANTAG_UTGANGET,
)
from ska.findings import Finding, Severity
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.config import Config, Level, RuleException
from ska.model.gaps import Gap, gaps_of
from ska.model.settings import Settings
from ska.rules.catalog import all_checks, checks_by_id
from ska.rules.presets import PRESETS
from ska.suggest import did_you_mean

_LEVEL = {Level.ERROR: Severity.ERROR, Level.WARNING: Severity.WARNING, Level.INFO: Severity.INFO}
PATH = K.CONFIG.pattern


@dataclass(frozen=True)
class Resolved:
    severities: dict[str, Severity | None]
    settings: Settings
    exceptions: list[tuple[int, RuleException]]  # (index in the file, exception)
    presets: list[str]


def _without_gaps(config: Config) -> tuple[Config, list[str]]:
    """The configuration with its defaults where a part failed, and those parts' keys."""
    kept: dict[str, Any] = {}
    unused = []
    for name in Config.model_fields:
        value = vars(config)[name]
        if isinstance(value, Gap):
            unused.append(value.key)
        else:
            kept[name] = value
    return Config.model_construct(**kept), unused


def resolve(repo: Repository, today: dt.date) -> tuple[Resolved, list[Finding]]:
    """The effective configuration, and findings about the configuration itself."""
    config = repo.model(PATH, Config)
    doc = repo.document(PATH) if PATH in repo.files else None
    findings: list[Finding] = []
    if config is not None and gaps_of(config):
        config, unused = _without_gaps(config)
        findings.append(
            KONFIG_OGILTIG.warning(
                PATH,
                "ska.yaml går inte att läsa helt, så reglerna körs utan "
                + ", ".join(unused)
                + "; resten av filen gäller.",
                "Rätta felen i ska.yaml (se fynden för filen ovan).",
            )
        )
    if config is None:
        config = Config()
        if doc is not None:
            findings.append(
                KONFIG_OGILTIG.warning(
                    PATH,
                    "ska.yaml går inte att läsa, så reglerna körs utan dess förinställningar, "
                    "allvarligheter och undantag.",
                    "Rätta felen i ska.yaml (se fynden för filen ovan).",
                )
            )

    def at(*loc: str | int) -> tuple[int | None, int | None]:
        return doc.at(loc) if doc is not None else (None, None)

    known = checks_by_id()
    severities = {check.id: check.severity for check in all_checks()}
    settings: dict[str, Any] = {}
    used = []
    for index, name in enumerate(config.presets):
        preset = PRESETS.get(name)
        if preset is None:
            line, column = at("förinställningar", index)
            findings.append(
                KONFIG_FORINSTALLNING.error(
                    PATH,
                    f"Förinställningen '{name}' finns inte.",
                    did_you_mean(name, list(PRESETS)) or "Finns: " + ", ".join(PRESETS) + ".",
                    line,
                    column,
                )
            )
            continue
        used.append(name)
        severities.update(preset.severities)
        settings.update(preset.settings)
    for rule_id, level in config.rules.items():
        if rule_id not in known or not known[rule_id].rule_class.silenceable:
            line, column = doc.at(("regler", rule_id), key=True) if doc else (None, None)
            findings.append(_unknown_rule(rule_id, line, column))
            continue
        severities[rule_id] = _LEVEL.get(level)
    for name in type(config.settings).model_fields:
        value = getattr(config.settings, name)
        if value is not None:
            settings[name] = value
    exceptions = []
    for index, exc in enumerate(config.exceptions):
        line, column = at("undantag", index, "regel")
        if exc.rule not in known or not known[exc.rule].rule_class.silenceable:
            findings.append(_unknown_rule(exc.rule, line, column))
            continue
        if exc.until < today:
            line, column = at("undantag", index, "gäller_till")
            findings.append(
                KONFIG_UNDANTAG_UTGANGET.warning(
                    PATH,
                    f"Undantaget från {exc.rule} gällde till {exc.until} och har gått ut.",
                    "Åtgärda bristen, eller förläng undantaget med ett nytt skäl och datum.",
                    line,
                    column,
                )
            )
            continue
        exceptions.append((index, exc))
    resolved = Resolved(severities, dataclasses.replace(Settings(), **settings), exceptions, used)
    return resolved, findings


def _unknown_rule(rule_id: str, line: int | None, column: int | None) -> Finding:
    check = checks_by_id().get(rule_id)
    if check is not None:  # a file that cannot be read can never be let through
        return KONFIG_REGEL.error(
            PATH,
            f"{rule_id} kan inte ändras: en fil som inte går att läsa kan inte kontrolleras.",
            "Rätta filen i stället, eller ta bort raden ur ska.yaml.",
            line,
            column,
        )
    return KONFIG_REGEL.error(
        PATH,
        f"Regeln '{rule_id}' finns inte.",
        did_you_mean(rule_id, list(checks_by_id())) or "Kör ska regler för att se alla regler.",
        line,
        column,
    )


def exception_covers(exc: RuleException, finding: Finding, row: str) -> bool:
    if exc.rule != finding.rule:
        return False
    if exc.unit is not None and exc.unit != row:
        return False
    if exc.path is not None:
        prefix = exc.path.rstrip("/")
        return finding.path == prefix or finding.path.startswith(prefix + "/")
    return True
