"""Small-group suppression: primary for small groups, secondary for their complement."""

from __future__ import annotations

from ska.model.results import ResultRow
from ska.suppression import Reason, decide


def row(gender: str, total: int, term: str = "vt2026", group: str = "åk 2") -> ResultRow:
    return ResultRow.model_validate(
        {
            "mått": "Läsflyt",
            "termin": term,
            "grupp": group,
            "kön": gender,
            "antal": total // 2,
            "totalt": total,
        }
    )


def test_large_groups_are_shown() -> None:
    assert decide([row("flickor", 19), row("pojkar", 21), row("alla", 40)], 10).hidden == {}


def test_small_group_and_its_complement_are_hidden_when_the_total_is_shown() -> None:
    rows = [row("flickor", 4), row("pojkar", 21), row("alla", 25)]
    assert decide(rows, 10).hidden == {0: Reason.PRIMARY, 1: Reason.SECONDARY}


def test_complement_is_shown_without_a_total() -> None:
    assert decide([row("pojkar", 21), row("flickor", 4)], 10).hidden == {1: Reason.PRIMARY}


def test_a_hidden_total_hides_nothing_more() -> None:
    rows = [row("flickor", 4), row("pojkar", 5), row("alla", 9)]
    assert decide(rows, 10).hidden == dict.fromkeys(range(3), Reason.PRIMARY)


def test_only_the_same_measure_term_and_group_count() -> None:
    rows = [
        row("flickor", 4),
        row("alla", 25),
        row("pojkar", 21, term="ht2025"),
        row("alla", 40, term="ht2025"),
        row("pojkar", 21, group="åk 3"),
        row("alla", 40, group="åk 3"),
    ]
    assert decide(rows, 10).hidden == {0: Reason.PRIMARY}


def test_threshold_is_a_parameter() -> None:
    rows = [row("flickor", 4), row("pojkar", 21), row("alla", 25)]
    assert decide(rows, 4).hidden == {}
    assert decide(rows, 22).hidden == {0: Reason.PRIMARY, 1: Reason.PRIMARY}
