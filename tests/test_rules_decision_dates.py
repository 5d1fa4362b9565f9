"""A decision dated after the läsår's end does not count for that läsår.

A routine, a skolchef or a nämnd's decision about an insats that was only decided after
the läsår ended did not exist while the läsår ran, even though the file is in the
repository today. Sources: skollagen 4 kap. 8 § (written complaint routines) and 2 kap.
8 a § (skolchef); Skolinspektionen's flying inspection of every kommun's complaint
handling (published 15 March 2012) found that one kommun in four had no written routine
for complaints, so a routine that came later is exactly what a reviewer asks about.
"""

from __future__ import annotations

from pathlib import Path

from ska.rules.catalog import rules_by_id
from tests.conftest import replace_in, rule_messages

ROUTINE = "plans/klagomalsrutin.md"
ORGANISER = "plans/huvudman.yaml"
LÄSLYFTET = "plans/insatser/läslyftet.yaml"
DECIDED_2024 = 'beslut: {organ: Barn- och utbildningsnämnden, datum: 2024-02-20, paragraf: "§ 12"}'
DECIDED_LATE = 'beslut: {organ: Barn- och utbildningsnämnden, datum: 2026-09-15, paragraf: "§ 88"}'


def test_a_complaints_routine_decided_after_the_läsår_does_not_count(repo: Path) -> None:
    """Criticised: the kommun wrote its first routine in September 2026, after a review;
    the läsår 2025/26 had none."""
    replace_in(repo, ROUTINE, DECIDED_2024, DECIDED_LATE)
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == [
        (
            ROUTINE,
            3,
            "Klagomålsrutinen beslutades 2026-09-15, efter läsåret 2025/26, och räknas "
            "därför inte för det läsåret.",
        )
    ]
    # It counts for the läsår it was decided in.
    assert rule_messages(repo, "SL4-8-klagomalsrutin", "2026/27") == []


def test_a_revised_routine_keeps_its_earlier_decision(repo: Path) -> None:
    """Remedied: the routine was revised in September 2026, and the version decided in
    2024 is named, so 2025/26 had a routine."""
    replace_in(
        repo,
        ROUTINE,
        DECIDED_2024,
        DECIDED_LATE + "\ntidigare_beslut:\n"
        '  - {organ: Barn- och utbildningsnämnden, datum: 2024-02-20, paragraf: "§ 12"}',
    )
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == []


def test_a_routine_decided_on_the_läsårs_last_day_counts(repo: Path) -> None:
    replace_in(repo, ROUTINE, "datum: 2024-02-20, paragraf", "datum: 2026-06-30, paragraf")
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == []
    replace_in(repo, ROUTINE, "datum: 2026-06-30, paragraf", "datum: 2026-07-01, paragraf")
    assert [m for _, _, m in rule_messages(repo, "SL4-8-klagomalsrutin")] == [
        "Klagomålsrutinen beslutades 2026-07-01, efter läsåret 2025/26, och räknas därför "
        "inte för det läsåret."
    ]


def test_a_skolchef_appointed_after_the_läsår_does_not_count(repo: Path) -> None:
    replace_in(repo, ORGANISER, "datum: 2019-01-15", "datum: 2026-08-20")
    assert rule_messages(repo, "SL2-8a-skolchef") == [
        (
            ORGANISER,
            37,
            "Ingen skolchef var utsedd för förskoleklass, grundskola och fritidshem under "
            "läsåret 2025/26: beslutet om skolchef (2026-08-20) kom efter läsårets slut och "
            "räknas inte för det läsåret.",
        )
    ]
    assert rule_messages(repo, "SL2-8a-skolchef", "2026/27") == []
    # Remedied: the role was appointed before, the 2026 decision renewed it.
    replace_in(
        repo,
        ORGANISER,
        '      paragraf: "§ 3"\n',
        '      paragraf: "§ 3"\n    tidigare_beslut:\n'
        '      - {organ: Barn- och utbildningsnämnden, datum: 2019-01-15, paragraf: "§ 3"}\n',
    )
    assert rule_messages(repo, "SL2-8a-skolchef") == []


def test_a_board_decision_after_the_läsår_does_not_count_for_it(repo: Path) -> None:
    """Skolinspektionen asks whether the huvudman acted on its analysis while the läsår
    ran; a nämnd decision from the autumn after does not show that."""
    decided = (
        "beslutad_av: nämnd\nbeslut: {organ: Barn- och utbildningsnämnden, "
        'datum: 2026-10-20, paragraf: "§ 101"}\n'
    )
    path = repo / LÄSLYFTET
    path.write_text(path.read_text(encoding="utf-8") + decided, encoding="utf-8")
    assert [m for _, _, m in rule_messages(repo, "SL4-3-insats-beslut")] == [
        "Insatsen 'läslyftet' pågick under läsåret 2025/26, men nämndens beslut (2026-10-20) "
        "kom efter läsårets slut och räknas inte för det läsåret."
    ]
    # Remedied: the decision the nämnd took in December 2025.
    replace_in(repo, LÄSLYFTET, "datum: 2026-10-20", "datum: 2025-12-16")
    assert rule_messages(repo, "SL4-3-insats-beslut") == []


def test_the_rules_say_a_late_decision_does_not_count() -> None:
    rules = rules_by_id()
    for rule_id in ("SL4-8-klagomalsrutin", "SL2-8a-skolchef", "SL4-3-insats-beslut"):
        assert "efter läsårets slut" in rules[rule_id].explanation, rule_id
