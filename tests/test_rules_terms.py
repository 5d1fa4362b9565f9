"""Term rules: outdated terms in the läsår's documents and the standing plans."""

from __future__ import annotations

from pathlib import Path

from ska.findings import Severity
from tests.conftest import append, rule_findings, rule_messages

RULE = "TERM-foraldrade-begrepp"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"


def test_outdated_terms_pass(repo: Path) -> None:
    assert rule_messages(repo, RULE) == []


def test_outdated_terms_in_the_report(repo: Path) -> None:
    text = "Förskolechefen och grundsärskolan följer Lgr11 och Lpfö 98.\n"
    line = append(repo, REPORT, text)
    append(repo, "units/testskolan/2024-25/kvalitetsrapport.md", text)  # an earlier läsår
    found = rule_findings(repo, RULE)
    assert {f.severity for f in found} == {Severity.WARNING}
    assert [(f.path, f.line, f.column, f.message, f.hint) for f in found] == [
        (
            REPORT,
            line,
            1,
            "Föråldrat begrepp 'Förskolechefen'.",
            "Skriv rektor. Förskolans chef heter rektor sedan 2019.",
        ),
        (
            REPORT,
            line,
            20,
            "Föråldrat begrepp 'grundsärskolan'.",
            "Skriv anpassad grundskola. Grundsärskolan bytte namn till anpassad grundskola 2023.",
        ),
        (
            REPORT,
            line,
            42,
            "Föråldrat begrepp 'Lgr11'.",
            "Skriv Lgr22. Lgr22 gäller sedan 1 juli 2022.",
        ),
        (
            REPORT,
            line,
            52,
            "Föråldrat begrepp 'Lpfö 98'.",
            "Skriv Lpfö 18. Lpfö 18 gäller sedan 1 juli 2019.",
        ),
    ]


def test_skolchef_paragraph_in_the_standing_plan(repo: Path) -> None:
    line = append(
        repo,
        "plans/huvudman.yaml",
        "# Skolchef enligt 2 kap. 8 § skollagen.\n# Rätt: skollagen 2 kap. 8 a §.\n",
    )
    assert rule_messages(repo, RULE) == [
        ("plans/huvudman.yaml", line, "Föråldrat begrepp '2 kap. 8 §'.")
    ]


def test_other_outdated_terms(repo: Path) -> None:
    line = append(
        repo,
        "plans/2025-26/kvalitetsrapport.md",
        "Gymnasiesärskolan, särvux, kunskapskraven och skolplanen.\n",
    )
    assert [(f.line, f.column, f.message) for f in rule_findings(repo, RULE)] == [
        (line, 1, "Föråldrat begrepp 'Gymnasiesärskolan'."),
        (line, 20, "Föråldrat begrepp 'särvux'."),
        (line, 28, "Föråldrat begrepp 'kunskapskraven'."),
        (line, 47, "Föråldrat begrepp 'skolplanen'."),
    ]
