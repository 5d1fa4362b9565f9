"""Local rules: off by default; each passes and fails under the preset that enables it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.rules.engine import Pending
from ska.rules.local import describe_months, months_before, report_deadline
from ska.rules.run import run_rules
from tests.conftest import append, replace_in, rule_findings, rule_messages, write
from tests.test_gitinfo import commit, init_git

LOCAL_RULES = (
    "LOK-dokumentmetadata",
    "LOK-arshjul-aktiviteter",
    "LOK-deadline-enhetsrapport",
    "LOK-prioriterade-omraden",
    "LOK-internkontroll",
    "LOK-egenkontroll",
)
ORGANISER = "plans/huvudman.yaml"
YEAR_WHEEL = "plans/arshjul.yaml"
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"


def preset(root: Path, *names: str, extra: str = "") -> None:
    write(root, "ska.yaml", f"förinställningar: [{', '.join(names)}]\n{extra}")


def pending(root: Path, rule_id: str, today: dt.date) -> list[Pending]:
    run = run_rules(Repository(root), SchoolYear.parse("2025/26"), today)
    return [p for rule, p in run.pending if rule == rule_id]


@pytest.mark.parametrize("rule_id", LOCAL_RULES)
def test_local_rules_are_off_by_default(repo: Path, rule_id: str) -> None:
    (repo / "plans/arshjul.yaml").unlink()
    (repo / "plans/internkontroll/2026.yaml").unlink()
    assert rule_messages(repo, rule_id) == []


# -- LOK-dokumentmetadata ---------------------------------------------------------------


def test_months_before() -> None:
    assert months_before(dt.date(2026, 8, 15), 12) == dt.date(2025, 8, 15)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2026, 1, 10), 13) == dt.date(2024, 12, 10)


def test_document_metadata_passes(repo: Path) -> None:
    preset(repo, "svenljunga")
    assert rule_messages(repo, "LOK-dokumentmetadata") == []


def test_document_metadata_decision_too_old_without_review(repo: Path) -> None:
    preset(repo, "svenljunga")
    assert rule_messages(repo, "LOK-dokumentmetadata", today=dt.date(2027, 1, 10)) == [
        (
            ORGANISER,
            9,
            "Planen har inte granskats sedan beslutet 2025-12-16, mer än 12 månader "
            "före 2027-01-10.",
        )
    ]


def test_document_metadata_recent_review_passes(repo: Path) -> None:
    preset(repo, "svenljunga")
    replace_in(
        repo,
        ORGANISER,
        "  följs_upp: Årligen\n",
        "  följs_upp: Årligen\n  senast_granskad: 2026-01-10\n",
    )
    assert rule_messages(repo, "LOK-dokumentmetadata", today=dt.date(2027, 1, 10)) == []


def test_document_metadata_review_too_old(repo: Path) -> None:
    preset(repo, "vetlanda", extra="inställningar: {granskning_max_månader: 6}\n")
    replace_in(
        repo,
        ORGANISER,
        "  följs_upp: Årligen\n",
        "  följs_upp: Årligen\n  senast_granskad: 2026-02-14\n",
    )
    assert rule_messages(repo, "LOK-dokumentmetadata") == [
        (ORGANISER, 15, "Planen granskades senast 2026-02-14, mer än 6 månader före 2026-08-15.")
    ]


def test_document_metadata_blank_text(repo: Path) -> None:
    preset(repo, "svenljunga-2019")
    replace_in(repo, ORGANISER, "revideras: Vid behov", "revideras: '–'")
    assert rule_messages(repo, "LOK-dokumentmetadata") == [
        (ORGANISER, 13, "Planens revideras är tomt.")
    ]


# -- LOK-arshjul-aktiviteter ------------------------------------------------------------

SVENLJUNGA_CALENDAR = """\
händelser:
  - id: kvalitetsdialog-höst
    namn: Kvalitetsdialog med nämnden om resultat
    typ: dialog
    när: september
    nivå: huvudman
    ansvarig: [förvaltningschef]
  - id: kvalitetsdialog-vår
    namn: Kvalitetsdialog med nämnden om uppföljning
    typ: dialog
    när: april
    nivå: huvudman
    ansvarig: [förvaltningschef]
  - id: klimatmätning
    namn: Klimatmätning om trygghet och studiero
    typ: mätning
    när: [september, november, mars]
    nivå: enhet
    ansvarig: [rektor]
  - id: screening
    namn: Gemensam uppföljning av screening
    typ: uppföljning
    när: [oktober, december, februari, april]
    nivå: huvudman
    ansvarig: [rektor]
"""

VETLANDA_CALENDAR = """\
händelser:
  - id: förutsättningsdialog
    namn: Förutsättningsdialog
    typ: dialog
    när: september
    nivå: huvudman
    ansvarig: [utvecklingsledare]
  - id: processdialog
    namn: Processdialog
    typ: dialog
    när: januari
    nivå: huvudman
    ansvarig: [utvecklingsledare]
  - id: resultatdialog
    namn: Resultatdialog
    typ: dialog
    när: v. 22
    nivå: huvudman
    ansvarig: [utvecklingsledare]
  - id: tld
    namn: TLD-enkät
    typ: mätning
    när: [oktober, april]
    nivå: enhet
    ansvarig: [rektor]
  - id: februarimötet
    namn: Februarimötet
    typ: möte
    när: februari
    nivå: huvudman
    ansvarig: [förvaltningschef]
  - id: oktobermötet
    namn: Oktobermötet
    typ: möte
    när: oktober
    nivå: huvudman
    ansvarig: [förvaltningschef]
"""


def test_describe_months() -> None:
    assert describe_months((9,)) == "september"
    assert describe_months((11, 12, 1, 2)) == "november–februari"
    assert describe_months((1, 2, 11, 12)) == "november–februari"
    assert describe_months((5, 6)) == "maj eller juni"
    assert describe_months((3, 5, 1)) == "januari, mars eller maj"


@pytest.mark.parametrize(
    ("name", "calendar"),
    [("svenljunga", SVENLJUNGA_CALENDAR), ("vetlanda", VETLANDA_CALENDAR)],
)
def test_calendar_events_pass(repo: Path, name: str, calendar: str) -> None:
    preset(repo, name)
    write(repo, YEAR_WHEEL, calendar)
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == []


def test_calendar_events_svenljunga_2019_passes_on_weeks(repo: Path) -> None:
    preset(repo, "svenljunga-2019")
    replace_in(
        repo,
        YEAR_WHEEL,
        "händelser:\n",
        "händelser:\n  - id: alla-elever\n    namn: Uppföljning av alla elevers utveckling\n"
        "    typ: uppföljning\n    när: [oktober, mars]\n    nivå: huvudman\n"
        "    ansvarig: [rektor]\n",
    )
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == []


def test_calendar_missing(repo: Path) -> None:
    preset(repo, "svenljunga-2019")
    (repo / YEAR_WHEEL).unlink()
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (
            "plans/",
            None,
            "Årshjulet saknas, så det går inte att se 'Elevenkät vecka 45–47' och "
            "'Uppföljning av alla elevers utveckling i mars och oktober'.",
        )
    ]


def test_calendar_event_missing(repo: Path) -> None:
    preset(repo, "svenljunga-2019")
    [finding] = rule_findings(repo, "LOK-arshjul-aktiviteter")
    assert (finding.path, finding.line, finding.message) == (
        YEAR_WHEEL,
        1,
        "Årshjulet saknar 'Uppföljning av alla elevers utveckling i mars och oktober'.",
    )
    assert finding.hint == (
        "Lägg till händelsen, t.ex. namn: … alla elevers …, när: [oktober, mars]."
    )


def test_calendar_event_of_the_wrong_kind(repo: Path) -> None:
    preset(repo, "vetlanda")
    write(
        repo,
        YEAR_WHEEL,
        VETLANDA_CALENDAR.replace(
            "typ: dialog\n    när: september", "typ: möte\n    när: september"
        ),
    )
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (YEAR_WHEEL, 1, "Årshjulet saknar 'Förutsättningsdialog i september'.")
    ]


def test_calendar_month_missing(repo: Path) -> None:
    preset(repo, "svenljunga")
    write(
        repo,
        YEAR_WHEEL,
        SVENLJUNGA_CALENDAR.replace("[september, november, mars]", "[september, mars]"),
    )
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (
            YEAR_WHEEL,
            17,
            "'Klimatmätning om trygghet och studiero i september, november och mars' har "
            "ingen tidpunkt i november.",
        )
    ]


def test_calendar_one_of_the_months_is_enough_across_new_year(repo: Path) -> None:
    preset(repo, "vetlanda")
    write(repo, YEAR_WHEEL, VETLANDA_CALENDAR.replace("när: januari", "när: mars"))
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (
            YEAR_WHEEL,
            11,
            "'Processdialog november–februari' har ingen tidpunkt i november–februari.",
        )
    ]
    write(repo, YEAR_WHEEL, VETLANDA_CALENDAR.replace("när: januari", "när: december–januari"))
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == []


def test_calendar_two_seasons_missing(repo: Path) -> None:
    preset(repo, "svenljunga")
    write(repo, YEAR_WHEEL, SVENLJUNGA_CALENDAR.replace("när: april\n", "när: juli\n"))
    write(
        repo,
        YEAR_WHEEL,
        (repo / YEAR_WHEEL)
        .read_text(encoding="utf-8")
        .replace("när: september\n    nivå: huvudman", "när: juli\n    nivå: huvudman"),
    )
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (
            YEAR_WHEEL,
            5,
            "'Kvalitetsdialog med nämnden på hösten och våren' har ingen tidpunkt i "
            "augusti–december och januari–juni.",
        )
    ]


def test_calendar_weeks_not_covered(repo: Path) -> None:
    preset(repo, "svenljunga-2019")
    replace_in(repo, YEAR_WHEEL, "när: [v. 45–47]", "när: [v. 46–48]")
    replace_in(
        repo,
        YEAR_WHEEL,
        "händelser:\n",
        "händelser:\n  - id: alla-elever\n    namn: Uppföljning av alla elevers utveckling\n"
        "    typ: uppföljning\n    när: [oktober, mars]\n    nivå: huvudman\n"
        "    ansvarig: [rektor]\n",
    )
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (YEAR_WHEEL, 24, "'Elevenkät vecka 45–47' har ingen tidpunkt under veckorna 45–47.")
    ]


def test_calendar_too_few_occurrences(repo: Path) -> None:
    preset(repo, "svenljunga")
    write(
        repo,
        YEAR_WHEEL,
        SVENLJUNGA_CALENDAR.replace("[oktober, december, februari, april]", "[oktober, mars]"),
    )
    assert rule_messages(repo, "LOK-arshjul-aktiviteter") == [
        (
            YEAR_WHEEL,
            23,
            "'Uppföljning av screening fyra gånger per läsår' har 2 tillfällen per läsår, "
            "men ska ha minst 4.",
        )
    ]


# -- LOK-deadline-enhetsrapport ---------------------------------------------------------


def test_report_deadline() -> None:
    year = SchoolYear(2025)
    assert report_deadline("30 juni", year) == dt.date(2026, 6, 30)
    assert report_deadline("1 maj", year) == dt.date(2026, 5, 1)
    assert report_deadline("juni", year) == dt.date(2026, 6, 30)
    assert report_deadline("15 augusti", year) == dt.date(2026, 8, 15)  # after the läsår
    assert report_deadline("slutet av juni", year) is None


def test_deadline_committed_in_time(repo: Path) -> None:
    preset(repo, "svenljunga")
    init_git(repo)
    commit(repo, "2026-06-20")
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == []


def test_deadline_committed_late(repo: Path) -> None:
    preset(repo, "svenljunga")
    init_git(repo)
    (repo / REPORT).rename(repo / "rapport.tmp")
    commit(repo, "2026-06-20")
    (repo / "rapport.tmp").rename(repo / REPORT)
    commit(repo, "2026-07-03", REPORT)
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == [
        (
            REPORT,
            None,
            "Kvalitetsrapporten för läsåret 2025/26 checkades in 2026-07-03, efter sista "
            "dag 2026-06-30.",
        )
    ]


def test_deadline_vetlanda_is_the_end_of_the_year_not_the_first_of_may(repo: Path) -> None:
    # Vetlanda's rektor has only begun the läsårsrapport by the resultatdialog (May–June).
    preset(repo, "vetlanda")
    init_git(repo)
    commit(repo, "2026-05-02")
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == []


def test_calendar_vetlanda_a_nämnd_meeting_is_not_the_february_or_october_meeting(
    repo: Path,
) -> None:
    preset(repo, "vetlanda")
    calendar = VETLANDA_CALENDAR.replace(
        "  - id: februarimötet\n    namn: Februarimötet\n",
        "  - id: nämnd\n    namn: Nämndens sammanträde\n",
    ).replace(
        "  - id: oktobermötet\n    namn: Oktobermötet\n",
        "  - id: nämnd-2\n    namn: Nämndens sammanträde i oktober\n",
    )
    write(repo, YEAR_WHEEL, calendar)
    assert [m for _, _, m in rule_messages(repo, "LOK-arshjul-aktiviteter")] == [
        "Årshjulet saknar 'Februarimötet med nämnden'.",
        "Årshjulet saknar 'Oktobermötet med nämnden'.",
    ]


def test_deadline_setting_overrides_preset(repo: Path) -> None:
    preset(repo, "vetlanda", extra="inställningar: {rapport_senast: 15 augusti}\n")
    init_git(repo)
    commit(repo, "2026-08-14")
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == []


def test_deadline_not_committed(repo: Path) -> None:
    preset(repo, "svenljunga")
    init_git(repo)
    (repo / REPORT).rename(repo / "rapport.tmp")
    commit(repo, "2026-06-20")
    (repo / "rapport.tmp").rename(repo / REPORT)
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == [
        (
            REPORT,
            None,
            "Kvalitetsrapporten för läsåret 2025/26 är inte incheckad i git; sista dag var "
            "2026-06-30.",
        )
    ]
    today = dt.date(2026, 6, 1)
    assert rule_messages(repo, "LOK-deadline-enhetsrapport", today=today) == []
    assert pending(repo, "LOK-deadline-enhetsrapport", today) == [
        Pending("testskolan", dt.date(2026, 6, 30), "kvalitetsrapporten")
    ]


def test_deadline_commit_after_the_reference_date_is_not_delivered_yet(repo: Path) -> None:
    preset(repo, "svenljunga")
    init_git(repo)
    commit(repo, "2026-06-20")
    today = dt.date(2026, 6, 10)
    assert rule_messages(repo, "LOK-deadline-enhetsrapport", today=today) == []
    assert pending(repo, "LOK-deadline-enhetsrapport", today) == [
        Pending("testskolan", dt.date(2026, 6, 30), "kvalitetsrapporten")
    ]


def test_deadline_report_missing(repo: Path) -> None:
    preset(repo, "svenljunga")
    (repo / REPORT).unlink()
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == [
        (
            "units/testskolan/2025-26/",
            None,
            "Kvalitetsrapporten för läsåret 2025/26 saknas; sista dag var 2026-06-30.",
        )
    ]
    today = dt.date(2026, 6, 30)
    assert rule_messages(repo, "LOK-deadline-enhetsrapport", today=today) == []
    assert pending(repo, "LOK-deadline-enhetsrapport", today) == [
        Pending("testskolan", dt.date(2026, 6, 30), "kvalitetsrapporten")
    ]


def test_deadline_without_git_counts_the_report_as_handed_in_today(repo: Path) -> None:
    preset(repo, "svenljunga")
    assert rule_messages(repo, "LOK-deadline-enhetsrapport", today=dt.date(2026, 6, 30)) == []
    assert pending(repo, "LOK-deadline-enhetsrapport", dt.date(2026, 6, 30)) == []
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == [
        (
            REPORT,
            None,
            "Kvalitetsrapporten för läsåret 2025/26 räknas som inlämnad 2026-08-15, efter "
            "sista dag 2026-06-30: mappen är inte ett git-arkiv, så inget visar ett "
            "tidigare datum.",
        )
    ]


def test_deadline_unreadable_setting(repo: Path) -> None:
    preset(repo, "svenljunga", extra="inställningar:\n  rapport_senast: slutet av juni\n")
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == [
        ("ska.yaml", 3, "rapport_senast 'slutet av juni' går inte att läsa som en dag.")
    ]


# -- LOK-prioriterade-omraden -----------------------------------------------------------


def area(name: str) -> str:
    return (
        f"  - målområde: {name}\n"
        "    motivering: Enkäten visar ett behov.\n"
        "    åtaganden:\n"
        f"      - id: {name.replace('_', '-')}\n"
        "        beskrivning: Ett åtagande.\n"
        "        tänkta_effekter: [En effekt.]\n"
        "        aktiviteter:\n"
        "          - beskrivning: En aktivitet.\n"
        "            förväntat_resultat: Ett resultat.\n"
    )


def add_areas(root: Path, *names: str) -> None:
    replace_in(root, PLAN, "uppföljningar:\n", "".join(area(n) for n in names) + "uppföljningar:\n")


def test_priorities_pass(repo: Path) -> None:
    preset(repo, "vetlanda")
    add_areas(repo, "normer_och_värden", "ansvar_och_inflytande")
    assert rule_messages(repo, "LOK-prioriterade-omraden") == []


def test_priorities_without_knowledge(repo: Path) -> None:
    preset(repo, "vetlanda")
    replace_in(repo, PLAN, "målområde: kunskaper", "målområde: normer_och_värden")
    assert rule_messages(repo, "LOK-prioriterade-omraden") == [
        (PLAN, 3, "Kunskaper är inte ett prioriterat målområde i utvecklingsplanen.")
    ]


def test_priorities_too_many(repo: Path) -> None:
    preset(repo, "vetlanda")
    add_areas(repo, "normer_och_värden", "ansvar_och_inflytande", "samverkan_med_hemmet")
    assert rule_messages(repo, "LOK-prioriterade-omraden") == [
        (PLAN, 33, "Utvecklingsplanen har 4 prioriterade målområden; högst 3 är tillåtna.")
    ]


def test_priorities_not_counting_knowledge(repo: Path) -> None:
    preset(repo, "vetlanda", extra="inställningar: {antal_inklusive_kunskaper: nej}\n")
    add_areas(repo, "normer_och_värden", "ansvar_och_inflytande", "samverkan_med_hemmet")
    assert rule_messages(repo, "LOK-prioriterade-omraden") == []
    add_areas(repo, "övergång_och_samverkan")
    assert rule_messages(repo, "LOK-prioriterade-omraden") == [
        (
            PLAN,
            42,
            "Utvecklingsplanen har 4 prioriterade målområden utöver kunskaper; högst 3 är "
            "tillåtna.",
        )
    ]


def test_priorities_blank_effect_chain(repo: Path) -> None:
    preset(repo, "vetlanda")
    replace_in(repo, PLAN, "[Fler elever når gränsvärdet i läsflyt.]", "['…']")
    replace_in(
        repo,
        PLAN,
        "förväntat_resultat: Eleverna läser mer och med bättre flyt.",
        "förväntat_resultat: '-'",
    )
    assert rule_messages(repo, "LOK-prioriterade-omraden") == [
        (PLAN, 10, "Åtagandet 'läsflyt' har en tänkt effekt utan innehåll."),
        (PLAN, 14, "En aktivitet i åtagandet 'läsflyt' saknar förväntat resultat."),
    ]


def test_priorities_apply_to_preschools(repo: Path) -> None:
    """Vetlanda's guideline speaks of every förskola and skola: kunskaper is required too."""
    preset(repo, "vetlanda")
    write(
        repo,
        "units/förskolan-ugglan/enhet.yaml",
        "namn: Förskolan Ugglan\ntyp: förskoleenhet\nskolformer: [förskola]\nrektor: Eva Ek\n",
    )
    write(
        repo,
        "units/förskolan-ugglan/2025-26/utvecklingsplan.yaml",
        "ansvarig: Eva Ek\ndatum: 2025-09-01\nprioriterade_målområden:\n"
        + area("normer_och_värden"),
    )
    assert rule_messages(repo, "LOK-prioriterade-omraden") == [
        (
            "units/förskolan-ugglan/2025-26/utvecklingsplan.yaml",
            3,
            "Kunskaper är inte ett prioriterat målområde i utvecklingsplanen.",
        )
    ]


def test_priorities_unit_without_plan(repo: Path) -> None:
    preset(repo, "vetlanda")
    (repo / PLAN).unlink()
    assert rule_messages(repo, "LOK-prioriterade-omraden") == []


# -- LOK-internkontroll -----------------------------------------------------------------

CONTROL_2025 = """\
risker:
  - id: frånvaro
    beskrivning: Hög frånvaro upptäcks inte i tid.
    sannolikhet: 3
    konsekvens: 3
    kontrollmoment:
      - beskrivning: Frånvarorapport per enhet
        metod: rapport
        ansvarig: utvecklingsledare
        när: oktober
"""


def test_internal_control_passes(repo: Path) -> None:
    preset(repo, "vaggeryd")
    write(repo, "plans/internkontroll/2025.yaml", CONTROL_2025)
    assert rule_messages(repo, "LOK-internkontroll") == []


def test_internal_control_plan_missing(repo: Path) -> None:
    preset(repo, "vaggeryd")
    [finding] = rule_findings(repo, "LOK-internkontroll")
    assert (finding.path, finding.line, finding.message) == (
        "plans/internkontroll/",
        None,
        "Internkontrollplan för 2025 saknas.",
    )
    assert finding.severity == "varning"


def test_internal_control_only_years_that_have_started(repo: Path) -> None:
    preset(repo, "vaggeryd")
    (repo / "plans/internkontroll/2026.yaml").unlink()
    write(repo, "plans/internkontroll/2025.yaml", CONTROL_2025)
    assert rule_messages(repo, "LOK-internkontroll", today=dt.date(2025, 12, 1)) == []
    assert rule_messages(repo, "LOK-internkontroll", today=dt.date(2026, 1, 1)) == [
        ("plans/internkontroll/", None, "Internkontrollplan för 2026 saknas.")
    ]


def test_internal_control_deviation_without_action(repo: Path) -> None:
    preset(repo, "vaggeryd")
    write(repo, "plans/internkontroll/2025.yaml", CONTROL_2025)
    path = repo / "plans/internkontroll/2026.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "åtgärd:" not in line), encoding="utf-8")
    assert rule_messages(repo, "LOK-internkontroll") == [
        (
            "plans/internkontroll/2026.yaml",
            13,
            "Avvikelsen 2026-03-20 (risk 'särskilt-stöd') saknar åtgärd.",
        )
    ]
    today = dt.date(2026, 4, 1)
    assert rule_messages(repo, "LOK-internkontroll", today=today) == []
    assert pending(repo, "LOK-internkontroll", today) == [
        Pending("huvudman", dt.date(2026, 4, 19), "åtgärd mot en avvikelse i internkontrollen")
    ]


def test_deadline_uses_the_submitted_date_in_the_front_matter(repo: Path) -> None:
    """A report moved into git after the fact keeps the day it was handed in."""
    write(repo, "ska.yaml", "förinställningar: [svenljunga]\n")
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    text = (repo / report).read_text(encoding="utf-8")
    write(repo, report, text.replace("status: klar\n", "status: klar\ninlämnad: 2026-06-20\n"))
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == []
    write(repo, report, text.replace("status: klar\n", "status: klar\ninlämnad: 2026-07-02\n"))
    assert rule_messages(repo, "LOK-deadline-enhetsrapport") == [
        (
            report,
            5,
            "Kvalitetsrapporten för läsåret 2025/26 lämnades in 2026-07-02 enligt inlämnad, "
            "efter sista dag 2026-06-30.",
        )
    ]


# -- LOK-egenkontroll -------------------------------------------------------------------

SELF_CHECK = "units/testskolan/2025-26/egenkontroll.yaml"
SELF_CHECK_TEXT = """\
kontrollpunkter:
  - område: Elevhälsa
    fråga: Har åtgärdsprogrammen datum för utvärdering?
    svar: delvis
    datum: 2025-10-14
    åtgärd: Elevhälsoteamet kompletterar programmen före jul.
  - område: Säkerhet
    fråga: Har utrymningsövningen genomförts?
    svar: ja
    datum: 2025-10-20
"""


def test_self_check_answered_in_time_passes(repo: Path) -> None:
    preset(repo, "vaggeryd")
    write(repo, SELF_CHECK, SELF_CHECK_TEXT)
    assert rule_messages(repo, "LOK-egenkontroll") == []


def test_self_check_missing_after_the_day_and_pending_before(repo: Path) -> None:
    preset(repo, "vaggeryd")
    (repo / SELF_CHECK).unlink()
    assert rule_messages(repo, "LOK-egenkontroll") == [
        (
            "units/testskolan/2025-26/",
            None,
            "Egenkontrollen för läsåret 2025/26 saknas; sista dag var 2025-10-31 enligt "
            "egenkontroll_senast.",
        )
    ]
    today = dt.date(2025, 10, 1)
    assert rule_messages(repo, "LOK-egenkontroll", today=today) == []
    assert pending(repo, "LOK-egenkontroll", today) == [
        Pending("testskolan", dt.date(2025, 10, 31), "egenkontrollen")
    ]


def test_self_check_unanswered_late_and_without_action(repo: Path) -> None:
    preset(repo, "vaggeryd")
    text = (
        SELF_CHECK_TEXT.replace("    svar: delvis\n", "    svar: nej\n")
        .replace("    åtgärd: Elevhälsoteamet kompletterar programmen före jul.\n", "")
        .replace("    datum: 2025-10-20\n", "    datum: 2025-11-12\n")
        + "  - område: Närvaro\n    fråga: Följs frånvaron upp varje månad?\n"
    )
    write(repo, SELF_CHECK, text)
    assert rule_messages(repo, "LOK-egenkontroll") == [
        (
            SELF_CHECK,
            4,
            "Kontrollpunkten 'Har åtgärdsprogrammen datum för utvärdering?' har svaret nej "
            "men ingen åtgärd.",
        ),
        (
            SELF_CHECK,
            9,
            "Kontrollpunkten 'Har utrymningsövningen genomförts?' besvarades 2025-11-12, "
            "efter sista dag 2025-10-31 enligt egenkontroll_senast.",
        ),
        (
            SELF_CHECK,
            11,
            "Kontrollpunkten 'Följs frånvaron upp varje månad?' saknar svar; sista dag var "
            "2025-10-31 enligt egenkontroll_senast.",
        ),
    ]
    # Before the day an unanswered point is only pending; a missing åtgärd is not.
    today = dt.date(2025, 10, 15)
    assert [m for _, _, m in rule_messages(repo, "LOK-egenkontroll", today=today)] == [
        "Kontrollpunkten 'Har åtgärdsprogrammen datum för utvärdering?' har svaret nej men "
        "ingen åtgärd."
    ]
    assert pending(repo, "LOK-egenkontroll", today) == [
        Pending("testskolan", dt.date(2025, 10, 31), "egenkontrollen")
    ]


def test_self_check_day_from_the_year_wheel_and_from_settings(repo: Path) -> None:
    preset(repo, "vaggeryd")
    write(repo, SELF_CHECK, SELF_CHECK_TEXT)
    append(
        repo,
        YEAR_WHEEL,
        "  - id: egenkontroll\n    namn: Rektorernas egenkontroll av rutiner\n"
        "    typ: uppföljning\n    när: 15 oktober\n    nivå: enhet\n"
        "    ansvarig: [rektor]\n",
    )
    assert [m for _, _, m in rule_messages(repo, "LOK-egenkontroll")] == [
        "Kontrollpunkten 'Har utrymningsövningen genomförts?' besvarades 2025-10-20, efter "
        "sista dag 2025-10-15 enligt årshjulet."
    ]
    preset(repo, "vaggeryd", extra="inställningar:\n  egenkontroll_senast: 1 oktober\n")
    replace_in(repo, YEAR_WHEEL, "id: egenkontroll", "id: genomgång")
    replace_in(repo, YEAR_WHEEL, "Rektorernas egenkontroll av rutiner", "Genomgång av rutiner")
    assert len(rule_messages(repo, "LOK-egenkontroll")) == 2  # both answered after 1 October
    preset(repo, "vaggeryd", extra="inställningar:\n  egenkontroll_senast: någon gång\n")
    assert rule_messages(repo, "LOK-egenkontroll") == [
        (
            "ska.yaml",
            3,
            "egenkontroll_senast 'någon gång' går inte att läsa som en dag.",
        )
    ]
