"""Presets and `ska.yaml`: which rules run, how hard, and accepted exceptions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import ska.rules.catalog  # noqa: F401  (registers every rule)
from ska.checks.base import RuleClass
from ska.findings import Severity
from ska.load.repository import Repository
from ska.model.settings import Settings
from ska.model.types import SchoolYear
from ska.rules.catalog import rules_by_id
from ska.rules.config import resolve
from ska.rules.presets import PRESETS
from ska.rules.run import RuleRun, run_rules
from tests.conftest import AFTER_YEAR, write

SETTINGS = {f.name for f in dataclasses.fields(Settings)}
CONTROL = "LOK-internkontroll"


def run(root: Path, today: dt.date = AFTER_YEAR) -> RuleRun:
    return run_rules(Repository(root), SchoolYear.parse("2025/26"), today)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_names_only_existing_rules(name: str) -> None:
    preset = PRESETS[name]
    assert preset.name == name
    assert set(preset.severities) <= set(rules_by_id())
    assert set(preset.settings) <= SETTINGS
    dataclasses.replace(Settings(), **preset.settings)  # type: ignore[arg-type]


def test_local_rules_are_off_unless_a_preset_enables_them() -> None:
    local = {r.id for r in rules_by_id().values() if r.rule_class is RuleClass.LOCAL}
    assert local >= {
        "LOK-dokumentmetadata",
        "LOK-arshjul-aktiviteter",
        "LOK-deadline-enhetsrapport",
        "LOK-prioriterade-omraden",
        "LOK-internkontroll",
    }
    assert all(rules_by_id()[rule_id].severity is None for rule_id in local)
    enabled = {rule_id for p in PRESETS.values() for rule_id in p.severities}
    assert local <= enabled


def test_required_events_are_usable() -> None:
    for preset in PRESETS.values():
        for event in preset.settings.get("required_events", ()):  # type: ignore[attr-defined]
            assert event.words
            assert all(word == word.casefold() for word in event.words)
            assert all(1 <= m <= 12 for choice in event.months for m in choice)


def test_unknown_preset(repo: Path) -> None:
    write(repo, "ska.yaml", "förinställningar: [vetlnda]\n")
    [finding] = [f for f in run(repo).findings if f.rule == "KONFIG-förinställning"]
    assert (finding.path, finding.line, finding.severity, finding.message, finding.hint) == (
        "ska.yaml",
        1,
        Severity.ERROR,
        "Förinställningen 'vetlnda' finns inte.",
        "Menade du 'vetlanda'?",
    )


def test_preset_enables_rules_and_sets_settings(repo: Path) -> None:
    write(repo, "ska.yaml", "förinställningar: [vetlanda]\n")
    resolved, findings = resolve(Repository(repo), AFTER_YEAR)
    assert findings == []
    assert resolved.presets == ["vetlanda"]
    assert resolved.severities["LOK-prioriterade-omraden"] is Severity.ERROR
    assert resolved.severities[CONTROL] is None
    # The läsårsrapport is only begun by the resultatdialog: no 1 May deadline.
    assert resolved.settings.report_deadline == "30 juni"
    assert len(resolved.settings.required_events) == 6


def test_vaggeryd_asks_for_the_units_egenkontroll(repo: Path) -> None:
    """The rektor's hygiene self-check is a warning under vaggeryd, off elsewhere: the
    example kommun answered it in time and passes; without it, it fails after 31 October."""
    write(repo, "ska.yaml", "förinställningar: [vaggeryd]\n")
    resolved, _ = resolve(Repository(repo), AFTER_YEAR)
    assert resolved.severities["LOK-egenkontroll"] is Severity.WARNING
    assert resolved.settings.self_check_deadline == "31 oktober"
    assert [f for f in run(repo).findings if f.rule == "LOK-egenkontroll"] == []
    (repo / "units/testskolan/2025-26/egenkontroll.yaml").unlink()
    [finding] = [f for f in run(repo).findings if f.rule == "LOK-egenkontroll"]
    assert (finding.severity, finding.path) == (Severity.WARNING, "units/testskolan/2025-26/")
    for name in ("svenljunga", "vetlanda"):
        write(repo, "ska.yaml", f"förinställningar: [{name}]\n")
        assert resolve(Repository(repo), AFTER_YEAR)[0].severities["LOK-egenkontroll"] is None


def test_own_settings_beat_the_preset(repo: Path) -> None:
    write(
        repo,
        "ska.yaml",
        "förinställningar: [vetlanda]\ninställningar:\n  rapport_senast: 30 juni\n"
        "  max_prioriterade_områden: 2\n",
    )
    resolved, _ = resolve(Repository(repo), AFTER_YEAR)
    assert resolved.settings.report_deadline == "30 juni"
    assert resolved.settings.max_priorities == 2


def test_override_beats_the_preset(repo: Path) -> None:
    write(repo, "ska.yaml", "förinställningar: [vaggeryd]\n")
    [finding] = [f for f in run(repo).findings if f.rule == CONTROL]
    assert finding.severity is Severity.WARNING
    write(repo, "ska.yaml", "förinställningar: [vaggeryd]\nregler: {LOK-internkontroll: fel}\n")
    [finding] = [f for f in run(repo).findings if f.rule == CONTROL]
    assert finding.severity is Severity.ERROR
    write(repo, "ska.yaml", "förinställningar: [vaggeryd]\nregler: {LOK-internkontroll: av}\n")
    assert [f for f in run(repo).findings if f.rule == CONTROL] == []


def test_a_rule_can_be_enabled_without_a_preset(repo: Path) -> None:
    write(repo, "ska.yaml", "regler: {LOK-internkontroll: info}\n")
    [finding] = [f for f in run(repo).findings if f.rule == CONTROL]
    assert finding.severity is Severity.INFO


def test_unknown_rule_in_regler(repo: Path) -> None:
    write(repo, "ska.yaml", "regler:\n  LOK-internkontrol: fel\n")
    [finding] = [f for f in run(repo).findings if f.rule == "KONFIG-regel"]
    assert (finding.path, finding.line, finding.message, finding.hint) == (
        "ska.yaml",
        2,
        "Regeln 'LOK-internkontrol' finns inte.",
        "Menade du 'LOK-internkontroll'?",
    )


EXCEPTION = """\
förinställningar: [vaggeryd]
undantag:
  - regel: LOK-internkontroll
    skäl: Planen för 2025 beslutades på papper, före arbetet i git.
    gäller_till: {until}
"""


def test_exception_moves_the_finding_to_accepted(repo: Path) -> None:
    write(repo, "ska.yaml", EXCEPTION.format(until="2026-12-31"))
    result = run(repo)
    assert [f for f in result.findings if f.rule.startswith(("LOK", "KONFIG"))] == []
    [accepted] = result.accepted
    assert (accepted.finding.rule, accepted.finding.path, accepted.finding.message) == (
        CONTROL,
        "plans/internkontroll/",
        "Internkontrollplan för 2025 saknas.",
    )
    assert accepted.exception.until == dt.date(2026, 12, 31)


def test_exception_for_another_file_does_not_apply(repo: Path) -> None:
    write(
        repo,
        "ska.yaml",
        EXCEPTION.format(until="2026-12-31") + "    fil: plans/internkontroll/2026.yaml\n",
    )
    result = run(repo)
    assert result.accepted == []
    assert [(f.rule, f.path) for f in result.findings if f.rule.startswith(("LOK", "KONFIG"))] == [
        (CONTROL, "plans/internkontroll/"),
        ("KONFIG-undantag-onödigt", "ska.yaml"),
    ]


def test_expired_exception(repo: Path) -> None:
    write(repo, "ska.yaml", EXCEPTION.format(until="2026-06-30"))
    result = run(repo)
    assert result.accepted == []
    found = [
        (f.rule, f.path, f.line, f.severity, f.message)
        for f in result.findings
        if f.rule.startswith(("LOK", "KONFIG"))
    ]
    assert found == [
        (
            CONTROL,
            "plans/internkontroll/",
            None,
            Severity.WARNING,
            "Internkontrollplan för 2025 saknas.",
        ),
        (
            "KONFIG-undantag-utgånget",
            "ska.yaml",
            5,
            Severity.WARNING,
            "Undantaget från LOK-internkontroll gällde till 2026-06-30 och har gått ut.",
        ),
    ]
