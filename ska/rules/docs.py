"""Rule documentation from the rule definitions: `ska regler`, `ska forklara`, docs/regler.md.

Written once, in the rules themselves; this module only arranges it.
"""

from __future__ import annotations

from ska.findings import Severity
from ska.rules.engine import RULES, Rule, ordered_rules
from ska.rules.presets import PRESETS
from ska.suggest import did_you_mean

OFF = "av"


def severity_text(severity: Severity | None) -> str:
    return severity.value if severity is not None else OFF


def presets_enabling(rule: Rule) -> list[str]:
    return [p.name for p in PRESETS.values() if rule.id in p.severities]


def find_rule(rule_id: str) -> Rule | None:
    ordered_rules()
    by_fold = {r.casefold(): r for r in RULES}
    key = by_fold.get(rule_id.casefold())
    return RULES[key] if key else None


def unknown_rule_hint(rule_id: str) -> str:
    ordered_rules()
    return did_you_mean(rule_id, list(RULES)) or "Kör ska regler för att se alla regler."


def explanation(rule: Rule) -> str:
    """What the rule checks, why, its source, where it applies and an example."""
    lines = [
        f"{rule.id}: {rule.title}",
        "",
        f"Klass:         {rule.rule_class.label}",
        f"Källa:         {rule.source}",
        f"Version:       {rule.source_version}",
        f"Allvarlighet:  {severity_text(rule.severity)} (standard)",
        f"Gäller:        {rule.applies_where}",
        f"Statuskolumn:  {rule.group.label}",
    ]
    enabling = presets_enabling(rule)
    if enabling:
        changes = ", ".join(f"{p} ({PRESETS[p].severities[rule.id].value})" for p in enabling)
        lines.append(f"Förinställningar: {changes}")
    lines += ["", rule.explanation, "", "Exempel som uppfyller regeln:", ""]
    lines += ["    " + line if line else "" for line in rule.example.splitlines()]
    return "\n".join(lines)


def rule_list_markdown() -> str:
    """docs/regler.md: every rule with id, class, source, severity and explanation."""
    out = [
        "# Reglerna i ska",
        "",
        "<!-- Genererad från regeldefinitionerna i ska/rules/ med `ska regler --format "
        "markdown`. Redigera inte för hand. -->",
        "",
        "Varje regel har ett stabilt id, en klass, en källa med version och en "
        "standardallvarlighet. Lagregler är fel, allmänna råd varningar och lokala regler "
        "avstängda tills en förinställning eller `ska.yaml` slår på dem. Kör "
        "`ska forklara ID` för ett exempel.",
        "",
        "| Id | Klass | Källa | Version | Allvarlighet | Förinställningar | Gäller |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rule in ordered_rules():
        presets = ", ".join(
            f"{p}: {PRESETS[p].severities[rule.id].value}" for p in presets_enabling(rule)
        )
        cells = [
            f"[{rule.id}](#{rule.id.lower()})",
            rule.rule_class.label,
            rule.source,
            rule.source_version,
            severity_text(rule.severity),
            presets or "–",
            rule.applies_where,
        ]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out += ["", "## Förinställningar", ""]
    for preset in PRESETS.values():
        rules = ", ".join(f"{r} ({s.value})" for r, s in preset.severities.items())
        out.append(f"- **{preset.name}** – {preset.title} ({preset.source}): {rules}.")
    for rule in ordered_rules():
        out += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.title}.** {rule.explanation}",
            "",
            f"Källa: {rule.source} ({rule.source_version}). Klass: {rule.rule_class.label}. "
            f"Allvarlighet: {severity_text(rule.severity)}. Gäller {rule.applies_where}.",
            "",
            "```",
            rule.example,
            "```",
        ]
    return "\n".join(out) + "\n"
