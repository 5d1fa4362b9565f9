"""A läsår is judged against the curriculum in force then.

Sources: Skolverket, "Reviderad läroplan för förskolan" (Lpfö 18 in force 1 July 2019);
Lpfö 98 rev. 2016's headings as preschools publish them, and rev. 2010's in Skolverket's
English translation; Lgr22 from 1 July 2022; the anpassade skolformerna's names from
2 July 2023 (Skolverket, "Nya namn på vissa skolformer samt stärkt utbildning").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ska.model.curriculum import GoalArea, SchoolForm, area_heading, areas_for, judged_on
from ska.model.headings import DEFAULT
from ska.model.types import SchoolYear
from tests.conftest import findings, replace_in, rule_messages, write

UNIT = "units/ekorren/enhet.yaml"
ADAPTED_UPPER = SchoolForm.ADAPTED_UPPER_SECONDARY


@pytest.mark.parametrize(
    ("year", "form", "name"),
    [
        ("2015/16", SchoolForm.PRESCHOOL, "Lpfö 98 (reviderad 2010)"),
        ("2018/19", SchoolForm.PRESCHOOL, "Lpfö 98 (reviderad 2016)"),
        ("2019/20", SchoolForm.PRESCHOOL, "Lpfö 18"),
        ("2021/22", SchoolForm.COMPULSORY, "Lgr11"),
        ("2022/23", SchoolForm.COMPULSORY, "Lgr22"),
        ("2022/23", SchoolForm.ADAPTED_COMPULSORY, "Läroplan för grundsärskolan (Lgrsär22)"),
        ("2023/24", SchoolForm.ADAPTED_COMPULSORY, "Läroplan för anpassade grundskolan"),
        ("2022/23", ADAPTED_UPPER, "Läroplan för gymnasiesärskolan (Lgysär13)"),
        ("2025/26", ADAPTED_UPPER, "Läroplan för anpassade gymnasieskolan"),
    ],
)
def test_the_curriculum_of_a_läsår(year: str, form: SchoolForm, name: str) -> None:
    assert form.curriculum_on(judged_on(SchoolYear.parse(year))).name == name


def test_lpfö_98_has_its_own_headings_and_no_preschool_teacher_area() -> None:
    before = judged_on(SchoolYear.parse("2018/19"))
    forms = [SchoolForm.PRESCHOOL]
    assert area_heading(GoalArea.KNOWLEDGE, forms, before) == "Utveckling och lärande"
    assert area_heading(GoalArea.INFLUENCE, forms, before) == "Barns inflytande"
    assert area_heading(GoalArea.PRINCIPAL, forms, before) == "Förskolechefens ansvar"
    assert area_heading(GoalArea.KNOWLEDGE, forms) == "Omsorg, utveckling och lärande"
    assert GoalArea.PRESCHOOL_TEACHER not in areas_for(forms, before)
    assert GoalArea.PRESCHOOL_TEACHER in areas_for(forms)
    # Rev. 2010 named the transition area after the forms it works with.
    assert (
        area_heading(GoalArea.TRANSITION, forms, dt.date(2015, 6, 30))
        == "Samverkan med förskoleklassen, skolan och fritidshemmet"
    )
    # Every version's headings are headings of a report's results.
    assert DEFAULT.role("Utveckling och lärande") == "resultat"


def _preschool(repo: Path) -> None:
    replace_in(
        repo,
        "plans/huvudman.yaml",
        "skolformer: [förskoleklass, grundskola, fritidshem]",
        "skolformer: [förskola, förskoleklass, grundskola, fritidshem]",
    )
    write(
        repo,
        UNIT,
        "namn: Förskolan Ekorren\ntyp: förskoleenhet\nskolformer: [förskola]\nrektor: Eva Berg\n",
    )


def _report(repo: Path, folder: str, day: str) -> str:
    path = f"units/ekorren/{folder}/kvalitetsrapport.md"
    write(
        repo,
        path,
        f"---\nansvarig: Eva Berg\ndatum: {day}\nstatus: klar\n---\n"
        "# Kvalitetsrapport\n\n## Resultat\n"
        "Barnen känner sig trygga. Barnens inflytande över leken har ökat. "
        "Vårdnadshavarna är nöjda. Övergången till förskoleklassen fungerade.\n\n"
        "## Analys\nFörändringen beror på att arbetslagen planerat tillsammans.\n",
    )
    return path


def test_a_report_is_read_against_its_läsårs_curriculum(repo: Path) -> None:
    _preschool(repo)
    old = _report(repo, "2018-19", "2019-06-20")
    assert rule_messages(repo, "AR-uppf-malomraden", "2018/19", dt.date(2019, 8, 15)) == [
        (old, 8, "Rapporten följer inte upp målområdet 'Utveckling och lärande'.")
    ]
    new = _report(repo, "2019-20", "2020-06-20")
    assert rule_messages(repo, "AR-uppf-malomraden", "2019/20", dt.date(2020, 8, 15)) == [
        (new, 8, "Rapporten följer inte upp målområdet 'Omsorg, utveckling och lärande'.")
    ]
    # The Lpfö 98 heading follows the area up in 2018/19.
    replace_in(repo, old, "Barnen känner", "Utveckling och lärande: barnen känner")
    assert rule_messages(repo, "AR-uppf-malomraden", "2018/19", dt.date(2019, 8, 15)) == []


def test_an_area_lpfö_98_did_not_have_is_refused_in_its_läsår(repo: Path) -> None:
    _preschool(repo)
    plan = (
        "ansvarig: Eva Berg\ndatum: {day}\nprioriterade_målområden:\n"
        "  - målområde: förskollärares_ansvar\n    motivering: Undervisningen behöver stärkas.\n"
        "    åtaganden:\n      - id: undervisning\n        beskrivning: Planerad undervisning.\n"
        "        tänkta_effekter: [Mer undervisning.]\n        aktiviteter:\n"
        "          - beskrivning: Gemensam planering.\n"
        "            förväntat_resultat: Tydligare undervisning.\n"
    )
    old = "units/ekorren/2018-19/utvecklingsplan.yaml"
    new = "units/ekorren/2019-20/utvecklingsplan.yaml"
    write(repo, old, plan.format(day="2018-09-10"))
    write(repo, new, plan.format(day="2019-09-10"))
    found = [f for f in findings(repo, old, new) if f.rule == "REF-målområde"]
    assert [(f.path, f.message) for f in found] == [
        (
            old,
            "Målområdet 'förskollärares_ansvar' finns inte i läroplanen för enhetens "
            "skolformer (Lpfö 98 (reviderad 2016)).",
        )
    ]
