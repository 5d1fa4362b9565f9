"""Law rules: each passes on the minimal repository and fails on one precise change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ska.checks.base import RuleClass
from ska.rules.catalog import rules_by_id
from tests.conftest import findings, replace_in, rule_findings, rule_messages, write

HUVUDMAN_REPORT = "plans/2025-26/kvalitetsrapport.md"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
UNIT = "units/testskolan/enhet.yaml"
LÄSLYFTET = "plans/insatser/läslyftet.yaml"
FIXARE = "units/testskolan/insatser/testskolan-läsfixare.yaml"
DURING_YEAR = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    "rule_id", sorted(r for r, rule in rules_by_id().items() if rule.rule_class is RuleClass.LAW)
)
def test_minimal_repository_passes_every_law_rule(repo: Path, rule_id: str) -> None:
    assert [f for f in rule_findings(repo, rule_id) if f.severity != "info"] == []


# SL4-3-planering ----------------------------------------------------------------------


def test_planning_needs_goals_or_an_initiative(repo: Path) -> None:
    replace_in(repo, "plans/mal.yaml", "  från: 2026\n  till: 2028", "  från: 2027\n  till: 2028")
    assert rule_messages(repo, "SL4-3-planering") == []  # läslyftet still runs in 2026
    replace_in(repo, LÄSLYFTET, "start: 2026-01, slut: 2026-12", "start: 2027-01, slut: 2027-12")
    assert rule_messages(repo, "SL4-3-planering") == [
        (
            "plans/",
            None,
            "Huvudmannen har ingen planering för läsåret 2025/26: inga av nämndens mål "
            "gäller perioden och ingen insats på huvudmannanivå pågår.",
        )
    ]


# SL4-3-uppfoljning ----------------------------------------------------------------------


def test_follow_up_report_missing_once_its_day_has_passed(repo: Path) -> None:
    """Due when the årshjul says, else by 30 September after the läsår (this årshjul
    does not date it)."""
    (repo / HUVUDMAN_REPORT).unlink()
    assert rule_messages(repo, "SL4-3-uppfoljning", today=DURING_YEAR) == []
    assert rule_messages(repo, "SL4-3-uppfoljning", today=dt.date(2026, 9, 30)) == []
    assert rule_messages(repo, "SL4-3-uppfoljning", today=dt.date(2026, 10, 1)) == [
        (
            "plans/2025-26/",
            None,
            "Huvudmannens kvalitetsrapport för läsåret 2025/26 saknas; sista dag var 2026-09-30.",
        )
    ]


def test_follow_up_covers_every_school_form(repo: Path) -> None:
    replace_in(repo, HUVUDMAN_REPORT, "I förskoleklassen och fritidshemmet är", "I övrigt är")
    assert rule_messages(repo, "SL4-3-uppfoljning") == [
        (HUVUDMAN_REPORT, 21, "Uppföljningen tar inte upp förskoleklass och fritidshem.")
    ]


def test_follow_up_section_empty(repo: Path) -> None:
    replace_in(
        repo,
        HUVUDMAN_REPORT,
        "På Testskolan har resultaten i svenska sjunkit i grundskolan. I förskoleklassen och "
        "fritidshemmet är\nresultaten oförändrade.",
        "<!-- Skriv resultaten här. -->",
    )
    assert rule_messages(repo, "SL4-3-uppfoljning") == [
        (HUVUDMAN_REPORT, 21, "Avsnittet Resultat är tomt.")
    ]


# SL4-3-analys and SL4-3-analys-orsaker --------------------------------------------------


def test_analysis_section_empty(repo: Path) -> None:
    replace_in(repo, HUVUDMAN_REPORT, "Nedgången beror sannolikt på att lästiden minskat.", "")
    assert rule_messages(repo, "SL4-3-analys") == [
        (HUVUDMAN_REPORT, 25, "Avsnittet Analys är tomt.")
    ]


def test_causes_in_ordinary_swedish_are_recognised(repo: Path) -> None:
    for phrase in (
        "Nedgången bedöms vara en effekt av att lästiden minskat.",
        "Bristen på vikarier har påverkat lästiden.",
        "Nedgången hänger samman med att lästiden minskat.",
    ):
        replace_in(
            repo, HUVUDMAN_REPORT, "Nedgången beror sannolikt på att lästiden minskat.", phrase
        )
        found = [f.message for f in rule_findings(repo, "SL4-3-analys-orsaker")]
        assert not any("orsaker" in m for m in found), (phrase, found)
        replace_in(
            repo, HUVUDMAN_REPORT, phrase, "Nedgången beror sannolikt på att lästiden minskat."
        )


def test_analysis_without_causes_or_too_short(repo: Path) -> None:
    replace_in(
        repo,
        HUVUDMAN_REPORT,
        "Nedgången beror sannolikt på att lästiden minskat.",
        "Det gick sämre.",
    )
    (repo / "ska.yaml").unlink()  # back to the default of 150 words
    findings = rule_findings(repo, "SL4-3-analys-orsaker")
    assert [(f.path, f.line, f.severity, f.message) for f in findings] == [
        (HUVUDMAN_REPORT, 25, "varning", "Analysen är kort (3 ord, minst 150 väntas)."),
        (
            HUVUDMAN_REPORT,
            25,
            "varning",
            "Analysen uttrycker inga orsaker (ska letade efter uttryck som 'beror på', 'en "
            "effekt av', 'hänger samman med', 'har påverkat', 'eftersom').",
        ),
        (REPORT, 27, "varning", "Analysen är kort (11 ord, minst 150 väntas)."),
    ]


# SL4-3-insatser and SL4-3-insatser-grund ------------------------------------------------


def test_initiatives_at_organiser_level(repo: Path) -> None:
    replace_in(repo, LÄSLYFTET, "start: 2026-01, slut: 2026-12", "start: 2024-01, slut: 2025-06")
    assert rule_messages(repo, "SL4-3-insatser") == [
        ("plans/insatser/", None, "Ingen insats på huvudmannanivå pågår under läsåret 2025/26.")
    ]


def test_initiative_grounds(repo: Path) -> None:
    replace_in(repo, LÄSLYFTET, "grundas_på: [läsförståelse]", "grundas_på: [läsförståelsen]")
    replace_in(repo, FIXARE, "grundas_på: [läsning-2025-26]\n", "")
    assert rule_messages(repo, "SL4-3-insatser-grund") == [
        (
            LÄSLYFTET,
            10,
            "grundas_på hänvisar till 'läsförståelsen', som inte är ett utvecklingsområde i "
            "någon kvalitetsrapport.",
        ),
        (FIXARE, 1, "Insatsen 'testskolan-läsfixare' anger inte vilken analys den bygger på."),
    ]
    assert rule_findings(repo, "SL4-3-insatser-grund")[0].hint == "Menade du 'läsförståelse'?"


# SL4-7-brist-atgard --------------------------------------------------------------------


def test_deficiency_needs_an_action_after_the_grace_period(repo: Path) -> None:
    replace_in(
        repo,
        PLAN,
        "    text: Lästiden genomförs i alla klasser; screeningen i december visar ökning.\n",
        "    text: Lästiden genomförs bara i hälften av klasserna.\n    brist: ja\n",
    )
    assert rule_messages(repo, "SL4-7-brist-atgard", today=dt.date(2025, 12, 1)) == []
    assert rule_messages(repo, "SL4-7-brist-atgard") == [
        (PLAN, 19, "Bristen som noterades 2025-11-20 har ingen åtgärd.")
    ]
    replace_in(
        repo,
        PLAN,
        "    brist: ja\n",
        "    brist: ja\n    åtgärd: {beskrivning: Lästid följs upp., ansvarig: rektor, "
        "klart: 2025-12-20}\n",
    )
    assert rule_messages(repo, "SL4-7-brist-atgard") == []


def test_internal_control_deviation_needs_an_action(repo: Path) -> None:
    replace_in(
        repo,
        "plans/internkontroll/2026.yaml",
        "    åtgärd: {beskrivning: Rutinen gås igenom med EHT., ansvarig: rektor, "
        "klart: 2026-05-01}\n",
        "",
    )
    assert rule_messages(repo, "SL4-7-brist-atgard") == [
        ("plans/internkontroll/2026.yaml", 13, "Bristen som noterades 2026-03-20 har ingen åtgärd.")
    ]


# SL4-8-klagomalsrutin -------------------------------------------------------------------


def test_complaints_routine_missing(repo: Path) -> None:
    (repo / "plans/klagomalsrutin.md").unlink()
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == [
        ("plans/", None, "Huvudmannen har ingen skriftlig rutin för klagomål.")
    ]


def test_complaints_routine_not_published(repo: Path) -> None:
    write(
        repo,
        "plans/klagomalsrutin.md",
        "---\ntitel: Rutin\nbeslut: {organ: BUN, datum: 2024-02-20, paragraf: '§ 12'}\n"
        "ansvarig: förvaltningschef\ndatum: 2024-02-20\npublicerad: {}\n---\n<!-- text -->\n",
    )
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == [
        ("plans/klagomalsrutin.md", None, "Klagomålsrutinen har ingen text, bara metadata."),
        (
            "plans/klagomalsrutin.md",
            6,
            "Det står inte hur allmänheten får veta om klagomålsrutinen.",
        ),
    ]


# SL2-8a-skolchef -----------------------------------------------------------------------


def test_school_chief_covers_every_school_form(repo: Path) -> None:
    replace_in(repo, "plans/huvudman.yaml", "omfattning: [alla]", "omfattning: [grundskola]")
    assert rule_messages(repo, "SL2-8a-skolchef") == [
        ("plans/huvudman.yaml", 32, "Ingen skolchef är utsedd för förskoleklass och fritidshem.")
    ]


# KAA-29-9 and KAA-29-9-scb -------------------------------------------------------------


def test_kaa_documented_per_calendar_year(repo: Path) -> None:
    (repo / "plans/kaa/2025.yaml").unlink()
    assert rule_messages(repo, "KAA-29-9") == [
        (
            "plans/kaa/",
            None,
            "Dokumentationen av det kommunala aktivitetsansvaret för 2025 saknas.",
        )
    ]
    # Only calendar years that have begun are asked for.
    (repo / "plans/kaa/2026.yaml").unlink()
    assert len(rule_messages(repo, "KAA-29-9", today=dt.date(2025, 11, 1))) == 1


def test_kaa_only_for_a_municipality(repo: Path) -> None:
    (repo / "plans/kaa/2025.yaml").unlink()
    replace_in(repo, "plans/huvudman.yaml", "typ: kommun", "typ: enskild")
    assert rule_messages(repo, "KAA-29-9") == []


def test_kaa_reported_to_scb_each_half_year(repo: Path) -> None:
    replace_in(
        repo,
        "plans/kaa/2026.yaml",
        "  - {halvår: 1, inskickad: 2026-07-10, antal_ungdomar: 23}",
        "  - {halvår: 1}",
    )
    assert rule_messages(repo, "KAA-29-9-scb", today=dt.date(2026, 6, 1)) == []
    findings = rule_findings(repo, "KAA-29-9-scb")
    assert [(f.path, f.line, f.severity, f.message) for f in findings] == [
        ("plans/kaa/2026.yaml", 5, "varning", "Rapporteringen till SCB för halvår 1 2026 saknas.")
    ]


# BK-barnets-basta ----------------------------------------------------------------------


def test_best_interests_assessment(repo: Path) -> None:
    replace_in(repo, LÄSLYFTET, "status: genomförande", "status: genomförande\nberör_barn: ja")
    assert rule_messages(repo, "BK-barnets-basta") == [
        (LÄSLYFTET, 13, "Insatsen 'läslyftet' berör barn men har ingen gjord barnkonsekvensanalys.")
    ]
    replace_in(
        repo, LÄSLYFTET, "berör_barn: ja", "berör_barn: ja\nbarnkonsekvensanalys: {gjord: ja}"
    )
    assert rule_messages(repo, "BK-barnets-basta") == [
        (LÄSLYFTET, 14, "Barnkonsekvensanalysen för 'läslyftet' saknar referens.")
    ]
    replace_in(repo, LÄSLYFTET, "{gjord: ja}", "{gjord: ja, referens: BUN 2026/45}")
    assert rule_messages(repo, "BK-barnets-basta") == []


def test_best_interests_is_an_error_under_svenljunga(repo: Path) -> None:
    replace_in(repo, LÄSLYFTET, "status: genomförande", "status: genomförande\nberör_barn: ja")
    assert [f.severity for f in rule_findings(repo, "BK-barnets-basta")] == ["varning"]
    write(repo, "ska.yaml", "förinställningar: [svenljunga]\n")
    assert [f.severity for f in rule_findings(repo, "BK-barnets-basta")] == ["fel"]


# SL4-4-enhet-dokumentation -------------------------------------------------------------


def test_unit_report_due_after_the_year(repo: Path) -> None:
    (repo / REPORT).unlink()
    assert rule_messages(repo, "SL4-4-enhet-dokumentation", today=DURING_YEAR) == []
    assert rule_messages(repo, "SL4-4-enhet-dokumentation") == [
        (
            "units/testskolan/2025-26/",
            None,
            "Testskolan saknar kvalitetsrapport för läsåret 2025/26.",
        )
    ]


def test_closed_unit_needs_no_report(repo: Path) -> None:
    (repo / REPORT).unlink()
    replace_in(
        repo, UNIT, "aktiv_från: 2015-07-01", "aktiv_från: 2015-07-01\naktiv_till: 2025-06-30"
    )
    assert rule_messages(repo, "SL4-4-enhet-dokumentation") == []


# SL4-4-enhet-faser ---------------------------------------------------------------------


def test_unit_phases_not_empty(repo: Path) -> None:
    replace_in(repo, REPORT, "Skolan har 280 elever. Personalen och lokalerna är oförändrade.", "")
    assert rule_messages(repo, "SL4-4-enhet-faser") == [
        (REPORT, 21, "Avsnittet Förutsättningar är tomt.")
    ]


def test_unit_report_links_an_initiative(repo: Path) -> None:
    replace_in(repo, REPORT, "    insatser: [läslyftet, testskolan-läsfixare]\n", "")
    assert rule_messages(repo, "SL4-4-enhet-faser") == []  # the utvecklingsplan shows how
    (repo / PLAN).unlink()
    (repo / FIXARE).unlink()
    assert rule_messages(repo, "SL4-4-enhet-faser") == [
        (REPORT, 9, "Rapporten kopplar inget utvecklingsområde till en insats.")
    ]


# SL4-4-rektor ---------------------------------------------------------------------------


def test_principal_is_responsible(repo: Path) -> None:
    replace_in(repo, REPORT, "ansvarig: Karin Alm", "ansvarig: Eva Ek")
    assert rule_messages(repo, "SL4-4-rektor") == [
        (REPORT, 2, "Ansvarig är Eva Ek, men enhetens rektor är Karin Alm.")
    ]


def test_principal_name_compared_without_case_and_spacing(repo: Path) -> None:
    replace_in(repo, PLAN, "ansvarig: Karin Alm", "ansvarig: karin  alm")
    assert rule_messages(repo, "SL4-4-rektor") == []


# Rektor changed in November 2025: Lars Holm wrote the September plan, Karin Alm the June
# report (the minimal repository's plan is dated 2025-09-10, its report 2026-06-24).
HANDOVER = (
    "rektorer:\n"
    "  - {namn: Lars Holm, från: 2019-08-01, till: 2025-11-15}\n"
    "  - {namn: Karin Alm, från: 2025-11-16}\n"
)


def test_a_rektor_who_changed_in_november_leaves_the_september_plan_right(repo: Path) -> None:
    """Skollagen 4 kap. 4 § makes the rektor responsible for the unit's quality work, and
    Skolinspektionen gives its findings back to the huvudman and the rektor ("Efter
    inspektion", skolinspektionen.se): the ansvarig who counts is the rektor in office at
    the document's date, not today's. Criticised before: one undated rektor in enhet.yaml
    made the former rektor's September plan an error."""
    replace_in(repo, PLAN, "ansvarig: Karin Alm", "ansvarig: Lars Holm")
    assert rule_messages(repo, "SL4-4-rektor") == [
        (PLAN, 1, "Ansvarig är Lars Holm, men enhetens rektor är Karin Alm.")
    ]
    # Remedied: enhet.yaml says who was rektor when.
    replace_in(repo, UNIT, "rektor: Karin Alm\n", HANDOVER)
    assert findings(repo, UNIT) == []  # rektor: may give way to rektorer:
    assert rule_messages(repo, "SL4-4-rektor") == []


def test_a_document_is_compared_with_the_rektor_at_its_own_date(repo: Path) -> None:
    replace_in(repo, UNIT, "rektor: Karin Alm\n", HANDOVER)
    # The plan dated September by today's rektor, the report dated June by the former.
    replace_in(repo, REPORT, "ansvarig: Karin Alm", "ansvarig: Lars Holm")
    assert rule_messages(repo, "SL4-4-rektor") == [
        (
            REPORT,
            2,
            "Ansvarig är Lars Holm, men enhetens rektor 2026-06-24 (dokumentets datum) var "
            "Karin Alm.",
        ),
        (
            PLAN,
            1,
            "Ansvarig är Karin Alm, men enhetens rektor 2025-09-10 (dokumentets datum) var "
            "Lars Holm.",
        ),
    ]


def test_at_a_handover_either_rektor_may_sign(repo: Path) -> None:
    replace_in(
        repo,
        UNIT,
        "rektor: Karin Alm\n",
        "rektorer:\n"
        "  - {namn: Lars Holm, till: 2025-09-30}\n"
        "  - {namn: Karin Alm, från: 2025-09-01}\n",
    )
    assert rule_messages(repo, "SL4-4-rektor") == []
    replace_in(repo, PLAN, "ansvarig: Karin Alm", "ansvarig: Lars Holm")
    assert rule_messages(repo, "SL4-4-rektor") == []


def test_a_date_no_period_covers_falls_to_rektor(repo: Path) -> None:
    """rektor: is today's rektor; rektorer: may list only those who went before."""
    replace_in(
        repo,
        UNIT,
        "rektor: Karin Alm\n",
        "rektor: Karin Alm\nrektorer:\n  - {namn: Lars Holm, till: 2025-11-15}\n",
    )
    replace_in(repo, PLAN, "ansvarig: Karin Alm", "ansvarig: Lars Holm")
    assert rule_messages(repo, "SL4-4-rektor") == []


def test_no_rektor_at_the_documents_date(repo: Path) -> None:
    replace_in(
        repo, UNIT, "rektor: Karin Alm\n", "rektorer:\n  - {namn: Karin Alm, från: 2025-11-16}\n"
    )
    assert rule_messages(repo, "SL4-4-rektor") == [
        (
            PLAN,
            2,
            "Enligt enhet.yaml hade enheten ingen rektor 2025-09-10, dokumentets datum.",
        )
    ]


def test_a_rektor_period_ending_before_it_begins_is_a_schema_error(repo: Path) -> None:
    replace_in(
        repo,
        UNIT,
        "rektor: Karin Alm\n",
        "rektorer:\n  - {namn: Karin Alm, från: 2025-11-16, till: 2025-01-01}\n",
    )
    [found] = findings(repo, UNIT)
    assert "slutar (2025-01-01) före den börjar (2025-11-16)" in found.message


# SL4-4-medverkan and SL4-4-vardnadshavare ---------------------------------------------


def test_staff_and_pupils_take_part(repo: Path) -> None:
    replace_in(repo, REPORT, "  elever: Klassråd och elevråd diskuterade trygghetsenkäten.\n", "")
    assert rule_messages(repo, "SL4-4-medverkan") == [
        (REPORT, 5, "Rapporten beskriver inte hur eleverna medverkade.")
    ]


def test_guardians_given_the_chance(repo: Path) -> None:
    replace_in(repo, REPORT, "  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten.\n", "")
    assert rule_messages(repo, "SL4-4-vardnadshavare") == [
        (REPORT, 5, "Rapporten beskriver inte hur vårdnadshavarna gavs möjlighet att delta.")
    ]


def test_preschool_children_and_adult_education(repo: Path) -> None:
    replace_in(
        repo,
        "plans/huvudman.yaml",
        "skolformer: [förskoleklass,",
        "skolformer: [förskola, komvux, förskoleklass,",
    )
    replace_in(
        repo,
        UNIT,
        "typ: skolenhet\nskolformer: [förskoleklass, grundskola, fritidshem]",
        "typ: förskoleenhet\nskolformer: [förskola]",
    )
    replace_in(repo, REPORT, "  elever: Klassråd och elevråd diskuterade trygghetsenkäten.\n", "")
    assert rule_messages(repo, "SL4-4-medverkan") == []  # förskola has no pupils
    assert rule_messages(repo, "SL4-4-vardnadshavare") == [
        (REPORT, 5, "Rapporten beskriver inte hur barnen gavs möjlighet att delta.")
    ]
    replace_in(repo, UNIT, "skolformer: [förskola]", "skolformer: [förskola, komvux]")
    replace_in(repo, UNIT, "typ: förskoleenhet", "typ: förskoleenhet")
    write(
        repo,
        UNIT,
        (repo / UNIT)
        .read_text(encoding="utf-8")
        .replace(
            "typ: förskoleenhet\nskolformer: [förskola, komvux]",
            "typ: skolenhet\nskolformer: [komvux]",
        ),
    )
    assert rule_messages(repo, "SL4-4-vardnadshavare") == []  # komvux: adults, no guardians


# SL4-5-nationella-mal --------------------------------------------------------------------


def test_national_goals_linked(repo: Path) -> None:
    replace_in(repo, REPORT, "    läroplansområden: [kunskaper]\n", "")
    assert rule_messages(repo, "SL4-5-nationella-mal") == [
        (REPORT, 9, "Inget utvecklingsområde är kopplat till läroplanens målområden.")
    ]


def test_single_unlinked_area_or_initiative_is_a_warning(repo: Path) -> None:
    replace_in(
        repo,
        REPORT,
        "tidigare_utvecklingsområden:",
        "  - id: extra\n    beskrivning: Något lokalt.\n    varför: Analysen.\n"
        "tidigare_utvecklingsområden:",
    )
    replace_in(repo, FIXARE, "läroplansområden: [kunskaper]\n", "")
    findings = rule_findings(repo, "SL4-5-nationella-mal-enskilt")
    assert [(f.path, f.line, f.severity, f.message) for f in findings] == [
        (REPORT, 15, "varning", "Utvecklingsområdet 'extra' är inte kopplat till något målområde."),
        (
            FIXARE,
            1,
            "varning",
            "Insatsen 'testskolan-läsfixare' är inte kopplad till något av läroplanens målområden.",
        ),
    ]


# SL4-6-dokumentation-sparbar -------------------------------------------------------------


def test_outside_git_is_only_a_note(repo: Path) -> None:
    findings = rule_findings(repo, "SL4-6-dokumentation-sparbar")
    assert [(f.path, f.severity) for f in findings] == [(".", "info")]


def test_untracked_and_ignored_files(repo: Path) -> None:
    import git

    repository = git.Repo.init(repo)
    write(repo, ".gitignore", "units/testskolan/insatser/\n")
    repository.git.add("--all")
    repository.git.commit("-m", "Första", author="Test <test@example.invalid>")
    write(repo, "plans/insatser/ny.yaml", (repo / LÄSLYFTET).read_text(encoding="utf-8"))
    assert rule_messages(repo, "SL4-6-dokumentation-sparbar") == [
        ("plans/insatser/ny.yaml", None, "Filen är inte incheckad i git."),
        (FIXARE, None, "Filen ignoreras av git och kommer aldrig med i historiken."),
    ]


def test_document_dated_in_the_future(repo: Path) -> None:
    replace_in(repo, REPORT, "datum: 2026-06-24", "datum: 2026-09-01")
    assert rule_messages(repo, "SL4-6-dokumentation-sparbar")[1:] == [
        (REPORT, 3, "Datumet 2026-09-01 ligger i framtiden.")
    ]


# LAS-period-format --------------------------------------------------------------------


def test_dates_within_the_school_year(repo: Path) -> None:
    replace_in(repo, PLAN, "  - datum: 2025-11-20", "  - datum: 2026-08-20")
    replace_in(
        repo,
        PLAN,
        "            förväntat_resultat: Eleverna läser mer och med bättre flyt.\n",
        "            förväntat_resultat: Eleverna läser mer och med bättre flyt.\n"
        "            när: ht2025 och vt2027\n",
    )
    replace_in(repo, REPORT, "datum: 2026-06-24", "datum: 2025-03-01")
    assert rule_messages(repo, "LAS-period-format") == [
        (REPORT, 3, "Rapporten är daterad 2025-03-01, före läsåret 2025/26 började."),
        (PLAN, 15, "Terminen vt2027 hör inte till läsåret 2025/26."),
        (PLAN, 17, "Uppföljningen 2026-08-20 ligger utanför läsåret 2025/26."),
    ]


def test_a_draft_is_judged_when_the_year_is_over(repo: Path) -> None:
    replace_in(repo, REPORT, "status: klar", "status: utkast")
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever. Personalen och lokalerna är oförändrade.",
        "<!-- fylls i -->",
    )
    assert rule_messages(repo, "SL4-4-enhet-faser", today=DURING_YEAR) == []
    assert rule_messages(repo, "SL4-4-enhet-faser") == [
        (REPORT, 21, "Avsnittet Förutsättningar är tomt.")
    ]
