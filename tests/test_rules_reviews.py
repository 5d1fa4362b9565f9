"""External reviews: a brist from Skolinspektionen or the auditors that persists.

Sources: Skolinspektionen's decision after follow-up for Järfälla kommun (Aspnässkolan,
2018, docplayer.se/117952244): a föreläggande vid vite of 10 May 2017 with a deadline of
31 October 2017, most brister found again on 13 February 2018 and a new föreläggande with
a later deadline; Skolinspektionen's page "Efter inspektion" (skolinspektionen.se): the
huvudman reports what it did by the date set, with evidence, or risks a vite.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import replace_in, rule_messages, write

REVIEW = "plans/granskningar/skolinspektionen-2025.yaml"
REMEDIED = (
    "    status: åtgärdad\n    åtgärdad: 2025-10-20\n"
    '    belägg: "Nämndens protokoll 2025-10-20 § 91: redovisning till Skolinspektionen."\n'
)
OPEN = "    status: öppen\n"
LATER = "plans/granskningar/skolinspektionen-2026.yaml"
LATER_TEXT = """\
granskare: skolinspektionen
typ: föreläggande_med_vite
titel: Beslut efter uppföljning
datum: 2026-02-13
vite: 250000
sista_dag: 2026-09-17
brister:
  - id: analys-fritidshem
    beskrivning: Resultaten för fritidshemmet analyseras fortfarande inte.
    skolform: fritidshem
    tidigare: skolinspektionen-2025/analys-per-skolform
    åtgärder: [läslyftet]
    status: öppen
"""


def test_an_open_brist_after_its_deadline(repo: Path) -> None:
    """A föreläggande's brist still open after the deadline (Järfälla 2017–2018)."""
    replace_in(repo, REVIEW, REMEDIED, OPEN)
    assert rule_messages(repo, "GR-brist-kvarstar", today=dt.date(2025, 11, 1)) == []
    assert rule_messages(repo, "GR-brist-kvarstar") == [
        (
            REVIEW,
            13,
            "Bristen 'analys-per-skolform' (Skolinspektionen 2025-05-12) är fortfarande "
            "öppen; sista dag var 2025-11-30.",
        )
    ]
    # Remedied with a date and evidence: the finding clears.
    replace_in(repo, REVIEW, OPEN, REMEDIED)
    assert rule_messages(repo, "GR-brist-kvarstar") == []


def test_remedied_needs_date_and_evidence(repo: Path) -> None:
    """Skolinspektionen asks for evidence of what was done ("Efter inspektion")."""
    replace_in(repo, REVIEW, "    åtgärdad: 2025-10-20\n", "")
    assert [m for _, _, m in rule_messages(repo, "GR-brist-kvarstar")] == [
        "Bristen 'analys-per-skolform' är markerad åtgärdad men saknar datum eller belägg."
    ]


def test_an_action_must_be_an_insats(repo: Path) -> None:
    replace_in(repo, REVIEW, "[läslyftet]", "[läslyft]")
    assert [m for _, _, m in rule_messages(repo, "GR-brist-kvarstar")] == [
        "Bristen 'analys-per-skolform' hänvisar till insatsen 'läslyft', som inte finns."
    ]


def test_a_brist_found_again(repo: Path) -> None:
    """Järfälla: a follow-up decision found most brister remaining and set a new vite."""
    write(repo, LATER, LATER_TEXT)
    assert rule_messages(repo, "GR-brist-aterkommer") == [
        (
            LATER,
            11,
            "Bristen 'analys-fritidshem' återkommer: den fanns redan i granskningen "
            "skolinspektionen-2025 (2025-05-12).",
        )
    ]
    # Before its own deadline the later brist is not yet overdue, only recurring.
    assert rule_messages(repo, "GR-brist-kvarstar") == []
    replace_in(
        repo,
        LATER,
        "    status: öppen\n",
        "    status: åtgärdad\n    åtgärdad: 2026-06-01\n"
        "    belägg: Kvalitetsrapporten 2025/26 analyserar fritidshemmet.\n",
    )
    assert rule_messages(repo, "GR-brist-aterkommer") == []


def test_an_earlier_reference_must_exist(repo: Path) -> None:
    write(repo, LATER, LATER_TEXT.replace("skolinspektionen-2025/", "skolinspektionen-2024/"))
    assert [m for _, _, m in rule_messages(repo, "GR-brist-aterkommer")] == [
        "tidigare: 'skolinspektionen-2024/analys-per-skolform' är ingen brist i en äldre "
        "granskning."
    ]
