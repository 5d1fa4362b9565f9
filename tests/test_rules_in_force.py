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
    # Skollagen (2010:800) applied from 1 July 2011; the KAA register from 2015.
    assert rules["SL4-8-klagomalsrutin"].validity == "från 2011-07-01"
    assert rules["KAA-29-9"].validity == "från 2015-01-01"
    assert rules["KAA-29-9-scb"].validity == "från 2015-01-01"
    assert rules["AR-uppf-malomraden"].validity == "alla läsår"


def test_the_kaa_register_and_its_reports_start_in_2015(repo: Path) -> None:
    """SCB's survey page: the register is kept, and reported per half-year, from
    1 January 2015. The läsår 2014/15 needs the register for 2015 only, and the
    report of its first half-year."""
    for year in (2025, 2026):
        (repo / f"plans/kaa/{year}.yaml").unlink()
    before = rule_messages(repo, "KAA-29-9", "2013/14", dt.date(2014, 8, 15))
    assert before == []
    assert [m for _, _, m in rule_messages(repo, "KAA-29-9", "2014/15", dt.date(2015, 8, 15))] == [
        "Dokumentationen av det kommunala aktivitetsansvaret för 2015 saknas."
    ]
    (repo / "plans/kaa/2015.yaml").write_text(
        "ansvarig: utvecklingsledare\nregister: Registret förs i elevregistret.\n"
        "kontaktarbete: Vägledaren ringer varje ungdom.\nåtgärder: [Studieplan]\n",
        encoding="utf-8",
    )
    reported = rule_messages(repo, "KAA-29-9-scb", "2014/15", dt.date(2015, 8, 15))
    assert [m for _, _, m in reported] == ["Rapporteringen till SCB för halvår 1 2015 saknas."]
