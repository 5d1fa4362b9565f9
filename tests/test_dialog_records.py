"""Dialog records: plans/<läsår>/dialoger/<id>.yaml, the rule that each unit took part
in the dialogs its preset requires, and the agreements in the reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.checks.minimal import DIALOG_RECORD, DIALOG_RECORD_TEXT
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from tests.conftest import findings, html_text, rule_findings, write

RULE = "LOK-dialoger-genomforda"
VETLANDA = "förinställningar: [vetlanda]\n"
FOLLOW_UP = """\
uppföljning_av_tidigare:
  - dialog: resultatdialog-2025
    överenskommelse: skrivande
    status: pågår
    kommentar: Skrivuppgifterna är införda i åk 4–6, inte ännu i åk 1–3.
"""


def test_record_is_a_known_kind_that_validates(repo: Path) -> None:
    write(repo, DIALOG_RECORD, DIALOG_RECORD_TEXT)
    assert findings(repo, DIALOG_RECORD) == []
    write(repo, DIALOG_RECORD, DIALOG_RECORD_TEXT.replace("datum:", "dag:"))
    assert {f.rule for f in findings(repo, DIALOG_RECORD)} >= {"SCHEMA-okänd-nyckel"}


def test_rule_is_off_without_the_preset(repo: Path) -> None:
    assert rule_findings(repo, RULE) == []


def test_unit_without_record_after_the_dialog_is_a_finding(repo: Path) -> None:
    write(repo, "ska.yaml", VETLANDA)
    (repo / DIALOG_RECORD).unlink()
    # The förutsättningsdialog is in September: not asked for before it is over.
    assert rule_findings(repo, RULE, today=dt.date(2025, 9, 20)) == []
    found = rule_findings(repo, RULE, today=dt.date(2025, 10, 2))
    assert [(f.path, f.severity.value) for f in found] == [("plans/2025-26/dialoger/", "fel")]
    assert "Testskolan" in found[0].message
    assert "förutsättningsdialog" in found[0].message


def test_record_naming_the_unit_passes(repo: Path) -> None:
    write(repo, "ska.yaml", VETLANDA)
    write(repo, DIALOG_RECORD, DIALOG_RECORD_TEXT)
    assert rule_findings(repo, RULE, today=dt.date(2025, 10, 2)) == []
    # A record for another event or another unit does not count.
    write(repo, DIALOG_RECORD, DIALOG_RECORD_TEXT.replace("[testskolan]", "[byskolan]"))
    assert len(rule_findings(repo, RULE, today=dt.date(2025, 10, 2))) == 1


def test_record_outside_the_dialogs_time_is_a_finding(repo: Path) -> None:
    """Vetlanda holds the förutsättningsdialog in September: one in October is not it."""
    write(repo, "ska.yaml", VETLANDA)
    assert "datum: 2025-09-18" in DIALOG_RECORD_TEXT
    write(repo, DIALOG_RECORD, DIALOG_RECORD_TEXT.replace("2025-09-18", "2025-10-20"))
    found = rule_findings(repo, RULE, today=dt.date(2025, 10, 22))
    assert [(f.path, f.line, f.severity.value) for f in found] == [(DIALOG_RECORD, 2, "fel")]
    assert "20 oktober 2025, utanför årshjulets tid" in found[0].message
    # Before the dialog's time is over, a record dated outside it is a finding all the same.
    assert len(rule_findings(repo, RULE, today=dt.date(2025, 9, 20))) == 1


def test_reports_show_the_dialogs_and_agreements(repo: Path, tmp_path: Path) -> None:
    write(repo, DIALOG_RECORD, DIALOG_RECORD_TEXT + FOLLOW_UP)
    out = tmp_path / "bygg"
    result = build(
        repo,
        BuildOptions(
            folder=out,
            years=[SchoolYear(2025)],
            formats=("html",),
            kinds=("enhetsrapport", "huvudmannarapport"),
            today=dt.date(2026, 8, 15),
        ),
    )
    assert result.ok, result.findings
    for path in (
        "2025-26/testskolan/kvalitetsrapport.html",
        "2025-26/huvudman/grundskola/kvalitetsrapport.html",
    ):
        text = html_text(out / path)
        assert "Dialoger med huvudmannen" in text, path
        assert "18 september 2025" in text
        assert "Förutsättningsdialog" in text
        assert "Lästiden följs upp i processdialogen med screeningen från december." in text
        assert "Uppföljning av tidigare överenskommelser" in text
        assert "Pågår" in text
        assert "Skrivuppgifterna är införda i åk 4–6" in text


def test_references_in_a_record_must_resolve(repo: Path) -> None:
    write(
        repo,
        DIALOG_RECORD,
        DIALOG_RECORD_TEXT.replace(
            "händelse: förutsättningsdialog", "händelse: förutsättnings"
        ).replace("  - roll: utvecklingsledare", "  - roll: utvecklingsledar")
        + "uppföljning_av_tidigare:\n  - dialog: saknas\n    överenskommelse: x\n"
        "    status: pågår\n",
    )
    found = findings(repo, DIALOG_RECORD)
    assert [(f.rule, f.line) for f in found] == [
        ("REF-okänd", 1),
        ("REF-okänd", 7),
        ("REF-okänd", 15),
    ]
    assert "Menade du 'förutsättningsdialog'?" in (found[0].hint or "")


def test_follow_up_event_of_the_goals_must_exist(repo: Path) -> None:
    text = (repo / "plans/mal.yaml").read_text(encoding="utf-8")
    write(repo, "plans/mal.yaml", text.replace("mål:\n", "följs_upp_vid: bokslut\nmål:\n", 1))
    assert [(f.rule, f.line) for f in findings(repo, "plans/mal.yaml")] == [("REF-okänd", 4)]
