"""A läsår is judged by the law in force then.

Sources: domain.md (skollagen 2 kap. 8 a §, skolchef, in force from 1 July 2018; the 2022
wording of 4 kap. 3 § requiring an analysis of causes, prop. 2021/22:160). A kommun that
moves older documentation into git must not get law errors for duties that did not exist.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.rules.catalog import rules_by_id
from tests.conftest import replace_in, rule_messages

ORGANISER = "plans/huvudman.yaml"
REPORT = "plans/2025-26/kvalitetsrapport.md"


def test_no_skolchef_duty_before_july_2018(repo: Path) -> None:
    replace_in(repo, ORGANISER, "omfattning: [alla]", "omfattning: [grundskola]")
    before = rule_messages(repo, "SL2-8a-skolchef", "2017/18", dt.date(2018, 6, 1))
    assert before == []
    after = rule_messages(repo, "SL2-8a-skolchef", "2018/19", dt.date(2019, 6, 1))
    assert [m for _, _, m in after] == [
        "Ingen skolchef är utsedd för förskoleklass och fritidshem."
    ]
    # Remedied: the skolchef covers every skolform.
    replace_in(repo, ORGANISER, "omfattning: [grundskola]", "omfattning: [alla]")
    assert rule_messages(repo, "SL2-8a-skolchef", "2018/19", dt.date(2019, 6, 1)) == []


def test_the_2022_analysis_duty_applies_from_its_läsår(repo: Path) -> None:
    report_2021 = "plans/2021-22/kvalitetsrapport.md"
    text = (repo / REPORT).read_text(encoding="utf-8")
    text = text.replace("Nedgången beror sannolikt på att lästiden minskat.", "<!-- -->")
    target = repo / report_2021
    target.parent.mkdir(parents=True)
    target.write_text(text.replace("2026-09-20", "2022-09-20"), encoding="utf-8")
    assert rule_messages(repo, "SL4-3-analys", "2021/22", dt.date(2022, 10, 1)) == []
    (repo / REPORT).write_text(text, encoding="utf-8")
    assert [m for _, _, m in rule_messages(repo, "SL4-3-analys")] == ["Avsnittet Analys är tomt."]


def test_rules_show_their_period() -> None:
    rules = rules_by_id()
    assert rules["SL2-8a-skolchef"].validity == "från 2018-07-01"
    assert rules["SL4-3-analys"].validity == "från 2022-07-01"
    assert rules["SL4-8-klagomalsrutin"].validity == "alla läsår"
