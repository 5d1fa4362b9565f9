"""Cross-references resolve, and a dangling one says what was probably meant."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import brief, findings, write

PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
INSATS = "plans/insatser/läslyftet.yaml"


def _replace(repo: Path, rel: str, old: str, new: str) -> None:
    text = (repo / rel).read_text(encoding="utf-8")
    assert old in text
    write(repo, rel, text.replace(old, new))


def test_unknown_role_suggests_the_closest(repo: Path) -> None:
    _replace(repo, INSATS, "ansvarig: utvecklingsledare", "ansvarig: utvecklingsledaren")
    result = findings(repo, INSATS)
    assert brief(result) == [(INSATS, 5, 11, "REF-okänd")]
    assert result[0].message == (
        "Rollen 'utvecklingsledaren' finns inte i plans/huvudman.yaml (roller)."
    )
    assert result[0].hint == "Menade du 'utvecklingsledare'?"


def test_unknown_focus_area_and_board_goal(repo: Path) -> None:
    _replace(repo, INSATS, "[språk-och-läsutveckling]", "[sprak-och-lasutveckling]")
    _replace(repo, INSATS, "[hög-måluppfyllelse]", "[okänt-mål]")
    result = findings(repo, INSATS)
    assert brief(result) == [(INSATS, 7, 16, "REF-okänd"), (INSATS, 8, 12, "REF-okänd")]
    assert result[0].hint == "Menade du 'språk-och-läsutveckling'?"
    assert result[1].hint == "Kända id: hög-måluppfyllelse."


def test_form_not_run_by_the_organiser(repo: Path) -> None:
    _replace(repo, INSATS, "[grundskola, förskoleklass]", "[grundskola, komvux]")
    result = findings(repo, INSATS)
    assert brief(result) == [(INSATS, 6, 33, "REF-okänd")]


def test_other_activity_is_a_valid_form(repo: Path) -> None:
    _replace(repo, INSATS, "[grundskola, förskoleklass]", "[kulturskola]")
    assert findings(repo, INSATS) == []


def test_goal_area_outside_the_units_curriculum(repo: Path) -> None:
    _replace(repo, PLAN, "målområde: kunskaper", "målområde: förskollärares_ansvar")
    result = findings(repo, PLAN)
    assert brief(result) == [(PLAN, 4, 16, "REF-målområde")]
    assert result[0].message == (
        "Målområdet 'förskollärares_ansvar' finns inte i läroplanen för enhetens "
        "skolformer (Lgr22)."
    )


def test_follow_up_of_unknown_commitment(repo: Path) -> None:
    _replace(repo, PLAN, "    åtagande: läsflyt", "    åtagande: läsflytet")
    result = findings(repo, PLAN)
    assert brief(result) == [(PLAN, 17, 15, "REF-okänd")]
    assert result[0].hint == "Menade du 'läsflyt'?"


def test_unknown_initiative_in_commitment(repo: Path) -> None:
    _replace(repo, PLAN, "insatser: [testskolan-läsfixare]", "insatser: [läsfixare]")
    assert brief(findings(repo, PLAN)) == [(PLAN, 11, 20, "REF-okänd")]


def test_earlier_development_area_must_exist_last_year(repo: Path) -> None:
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    _replace(repo, report, "  - id: läsning-2024-25\n", "  - id: läsning-2023-24\n")
    result = findings(repo, report)
    assert brief(result) == [(report, 16, 9, "REF-okänd")]
    assert result[0].message == (
        "Utvecklingsområdet 'läsning-2023-24' finns inte i "
        "units/testskolan/2024-25/kvalitetsrapport.md."
    )


def test_earlier_report_missing_is_a_warning(repo: Path) -> None:
    (repo / "units/testskolan/2024-25/kvalitetsrapport.md").unlink()
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    result = findings(repo, report)
    assert [(f.rule, f.severity.value) for f in result] == [("REF-tidigare-saknas", "varning")]


def test_duplicate_ids_in_a_register(repo: Path) -> None:
    path = "plans/huvudman.yaml"
    _replace(repo, path, "  - id: rektor\n", "  - id: utvecklingsledare\n")
    result = findings(repo, path)
    assert ("REF-dubblett-id", 29) in [(f.rule, f.line) for f in result]


def test_duplicate_initiative_id_across_levels(repo: Path) -> None:
    source = (repo / INSATS).read_text(encoding="utf-8")
    write(
        repo,
        "units/testskolan/insatser/läslyftet.yaml",
        source.replace("[grundskola, förskoleklass]", "[grundskola]"),
    )
    result = findings(repo, INSATS)
    assert [f.rule for f in result] == ["REF-dubblett-id"]
    assert "units/testskolan/insatser/läslyftet.yaml" in result[0].message


def test_deviation_refers_to_unknown_unit_and_risk(repo: Path) -> None:
    path = "plans/internkontroll/2026.yaml"
    _replace(repo, path, "    enhet: testskolan", "    enhet: testskola")
    _replace(repo, path, "    risk: särskilt-stöd", "    risk: stöd")
    assert [(f.rule, f.line) for f in findings(repo, path)] == [
        ("REF-okänd", 14),
        ("REF-okänd", 15),
    ]


def test_references_into_a_broken_register_are_not_guessed(repo: Path) -> None:
    write(repo, "plans/mal.yaml", "mål: [\n")
    assert findings(repo, INSATS) == []


def test_deficiency_action_names_a_known_role(repo: Path) -> None:
    plan = "units/testskolan/2025-26/utvecklingsplan.yaml"
    text = (repo / plan).read_text(encoding="utf-8")
    write(
        repo,
        plan,
        text + "    brist: ja\n    åtgärd: {beskrivning: Följs upp., ansvarig: rektorn, "
        "klart: 2025-12-20}\n",
    )
    assert brief(findings(repo, plan)) == [(plan, 20, 49, "REF-okänd")]
