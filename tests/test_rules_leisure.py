"""Fritidshem and förskoleklass at the unit: their own goal areas and their follow-up.

Sources: the auditors' report on fritidshem in Kiruna kommun (docplayer.se/28882834): the
nämnd did not ensure a quality work for fritidshemmet, with no structured follow-up of it;
domain.md 3.1 (Lgr22: förskoleklassen has chapter 3, fritidshemmet chapter 4); Skolinspektionen's
kvalitetsgranskning "Undervisning i fritidshemmet" (språk och kommunikation, natur och
samhälle, docplayer.se/105053531).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import findings, replace_in, rule_messages

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
FORMS_SENTENCE = " I förskoleklassen och fritidshemmet visar observationerna att barnen trivs."


def test_a_unit_that_does_not_follow_up_its_fritidshem(repo: Path) -> None:
    """The school runs förskoleklass and fritidshem but reports on grundskola only."""
    replace_in(repo, REPORT, FORMS_SENTENCE, "")
    assert rule_messages(repo, "AR-uppf-verksamhetsform") == [
        (REPORT, 24, "Kvalitetsrapporten följer inte upp förskoleklass och fritidshem.")
    ]
    # A subheading for fritids (its everyday name) follows it up.
    replace_in(
        repo,
        REPORT,
        "## Analys",
        "### Fritids\nEnkäten visar att 85 % av eleverna tycker att aktiviteterna är roliga."
        "\n\n## Analys",
    )
    assert [m for _, _, m in rule_messages(repo, "AR-uppf-verksamhetsform")] == [
        "Kvalitetsrapporten följer inte upp förskoleklass."
    ]
    # A development area tagged with a chapter 3 area of förskoleklassen counts too.
    replace_in(
        repo,
        REPORT,
        "läroplansområden: [kunskaper]",
        "läroplansområden: [kunskaper, matematiska_resonemang]",
    )
    assert rule_messages(repo, "AR-uppf-verksamhetsform") == []


def test_fritidshem_areas_are_tags_where_the_unit_runs_fritidshem(repo: Path) -> None:
    """Lgr22 kapitel 4 areas are valid tags for a unit with fritidshem (domain.md 3.1)."""
    replace_in(
        repo,
        REPORT,
        "läroplansområden: [kunskaper]",
        "läroplansområden: [kunskaper, lekar_fysisk_aktivitet_och_utevistelse]",
    )
    assert [f.rule for f in findings(repo, REPORT)] == []
    # Not at a unit that runs only grundskola.
    replace_in(
        repo,
        "units/testskolan/enhet.yaml",
        "skolformer: [förskoleklass, grundskola, fritidshem]",
        "skolformer: [grundskola]",
    )
    assert "REF-målområde" in {f.rule for f in findings(repo, REPORT)}


def test_unit_conditions(repo: Path) -> None:
    """Reviewers ask for förutsättningar per unit (Kiruna's auditors: 'bristande
    förutsättningar för planering och uppföljning' of fritidshemmet; Skolverket's allmänna
    råd, domain.md): a unit report that says nothing of its premises gets a warning."""
    replace_in(repo, REPORT, " Personalen och lokalerna är oförändrade.", "")
    assert [m for _, _, m in rule_messages(repo, "AR-uppf-forutsattningar-enhet")] == [
        "Enhetens förutsättningar beskriver inte personal och behörighet och lärmiljö eller "
        "resurstilldelning (ska letade efter t.ex. personal och behörighet: 'personal', "
        "'legitimerade lärare', 'årsarbetare'; lärmiljö eller resurstilldelning: 'lärmiljö', "
        "'lokaler', 'resurser')."
    ]
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever.",
        "Skolan har 280 elever och 24 lärare i trånga lokaler.",
    )
    assert rule_messages(repo, "AR-uppf-forutsattningar-enhet") == []
