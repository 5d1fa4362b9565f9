"""One reading of a time everywhere it is written: the årshjul's `när`, an activity's
`när` and dates, with the corrected value in the message where it can be guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ska.model.year_wheel import correction
from tests.conftest import brief, findings, replace_in

PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
WHEEL = "plans/arshjul.yaml"
ACTIVITY = "            förväntat_resultat: Eleverna läser mer och med bättre flyt.\n"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("15/6", "15 juni"),
        ("jan-mars", "januari–mars"),
        ("hösten", "ht"),
        ("VT 26", "vt2026"),
        ("31 november", "30 november"),
        ("sept", "september"),
        ("15/6 och 20/6", "15 juni och 20 juni"),
    ],
)
def test_a_time_meant_but_not_readable_is_corrected(written: str, meant: str) -> None:
    assert correction(written) == meant


@pytest.mark.parametrize(
    "written", ["löpande", "varannan vecka", "från v. 36", "september", "v. 45–47", "läsåret"]
)
def test_free_text_and_readable_times_are_left_alone(written: str) -> None:
    assert correction(written) is None


def test_an_activity_time_is_read_as_the_year_wheel_reads_it(repo: Path) -> None:
    replace_in(repo, PLAN, ACTIVITY, ACTIVITY + "            när: jan-mars\n")
    (finding,) = findings(repo, PLAN)
    assert brief([finding]) == [(PLAN, 15, 18, "SCHEMA-värde")]
    assert "'jan-mars' går inte att läsa som en tidpunkt" in finding.message
    assert "årshjulet och kalendern" in finding.message
    assert "första aktiviteten" in finding.message
    assert finding.hint.startswith("Menade du 'januari–mars'?")


def test_an_activity_with_free_text_is_fine(repo: Path) -> None:
    replace_in(repo, PLAN, ACTIVITY, ACTIVITY + "            när: löpande\n")
    assert findings(repo, PLAN) == []


def test_the_year_wheel_says_what_was_meant(repo: Path) -> None:
    replace_in(repo, WHEEL, "när: 30 juni", "när: 30/6")
    (finding,) = findings(repo, WHEEL)
    assert finding.rule == "SCHEMA-värde"
    assert finding.hint.startswith("Menade du '30 juni'?")


def test_a_date_that_does_not_exist_is_one_swedish_message(repo: Path) -> None:
    replace_in(repo, PLAN, "datum: 2025-09-10", "datum: 2026-11-31")
    (finding,) = findings(repo, PLAN)
    assert brief([finding]) == [(PLAN, 2, 8, "YAML-värde")]
    assert finding.message == "Datumet 2026-11-31 finns inte: november 2026 har 30 dagar."
    assert finding.hint == "Menade du 2026-11-30?"
