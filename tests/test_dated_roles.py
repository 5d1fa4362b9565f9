"""Roles, skolchefer and the ansvarsfördelning carry periods, like rektorer.

A document is compared with the holder of a role at its own date, and a läsår is judged
by the skolchefer and the ansvarsfördelning that applied during it. The plain forms (no
dates, no holders) keep working.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ska.load.repository import Repository
from ska.model.organiser import Organiser
from ska.model.types import SchoolYear
from ska.schema_export import render_schemas
from tests.conftest import findings, replace_in, rule_messages

ORGANISER = "plans/huvudman.yaml"
REPORT = "plans/2025-26/kvalitetsrapport.md"
EARLIER = "plans/2024-25/kvalitetsrapport.md"
RULE = "AR-ansvarig-innehavare"
ROLE = "  - id: förvaltningschef\n    namn: Förvaltningschef\n"


def _holders(repo: Path, text: str) -> None:
    replace_in(repo, ORGANISER, ROLE, ROLE + text)


def _earlier_report(repo: Path, responsible: str) -> None:
    text = (repo / REPORT).read_text(encoding="utf-8")
    text = text.replace("ansvarig: Eva Ek", f"ansvarig: {responsible}")
    (repo / EARLIER).parent.mkdir(parents=True, exist_ok=True)
    (repo / EARLIER).write_text(text.replace("2026-09-20", "2025-09-20"), encoding="utf-8")


def test_without_holders_the_rule_says_nothing(repo: Path) -> None:
    replace_in(repo, REPORT, "ansvarig: Eva Ek", "ansvarig: Okänd Person")
    assert rule_messages(repo, RULE) == []


def test_a_plain_holder(repo: Path) -> None:
    _holders(repo, "    innehavare: Eva Ek\n")
    assert rule_messages(repo, RULE) == []
    replace_in(repo, REPORT, "ansvarig: Eva Ek", "ansvarig: Per Lund")
    assert rule_messages(repo, RULE) == [
        (
            REPORT,
            2,
            "Ansvarig är Per Lund, som inte har någon roll i huvudman.yaml 2026-09-20 "
            "(rapportens datum).",
        )
    ]
    # A role named as ansvarig is enough.
    replace_in(repo, REPORT, "ansvarig: Per Lund", "ansvarig: förvaltningschef")
    assert rule_messages(repo, RULE) == []


def test_each_report_is_compared_with_the_holder_at_its_date(repo: Path) -> None:
    _holders(
        repo,
        "    innehavare:\n      - {namn: Per Lund, till: 2026-06-30}\n"
        "      - {namn: Eva Ek, från: 2026-07-01}\n",
    )
    _earlier_report(repo, "Per Lund")
    assert rule_messages(repo, RULE) == []
    assert rule_messages(repo, RULE, "2024/25", dt.date(2025, 10, 1)) == []
    # Per Lund signs the 2025/26 report after he left the role.
    replace_in(repo, REPORT, "ansvarig: Eva Ek", "ansvarig: Per Lund")
    assert rule_messages(repo, RULE) == [
        (
            REPORT,
            2,
            "Ansvarig är Per Lund, men Per Lund hade rollen förvaltningschef till "
            "2026-06-30, inte 2026-09-20 (rapportens datum); då hade Eva Ek rollen.",
        )
    ]


def _chief_until(repo: Path, end: str) -> None:
    replace_in(
        repo, ORGANISER, "    omfattning: [alla]\n", f"    omfattning: [alla]\n    till: {end}\n"
    )


def test_a_skolchef_counts_for_the_läsår_of_the_appointment(repo: Path) -> None:
    _chief_until(repo, "2024-06-30")
    assert rule_messages(repo, "SL2-8a-skolchef", "2023/24", dt.date(2024, 8, 1)) == []
    assert rule_messages(repo, "SL2-8a-skolchef") == [
        (
            ORGANISER,
            35,
            "Ingen skolchef var utsedd för förskoleklass, grundskola och fritidshem under "
            "läsåret 2025/26: förordnandet för förvaltningschef gällde till 2024-06-30.",
        )
    ]
    # The successor's appointment from 1 July 2024 covers the later läsår.
    replace_in(
        repo,
        ORGANISER,
        "ansvarsfördelning:",
        "  - roll: utvecklingsledare\n    omfattning: [alla]\n    från: 2024-07-01\n"
        "    beslut: {organ: Barn- och utbildningsnämnden, datum: 2024-06-11, paragraf: § 50}\n"
        "ansvarsfördelning:",
    )
    assert rule_messages(repo, "SL2-8a-skolchef") == []


_DATED = (
    "ansvarsfördelning:\n"
    "  - till: 2024-06-30\n"
    "    huvudman: [Efterfrågar enheternas analyser.]\n"
    "    rektor: [Leder kvalitetsarbetet på enheten.]\n"
)


def test_the_ansvarsfördelning_of_the_läsår(repo: Path) -> None:
    old = (
        "ansvarsfördelning:\n"
        "  huvudman: [Efterfrågar enheternas analyser och fördelar resurser efter behov.]\n"
        "  rektor: [Leder kvalitetsarbetet på enheten.]\n"
    )
    replace_in(repo, ORGANISER, old, _DATED)
    assert rule_messages(repo, "AR-ansvarsfordelning", "2023/24", dt.date(2024, 8, 1)) == []
    assert [m for _, _, m in rule_messages(repo, "AR-ansvarsfordelning")] == [
        "Ingen ansvarsfördelning gällde under läsåret 2025/26 (de som finns gäller till "
        "2024-06-30)."
    ]
    replace_in(
        repo,
        ORGANISER,
        _DATED,
        _DATED + "  - från: 2024-07-01\n    huvudman: [Fördelar resurser efter behov.]\n"
        "    rektor: [Leder kvalitetsarbetet och analyserar resultaten.]\n",
    )
    assert rule_messages(repo, "AR-ansvarsfordelning") == []
    organiser = Repository(repo).model(ORGANISER, Organiser)
    assert organiser is not None
    latest = organiser.responsibilities_on(None)
    assert latest is not None
    assert latest.organiser == ["Fördelar resurser efter behov."]
    on_day = organiser.responsibilities_on(dt.date(2024, 1, 1))
    assert on_day is not None
    assert on_day.organiser == ["Efterfrågar enheternas analyser."]
    assert len(organiser.responsibilities_in(SchoolYear(2023))) == 1
    assert findings(repo, ORGANISER) == []


def test_the_schema_takes_a_plain_holder_or_a_list() -> None:
    organiser = json.loads(render_schemas()["huvudman.schema.json"])
    holders = organiser["$defs"]["Role"]["properties"]["innehavare"]
    assert [option.get("type") for option in holders["anyOf"]] == ["string", "array"]


ROUTINE = "plans/klagomalsrutin.md"


def test_a_läsår_is_judged_by_the_routine_in_force_then(repo: Path) -> None:
    replace_in(repo, ROUTINE, "ansvarig:", "till: 2024-06-30\nansvarig:")
    assert rule_messages(repo, "SL4-8-klagomalsrutin", "2023/24", dt.date(2024, 8, 1)) == []
    assert [m for _, _, m in rule_messages(repo, "SL4-8-klagomalsrutin")] == [
        "Klagomålsrutinen gällde till 2024-06-30, inte under läsåret 2025/26."
    ]
    replace_in(repo, ROUTINE, "till: 2024-06-30\n", "från: 2026-08-01\n")
    assert [m for _, _, m in rule_messages(repo, "SL4-8-klagomalsrutin")] == [
        "Klagomålsrutinen gällde från 2026-08-01, inte under läsåret 2025/26."
    ]
    assert rule_messages(repo, "SL4-8-klagomalsrutin", "2026/27", dt.date(2027, 8, 1)) == []
