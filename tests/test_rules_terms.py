"""Term rules: outdated terms in the läsår's documents and the standing plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.findings import Severity
from ska.rules.catalog import rules_by_id
from ska.rules.docs import explanation
from tests.conftest import append, rule_findings, rule_messages, write

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
            "Skriv rektor. Förskolans chef heter rektor sedan 1 juli 2019.",
        ),
        (
            REPORT,
            line,
            20,
            "Föråldrat begrepp 'grundsärskolan'.",
            "Skriv anpassad grundskola. Grundsärskolan bytte namn till anpassad grundskola "
            "2 juli 2023.",
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


def _unit_report(repo: Path, folder: str, text: str) -> str:
    path = f"units/testskolan/{folder}/kvalitetsrapport.md"
    write(repo, path, f"---\nansvarig: Karin Alm\ndatum: 2019-06-20\n---\n{text}\n")
    return path


def test_a_term_is_outdated_only_once_its_replacement_applied(repo: Path) -> None:
    text = "Förskolechefen och Lpfö 98."
    _unit_report(repo, "2018-19", text)
    assert rule_messages(repo, RULE, "2018/19", dt.date(2019, 8, 15)) == []
    later = _unit_report(repo, "2019-20", text)
    assert rule_messages(repo, RULE, "2019/20", dt.date(2020, 8, 15)) == [
        (later, 5, "Föråldrat begrepp 'Förskolechefen'."),
        (later, 5, "Föråldrat begrepp 'Lpfö 98'."),
    ]


def test_särvux_had_two_successors(repo: Path) -> None:
    text = "Särvux och komvux som särskild utbildning."
    _unit_report(repo, "2019-20", text)
    assert rule_messages(repo, RULE, "2019/20", dt.date(2020, 8, 15)) == []
    between = _unit_report(repo, "2021-22", text)
    assert [
        (f.path, f.message, f.hint)
        for f in rule_findings(repo, RULE, "2021/22", dt.date(2022, 8, 15))
    ] == [
        (
            between,
            "Föråldrat begrepp 'Särvux'.",
            "Skriv komvux som särskild utbildning. Särvux blev en del av komvux som komvux "
            "som särskild utbildning 1 juli 2020.",
        )
    ]
    after = _unit_report(repo, "2023-24", text)
    assert [
        (f.message, f.hint.split(".")[0])
        for f in rule_findings(repo, RULE, "2023/24", dt.date(2024, 8, 15))
        if f.path == after
    ] == [
        ("Föråldrat begrepp 'Särvux'.", "Skriv komvux som anpassad utbildning"),
        (
            "Föråldrat begrepp 'komvux som särskild utbildning'.",
            "Skriv komvux som anpassad utbildning",
        ),
    ]


def test_a_standing_document_is_read_as_of_the_läsår_judged(repo: Path) -> None:
    line = append(repo, "plans/huvudman.yaml", "# Förskolecheferna leder förskolorna.\n")
    assert rule_messages(repo, RULE, "2018/19", dt.date(2019, 8, 15)) == []
    assert rule_messages(repo, RULE) == [
        ("plans/huvudman.yaml", line, "Föråldrat begrepp 'Förskolecheferna'.")
    ]


def test_forklara_lists_each_term_with_its_date() -> None:
    text = explanation(rules_by_id()[RULE])
    assert "förskolechef → rektor (från 2019-07-01)" in text
    assert "särvux → komvux som särskild utbildning (från 2020-07-01 till 2023-07-01)" in text
    assert "grundsärskola → anpassad grundskola (från 2023-07-02)" in text
