"""Allmänna-råd rules: warnings, each passing on the minimal repository and failing on a change."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ska.checks.base import RuleClass
from ska.findings import Severity
from ska.rules.catalog import rules_by_id
from tests.conftest import replace_in, rule_findings, rule_messages, write

HUVUDMAN_REPORT = "plans/2025-26/kvalitetsrapport.md"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
LÄSLYFTET = "plans/insatser/läslyftet.yaml"
FIXARE = "units/testskolan/insatser/testskolan-läsfixare.yaml"
RESULTS = "units/testskolan/2025-26/resultat/screening.csv"
ADVICE = sorted(r for r, rule in rules_by_id().items() if rule.rule_class is RuleClass.ADVICE)


@pytest.mark.parametrize("rule_id", ADVICE)
def test_minimal_repository_passes_every_advice_rule(repo: Path, rule_id: str) -> None:
    assert rule_findings(repo, rule_id) == []


def test_advice_rules_are_warnings(repo: Path) -> None:
    assert {rules_by_id()[r].severity for r in ADVICE} == {Severity.WARNING}
    (repo / "plans/arshjul.yaml").unlink()
    assert [f.severity for f in rule_findings(repo, "AR-dialog-huvudman-rektor")] == ["varning"]


def test_responsibilities(repo: Path) -> None:
    replace_in(
        repo,
        "plans/huvudman.yaml",
        "ansvarsfördelning:\n  huvudman: [Efterfrågar enheternas analyser och fördelar resurser "
        "efter behov.]\n  rektor: [Leder kvalitetsarbetet på enheten.]\n",
        "",
    )
    assert rule_messages(repo, "AR-ansvarsfordelning") == [
        (
            "plans/huvudman.yaml",
            2,
            "Planen beskriver inte ansvarsfördelningen i kvalitetsarbetet.",
        )
    ]


def test_participation_forms(repo: Path) -> None:
    replace_in(repo, HUVUDMAN_REPORT, "  vårdnadshavare: Vårdnadshavarenkäten.\n", "")
    assert rule_messages(repo, "AR-delaktighet-former") == [
        (HUVUDMAN_REPORT, 5, "Rapporten beskriver inte hur vårdnadshavarna deltog.")
    ]


def test_participation_names_instruments(repo: Path) -> None:
    replace_in(repo, HUVUDMAN_REPORT, "Elevenkätens resultat per enhet.", "Eleverna deltog.")
    replace_in(repo, HUVUDMAN_REPORT, "Vårdnadshavarenkäten.", "Vårdnadshavarna deltog.")
    assert rule_messages(repo, "AR-delaktighet-former") == [
        (
            HUVUDMAN_REPORT,
            5,
            "Delaktigheten nämner inga verktyg: enkäter, forum, råd eller dialoger.",
        )
    ]


def test_dialogue_in_the_calendar(repo: Path) -> None:
    replace_in(repo, "plans/arshjul.yaml", "    typ: dialog\n", "    typ: möte\n")
    assert rule_messages(repo, "AR-dialog-huvudman-rektor") == [
        ("plans/arshjul.yaml", 1, "Årshjulet har ingen dialog mellan huvudman och rektorer.")
    ]
    (repo / "plans/arshjul.yaml").unlink()
    assert rule_messages(repo, "AR-dialog-huvudman-rektor") == [
        (
            "plans/",
            None,
            "Det finns inget årshjul, så ingen dialog mellan huvudman och rektorer är planerad.",
        )
    ]


def test_what_why_how(repo: Path) -> None:
    replace_in(repo, HUVUDMAN_REPORT, "    insatser: [läslyftet]\n", "")
    assert rule_messages(repo, "AR-dok-vad-varfor-hur") == [
        (
            HUVUDMAN_REPORT,
            10,
            "Utvecklingsområdet 'läsförståelse' säger inte hur: ingen insats är kopplad.",
        )
    ]


def test_goal_areas_followed_up(repo: Path) -> None:
    replace_in(repo, REPORT, " Trygghet, inflytande,", " Inflytande,")
    assert rule_messages(repo, "AR-uppf-malomraden") == [
        (REPORT, 24, "Rapporten följer inte upp målområdet 'Normer och värden'.")
    ]


def test_prioritised_area_counts_as_followed_up(repo: Path) -> None:
    replace_in(repo, REPORT, "omvärlden och betygen följs", "omvärlden följs")
    assert rule_messages(repo, "AR-uppf-malomraden") == [
        (REPORT, 24, "Rapporten följer inte upp målområdet 'Bedömning och betyg'.")
    ]
    replace_in(
        repo,
        PLAN,
        "uppföljningar:",
        "  - målområde: bedömning_och_betyg\n    motivering: Samsyn.\n    åtaganden:\n"
        "      - id: sambedömning\n        beskrivning: Sambedömning.\n"
        "        tänkta_effekter: [Likvärdiga betyg.]\n        aktiviteter:\n"
        "          - beskrivning: Sambedömning av NP.\n"
        "            förväntat_resultat: Samsyn.\nuppföljningar:",
    )
    assert rule_messages(repo, "AR-uppf-malomraden") == []


def test_conditions_followed_up(repo: Path) -> None:
    replace_in(repo, HUVUDMAN_REPORT, " Organisationen och lärmiljön är oförändrade.", "")
    assert rule_messages(repo, "AR-uppf-forutsattningar") == [
        (
            HUVUDMAN_REPORT,
            18,
            "Uppföljningen av förutsättningarna tar inte upp organisation och lärmiljö eller "
            "resurstilldelning (ska letade efter t.ex. organisation: 'organisation', "
            "'skolenheter', 'avdelningar'; lärmiljö eller resurstilldelning: 'lärmiljö', "
            "'lokaler', 'resurser').",
        )
    ]


def test_conditions_are_recognised_in_ordinary_swedish(repo: Path) -> None:
    replace_in(
        repo,
        HUVUDMAN_REPORT,
        " Organisationen och lärmiljön är oförändrade.",
        " Grundskolan är organiserad i 58 skolenheter och lokalerna är ändamålsenliga.",
    )
    assert rule_messages(repo, "AR-uppf-forutsattningar") == []


def test_results_split_by_gender(repo: Path) -> None:
    replace_in(repo, RESULTS, "Trygghetsindex,vt2026,alla,flickor,,19,4.3\n", "")
    replace_in(repo, RESULTS, "Trygghetsindex,vt2026,alla,pojkar,,21,4.1\n", "")
    assert rule_messages(repo, "AR-uppf-grupper") == [
        (
            RESULTS,
            5,
            "'Trygghetsindex' för alla vt2026 är inte uppdelat på flickor och pojkar "
            "(40 i gruppen).",
        )
    ]


def test_small_or_unsplittable_groups_are_not_asked_to_split(repo: Path) -> None:
    write(
        repo,
        RESULTS,
        "mått,termin,grupp,kön,antal,totalt\nSvarsfrekvens vårdnadshavare,vt2026,alla,alla,30,45\n",
    )
    assert rule_messages(repo, "AR-uppf-grupper") == []


def test_organiser_compares_units(repo: Path) -> None:
    shutil.copytree(repo / "units/testskolan", repo / "units/andraskolan")
    replace_in(repo, "units/andraskolan/enhet.yaml", "namn: Testskolan", "namn: Andraskolan")
    replace_in(repo, "units/andraskolan/enhet.yaml", '"39671234"', '"39671235"')
    assert rule_messages(repo, "AR-uppf-grupper") == [
        (HUVUDMAN_REPORT, 21, "Huvudmannens rapport jämför inte enheterna med varandra.")
    ]
    assert rule_messages(repo, "AR-huvudman-underlag-enheter") == [
        (HUVUDMAN_REPORT, 18, "Rapporten nämner inte Andraskolan.")
    ]
    replace_in(repo, HUVUDMAN_REPORT, "På Testskolan har", "På Testskolan och Andraskolan har")
    assert rule_messages(repo, "AR-uppf-grupper") == []
    assert rule_messages(repo, "AR-huvudman-underlag-enheter") == []


def test_trend_over_years(repo: Path) -> None:
    replace_in(repo, REPORT, "Ökningen jämfört med förra läsåret beror", "Ökningen beror")
    assert rule_messages(repo, "AR-analys-trend") == [
        (
            REPORT,
            27,
            "Analysen jämför inte med tidigare läsår, och resultaten har färre än tre terminer.",
        )
    ]
    replace_in(repo, REPORT, "Ökningen beror", "Ökningen sedan 2024/25 beror")
    assert rule_messages(repo, "AR-analys-trend") == []


def test_trend_from_three_terms_of_results(repo: Path) -> None:
    replace_in(repo, REPORT, "Ökningen jämfört med förra läsåret beror", "Ökningen beror")
    csv = "mått,termin,grupp,kön,antal,totalt\n"
    write(repo, RESULTS, csv + "Läsflyt,ht2025,åk 2,alla,26,40\nLäsflyt,vt2026,åk 2,alla,30,40\n")
    write(
        repo,
        "units/testskolan/2024-25/resultat/screening.csv",
        csv + "Läsflyt,vt2025,åk 2,alla,20,38\n",
    )
    assert rule_messages(repo, "AR-analys-trend") == []


def test_initiative_complete(repo: Path) -> None:
    replace_in(repo, FIXARE, "period: {start: 2025-08, slut: 2026-06}", "period: {start: 2025-08}")
    assert rule_messages(repo, "AR-insats-komplett") == [
        (FIXARE, 1, "Insatsen 'testskolan-läsfixare' saknar slutdatum (period.slut).")
    ]


def test_initiative_fields_and_severity_from_the_svenljunga_preset(repo: Path) -> None:
    replace_in(repo, FIXARE, "period: {start: 2025-08, slut: 2026-06}", "period: {start: 2025-08}")
    write(repo, "ska.yaml", "förinställningar: [svenljunga]\n")
    assert rule_messages(repo, "AR-insats-komplett") == []  # Syfte/Mål/Åtgärder only
    replace_in(repo, FIXARE, "syfte: Fler elever läser varje dag.", "syfte: '-'")
    findings = rule_findings(repo, "AR-insats-komplett")
    assert [(f.severity, f.message) for f in findings] == [
        (Severity.ERROR, "Insatsen 'testskolan-läsfixare' saknar syfte.")
    ]


def test_last_years_initiatives_followed_up(repo: Path) -> None:
    write(
        repo,
        "plans/insatser/gammal.yaml",
        "titel: Gammal\nsyfte: Något.\nmål: [Något.]\nåtgärder: [Något.]\nansvarig: rektor\n"
        "verksamhetsformer: [grundskola]\nläroplansområden: [kunskaper]\n"
        "period: {start: 2024-08, slut: 2025-06}\nstatus: avslutad\n"
        "uppföljning:\n  metod: Enkät.\n  genomförd:\n    - datum: 2025-06-01\n"
        "      text: Halvvägs.\n",
    )
    assert rule_messages(repo, "AR-insats-uppfoljd", today=dt.date(2026, 3, 1)) == []
    assert rule_messages(repo, "AR-insats-uppfoljd") == [
        (
            "plans/insatser/gammal.yaml",
            10,
            "Insatsen 'gammal' pågick läsåret 2024/25 men följdes inte upp under läsåret 2025/26.",
        )
    ]
    replace_in(
        repo,
        "plans/insatser/gammal.yaml",
        "status: avslutad",
        "status: avslutad\neffekt: Fler läser.",
    )
    assert rule_messages(repo, "AR-insats-uppfoljd") == []


def test_complaints_routine_steps_and_compilation(repo: Path) -> None:
    replace_in(repo, "plans/klagomalsrutin.md", " Utredningen är opartisk.", "")
    replace_in(
        repo, HUVUDMAN_REPORT, "4 klagomål kom in under läsåret. Tre", "Några klagomål; de flesta"
    )
    assert rule_messages(repo, "AR-klagomal-innehall-analys") == [
        (HUVUDMAN_REPORT, 28, "Avsnittet Klagomål sammanställer inte klagomålen med antal."),
        ("plans/klagomalsrutin.md", None, "Rutinen beskriver inte opartiskhet."),
    ]
