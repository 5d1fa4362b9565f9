"""Documentation of every finding id from the catalogue: `ska regler`, `ska forklara` and
docs/regler.md.

Written once, in the checks and rules themselves; this module only arranges it.
"""

from __future__ import annotations

from ska.checks.base import Check, Example
from ska.findings import Severity
from ska.rules.catalog import all_checks, checks_by_id, find
from ska.rules.engine import Rule
from ska.rules.presets import PRESETS
from ska.suggest import did_you_mean

OFF = "av"

__all__ = ["explanation", "find", "rule_list_markdown", "severity_text", "unknown_rule_hint"]


def severity_text(severity: Severity | None) -> str:
    return severity.value if severity is not None else OFF


def presets_enabling(check: Check) -> list[str]:
    return [p.name for p in PRESETS.values() if check.id in p.severities]


def unknown_rule_hint(rule_id: str) -> str:
    return did_you_mean(rule_id, list(checks_by_id())) or "Kör ska regler för att se alla regler."


def _changeable(check: Check) -> str:
    if not check.rule_class.silenceable:
        return "nej: en fil som inte går att läsa kan inte kontrolleras"
    return "ja, i ska.yaml under regler och undantag"


def _example(title: str, example: Example | None) -> list[str]:
    if example is None:
        return []
    return ["", title, ""] + [
        "    " + line if line else "" for line in example.shown().splitlines()
    ]


def explanation(check: Check) -> str:
    """What the check finds, why, its source, where it applies and its examples."""
    lines = [f"{check.id}: {check.title}", "", f"Klass:         {check.rule_class.label}"]
    if check.source:
        lines.append(f"Källa:         {check.source}")
    if check.source_version:
        lines.append(f"Version:       {check.source_version}")
    lines.append(f"Allvarlighet:  {severity_text(check.severity)} (standard)")
    lines.append(f"Kan ändras:    {_changeable(check)}")
    if isinstance(check, Rule):
        lines += [f"Gäller:        {check.applies_where}", f"Statuskolumn:  {check.group.label}"]
        lines.append(f"I kraft:       {check.validity}")
    enabling = presets_enabling(check)
    if enabling:
        changes = ", ".join(f"{p} ({PRESETS[p].severities[check.id].value})" for p in enabling)
        lines.append(f"Förinställningar: {changes}")
    lines += ["", check.explanation]
    lines += _example("Exempel som ger fyndet:", check.failing)
    lines += _example("Exempel utan fyndet:", check.passing)
    if isinstance(check, Rule) and check.passing is None and check.example:
        lines += ["", "Exempel som uppfyller regeln:", ""]
        lines += ["    " + line if line else "" for line in check.example.splitlines()]
    return "\n".join(lines)


def _where(check: Check) -> str:
    return check.applies_where if isinstance(check, Rule) else "varje fil den gäller"


def rule_list_markdown() -> str:
    """docs/regler.md: every finding id with class, source, severity and explanation."""
    out = [
        "# Reglerna i ska",
        "",
        "<!-- Genererad från katalogen i ska/checks/ och ska/rules/ med `ska regler --format "
        "markdown`. Redigera inte för hand. -->",
        "",
        "Varje fynd som ska kan ge har ett stabilt id, en klass, en standardallvarlighet och "
        "en förklaring. Lagregler är fel, allmänna råd varningar och lokala regler avstängda "
        "tills en förinställning eller `ska.yaml` slår på dem. Allvarligheten för alla utom "
        "läsfel (en fil som inte går att läsa) kan ändras i `ska.yaml`. Kör "
        "`ska forklara ID` för exempel.",
        "",
        "| Id | Klass | Källa | Version | I kraft | Allvarlighet | Förinställningar | Gäller |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for check in all_checks():
        presets = ", ".join(
            f"{p}: {PRESETS[p].severities[check.id].value}" for p in presets_enabling(check)
        )
        cells = [
            f"[{check.id}](#{check.id.lower()})",
            check.rule_class.label,
            check.source or "–",
            check.source_version or "–",
            check.validity if isinstance(check, Rule) else "alla läsår",
            severity_text(check.severity),
            presets or "–",
            _where(check),
        ]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out += ["", "## Förinställningar", ""]
    for preset in PRESETS.values():
        rules = ", ".join(f"{r} ({s.value})" for r, s in preset.severities.items())
        out.append(f"- **{preset.name}** – {preset.title} ({preset.source}): {rules}.")
    for check in all_checks():
        source = f"Källa: {check.source} ({check.source_version}). " if check.source else ""
        out += [
            "",
            f"## {check.id}",
            "",
            f"**{check.title}.** {check.explanation}",
            "",
            f"{source}Klass: {check.rule_class.label}. "
            f"Allvarlighet: {severity_text(check.severity)}. Gäller {_where(check)}"
            + (f", i kraft {check.validity}" if isinstance(check, Rule) else "")
            + ".",
        ]
        for title, example in (("Ger fyndet", check.failing), ("Utan fyndet", check.passing)):
            if example is not None:
                out += ["", f"{title}:", "", "```", example.shown(), "```"]
        if isinstance(check, Rule) and check.passing is None and check.example:
            out += ["", "```", check.example, "```"]
    return "\n".join(out) + "\n"
