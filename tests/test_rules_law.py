"""Law rules: each passes on the minimal repository and fails on a precise change."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import rule_messages, write


def test_complaints_routine_passes(repo: Path) -> None:
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == []


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
        "ansvarig: förvaltningschef\ndatum: 2024-02-20\npublicerad: {}\n---\nText.\n",
    )
    assert rule_messages(repo, "SL4-8-klagomalsrutin") == [
        (
            "plans/klagomalsrutin.md",
            6,
            "Det står inte hur allmänheten får veta om klagomålsrutinen.",
        )
    ]
