"""Continuity: the huvudman judges what its own insatser of last year led to.

Sources: Skolverket's allmänna råd on systematiskt kvalitetsarbete (domain.md: the cycle
ends in an assessment of what the measures achieved); Kiruna's auditors
(docplayer.se/28882834) criticised a nämnd that did not follow up its quality work in a
structured way.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import append, replace_in, rule_messages, write

REPORT = "plans/2025-26/kvalitetsrapport.md"
EARLIER = "plans/insatser/lästid-2024.yaml"
EARLIER_TEXT = """\
titel: Gemensam lästid
syfte: Mer lästid i åk 1–3.
mål: [Alla klasser läser 20 minuter om dagen.]
åtgärder: [Lästid efter lunch.]
ansvarig: förvaltningschef
verksamhetsformer: [grundskola]
grundas_på: ["Huvudmannens kvalitetsrapport 2023/24: läsförståelsen sjönk."]
period: {start: 2024-08, slut: 2025-06}
status: avslutad
"""


def test_last_years_insats_without_an_assessed_effect(repo: Path) -> None:
    write(repo, EARLIER, EARLIER_TEXT)
    assert rule_messages(repo, "AR-kontinuitet-effekt") == [
        (
            REPORT,
            25,
            "Rapporten bedömer inte effekten av förra läsårets (2024/25) insatser "
            "'Gemensam lästid'.",
        )
    ]
    # The report judges it by name: the finding clears.
    replace_in(
        repo,
        REPORT,
        "Nedgången beror sannolikt på att lästiden minskat.",
        "Nedgången beror sannolikt på att lästiden minskat när Gemensam lästid avslutades.",
    )
    assert rule_messages(repo, "AR-kontinuitet-effekt") == []


def test_an_effect_in_the_insats_file_counts(repo: Path) -> None:
    write(repo, EARLIER, EARLIER_TEXT)
    append(repo, EARLIER, "effekt: Läsflytet ökade i klasserna som höll lästiden.\n")
    assert rule_messages(repo, "AR-kontinuitet-effekt") == []


WHEEL = "plans/arshjul.yaml"
ONE_POINT = """\
  - id: kvalitetsrapport-till-nämnden
    namn: Huvudmannens kvalitetsrapport till nämnden
    typ: rapport
    när: oktober
    nivå: huvudman
    ansvarig: [förvaltningschef]
"""
SECOND_POINT = """\
  - id: delårsrapport-till-nämnden
    namn: Resultat från höstterminen redovisas för nämnden
    typ: uppföljning
    när: mars
    nivå: huvudman
    ansvarig: [förvaltningschef]
"""


def test_the_board_hears_results_once_a_year(repo: Path) -> None:
    """Kiruna's auditors: the nämnd did not follow up in a structured way; the allmänna
    råd ask for a continuous quality work (domain.md). One reporting point a year is
    criticised; a second during the year remedies it."""
    replace_in(repo, "plans/huvudman.yaml", "frekvens: Två gånger per år", "frekvens: Årligen")
    append(repo, WHEEL, ONE_POINT)
    assert [m for _, _, m in rule_messages(repo, "AR-kontinuitet-namnd")] == [
        "Nämnden får resultat bara en gång per år i årshjulet (Huvudmannens kvalitetsrapport "
        "till nämnden)."
    ]
    append(repo, WHEEL, SECOND_POINT)
    assert rule_messages(repo, "AR-kontinuitet-namnd") == []


def test_a_forum_with_the_board_twice_a_year_counts(repo: Path) -> None:
    append(repo, WHEEL, ONE_POINT)
    assert rule_messages(repo, "AR-kontinuitet-namnd") == []  # kvalitetsdialog, twice a year


def test_one_board_event_at_two_times_of_the_year_counts_twice(repo: Path) -> None:
    """Svenljunga's kvalitetsdialog with the nämnd in autumn and spring is one event with
    two times (as `ska init` writes it): two reporting points, not one."""
    replace_in(repo, "plans/huvudman.yaml", "frekvens: Två gånger per år", "frekvens: Årligen")
    append(repo, WHEEL, ONE_POINT.replace("när: oktober", "när: [oktober, mars]"))
    assert rule_messages(repo, "AR-kontinuitet-namnd") == []
    replace_in(repo, WHEEL, "när: [oktober, mars]", "när: oktober–mars")  # one period: once
    assert len(rule_messages(repo, "AR-kontinuitet-namnd")) == 1
